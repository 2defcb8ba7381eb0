// Time and money (docs/language.md sections 18-19): fiscal years, plan versions, rep assignments,
// FX conversion and payout currencies. Every figure is computed by hand in the comment above it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, type FullAnalysis } from '../../compiler/analysis.js';
import { loadDataset } from '../../compiler/data/load.js';
import { mergeVersionFiles } from '../../compiler/lower/time-money.js';
import { compilePlan, evaluate } from '../../runtime/evaluate.js';
import * as cal from '../../runtime/calendar.js';
import type { DataError, PlanIR, RunResult, Statement } from '../../runtime/ir.js';
import { traceNodes } from '../helpers/trace.js';

function codes(text: string): string[] {
  return analyze('plan.comp', text).diagnostics.map((d) => d.code);
}

function dataDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'comp-time-'));
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body.trim() + '\n');
  return dir;
}

function evalIr(ir: PlanIR, files: Record<string, string>): { result?: RunResult; errors: DataError[] } {
  const loaded = loadDataset(ir, [dataDir(files)]);
  expect(loaded.errors.filter((e) => e.severity === 'error')).toEqual([]);
  return evaluate(compilePlan(ir), loaded.dataset);
}

function run(text: string, files: Record<string, string>): RunResult {
  const a = analyze('plan.comp', text);
  expect(a.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`)).toEqual([]);
  const out = evalIr(a.ir!, files);
  expect(out.errors).toEqual([]);
  return out.result!;
}

function runErrors(text: string, files: Record<string, string>): DataError[] {
  const a = analyze('plan.comp', text);
  expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return evalIr(a.ir!, files).errors;
}

function stmt(r: RunResult, rep: string, period: string): Statement {
  const s = r.statements.find((x) => x.rep === rep && x.period === period);
  if (!s) throw new Error(`no statement for ${rep} ${period}: ${r.statements.map((x) => `${x.rep} ${x.period}`).join(', ')}`);
  return s;
}

const nodes = traceNodes;

const REPS = `roster reps from "reps.csv" {
  id: text key
}
`;
const DEALS = `table deals from "deals.csv" {
  id: text key
  owner: rep
  close_date: date
  amount: money
}

credit deals
  amount deal.amount
  date deal.close_date
  to deal.owner
`;

// ------------------------------------------------------------------ fiscal years

describe('fiscal years', () => {
  it('names fiscal periods by the calendar year they end in; Feb 1 is the boundary', () => {
    // fiscal year starting February: FY2027 = 2026-02-01 .. 2027-01-31
    expect(cal.fiscalPeriodOf(2, '2026-01-31', 'quarter')).toEqual({ kind: 'period', key: 'FY2026-Q4', start: '2025-11-01', end: '2026-01-31' });
    expect(cal.fiscalPeriodOf(2, '2026-02-01', 'quarter')).toEqual({ kind: 'period', key: 'FY2027-Q1', start: '2026-02-01', end: '2026-04-30' });
    expect(cal.fiscalPeriodOf(2, '2026-02-01', 'year')).toEqual({ kind: 'period', key: 'FY2027', start: '2026-02-01', end: '2027-01-31' });
    expect(cal.periodFromKey('FY2027-H2', 2)).toEqual({ kind: 'period', key: 'FY2027-H2', start: '2026-08-01', end: '2027-01-31' });
    // July start (FY2027 = 2026-07-01 .. 2027-06-30); Q3 = January to March 2027
    expect(cal.periodOf({ frequency: 'quarter', every: 1, fiscalStart: 7 }, '2027-03-31').key).toBe('FY2027-Q3');
    // January start is the calendar year
    expect(cal.periodOf({ frequency: 'quarter', every: 1, fiscalStart: 1 }, '2026-02-01').key).toBe('2026-Q1');
    // the cumulative scopes follow the fiscal year (the one function for year/quarter starts)
    expect(cal.scopeOf({ frequency: 'month', every: 1, fiscalStart: 2 }, 'year', '2026-03-15').start).toBe('2026-02-01');
  });

  it('pays fiscal quarters: 2026-01-31 in FY2026-Q4, 2026-02-01 in FY2027-Q1', () => {
    const r = run(`plan "F"\ncurrency USD\nfiscal year starts February\nperiods quarterly from FY2026-Q4 to FY2027-Q1\n${REPS}${DEALS}
component c "C" {
  rate 10%
}`, {
      'reps.csv': 'id\nana',
      'deals.csv': 'id,owner,close_date,amount\nd1,ana,2026-01-31,10000\nd2,ana,2026-02-01,20000\nd3,ana,2026-04-30,5000',
    });
    // FY2026-Q4: 10,000 x 10% = 1,000.00; FY2027-Q1: (20,000 + 5,000) x 10% = 2,500.00
    expect(r.periods.map((p) => p.key)).toEqual(['FY2026-Q4', 'FY2027-Q1']);
    expect(stmt(r, 'ana', 'FY2026-Q4').paid).toBe('1000.00');
    expect(stmt(r, 'ana', 'FY2027-Q1').paid).toBe('2500.00');
  });

  it('annual periods are fiscal years', () => {
    const r = run(`plan "F"\ncurrency USD\nfiscal year starts July\nperiods annual from 2026-07-01 to 2027-06-30\n${REPS}${DEALS}
component c "C" {
  rate 10%
}`, { 'reps.csv': 'id\nana', 'deals.csv': 'id,owner,close_date,amount\nd1,ana,2026-07-01,1000\nd2,ana,2027-06-30,2000' });
    // FY2027 = 2026-07-01 .. 2027-06-30: (1,000 + 2,000) x 10% = 300.00
    expect(stmt(r, 'ana', 'FY2027').paid).toBe('300.00');
  });

  it('diagnostics: unknown month (COMP5090), calendar quarter in a fiscal plan (COMP5091)', () => {
    const base = `plan "F"\ncurrency USD\n${REPS}${DEALS}component c "C" {\n  rate 10%\n}\n`;
    const bad = analyze('plan.comp', `fiscal year starts Febuary\nperiods quarterly\n${base}`).diagnostics.find((d) => d.code === 'COMP5090');
    expect(bad?.message).toBe('`Febuary` is not a month');
    expect(bad?.hint).toContain('February');
    expect(codes(`fiscal year starts February\nperiods quarterly from 2026-Q1 to 2026-Q4\n${base}`)).toContain('COMP5091');
    expect(codes(`fiscal year starts February\nperiods quarterly from FY2027-Q1 to FY2027-Q4\n${base}`)).not.toContain('COMP5091');
    expect(codes(`fiscal year starts February\nfiscal year starts March\nperiods quarterly\n${base}`)).toContain('COMP2007');
  });
});

// ------------------------------------------------------------------ plan versions

const VERSIONED = `plan "V"
currency USD
periods monthly from 2026-01 to 2026-04
${REPS}${DEALS}
let rate = 10%

component commission "Commission" {
  rate rate
}

version "March" effective 2026-03-01 {
  let rate = 12%
}

version "April" effective 2026-04-01 {
  component spiff "SPIFF" {
    rate 1%
  }
}
`;
const VDATA = {
  'reps.csv': 'id\nana',
  'deals.csv': 'id,owner,close_date,amount\nd1,ana,2026-02-28,10000\nd2,ana,2026-03-01,10000\nd3,ana,2026-04-15,5000',
};

describe('plan versions', () => {
  it('pays each period by the version in force on its first day; versions build on each other', () => {
    const r = run(VERSIONED, VDATA);
    // 2026-02: the plan as written, 10,000 x 10% = 1,000.00 (the day before "March")
    expect(stmt(r, 'ana', '2026-02').paid).toBe('1000.00');
    expect(stmt(r, 'ana', '2026-02').version).toBeUndefined();
    // 2026-03: "March" in force on 2026-03-01: 10,000 x 12% = 1,200.00
    expect(stmt(r, 'ana', '2026-03').paid).toBe('1200.00');
    expect(stmt(r, 'ana', '2026-03').version).toBe('March');
    // 2026-04: "April" keeps March's 12% and adds the SPIFF: 5,000 x 12% + 5,000 x 1% = 600 + 50 = 650.00
    expect(stmt(r, 'ana', '2026-04').paid).toBe('650.00');
    expect(nodes(stmt(r, 'ana', '2026-04').trace, 'version')[0]!.text).toBe('Plan version "April" (effective 2026-04-01) pays 2026-04');
  });

  it('checks each version as a plan: errors inside a version, same-date and mid-period versions', () => {
    const undefinedInside = analyze('plan.comp', VERSIONED.replace('rate 1%', 'rate bonus_rate')).diagnostics.filter((d) => d.code === 'COMP2001');
    expect(undefinedInside).toHaveLength(1);
    expect(VERSIONED.replace('rate 1%', 'rate bonus_rate').slice(undefinedInside[0]!.span.start, undefinedInside[0]!.span.end)).toBe('bonus_rate');
    expect(codes(VERSIONED.replace('effective 2026-04-01', 'effective 2026-03-01'))).toContain('COMP5092');
    const mid = analyze('plan.comp', VERSIONED.replace('effective 2026-04-01', 'effective 2026-04-15')).diagnostics.find((d) => d.code === 'COMP5093');
    expect(mid?.message).toBe('version `April` takes effect on 2026-04-15, inside the period 2026-04: it pays from the next period');
    // a let of the plan that only a version uses is not "unused"
    expect(codes(VERSIONED)).not.toContain('COMP2014');
  });

  it('a version with a guarantee replaces the plan\'s draws', () => {
    const text = `plan "G"\ncurrency USD\nperiods monthly from 2026-01 to 2026-02\n${REPS}${DEALS}
component c "C" {
  rate 10%
}
guarantee USD 500 per period

version "Feb" effective 2026-02-01 {
  guarantee USD 300 per period
}`;
    const r = run(text, { 'reps.csv': 'id\nana', 'deals.csv': 'id,owner,close_date,amount\nd1,ana,2026-01-10,1000\nd2,ana,2026-02-10,1000' });
    // January: 1,000 x 10% = 100 -> topped up to 500.00; February: 100 -> topped up to 300.00 (only the version's guarantee)
    expect(stmt(r, 'ana', '2026-01').paid).toBe('500.00');
    expect(stmt(r, 'ana', '2026-02').paid).toBe('300.00');
  });

  it('versions in several files: gaps and overlaps are errors; otherwise each file pays its dates', () => {
    const file = (name: string, eff: string, rate: string): { file: string; a: FullAnalysis } => ({
      file: name,
      a: analyze(name, `plan "P"\ncurrency USD\nperiods monthly from 2026-01 to 2026-04\n${eff}\n${REPS}${DEALS}component c "C" {\n  rate ${rate}\n}\n`),
    });
    const merge = (...fs: { file: string; a: FullAnalysis }[]) => mergeVersionFiles(fs.map((f) => ({ file: f.file, plan: f.a.plan, sem: f.a.semantics, ir: f.a.ir! })));
    const h1 = file('h1.comp', 'effective from 2026-01-01 to 2026-02-28', '10%');
    expect(merge(h1, file('h2.comp', 'effective from 2026-03-02', '12%')).diagnostics.map((d) => d.code)).toEqual(['COMP5094']);
    expect(merge(h1, file('h2.comp', 'effective from 2026-02-28', '12%')).diagnostics.map((d) => d.code)).toEqual(['COMP5092']);
    const ok = merge(file('h2.comp', 'effective from 2026-03-01', '12%'), h1);
    expect(ok.diagnostics).toEqual([]);
    const out = evalIr(ok.ir!, VDATA);
    // 2026-02 by h1: 10,000 x 10% = 1,000.00; 2026-03 by h2 (from its first day): 10,000 x 12% = 1,200.00
    expect(stmt(out.result!, 'ana', '2026-02').paid).toBe('1000.00');
    expect(stmt(out.result!, 'ana', '2026-03').paid).toBe('1200.00');
    expect(stmt(out.result!, 'ana', '2026-03').version).toBe('P (h2.comp)');
  });
});

// ------------------------------------------------------------------ rep assignments

const ASSIGNED = `plan "A"
currency USD
periods monthly from 2026-01 to 2026-03

roster reps from "reps.csv" {
  id: text key
  role: text
  manager: rep optional
  team by manager
  assignments from assignments
}

table assignments from "assignments.csv" {
  rep: rep
  role: text
  manager: rep optional
  start: date
  end: date optional
}
${DEALS}
component ae "AE" {
  for rep.role = "AE"
  rate 10%
}

component mgr "Manager" {
  for rep.role = "Manager"
  on team credit
  rate 2%
}
`;

describe('rep assignments', () => {
  const reps = 'id,role,manager\nana,AE,\nben,AE,';
  const deals = 'id,owner,close_date,amount\nd1,ana,2026-01-31,10000\nd2,ben,2026-02-01,20000\nd3,ana,2026-02-10,5000\nd4,ben,2026-03-05,1000';

  it('uses the assignment in force on the last day of the period, boundaries included', () => {
    // ana: AE to 2026-01-31 (the last day of January), Manager from 2026-02-01; ben reports to ana from 2026-02-01
    const r = run(ASSIGNED, {
      'reps.csv': reps,
      'assignments.csv': 'rep,role,manager,start,end\nana,AE,,2026-01-01,2026-01-31\nana,Manager,,2026-02-01,\nben,AE,ana,2026-02-01,',
      'deals.csv': deals,
    });
    // ana 2026-01: AE on 01-31: 10,000 x 10% = 1,000.00
    expect(stmt(r, 'ana', '2026-01').paid).toBe('1000.00');
    // ana 2026-02: Manager: team credit (ben) 20,000 x 2% = 400.00; her own 5,000 pays nothing as AE
    expect(stmt(r, 'ana', '2026-02').paid).toBe('400.00');
    // ana 2026-03: team credit 1,000 x 2% = 20.00
    expect(stmt(r, 'ana', '2026-03').paid).toBe('20.00');
    // ben: roster values in January (no assignment in force on 01-31), AE after: 20,000 x 10% = 2,000.00
    expect(stmt(r, 'ben', '2026-02').paid).toBe('2000.00');
    expect(nodes(stmt(r, 'ana', '2026-02').trace, 'assignment')[0]!.text).toMatch(/^Assignment in force on 2026-02-28 \(.*assignments\.csv:3\): role "Manager"/);
    expect(nodes(stmt(r, 'ben', '2026-01').trace, 'assignment')[0]!.text).toBe("No assignment in force on 2026-01-31: the roster's values apply");
  });

  it('a change on the last day of a period applies to that whole period', () => {
    const r = run(ASSIGNED, {
      'reps.csv': reps,
      'assignments.csv': 'rep,role,manager,start,end\nana,AE,,2026-01-01,2026-01-30\nana,Manager,,2026-01-31,',
      'deals.csv': deals,
    });
    // ana is a Manager on 2026-01-31, so January pays no AE commission (team credit 0): 0.00
    expect(stmt(r, 'ana', '2026-01').paid).toBe('0.00');
  });

  it('overlapping assignments are data errors with file and line (COMP6090)', () => {
    const errors = runErrors(ASSIGNED, {
      'reps.csv': reps,
      'assignments.csv': 'rep,role,manager,start,end\nana,AE,,2026-01-01,2026-02-01\nana,Manager,,2026-02-01,',
      'deals.csv': deals,
    });
    expect(errors.map((e) => [e.code, e.line])).toEqual([['COMP6090', 3]]);
    expect(errors[0]!.file).toMatch(/assignments\.csv$/);
    expect(errors[0]!.message).toBe('assignments of rep `ana` overlap: 2026-01-01 to 2026-02-01 (line 2) and 2026-02-01 to open (line 3)');
  });

  it('checks the assignments table (COMP5095)', () => {
    expect(codes(ASSIGNED.replace('  role: text\n  manager: rep optional\n  start: date', '  title: text\n  manager: rep optional\n  start: date'))).toContain('COMP5095');
    expect(codes(ASSIGNED.replace('  start: date\n', '  begins: date\n'))).toContain('COMP5095');
    expect(codes(ASSIGNED.replace('assignments from assignments', 'assignments from assignmnts'))).toContain('COMP2008');
  });
});

// ------------------------------------------------------------------ currencies

const FX = 'from,to,date,rate\nEUR,USD,2026-01-01,1.10\nEUR,USD,2026-01-15,1.20\nUSD,EUR,2026-01-01,0.90\nUSD,EUR,2026-01-31,0.80';
const EURPLAN = `plan "X"
currency USD
periods monthly from 2026-01 to 2026-01
fx rates from "fx.csv"
payout currency rep.payout_currency

roster reps from "reps.csv" {
  id: text key
  payout_currency: text
}

table deals from "deals.csv" {
  id: text key
  owner: rep
  close_date: date
  amount: EUR
}

credit deals
  amount convert(deal.amount, to USD, on deal.close_date)
  date deal.close_date
  to deal.owner

component c "C" {
  rate 10%
}
`;

describe('currencies', () => {
  it('converts at the latest rate on or before the date (the rate of that very day included)', () => {
    const r = run(EURPLAN, {
      'reps.csv': 'id,payout_currency\nana,USD',
      'deals.csv': 'id,owner,close_date,amount\nd1,ana,2026-01-14,1000\nd2,ana,2026-01-15,1000',
      'fx.csv': FX,
    });
    // d1 on 01-14: rate of 01-01, 1.10 -> 1,100; d2 on 01-15: rate of 01-15, 1.20 -> 1,200; (1,100 + 1,200) x 10% = 230.00
    const s = stmt(r, 'ana', '2026-01');
    expect(s.paid).toBe('230.00');
    expect(s.payout).toBeUndefined();
    expect(nodes(s.trace, 'fx').map((n) => n.text)).toEqual([
      'converted EUR 1,000.00 to USD at 1.1 (rate of 2026-01-01, in force on 2026-01-14) = USD 1,100.00',
      'converted EUR 1,000.00 to USD at 1.2 (rate of 2026-01-15, in force on 2026-01-15) = USD 1,200.00',
    ]);
  });

  it('pays in the rep\'s currency at the period end rate, rounded after conversion', () => {
    const r = run(EURPLAN, {
      'reps.csv': 'id,payout_currency\nben,EUR',
      'deals.csv': 'id,owner,close_date,amount\nd4,ben,2026-01-31,2345.67',
      'fx.csv': FX,
    });
    // 2,345.67 x 1.20 = 2,814.804 USD; x 10% = 281.4804 -> 281.48 USD
    // paid in EUR at the USD->EUR rate in force on 2026-01-31 (0.80, dated that day): 281.48 x 0.80 = 225.184 -> 225.18 EUR
    const s = stmt(r, 'ben', '2026-01');
    expect(s.paid).toBe('281.48');
    expect(s.payout).toEqual({ currency: 'EUR', rate: '0.8', rateDate: '2026-01-31', paid: '225.18' });
    expect(nodes(s.trace, 'payout currency')[0]!.value).toBe('225.18');
  });

  it('a missing rate is a run error at the row (COMP7090); bad FX rows are data errors (COMP6091)', () => {
    const errors = runErrors(EURPLAN, {
      'reps.csv': 'id,payout_currency\nana,USD',
      'deals.csv': 'id,owner,close_date,amount\nd1,ana,2026-01-10,1000\nd9,ana,2025-12-31,1000',
      'fx.csv': FX,
    });
    expect(errors.map((e) => [e.code, e.line])).toEqual([['COMP7090', 3]]);
    expect(errors[0]!.message).toBe('no EUR to USD rate on or before 2025-12-31 (deals `d9`); the first EUR to USD rate is dated 2026-01-01');
    const dup = runErrors(EURPLAN, {
      'reps.csv': 'id,payout_currency\nana,USD',
      'deals.csv': 'id,owner,close_date,amount\nd1,ana,2026-01-10,1000',
      'fx.csv': FX + '\nEUR,USD,2026-01-15,1.25\nEU,USD,2026-01-15,1.25',
    });
    expect(dup.map((e) => [e.code, e.line])).toEqual([['COMP6091', 6], ['COMP6091', 7]]);
  });

  it('converts per-row currencies: convert(number, from deal.currency, to USD, on date)', () => {
    const text = EURPLAN.replace('amount: EUR', 'amount: decimal\n  currency: text').replace('convert(deal.amount, to USD', 'convert(deal.amount, from deal.currency, to USD');
    const r = run(text, {
      'reps.csv': 'id,payout_currency\nana,USD',
      'deals.csv': 'id,owner,close_date,amount,currency\nd1,ana,2026-01-20,1000,EUR\nd2,ana,2026-01-20,500,USD',
      'fx.csv': FX,
    });
    // 1,000 EUR x 1.20 + 500 USD = 1,700 USD; x 10% = 170.00
    expect(stmt(r, 'ana', '2026-01').paid).toBe('170.00');
  });

  it('mixing currencies without a conversion is a type error (COMP3004); conversions need rates (COMP3090)', () => {
    const noConvert = EURPLAN.replace('convert(deal.amount, to USD, on deal.close_date)', 'deal.amount');
    expect(codes(noConvert)).toContain('COMP3004');
    expect(codes(EURPLAN + 'let mixed = EUR 100 + USD 100\ncomponent m "M" {\n  rate 1%\n  cap mixed per period\n}\n')).toContain('COMP3004');
    expect(codes(EURPLAN + 'let ok = convert(EUR 100, to USD, on period.end) + USD 100\ncomponent m "M" {\n  rate 1%\n  cap ok per period\n}\n')).not.toContain('COMP3004');
    expect(codes(EURPLAN.replace('fx rates from "fx.csv"\n', ''))).toEqual(expect.arrayContaining(['COMP3090']));
    expect(codes(EURPLAN.replace('amount: EUR', 'amount: money'))).toContain('COMP3091');
    expect(codes(EURPLAN.replace('amount: EUR', 'amount: decimal'))).toContain('COMP3001');
  });
});
