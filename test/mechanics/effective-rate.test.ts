// Issue 8, rule 3 (rest): the blended (effective) rate as a value, `effective_rate(COMPONENT)`,
// docs/language.md section 6 "The blended rate". Services are paid at the blended rate the license
// tiers reached; the component read is evaluated first (whatever the order written), once; cycles
// are COMP2009. Figures worked by hand in the comments.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../compiler/analysis.js';
import { codeActions } from '../../compiler/ide/code-actions.js';
import { codes, paid, plan, run, stmt, traceTexts } from './helpers-g2.js';

const body = `let quota = USD 100,000
let attainment = (credit where deal.kind = "license") / quota
let blended = effective_rate(commission) otherwise 0%
show blended

## Written first: paid at the rate the license tiers reached.
component services "Services" {
  on credit where deal.kind = "services"
  rate effective_rate(commission) otherwise 0%
}

component commission "Commission" {
  on credit where deal.kind = "license"
  rate marginal {
    from 0%   to 100% pays 5%
    from 100%         pays 10%
  }
}`;

const files = {
  'reps.csv': 'id\nada\nben\ncy',
  'deals.csv': `id,owner,close_date,amount,kind
    l1,ada,2026-01-10,150000,license
    s1,ada,2026-01-12,30000,services
    l2,ben,2026-01-10,80000,license
    s2,ben,2026-01-20,10000,services
    s3,cy,2026-01-15,20000,services`,
};

describe('effective_rate(COMPONENT)', () => {
  const text = plan(body, { deals: '  kind: text', periods: 'monthly from 2026-01 to 2026-01' });

  it('checks clean', () => {
    expect(codes(text)).toEqual([]);
  });

  it('pays another component at the blended rate of the first', () => {
    const r = run(text, files);
    // ada: licenses 150,000 on a quota of 100,000: 100,000 x 5% + 50,000 x 10% = 10,000.00;
    //   blended 10,000 / 150,000 = 6.666...%; services 30,000 x 10,000 / 150,000 = 2,000.00
    // ben: 80,000 x 5% = 4,000.00, blended 5%; services 10,000 x 5% = 500.00
    // cy: no license credit: no blended rate, `otherwise 0%`: services 0.00
    expect(stmt(r, 'ada', '2026-01').lines.map((l) => `${l.name} ${l.amount}`)).toEqual(['services 2000.00', 'commission 10000.00']);
    expect(paid(r, 'ada', ['2026-01'])).toEqual(['12000.00']);
    expect(paid(r, 'ben', ['2026-01'])).toEqual(['4500.00']);
    expect(paid(r, 'cy', ['2026-01'])).toEqual(['0.00']);
    expect(stmt(r, 'ben', '2026-01').values!.blended).toBe('0.05');
    expect(stmt(r, 'ada', '2026-01').values!.blended).toMatch(/^0\.06666666666/);
    expect(stmt(r, 'cy', '2026-01').values!.blended).toBe('0');
  });

  it('explains the rate read', () => {
    const r = run(text, files);
    expect(traceTexts(stmt(r, 'ada', '2026-01'), 'effective-rate')).toEqual(['effective_rate(commission) = 10,000.00 / 150,000.00 = 6.666666…%']);
  });

  it('reports cycles, unknown components, components without a rate, and a rate that may not exist', () => {
    const p = (b: string) => plan(b, { deals: '  kind: text' });
    expect(codes(p('component c "C" {\n  rate 5%\n  gate (effective_rate(c) otherwise 0%) > 1%\n}'))).toContain('COMP2009');
    const through = p('let r = effective_rate(b) otherwise 0%\ncomponent a "A" {\n  rate r\n}\ncomponent b "B" {\n  rate effective_rate(a) otherwise 0%\n}');
    const d = analyze('p.comp', through).diagnostics.find((x) => x.code === 'COMP2009')!;
    expect(d.message).toMatch(/effective_rate\((a|b)\)/);
    expect(codes(p('let r = effective_rate(comission) otherwise 0%\ncomponent commission "C" {\n  rate 5%\n}\ncomponent x "X" {\n  rate r\n}'))).toContain('COMP2201');
    expect(codes(p('component spiff "S" {\n  pays USD 100 per deal\n}\ncomponent x "X" {\n  rate effective_rate(spiff) otherwise 0%\n}'))).toContain('COMP3202');
    const unguarded = p('component commission "C" {\n  rate 5%\n}\ncomponent x "X" {\n  rate effective_rate(commission)\n}');
    const a = analyze('p.comp', unguarded);
    const w = a.diagnostics.find((x) => x.code === 'COMP3010')!;
    expect(w.severity).toBe('warning');
    const fix = codeActions(a, w.span).find((c) => c.title.includes('otherwise'))!;
    const e = fix.edits[0]!;
    expect(unguarded.slice(0, e.span.start) + e.newText + unguarded.slice(e.span.end)).toContain('rate effective_rate(commission) otherwise 0%');
  });
});
