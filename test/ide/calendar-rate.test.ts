// The IDE on calendar tables (docs/language.md section 2) and `effective_rate(COMPONENT)`
// (section 6): the formatter keeps them, hover explains them, completion offers them, and the
// unknown names get a quick fix to the closest one.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../compiler/analysis.js';
import { hover } from '../../compiler/ide/hover.js';
import { complete } from '../../compiler/ide/completion.js';
import { formatText } from '../../compiler/ide/format.js';
import { fixesFor } from '../../compiler/ide/code-actions.js';

const PLAN = `plan "t"
currency USD
periods from calendar retail

## FY26, 4-4-5.
calendar retail {
  "FY26-P01" from 2026-02-01 to 2026-02-28
  "FY26-P02" from 2026-03-01 to 2026-03-28
  "FY26-P03" from 2026-03-29 to 2026-05-02
}

roster reps from "reps.csv" {
  id: text key
}

table deals from "deals.csv" {
  id: text key
  owner: rep
  close_date: date
  amount: money
}

credit deals
  amount deal.amount
  date deal.close_date
  to deal.owner

let blended = effective_rate(commission) otherwise 0%
show blended

component commission "Commission" {
  rate marginal {
    from USD 0      to USD 50,000 pays 5%
    from USD 50,000               pays 8%
  }
}
`;

const at = (needle: string, delta = 1) => PLAN.indexOf(needle) + delta;

describe('calendar tables and effective rates in the IDE', () => {
  const a = analyze('p.comp', PLAN);

  it('checks clean and formats as written', () => {
    expect(a.diagnostics.map((d) => d.code)).toEqual([]);
    expect(formatText(PLAN)).toBe(PLAN);
  });

  it('explains them on hover', () => {
    const md = (o: number) => hover(a, o)?.markdown ?? '';
    expect(md(at('"FY26-P03"', 2))).toContain('2026-03-29 to 2026-05-02, 35 days (5 weeks)');
    expect(md(at('calendar retail {', 2))).toContain('3 periods');
    expect(md(at('effective_rate(', 2))).toContain('blended (effective) rate');
  });

  it('offers them in completion', () => {
    const labels = (text: string, o = text.length) => complete(analyze('p.comp', text), o).map((c) => c.label);
    const head = PLAN.slice(0, PLAN.indexOf('periods from'));
    expect(labels(`${head}periods `)).toEqual(expect.arrayContaining(['monthly', 'from calendar']));
    const cut = PLAN.indexOf('calendar retail {');
    expect(labels(PLAN.replace('periods from calendar retail', 'periods from calendar '), PLAN.indexOf('periods from calendar retail') + 'periods from calendar '.length)).toContain('retail');
    const row = at('"FY26-P02"', 0) + '"FY26-P02" '.length;
    expect(complete(a, row).map((c) => c.label)).toContain('from');
    expect(labels(PLAN, at('effective_rate(', 'effective_rate('.length))).toContain('commission');
    expect(cut).toBeGreaterThan(0);
  });

  it('offers the closest name for an unknown calendar or component', () => {
    for (const [from, to, code, want] of [
      ['periods from calendar retail', 'periods from calendar retial', 'COMP2200', 'retail'],
      ['effective_rate(commission)', 'effective_rate(comission)', 'COMP2201', 'commission'],
    ] as const) {
      const b = analyze('p.comp', PLAN.replace(from, to));
      const d = b.diagnostics.find((x) => x.code === code)!;
      expect(fixesFor(b, d).map((f) => f.title)).toEqual([`Change to \`${want}\``]);
    }
  });
});

describe('team quota of a roll-up in the IDE', () => {
  it('names the roll-up on hover', () => {
    const text = PLAN.replace('periods from calendar retail', 'periods monthly from 2026-01 to 2026-02').replace('  id: text key\n}', '  id: text key\n  manager: rep optional\n  team by manager\n}').replace('show blended', 'let quota = USD 10\nlet q2 = team quota at level 2\nshow blended, q2');
    const b = analyze('p.comp', text);
    expect(b.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const md = hover(b, text.indexOf('team quota at') + 1)?.markdown ?? '';
    expect(md).toContain('team quota at level 2: money (USD)');
    expect(md).toContain('the roll-up `team credit at level 2`');
  });
});
