// The runtime seam on DuckDB (issue 12): for a plan whose phase 2 can run on sums
// (runtime/engine/seam.ts), the credit lines are computed inside the engine and stay there
// (never stored); what crosses into JavaScript is, per rep and period, the credit and each
// component's sums (compiler/sql/seam.ts), and the lines of the deals a clawback event names
// and those outside the plan periods (the runtime warns of them). Rows handed back to the runtime
// or filters reading an empty value: the caller reads every line instead (the runtime reports
// those), never another figure.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { PlanIR } from '../../runtime/ir.js';
import type { PrecomputedCredits } from '../../runtime/evaluate.js';
import { eachRow, EngineSums } from './sums.js';
import { seamPlan } from '../../runtime/engine/seam.js';
import { DUCKDB } from '../sql/dialect.js';
import { Unsupported } from '../sql/cte.js';
import { seamLines, seamSums } from '../sql/seam.js';
import { readCreditLines } from './rows.js';

export type SeamOutcome = { ok: true; credits: PrecomputedCredits; aggregates: EngineSums } | { ok: false; why: string };

/** The sums and the named deals' lines over the plan's tables in the connection's schema. */
export async function seamCredits(conn: DuckDBConnection, ir: PlanIR, narrowed?: (table: string, keys: string) => string | undefined): Promise<SeamOutcome> {
  const plan = seamPlan(ir);
  if (!plan.ok) return { ok: false, why: plan.why };
  const d = DUCKDB;
  const comps = plan.components.filter((c) => c.measure || c.bonus).map((c) => ({ k: ir.components.find((x) => x.name === c.name)!, s: c }));
  let sql: string;
  try {
    sql = seamSums(ir, d, comps);
  } catch (e) {
    if (e instanceof Unsupported) return { ok: false, why: e.construct };
    throw e;
  }
  // read a chunk at a time into compact columns (./sums.ts): the runtime makes a period's
  // Decimals at its turn
  const out = new EngineSums(comps.map(({ s }) => ({ name: s.name, bonus: !!s.bonus })));
  let outside = false;
  let handedBack = false;
  let empty: string | undefined;
  const t = Date.now();
  await eachRow(conn, sql, (r) => {
    if (Number(r[3]) > 0) handedBack = true;
    if (r[0] === null) outside = true; // lines outside the plan periods: read as lines below
    else for (const [i, { s }] of comps.entries()) if (Number(r[4 + 4 * i + 3]) > 0) empty ??= `an empty value in a filter of component ${s.name}`;
    if (!handedBack && !empty && r[0] !== null) out.add(String(r[0]), String(r[1]), [String(r[2]), ...comps.flatMap((_, i) => [String(r[4 + 4 * i]), String(r[4 + 4 * i + 2])])], comps.map((_, i) => Number(r[4 + 4 * i + 1])));
  });
  if (process.env.COMP_ENGINE_TRACE) process.stderr.write(`engine: sums read in ${Date.now() - t} ms: ${sql.split('\n').slice(-3).join(' ').slice(0, 80)}\n`);
  if (handedBack) return { ok: false, why: 'rows handed back to the runtime' };
  if (empty) return { ok: false, why: empty };
  const schema = String((await conn.runAndReadAll('SELECT current_schema()')).getRows()[0]![0]);
  const lines = seamLines(ir, d, { outside, schema, ...(narrowed ? { narrowed } : {}) });
  const t1 = Date.now();
  const u = process.cpuUsage();
  const credits = await readCreditLines(conn, lines);
  const c = process.cpuUsage(u);
  if (process.env.COMP_ENGINE_TRACE) process.stderr.write(`engine: lines ${Date.now() - t1} ms wall ${Math.round((c.user + c.system) / 1000)} ms cpu${process.env.COMP_ENGINE_TRACE === 'sql' ? `: ${lines}` : ''}\n`);
  return { ok: true, credits, aggregates: out };
}
