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
    expect(h.markdown).toContain('for the target rep');
    // per point: the credit and payout of the last period, the plan year (3 periods), the effective rate
    expect(h.markdown).toContain('plan year 2026-01 to 2026-03 (3 periods)');
    expect(h.markdown).toContain('| 50% | USD 20,000.00 | USD 1,000.00 | USD 3,000.00 | 5% |');
    expect(h.markdown).toContain('| 100% | USD 40,000.00 | USD 4,000.00 | USD 12,000.00 | 10% |');
    expect(h.markdown).toContain('| 200% | USD 80,000.00 | USD 8,000.00 | USD 24,000.00 | 10% |');
  });

  it('includes the edges of every band among the attainment points', () => {
    const text = PLAN.replace('from 100%         pays 10%', 'from 100% to 130% pays 10%\n  from 130%         pays 12%');
    const h = hover(analyze('t.comp', text), text.indexOf('rate ladder') + 6)!;
    expect(h.markdown).toContain('| 130% | USD 52,000.00 | USD 6,240.00 | USD 18,720.00 | 12% |');
  });

  it('shows the change against the last saved version (before -> after)', () => {
    const saved = analyze('saved.comp', PLAN);
    const text = PLAN.replace('from 100%         pays 10%', 'from 100%         pays 11%');
    const h = hover(analyze('t.comp', text), text.indexOf('rate ladder') + 6, { saved })!;
    expect(h.markdown).toContain('| 100% | USD 40,000.00 | USD 4,400.00 | USD 12,000.00 → **USD 13,200.00** | 11% |');
    expect(h.markdown).toContain('the change against the last saved version');
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

  it('without a target rep, previews a rep inferred from the plan (its gate met, a round quota) and says so', () => {
    const text = PLAN.slice(0, PLAN.indexOf('target rep'));
    const h = hover(analyze('t.comp', text), text.indexOf('cap USD') + 1)!;
    expect(h.markdown).toContain('a rep inferred from the plan');
    expect(h.markdown).toContain('csat.score 4');
    expect(h.markdown).toContain('| 100% | USD 50,000.00 | USD 4,000.00 | USD 12,000.00 |');
    expect(h.markdown).toContain('add a `target rep` to the plan');
    expect(h.markdown).toContain('target rep { csat.score: 4  monthly_quota: USD 50000 }');
  });

  it('infers the role of a component from its `for` clause', () => {
    const text = PLAN.slice(0, PLAN.indexOf('target rep')).replace('  rate ladder\n', '  for rep.role = "Manager"\n  rate ladder\n');
    const h = hover(analyze('t.comp', text), text.indexOf('cap USD') + 1)!;
    expect(h.markdown).toContain('(Manager)');
    expect(h.markdown).toContain('| 100% | USD 50,000.00 | USD 4,000.00 |');
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
    expect(rename(a, use, 'if')).toEqual({ error: '`if` is a reserved word' });
    const ladder = PLAN.indexOf('rate ladder') + 6;
    const r = rename(a, ladder, 'steps');
    expect('edits' in r && r.edits.length).toBe(2);
    expect(rename(a, ladder, 'commission')).toEqual({ error: '`commission` is already declared' });
  });

  it('rename refuses what would change what the plan reads, and says why', () => {
    const a = analyze('t.comp', PLAN);
    const refusal = (needle: string, k: number, to: string) => {
      const r = rename(a, PLAN.indexOf(needle) + k, to);
      return 'error' in r ? r.error : 'renamed';
    };
    // `quota` and `attainment` are looked up by name (tiers on attainment: COMP4007)
    expect(refusal('credit / quota', 10, 'target_amount')).toMatch(/looked up by name.*COMP4007/);
    expect(refusal('let attainment', 5, 'att')).toMatch(/looked up by name/);
    // a let renamed to `quota` would take on its meaning
    expect(refusal('ladder retroactive', 1, 'quota')).toMatch(/meaning of its own/);
    // a field is a column of the data file
    expect(refusal('score: decimal', 1, 'csat_score')).toMatch(/column of csat\.csv/);
    expect(refusal('monthly_quota: money', 1, 'mq')).toMatch(/column of reps\.csv/);
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
  it('adds the rounding line on the header only; no plan-level fix on a clean line', () => {
    const text = PLAN.slice(0, PLAN.indexOf('target rep')).replace('periods monthly', 'periods monthly');
    const a = analyze('t.comp', text);
    const header = codeActions(a, { start: text.indexOf('periods'), end: text.indexOf('periods') }).map((c) => c.title);
    expect(header).toEqual(['Add the rounding line (half away from zero to 0.01 per payout line)']);
    for (const line of ['rate ladder', 'let quota', 'score: decimal', 'credit deals']) {
      const at = text.indexOf(line);
      expect(codeActions(a, { start: at, end: at }), line).toEqual([]);
    }
  });

  it('the target rep the hover suggests can be pasted as it is', () => {
    const text = PLAN.slice(0, PLAN.indexOf('target rep'));
    const md = hover(analyze('t.comp', text), text.indexOf('cap USD') + 1)!.markdown;
    const line = /```comp\n(target rep \{[^\n]*\})\n```/.exec(md)![1]!;
    const b = analyze('t.comp', text + line + '\n');
    expect(b.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(hover(b, b.text.indexOf('cap USD') + 1)!.markdown).toContain('for the target rep');
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
