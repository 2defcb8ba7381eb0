// Mechanic 5: cumulative periods and true-ups, highest-rate catch-ups, negative true-ups,
// advances and holdbacks (docs/language.md section 24).
import { describe, expect, it } from 'vitest';
import { codes, diagnostics, paid, plan, run, stmt, traceTexts } from './helpers-g2.js';

const ytd = (extra = '', scope = 'year') =>
  plan(
    `let quota = rep.monthly_quota
let attainment = credit / quota

component commission "Commission" {
  basis ${scope} to date
  rate retroactive {
    from 0% to 100% pays 5%
    from 100% pays 10%
  }
${extra}
}`,
    { roster: '  monthly_quota: money positive' },
  );

const reps = 'id,monthly_quota\nada,10000\nben,10000';
const deals = `id,owner,close_date,amount
  d1,ada,2026-01-10,8000
  d2,ada,2026-02-10,16000
  d3,ada,2026-03-10,4000
  d4,ada,2026-04-10,22000
  b1,ben,2026-01-20,10000`;

describe('basis year to date', () => {
  it('pays the amount owed to date minus what was paid, with the highest-rate catch-up', () => {
    const r = run(ytd(), { 'reps.csv': reps, 'deals.csv': deals });
    // Jan: 8,000 / 10,000 = 80% -> 5% x 8,000 = 400
    // Feb: 24,000 / 20,000 = 120% -> 10% x 24,000 = 2,400 - 400 = 2,000 (catch-up on d1)
    // Mar: 28,000 / 30,000 = 93.33% -> 5% x 28,000 = 1,400 - 2,400 < 0 -> 0.00
    // Apr: 50,000 / 40,000 = 125% -> 10% x 50,000 = 5,000 - 2,400 = 2,600
    expect(paid(r, 'ada', ['2026-01', '2026-02', '2026-03', '2026-04'])).toEqual(['400.00', '2000.00', '0.00', '2600.00']);
    const feb = stmt(r, 'ada', '2026-02');
    expect(traceTexts(feb, 'cumulative')[0]).toBe('year to date (2026: 2026-01 to 2026-02): credit to date 24,000.00; quota to date 20,000.00');
    expect(traceTexts(feb, 'trueup')[0]).toBe('true-up: owed to date 2,400.00 (rounded 2,400.00) - paid to date 400.00 = 2,000.00');
    expect(traceTexts(stmt(r, 'ada', '2026-03'), 'trueup')[0]).toContain('below zero: pays 0.00');
  });

  it('exactly 100% to date is in the 10% band (boundary)', () => {
    const r = run(ytd(), { 'reps.csv': reps, 'deals.csv': deals });
    // ben: 10,000 / 10,000 = 100% -> 10% x 10,000 = 1,000
    expect(stmt(r, 'ben', '2026-01').paid).toBe('1000.00');
  });

  it('with `true-up can be negative`, a negative true-up is a negative line netted and carried', () => {
    const r = run(ytd('  true-up can be negative'), { 'reps.csv': reps, 'deals.csv': deals });
    // Mar: 1,400 - 2,400 = -1,000: earned -1,000 -> paid 0, 1,000 owed
    // Apr: owed to date 5,000 - paid to date 1,400 = 3,600; 3,600 - 1,000 owed = 2,600
    const mar = stmt(r, 'ada', '2026-03');
    expect(mar.earned).toBe('-1000.00');
    expect(mar.owed).toBe('1000.00');
    expect(stmt(r, 'ada', '2026-04').paid).toBe('2600.00');
  });

  it('a new year starts from zero; quarter to date restarts each quarter', () => {
    const d = `id,owner,close_date,amount
      d1,ada,2026-03-10,8000
      d2,ada,2026-04-10,14000`;
    const y = run(ytd(), { 'reps.csv': reps, 'deals.csv': d });
    // year: Mar 8,000 / 30,000 -> 400; Apr 22,000 / 40,000 = 55% -> 1,100 - 400 = 700
    expect(paid(y, 'ada', ['2026-03', '2026-04'])).toEqual(['400.00', '700.00']);
    const q = run(ytd('', 'quarter'), { 'reps.csv': reps, 'deals.csv': d });
    // quarter: Mar (Q1) 8,000 / 30,000 -> 400; Apr (Q2 starts): 14,000 / 10,000 = 140% -> 1,400
    expect(paid(q, 'ada', ['2026-03', '2026-04'])).toEqual(['400.00', '1400.00']);
  });

  it('diagnostics: true-up without a cumulative basis, a scope of one period', () => {
    const noBasis = plan(`component c {\n  rate 10%\n  true-up can be negative\n}`);
    expect(diagnostics(noBasis).find((d) => d.code === 'COMP5040')).toMatchObject({ severity: 'error', message: '`true-up can be negative` needs `basis year to date` or `basis quarter to date`' });
    expect(codes(plan(`component c {\n  basis quarter to date\n  rate 10%\n}`, { periods: 'quarterly from 2026-Q1 to 2026-Q4' }))).toContain('COMP5045');
    expect(codes(plan(`component c {\n  basis year to date\n  rate 10%\n}`, { periods: 'quarterly from 2026-Q1 to 2026-Q4' }))).not.toContain('COMP5045');
  });
});

