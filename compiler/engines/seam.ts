// The runtime seam on DuckDB (issue 12): for a plan whose phase 2 can run on sums
// (runtime/engine/seam.ts), the credit lines are computed inside the engine and stay there
// (never stored); what crosses into JavaScript is, per rep and period, the credit and each
// component's sums (compiler/sql/seam.ts), and the lines of the deals a clawback event names
// and those outside the plan periods (the runtime warns of them). Rows handed back to the runtime
// or filters reading an empty value: the caller reads every line instead (the runtime reports
// those), never another figure.
import type { DuckDBConnection } from '@duckdb/node-api';
import { Decimal } from '../../runtime/decimal.js';
import type { PlanIR } from '../../runtime/ir.js';
import type { PrecomputedCredits } from '../../runtime/evaluate.js';
import type { ComponentAggregate, CreditAggregates, PartialCredit } from '../../runtime/engine/measures.js';
import { seamPlan } from '../../runtime/engine/seam.js';
import { DUCKDB } from '../sql/dialect.js';
import { Unsupported } from '../sql/cte.js';
import { seamLines, seamSums } from '../sql/seam.js';
import { readCreditLines, textRows } from './rows.js';

export type SeamOutcome = { ok: true; credits: PrecomputedCredits; aggregates: CreditAggregates } | { ok: false; why: string };

async function rows(conn: DuckDBConnection, sql: string): Promise<unknown[][]> {
  const t = Date.now();
  const u = process.cpuUsage();
  const r = await textRows(conn, sql);
  const c = process.cpuUsage(u);
  if (process.env.COMP_ENGINE_TRACE) process.stderr.write(`engine: query ${Date.now() - t} ms wall ${Math.round((c.user + c.system) / 1000)} ms cpu: ${process.env.COMP_ENGINE_TRACE === 'sql' ? sql : sql.split('\n').slice(-3).join(' ').slice(0, 80)}\n`);
  return r;
}

/** The sums and the named deals' lines over the plan's tables in the connection's schema. */
export async function seamCredits(conn: DuckDBConnection, ir: PlanIR, narrowed?: (table: string, keys: string) => string | undefined): Promise<SeamOutcome> {
  const plan = seamPlan(ir);
  if (!plan.ok) return { ok: false, why: plan.why };
  const d = DUCKDB;
  {
    const comps = plan.components.filter((c) => c.measure || c.bonus).map((c) => ({ k: ir.components.find((x) => x.name === c.name)!, s: c }));
    let sql: string;
    try {
      sql = seamSums(ir, d, comps);
    } catch (e) {
      if (e instanceof Unsupported) return { ok: false, why: e.construct };
      throw e;
    }
    const got = await rows(conn, sql);
    if (got.some((r) => Number(r[3]) > 0)) return { ok: false, why: 'rows handed back to the runtime' };
    const out: CreditAggregates = new Map();
    for (const r of got) {
      if (r[0] === null) continue; // lines outside the plan periods: read as lines below
      const period = String(r[0]);
      const partial: PartialCredit = { components: new Map() };
      for (const [i, { s }] of comps.entries()) {
        const at = 4 + 4 * i;
        if (r[0] !== null && Number(r[at + 3]) > 0) return { ok: false, why: `an empty value in a filter of component ${s.name}` };
        const sums: ComponentAggregate = { measure: new Decimal(String(r[at])), lines: Number(r[at + 1]) };
        if (s.bonus) sums.bonusWeight = new Decimal(String(r[at + 2]));
        partial.components.set(s.name, sums);
      }
      let m = out.get(period);
      if (!m) out.set(period, (m = new Map()));
      m.set(String(r[1]), { credit: new Decimal(String(r[2])), partial });
    }
    const schema = String((await rows(conn, 'SELECT current_schema()'))[0]![0]);
    const lines = seamLines(ir, d, { outside: got.some((r) => r[0] === null), schema, ...(narrowed ? { narrowed } : {}) });
    const t = Date.now();
    const u = process.cpuUsage();
    const credits = await readCreditLines(conn, lines);
    const c = process.cpuUsage(u);
    if (process.env.COMP_ENGINE_TRACE) process.stderr.write(`engine: lines ${Date.now() - t} ms wall ${Math.round((c.user + c.system) / 1000)} ms cpu${process.env.COMP_ENGINE_TRACE === 'sql' ? `: ${lines}` : ''}\n`);
    return { ok: true, credits, aggregates: out };
  }
}
