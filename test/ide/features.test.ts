// The IDE features on the analysis API, with cursor markers: `$0` marks the offset.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../compiler/analysis.js';
import { hover } from '../../compiler/ide/hover.js';
import { complete } from '../../compiler/ide/completion.js';
import { definition } from '../../compiler/ide/definition.js';
import { references } from '../../compiler/ide/references.js';
import { rename } from '../../compiler/ide/rename.js';
import { documentSymbols } from '../../compiler/ide/symbols.js';
import { codeActions } from '../../compiler/ide/code-actions.js';
import { foldingRanges } from '../../compiler/ide/folding.js';
import { semanticTokens } from '../../compiler/ide/semantic-tokens.js';

const PLAN = `## Test plan.
plan "T"
currency USD
periods monthly from 2026-01 to 2026-03

roster reps from "reps.csv" {
  id: text key
  role: text
  ## Monthly quota.
  monthly_quota: money positive
}

table deals from "deals.csv" {
  id: text key
  owner: rep
  amount: money
  close_date: date
}

table csat from "csat.csv" {
  rep: rep
  score: decimal
}

credit deals
  amount deal.amount
  date deal.close_date
  to deal.owner

let quota = rep.monthly_quota
let attainment = credit / quota

tiers ladder retroactive {
  from 0%   to 100% pays 5%
  from 100%         pays 10%
}

component commission "Commission" {
  rate ladder
  gate csat.score >= 4
  cap USD 4,000 per period
}

target rep { monthly_quota: USD 40,000  role: "AE"  csat.score: 4.5 }
`;

function at(src: string): { text: string; offset: number } {
  const offset = src.indexOf('$0');
  return { text: src.replace('$0', ''), offset };
}

describe('hover', () => {
  it('previews a retroactive tier table at each attainment point for the target rep', () => {
    const a = analyze('t.comp', PLAN);
    const h = hover(a, PLAN.indexOf('rate ladder') + 6)!;
    expect(h.markdown).toContain('quota USD 40,000.00');
    expect(h.markdown).toContain('| 50% | USD 20,000.00 | USD 1,000.00 | 5% |');
    expect(h.markdown).toContain('| 100% | USD 40,000.00 | USD 4,000.00 | 10% |');
    expect(h.markdown).toContain('| 200% | USD 80,000.00 | USD 8,000.00 | 10% |');
  });

  it('previews the cap on the whole component (gate met by the target csat)', () => {
    const a = analyze('t.comp', PLAN);
    const h = hover(a, PLAN.indexOf('cap USD') + 1)!;
    expect(h.markdown).toContain('| 200% | USD 80,000.00 | USD 4,000.00 |');
  });

  it('the gate stops payouts when the target csat is below it', () => {
    const text = PLAN.replace('csat.score: 4.5', 'csat.score: 3');
    const h = hover(analyze('t.comp', text), text.indexOf('gate csat') + 1)!;
    expect(h.markdown).toContain('| 100% | USD 40,000.00 | USD 0.00 |');
  });

  it('says how to add a target rep when there is none', () => {
    const text = PLAN.slice(0, PLAN.indexOf('target rep'));
    const h = hover(analyze('t.comp', text), text.indexOf('rate ladder') + 6)!;
    expect(h.markdown).toContain('No `target rep`');
  });

  it('shows the type and the doc comment of a name', () => {
    const { text, offset } = at(PLAN.replace('let quota = rep.monthly_quota', 'let quota = rep.monthly$0_quota'));
    const h = hover(analyze('t.comp', text), offset)!;
    expect(h.markdown).toContain('field reps.monthly_quota: money (USD), positive');
    expect(h.markdown).toContain('Monthly quota.');
  });
});

