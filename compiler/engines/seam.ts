// The runtime seam on DuckDB (issue 12): for a plan whose phase 2 can run on sums
// (runtime/engine/seam.ts), the credit lines are computed once into a table inside the engine
// and stay there; what crosses into JavaScript is, per rep and period, the credit and each
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
import { compileCredits, withClause } from '../sql/compile.js';
import { DUCKDB } from '../sql/dialect.js';
import { Unsupported } from '../sql/cte.js';
import { LINES_TABLE, seamChecks, seamCredit, seamLines, seamSums } from '../sql/seam.js';
import { readCreditLines } from './rows.js';

export type SeamOutcome = { ok: true; credits: PrecomputedCredits; aggregates: CreditAggregates } | { ok: false; why: string };

async function rows(conn: DuckDBConnection, sql: string): Promise<unknown[][]> {
  return (await conn.runAndReadAll(sql)).getRows() as unknown[][];
}

/** The sums and the named deals' lines over the plan's tables in the connection's schema. */
export async function seamCredits(conn: DuckDBConnection, ir: PlanIR): Promise<SeamOutcome> {
  const plan = seamPlan(ir);
  if (!plan.ok) return { ok: false, why: plan.why };
  const d = DUCKDB;
  await conn.run(`CREATE OR REPLACE TABLE ${d.ident(LINES_TABLE)} AS ${withClause(compileCredits(ir, d))}\nSELECT * FROM credits`);
  try {
    const [check] = await rows(conn, seamChecks(d));
    if (Number(check?.[0] ?? 0) > 0) return { ok: false, why: 'rows handed back to the runtime' };
    const out: CreditAggregates = new Map();
    const at = (period: string, rep: string): { credit: Decimal; partial: PartialCredit } => {
      let m = out.get(period);
      if (!m) out.set(period, (m = new Map()));
      let a = m.get(rep);
      if (!a) m.set(rep, (a = { credit: new Decimal(0), partial: { components: new Map() } }));
      return a;
    };
    for (const [period, rep, credit] of await rows(conn, seamCredit(ir, d))) at(String(period), String(rep)).credit = new Decimal(String(credit));
    for (const c of plan.components) {
      if (!c.measure && !c.bonus) continue;
      const k = ir.components.find((x) => x.name === c.name)!;
      let sql: string;
      try {
        sql = seamSums(ir, d, k, c);
      } catch (e) {
        if (e instanceof Unsupported) return { ok: false, why: `${e.construct} (component ${k.name})` };
        throw e;
      }
      const got = await rows(conn, sql);
      if (got.some((r) => Number(r[5]) > 0)) return { ok: false, why: `an empty value in a filter of component ${k.name}` };
      for (const [period, rep, measure, lines, weight] of got) {
        const s: ComponentAggregate = { measure: new Decimal(String(measure)), lines: Number(lines) };
        if (c.bonus) s.bonusWeight = new Decimal(String(weight));
        at(String(period), String(rep)).partial.components.set(c.name, s);
      }
    }
    const credits = await readCreditLines(conn, seamLines(ir, d));
    return { ok: true, credits, aggregates: out };
  } finally {
    await conn.run(`DROP TABLE IF EXISTS ${d.ident(LINES_TABLE)}`);
  }
}