describe('advances and holdbacks', () => {
  const text = plan(`component commission "Commission" {
  rate 10%
  advance 50% settle at quarter end
}

component renewal "Renewal bonus" {
  rate 2%
  hold back 20% until 2026-05-31
}`);
  const d = `id,owner,close_date,amount
    d1,ada,2026-01-10,10000
    d2,ada,2026-02-10,20000
    d3,ada,2026-03-10,10000
    d4,ada,2026-04-10,10000`;

  it('pays the advance now and settles at quarter end; releases the holdback in the period containing the date', () => {
    const r = run(text, { 'reps.csv': 'id\nada', 'deals.csv': d });
    // Commission: Jan 1,000 -> 500 (held 500); Feb 2,000 -> 1,000 (held 1,500); Mar ends Q1:
    //   1,000 + 1,500 = 2,500; Apr 1,000 -> 500 (held 500); May 0; Jun ends Q2: 500
    // Bonus: Jan 200 -> 160 (40 held); Feb 400 -> 320 (80); Mar 200 -> 160 (40); Apr 200 -> 160 (40);
    //   May: period end 2026-05-31 = the date -> releases 200; Jun 0
    expect(paid(r, 'ada', ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'])).toEqual([
      '660.00', '1320.00', '2660.00', '660.00', '200.00', '500.00',
    ]);
    expect(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'].map((p) => stmt(r, 'ada', p).held)).toEqual([
      '540.00', '1620.00', '160.00', '700.00', '500.00', '0.00',
    ]);
    expect(traceTexts(stmt(r, 'ada', '2026-01'), 'advance')[0]).toBe('advance 50% settle at quarter end: pays 50% of 1,000.00 = 500.00 now; 500.00 settles at the end of 2026-Q1 (held 500.00)');
    expect(traceTexts(stmt(r, 'ada', '2026-05'), 'holdback')[0]).toContain('2026-05-31 is reached in 2026-05; nothing held, 200.00 held before is released');
  });

  it('a holdback until a condition releases in the first period it holds', () => {
    const t = plan(
      `table csat from "csat.csv" {
  rep: rep
  period: period
  score: decimal
}

component commission "Commission" {
  rate 10%
  hold back 20% until csat.score >= 4
}`,
    );
    const r = run(t, {
      'reps.csv': 'id\nada',
      'deals.csv': d,
      'csat.csv': 'rep,period,score\nada,2026-01,3.5\nada,2026-02,4\nada,2026-03,3\nada,2026-04,3\nada,2026-05,3\nada,2026-06,3',
    });
    // Jan: 1,000, score 3.5 < 4 -> 200 held, 800 paid. Feb: score exactly 4 -> 2,000 + 200 = 2,200
    // Mar: 1,000 -> 800 (200 held)
    expect(paid(r, 'ada', ['2026-01', '2026-02', '2026-03'])).toEqual(['800.00', '2200.00', '800.00']);
  });

  it('diagnostics: a share above 100%, an until that is neither a date nor a condition', () => {
    expect(codes(plan(`component c {\n  rate 10%\n  advance 150% settle at quarter end\n}`))).toContain('COMP5044');
    expect(codes(plan(`component c {\n  rate 10%\n  hold back 20% until 5%\n}`))).toContain('COMP3001');
    expect(codes(plan(`component c {\n  rate 10%\n  advance 50% settle at year end\n}`, { periods: 'annual from 2026-01-01 to 2026-12-31' }))).toContain('COMP5045');
  });
});

describe('settlement sample (samples/settlement), twelve months', () => {
  it('pays the hand-computed figures', async () => {
    const { readFileSync } = await import('node:fs');
    const { join, resolve } = await import('node:path');
    const { analyze } = await import('../../compiler/analysis.js');
    const { loadDataset } = await import('../../compiler/data/load.js');
    const { compilePlan, evaluate } = await import('../../runtime/evaluate.js');
    const dir = resolve(import.meta.dirname, '..', '..', 'samples', 'settlement');
    const a = analyze('plan.comp', readFileSync(join(dir, 'plan.comp'), 'utf8'));
    expect(a.diagnostics).toEqual([]);
    const loaded = loadDataset(a.ir!, [join(dir, 'data')]);
    const out = evaluate(compilePlan(a.ir!), loaded.dataset);
    const by = (rep: string) => out.result!.statements.filter((s) => s.rep === rep).map((s) => s.paid);
    // ada, quota 10,000 a month, quarter to date (5% below 100%, 10% from 100%):
    // Q1: Jan 6,000/10,000 = 60% -> 300; Feb 12,000/20,000 -> 600 - 300 = 300;
    //     Mar 32,000/30,000 = 106.67% -> 10% x 32,000 = 3,200 - 600 = 2,600 (catch-up)
    // Q2: Apr 10,000/10,000 = 100% -> 1,000; May 10,000/20,000 -> 500 - 1,000 < 0 -> 0;
    //     Jun 35,000/30,000 -> 3,500 - 1,000 = 2,500
    // Q3: Jul 0; Aug 5,000/20,000 -> 250; Sep 5,000/30,000 -> 250 - 250 = 0, and a2 (credited
    //     2026-02-10, its share of Q1's 3,200: 600) cancelled 2026-09-15, 7 months after: 50% = 300
    //     clawed back -> paid 0, 300 owed
    // Q4: Oct 15,000/10,000 -> 1,500 - 300 owed = 1,200; Nov 15,000/20,000 -> 750 - 1,500 -> 0;
    //     Dec 35,000/30,000 -> 3,500 - 1,500 = 2,000
    expect(by('ada')).toEqual(['300.00', '300.00', '2600.00', '1000.00', '0.00', '2500.00', '0.00', '250.00', '0.00', '1200.00', '0.00', '2000.00']);
    // ben, hired 2026-04-10: Apr-Jun protected at 1,000 (May earns 5,000/20,000 -> 250, topped up);
    // Jul 0; Aug 12,000/20,000 = 60% -> 600; Sep 600 - 600 = 0; Q4 nothing
    expect(by('ben')).toEqual(['0.00', '0.00', '0.00', '1000.00', '1000.00', '1000.00', '0.00', '600.00', '0.00', '0.00', '0.00', '0.00']);
  });
});