describe('completion', () => {
  it('lists the fields of a per-rep table after a dot', () => {
    const { text, offset } = at(PLAN.replace('gate csat.score >= 4', 'gate csat.$0'));
    expect(complete(analyze('t.comp', text), offset).map((c) => c.label)).toEqual(['rep', 'score']);
  });
  it('lists the fields of the credited row after `deal.`', () => {
    const { text, offset } = at(PLAN.replace('amount deal.amount', 'amount deal.$0'));
    expect(complete(analyze('t.comp', text), offset).map((c) => c.label)).toEqual(['id', 'owner', 'amount', 'close_date']);
  });
  it('offers clause keywords inside a component and snippets at the top level', () => {
    const { text, offset } = at(PLAN.replace('  rate ladder\n', '  rate ladder\n  $0\n'));
    expect(complete(analyze('t.comp', text), offset).map((c) => c.label)).toEqual(expect.arrayContaining(['gate', 'cap', 'multiplier']));
    const top = at(PLAN + '\n$0');
    const labels = complete(analyze('t.comp', top.text), top.offset).map((c) => c.label);
    expect(labels).toEqual(expect.arrayContaining(['component', 'tiers', 'let']));
  });
  it('offers declared names and functions in expressions', () => {
    const { text, offset } = at(PLAN.replace('let attainment = credit / quota', 'let attainment = credit / q$0'));
    const labels = complete(analyze('t.comp', text), offset).map((c) => c.label);
    expect(labels).toEqual(expect.arrayContaining(['quota', 'min', 'rep', 'ladder']));
  });
});

describe('navigation', () => {
  it('definition, references and rename of a let', () => {
    const a = analyze('t.comp', PLAN);
    const use = PLAN.indexOf('credit / quota') + 10;
    expect(definition(a, use)!.span.start).toBe(PLAN.indexOf('let quota') + 4);
    expect(references(a, use).length).toBe(2);
    const r = rename(a, use, 'target_amount');
    expect('edits' in r && r.edits.length).toBe(2);
    expect(rename(a, use, 'if')).toEqual({ error: '`if` is a reserved word' });
    expect(rename(a, use, 'attainment')).toEqual({ error: '`attainment` is already declared' });
  });
});

describe('outline, folding, tokens, code actions', () => {
  it('lists the declarations with their children', () => {
    const syms = documentSymbols(analyze('t.comp', PLAN));
    expect(syms.map((s) => s.name)).toEqual(['T', 'currency USD', 'periods monthly from 2026-01 to 2026-03', 'reps', 'deals', 'csat', 'credit deals', 'quota', 'attainment', 'ladder', 'commission', 'target rep']);
    expect(syms.find((s) => s.name === 'reps')!.children.map((c) => c.name)).toEqual(['id', 'role', 'monthly_quota']);
  });
  it('folds blocks', () => {
    expect(foldingRanges(analyze('t.comp', PLAN)).length).toBeGreaterThanOrEqual(5);
  });
  it('classifies tokens', () => {
    const a = analyze('t.comp', PLAN);
    const toks = semanticTokens(a);
    const of = (word: string, k = 1) => {
      let i = -1;
      for (let n = 0; n < k; n++) i = PLAN.indexOf(word, i + 1);
      return toks.find((t) => t.span.start === i);
    };
    expect(of('ladder')!.type).toBe('enum');
    expect(of('commission')!.type).toBe('class');
    expect(of('## Test')!.modifiers).toContain('documentation');
  });
  it('adds the rounding line and a target rep skeleton', () => {
    const text = PLAN.slice(0, PLAN.indexOf('target rep'));
    const a = analyze('t.comp', text);
    const titles = codeActions(a, { start: 0, end: 0 }).map((c) => c.title);
    expect(titles).toEqual(expect.arrayContaining(['Add the rounding line (half away from zero to 0.01 per payout line)', 'Add a `target rep` for payout previews']));
    const skel = codeActions(a, { start: 0, end: 0 }).find((c) => c.title.includes('target rep'))!;
    const e = skel.edits[0]!;
    const fixed = text.slice(0, e.span.start) + e.newText + text.slice(e.span.end);
    const b = analyze('t.comp', fixed);
    expect(b.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(hover(b, fixed.indexOf('rate ladder') + 6)!.markdown).toContain('| 100% | USD 50,000.00 | USD 5,000.00 |');
  });
  it('adds `otherwise 0%` to a division that may be by zero', () => {
    const text = PLAN.replace('monthly_quota: money positive', 'monthly_quota: money');
    const a = analyze('t.comp', text);
    const d = a.diagnostics.find((x) => x.code === 'COMP3010')!;
    const fix = codeActions(a, d.span).find((c) => c.title.includes('otherwise'))!;
    const e = fix.edits[0]!;
    expect(text.slice(0, e.span.start) + e.newText + text.slice(e.span.end)).toContain('let attainment = credit / quota otherwise 0%');
  });
});
