// Issue 8, rule 5 (rest): periods from a calendar table (a 4-4-5 retail calendar),
// docs/language.md section 2 "Calendar tables". The rows are the plan's periods, keyed as written
// in the calendar, read back from `period` cells, `--period` and the output; gaps and overlaps are
// errors at their row; what has no meaning on such periods is refused (COMP5259). Figures by hand.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../compiler/analysis.js';
import { loadDataset } from '../../compiler/data/load.js';
import { statementData } from '../../compiler/workbench/statement-data.js';
import { compilePlan, evaluate } from '../../runtime/evaluate.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatText } from '../../compiler/ide/format.js';
import { fixesFor } from '../../compiler/ide/code-actions.js';
import { codes, diagnostics, paid, run, stmt, traceTexts } from './helpers-g2.js';

// FY26 of a 4-4-5 retail year starting Sunday 2026-02-01: P01 4 weeks, P02 4 weeks, P03 5 weeks.
const CALENDAR = `calendar retail {
  "FY26-P01" from 2026-02-01 to 2026-02-28
  "FY26-P02" from 2026-03-01 to 2026-03-28
  "FY26-P03" from 2026-03-29 to 2026-05-02
}`;

const plan = (body: string, calendar = CALENDAR): string => `plan "Retail"
currency USD
periods from calendar retail

${calendar}

roster reps from "reps.csv" {
  id: text key
  hired: date
  employed from hired
}

table deals from "deals.csv" {
  id: text key
  owner: rep
  close_date: date
  amount: money
}

table quotas from "quotas.csv" {
  rep: rep
  period: period
  quota: money
}

credit deals
  amount deal.amount
  date deal.close_date
  to deal.owner

${body}
`;

const files = {
  'reps.csv': 'id,hired\nada,2025-01-01\nben,2026-03-15',
  // d2 on P02's last day, d3 on P03's first day; d5 after the calendar's last day
  'deals.csv': `id,owner,close_date,amount
    d1,ada,2026-02-10,10000
    d2,ada,2026-03-28,20000
    d3,ada,2026-03-29,5000
    d4,ben,2026-04-10,8000
    d5,ada,2026-05-03,1000`,
  'quotas.csv': `rep,period,quota
    ada,FY26-P01,20000
    ada,FY26-P02,20000
    ada,FY26-P03,25000
    ben,FY26-P01,10000
    ben,FY26-P02,10000
    ben,FY26-P03,10000`,
};

const commission = `let quota = quotas.quota
let attainment = credit / quota otherwise 0%
component commission "Commission" {
  rate retroactive {
    from 0%   to 100% pays 5%
    from 100%         pays 10%
  }
}
component ramp "New-hire guarantee" {
  pays prorate(USD 1,000, by days employed)
}`;

