// The IDE on the constructs of issue 8 rules 6-10 (docs/language.md sections 21-24): the
// formatter keeps them (bounds written `0%..100%`), hover explains them, completion offers them.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../compiler/analysis.js';
import { hover } from '../../compiler/ide/hover.js';
import { complete } from '../../compiler/ide/completion.js';
import { formatText } from '../../compiler/ide/format.js';
import { fixesFor } from '../../compiler/ide/code-actions.js';

const PLAN = `plan "t"
currency USD
periods monthly from 2026-01 to 2026-03

roster reps from "reps.csv" {
  id: text key
  manager: rep optional
  owed_2025: money
  team by manager
}

table products from "products.csv" {
  id: text key
  parent: products optional
}

table deals from "deals.csv" {
  id: text key
  owner: rep
  close_date: date
  amount: money
  units: integer in 0..1,000
  product: products
}

credit deals
  amount deal.amount
  date deal.close_date
  to deal.owner

let units = sum(deal.units where deal.product within "Furniture")
show units
opening owed rep.owed_2025
negative balance written off

component c "C" {
  on team credit at all levels
  rate 1%
}
`;

const at = (needle: string, delta = 1) => PLAN.indexOf(needle) + delta;

describe('issue 8 rules 6-10 in the IDE', () => {
  const a = analyze('p.comp', PLAN);

  it('checks clean', () => {
    expect(a.diagnostics.map((d) => d.code)).toEqual([]);
  });

  it('formats the constructs without changing them (bounds stay `0..1,000`)', () => {
    expect(formatText(PLAN)).toBe(PLAN);
    expect(formatText(PLAN.replace('in 0..1,000', 'in 0 .. 1,000'))).toBe(PLAN);
  });

  it('explains them on hover', () => {
    const md = (o: number) => hover(a, o)?.markdown ?? '';
    expect(md(at('negative balance'))).toContain('written off');
    expect(md(at('opening owed'))).toContain('Opening owed');
    expect(md(at('show units'))).toContain('shown as columns');
    expect(md(at('within "', 2))).toContain('**within**');
    expect(md(at('sum('))).toContain('sum(deal.FIELD [where COND])');
  });

  it('offers them in completion', () => {
    const labels = (o: number) => complete(a, o).map((c) => c.label);
    expect(labels(PLAN.indexOf('show units'))).toEqual(expect.arrayContaining(['show', 'opening owed', 'negative balance due']));
    expect(labels(at('sum(', 0))).toEqual(expect.arrayContaining(['sum', 'count']));
  });

  it('offers the closest let as a quick fix for `show` of an unknown name (COMP2250)', () => {
    const b = analyze('p.comp', PLAN.replace('show units', 'show unit'));
    const d = b.diagnostics.find((x) => x.code === 'COMP2250')!;
    expect(fixesFor(b, d).map((f) => f.title)).toEqual(['Change to `units`']);
  });
});
