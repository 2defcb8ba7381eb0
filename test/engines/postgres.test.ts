// The postgres dialect on a real PostgreSQL server (Debian's, installed by scripts/engines/setup.sh,
// started here as an unprivileged cluster in a temporary folder): every plan that DuckDB runs is
// run again with its credit query compiled for PostgreSQL, and the runtime's output on those
// credit lines must be the default engine's, byte for byte; the measures of `comp sql --dialect
// postgres` must be the runtime's measures. Without a server the reason is a test named SKIPPED.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileCredits, compilePlanSql, creditQuery, SqlCompileError } from '../../compiler/sql/compile.js';
import { POSTGRES } from '../../compiler/sql/dialect.js';
import { compilePlan, evaluate } from '../../runtime/evaluate.js';
import { Decimal } from '../../runtime/decimal.js';
import { output, planCases, runtimeMeasures } from './cases.js';
import { enginesStatus } from './engines-status.js';
import { creditsOf, postgresRows, startPostgres, type PgServer } from './postgres-server.js';

const status = enginesStatus();
const { cases } = planCases();
let pg: PgServer | undefined;
let identical = 0;
let refused = 0;
let measured = 0;

if (!status.postgres) {
  describe('PostgreSQL', () => {
    it(`SKIPPED: no PostgreSQL server on this machine: ${status.postgresReason}`, () => {
      if (process.env.CI && process.env.COMP_REQUIRE_POSTGRES === '1') throw new Error(status.postgresReason);
    });
  });
} else {
  const server = status.postgres;
  beforeAll(() => {
    pg = startPostgres(server.bin, server.psql);
  });
  afterAll(() => {
    pg?.stop();
    console.log(`postgres differential: ${identical} plans identical on PostgreSQL, ${refused} refused (COMP9501), measures equal to the runtime's: ${measured}`);
  });

  describe('PostgreSQL pays what the default engine pays, and its measures are the runtime measures', () => {
    it('the server answers', () => {
      expect(pg!.psql('SELECT version();')).toMatch(/^PostgreSQL \d+/);
    });

    for (const c of cases) {
      it(c.name, () => {
        const compiled = compilePlan(c.ir);
        const run = evaluate(compiled, c.data);
        try {
          compileCredits(c.ir, POSTGRES);
        } catch (e) {
          if (!(e instanceof SqlCompileError)) throw e;
          refused++;
          return;
        }
        const sql = compilePlanSql(c.ir, POSTGRES);
        const withMeasures = sql.ctes.some((x) => x.name.endsWith('_measure')) && run.result;
        const [creditRows, measureRows] = postgresRows(pg!, c.ir, c.data, [creditQuery(c.ir, POSTGRES), ...(withMeasures ? [sql.text] : [])]);
        expect(output(evaluate(compiled, c.data, { credits: creditsOf(creditRows!) }))).toBe(output(run));
        identical++;
        if (!measureRows) return;
        const expected = runtimeMeasures(c, run.result!);
        for (const r of measureRows) {
          const k = `${String(r.component)} | ${String(r.rep)} | ${String(r.period)}`;
          const v = new Decimal(String(r.measure)).toFixed();
          expect(`${k}: ${expected.get(k) ?? 'none'}`).toBe(`${k}: ${v}`);
        }
        measured += measureRows.length;
      });
    }
  });
}