describe('periods from a calendar table (4-4-5)', () => {
  const text = plan(commission);

  it('checks clean', () => {
    expect(codes(text)).toEqual([]);
  });

  it('pays each row of the calendar as a period, keyed as written', () => {
    const r = run(text, files);
    expect(r.result!.periods.map((p) => `${p.key} ${p.start}..${p.end}`)).toEqual([
      'FY26-P01 2026-02-01..2026-02-28',
      'FY26-P02 2026-03-01..2026-03-28',
      'FY26-P03 2026-03-29..2026-05-02',
    ]);
    // ada P01: 10,000 / 20,000 = 50% -> 5% = 500.00; guarantee 1,000 x 28/28 = 1,000.00 -> 1,500.00
    // ada P02: d2 on the last day 20,000 / 20,000 = 100% -> 10% = 2,000.00 + 1,000.00 = 3,000.00
    // ada P03: d3 on the first day 5,000 / 25,000 = 20% -> 250.00 + 1,000.00 = 1,250.00
    expect(paid(r, 'ada', ['FY26-P01', 'FY26-P02', 'FY26-P03'])).toEqual(['1500.00', '3000.00', '1250.00']);
    // ben, hired 2026-03-15: P01 not employed: 0.00; P02 employed 14 of 28 days: 1,000 x 14/28 =
    // 500.00; P03: 8,000 / 10,000 = 80% -> 5% = 400.00 + 1,000.00 = 1,400.00
    expect(paid(r, 'ben', ['FY26-P01', 'FY26-P02', 'FY26-P03'])).toEqual(['0.00', '500.00', '1400.00']);
  });

  it('pays nothing for a deal dated outside every row', () => {
    const r = run(text, files);
    expect(r.errors).toEqual([]);
    // d5 (2026-05-03) is after FY26-P03: in no period (comp run warns COMP7004, as for a deal after the header's `to`)
    expect(r.result!.statements.flatMap((s) => s.deals ?? []).map((d) => d.deal)).not.toContain('d5');
    expect(stmt(r, 'ada', 'FY26-P03').deals?.map((d) => d.deal)).toEqual(['d3']);
  });

  it('explains the period by its key and days', () => {
    const r = run(text, files);
    const ramp = traceTexts(stmt(r, 'ben', 'FY26-P02'), 'proration').join('\n');
    expect(ramp).toContain('prorated by days employed: 1,000.00 x 14/28 = 500.00');
    expect(ramp).toContain('14 of 28 days of FY26-P02 employed');
  });

  it('reads period cells by the calendar keys only', () => {
    const r = run(text, { ...files, 'quotas.csv': 'rep,period,quota\nada,2026-02,20000' });
    expect(r.errors.map((e) => e.code)).toEqual(['COMP6011']);
    expect(JSON.stringify(r.errors[0])).toContain('`FY26-P01`');
  });

  it('reports gaps, overlaps, backwards and duplicate rows at their row', () => {
    const bad = `calendar retail {
  "FY26-P01" from 2026-02-01 to 2026-02-28
  "FY26-P02" from 2026-03-02 to 2026-03-28
  "FY26-P03" from 2026-03-20 to 2026-05-02
  "FY26-P04" from 2026-06-01 to 2026-05-03
  "FY26-P01" from 2026-05-03 to 2026-05-30
}`;
    const d = diagnostics(plan(commission, bad)).filter((x) => x.severity === 'error');
    expect(d.map((x) => `${x.code} ${x.line}`)).toEqual(['COMP5255 7', 'COMP5256 8', 'COMP5257 9', 'COMP2002 10']);
    expect(d.find((x) => x.code === 'COMP5255')!.message).toBe('no period of calendar `retail` covers 2026-03-01 to 2026-03-01');
    expect(d.find((x) => x.code === 'COMP5256')!.message).toBe('`FY26-P03` overlaps `FY26-P02`: 2026-03-20 to 2026-03-28 is in both');
  });

  it('offers the day after the earlier period as the quick fix of a gap or an overlap', () => {
    const bad = CALENDAR.replace('"FY26-P02" from 2026-03-01', '"FY26-P02" from 2026-03-03').replace('"FY26-P03" from 2026-03-29', '"FY26-P03" from 2026-03-20');
    const text2 = plan(commission, bad);
    const a = analyze('p.comp', text2);
    const fixes = a.diagnostics.filter((d) => d.code === 'COMP5255' || d.code === 'COMP5256').map((d) => fixesFor(a, d).map((f) => f.title));
    expect(fixes).toEqual([['Change to `2026-03-01`'], ['Change to `2026-03-29`']]);
  });

  it('reports an unknown calendar and an empty one', () => {
    expect(codes(plan(commission, 'calendar retial {\n  "P1" from 2026-02-01 to 2026-02-28\n}'))).toContain('COMP2200');
    expect(codes(plan(commission, 'calendar retail {\n}'))).toContain('COMP5258');
  });

  it('refuses what has no meaning on a calendar table (COMP5259)', () => {
    const refused = (body: string) => codes(plan(body)).filter((c) => c === 'COMP5259').length;
    expect(refused(`component c "C" {\n  basis year to date\n  rate 5%\n}`)).toBe(1);
    expect(refused(`component c "C" {\n  rate 5%\n  advance 50% settle at quarter end\n}`)).toBe(1);
    expect(refused(`let q = seasonal(USD 100, by quarter 25%, 25%, 25%, 25%)\ncomponent c "C" {\n  pays q\n}`)).toBe(1);
    expect(refused(`component c "C" {\n  pays prorate(USD 100, by months employed)\n}`)).toBe(1);
    expect(refused(`fiscal year starts February\ncomponent c "C" {\n  rate 5%\n}`)).toBe(1);
  });

  it('adds up a statement\'s year to date by the periods\' dates, whatever their keys (Feb, Mar, Apr)', () => {
    const keys = (t: string) => t.replace(/FY26-P01/g, 'Feb').replace(/FY26-P02/g, 'Mar').replace(/FY26-P03/g, 'Apr');
    const text2 = keys(text);
    const a = analyze('plan.comp', text2);
    const dir = mkdtempSync(join(tmpdir(), 'comp-cal-'));
    for (const [n, b] of Object.entries(files)) writeFileSync(join(dir, n), keys(b).replace(/^\s+/gm, ''));
    const { dataset } = loadDataset(a.ir!, [dir]);
    const result = evaluate(compilePlan(a.ir!), dataset).result!;
    // ada: 1,500.00 + 3,000.00 + 1,250.00 paid in the calendar's periods to Apr ("Apr" < "Feb" as text)
    const doc = statementData({ analysis: a, ir: a.ir!, data: dataset, result, rep: 'ada', period: 'Apr' });
    expect(doc.yearToDate.paid).toBe('5750.00');
  });

  it('pays a plan version from the calendar period it starts, and warns of one starting inside a period', () => {
    const v = (date: string) => plan(`${commission}\nversion "Spring" effective ${date} {\n  component bonus "Bonus" {\n    pays USD 100\n  }\n}`);
    expect(codes(v('2026-03-01'))).toEqual([]);
    const d = diagnostics(v('2026-03-10')).find((x) => x.code === 'COMP5093')!;
    expect(d.message).toContain('inside the period FY26-P02');
    // in force on FY26-P02's first day: ada is paid the bonus from FY26-P02
    const r = run(v('2026-03-01'), files);
    expect(paid(r, 'ada', ['FY26-P01', 'FY26-P02'])).toEqual(['1500.00', '3100.00']);
  });

  it('formats a calendar as written, one row per line', () => {
    const text2 = plan('component c "C" {\n  rate 5%\n}', 'calendar   retail {\n"FY26-P01"   from 2026-02-01   to 2026-02-28\n      "FY26-P02" from 2026-03-01 to 2026-03-28\n}');
    const out = formatText(text2)!;
    expect(out).toContain('calendar retail {\n  "FY26-P01" from 2026-02-01 to 2026-02-28\n  "FY26-P02" from 2026-03-01 to 2026-03-28\n}');
    expect(analyze('p.comp', out).diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
  });
});
