// `comp run --period` / `--from` / `--to`: a key that is not a period, or a range outside the
// plan, is a usage error (exit 2), as in `comp explain`; never a silent run of every period.
import { describe, expect, it } from 'vitest';
import { FX, comp } from './helpers.js';

const PLAN = `${FX}/split/plan.comp`;
const DATA = `${FX}/split/data`;

describe('comp run period usage errors', { timeout: 60_000 }, () => {
  it('a key that is not a period: exit 2', () => {
    for (const key of ['2017-13', 'banana']) {
      const r = comp(['run', PLAN, '--data', DATA, '--period', key]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`\`${key}\` is not a period`);
    }
  });
  it('a period outside the plan: exit 2', () => {
    const r = comp(['run', PLAN, '--data', DATA, '--period', '2030-01']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("`2030-01` is outside the plan's periods");
  });
});

describe('comp run on a calendar table (docs/examples/calendar-table)', { timeout: 60_000 }, () => {
  const CAL = 'docs/examples/calendar-table/plan.comp';
  const CAL_DATA = 'docs/examples/calendar-table/data';
  it('takes the calendar keys as written', () => {
    const r = comp(['run', CAL, '--data', CAL_DATA, '--period', 'FY26-P02', '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ada,FY26-P02,component,commission,Commission,2000.00,2000');
    expect(r.stdout).not.toContain('FY26-P01');
  });
  it('refuses any other key with the calendar keys as a hint: exit 2', () => {
    const r = comp(['run', CAL, '--data', CAL_DATA, '--period', '2026-02']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("`2026-02` is not a period of the plan's calendar table");
    expect(r.stderr).toContain('FY26-P01, FY26-P02, FY26-P03');
  });
});
