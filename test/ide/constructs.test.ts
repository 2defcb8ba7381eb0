// The IDE features on the constructs of docs/language.md sections 16-25 (curves, scorecards,
// bonuses, rate tables, schedules, guarantees for new hires, versions, fiscal years...), on the
// fixture plan test/ide/fixtures/constructs.comp. Data-driven: `$0` marks the cursor, put in place
// of the first occurrence of the text before it (see `at`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../compiler/analysis.js';
import { hover } from '../../compiler/ide/hover.js';
import { complete } from '../../compiler/ide/completion.js';
import { definition } from '../../compiler/ide/definition.js';
import { references } from '../../compiler/ide/references.js';
import { rename } from '../../compiler/ide/rename.js';
import { documentSymbols } from '../../compiler/ide/symbols.js';
import { foldingRanges } from '../../compiler/ide/folding.js';
import { semanticTokens } from '../../compiler/ide/semantic-tokens.js';
import { formatText } from '../../compiler/ide/format.js';
import { ROOT } from './plans.js';

const PLAN = readFileSync(join(ROOT, 'test', 'ide', 'fixtures', 'constructs.comp'), 'utf8');

/** `probe` is a piece of PLAN with `$0` in it (or a replacement `[from, to]` whose `to` holds `$0`). */
function at(probe: string | [string, string]): { text: string; offset: number } {
  const [from, to] = typeof probe === 'string' ? [probe.replace('$0', ''), probe] : probe;
  const i = PLAN.indexOf(from);
  if (i < 0) throw new Error(`not in the plan: ${from}`);
  const text = PLAN.slice(0, i) + to + PLAN.slice(i + from.length);
  const offset = text.indexOf('$0');
  return { text: text.replace('$0', ''), offset };
}

describe('the fixture plan', () => {
  it('has no diagnostics and compiles', () => {
    const a = analyze('c.comp', PLAN);
    expect(a.diagnostics).toEqual([]);
    expect(a.ir).toBeDefined();
  });
});

describe('hover on the new constructs', () => {
  const cases: [string, string | [string, string], string[]][] = [
    ['a curve declaration: points, own values, the component using it by the evaluator', 'curve pay$0out', [
      'function payout: payout curve (linear)', 'Attainment to payout.', '- `at 50% pays 25%`', '| 80% | 70% |', '| 200% | 100% |',
      // the preview period is 2026-04, paid by the version "Spring": quota 10,000 x 1.1
      'component `bonus` (uses `payout`)', 'quota USD 11,000.00 per period', '| 80% | USD 8,800.00 | USD 700.00 |', '| 150% | USD 16,500.00 | USD 1,000.00 |',
    ]],
    ['a curve call', 'payout$0(attainment)', ['**Curve** `payout` · linear', '| 50% | 25% | at the point 50%: pays 25% |']],
    ['a scorecard declaration: metrics, weights, caps, gate, preview', 'scorecard m$0bo', [
      'let mbo: percent (scorecard)', 'The MBO card.', '| retention | 60% | kpis.retention | 90% | higher (actual / target) | 120% |',
      '| churn | 40% | kpis.churn | 5% | lower (target / actual) | 150% |', '**Gate**', '`50%`', 'USD 1,033.33',
    ]],
    ['a scorecard use', '* m$0bo', ['**Scorecard** `mbo`']],
    ['a `pays` component, previewed like a rate', 'p$0ays rep.target_bonus * mbo', ['**pays** `rep.target_bonus * mbo` once per period', '**Payout preview**', 'USD 1,033.33']],
    ['a rate-by table', 'rate b$0y deal.product', ['**Rate by** `deal.product`', '| "GTX Pro" | 8% |', '| _otherwise_ | 6% |', '**Payout preview**']],
    ['a minimum', 'mini$0mum USD 100', ['**minimum USD 100 per period**', '**Payout preview**']],
    ['a pool', 'po$0ol USD 1,000', ['split equally among the members']],
    ['a clawback schedule', 'with$0in 6 months', ['**Clawback schedule**', '| 6 months | 100% |', '| 12 months | 50% |']],
    ['a guarantee for new hires', 'guaran$0tee USD 3,000', ['**Guarantee** `USD 3,000` per period', 'new-hire protection', 'months 1 to 3 after `rep.hire_date`']],
    ['a version', 'vers$0ion "Spring"', ['**Version** "Spring" · in force from 2026-03-01', 'let `quota`: replaces']],
    ['a fiscal year', 'fis$0cal year', ['**Fiscal year** starting February', '-02-01 to ']],
    ['employed from', 'emplo$0yed from', ['**employed from** `hire_date`']],
    ['team quota', ['let attainment = credit / quota\n', 'let attainment = credit / quota\nlet tq = team quo$0ta\n'], ['team quota: money (USD)', 'sum of the `quota`']],
    ['days employed', ['let attainment = credit / quota\n', 'let attainment = credit / quota\nlet de = days_empl$0oyed\n'], ['days_employed: integer', 'not on leave']],
  ];
  for (const [name, probe, expected] of cases) {
    it(name, () => {
      const { text, offset } = at(probe);
      const h = hover(analyze('c.comp', text), offset);
      expect(h, name).toBeDefined();
      for (const e of expected) expect(h!.markdown, e).toContain(e);
    });
  }

  it('a curve without a target rep shows its own values and a preview for a rep inferred from the plan', () => {
    const text = PLAN.slice(0, PLAN.indexOf('target rep'));
    const h = hover(analyze('c.comp', text), text.indexOf('curve payout') + 8)!;
    expect(h.markdown).toContain('| 100% | 100% |');
    expect(h.markdown).toContain('**Payout preview**');
    expect(h.markdown).toContain('a rep inferred from the plan');
  });
});

describe('completion of the new constructs', () => {
  const cases: [string, string | [string, string], string[]][] = [
    ['component clauses', ['  pays rep.target_bonus * mbo\n', '  pays rep.target_bonus * mbo\n  $0\n'], ['pays', 'pool', 'minimum', 'advance', 'hold back', 'basis year to date', 'rate by', 'true-up can be negative', 'clawback schedule']],
    ['top-level keywords and snippets', ['guarantee USD', '$0\nguarantee USD'], ['curve', 'scorecard', 'version', 'fiscal year starts', 'fx rates from', 'spiff', 'guarantee for new hires', 'clawback schedule']],
    ['roster clauses', ['  team by manager\n', '  team by manager\n  $0\n'], ['employed from', 'leave from', 'assignments from']],
    ['curve lines', ['  above 100% capped\n', '  above 100% capped\n  $0\n'], ['at', 'below', 'above']],
    ['after `above X`', ['above 100% capped', 'above 100% $0'], ['slope', 'capped']],
    ['scorecard lines', ['  all metrics', '  $0\n  all metrics'], ['metric', 'all metrics at least']],
    ['metric words', ['metric churn weight 40%', 'metric churn weight 40% $0'], ['actual', 'target', 'lower is better', 'cap']],
    ['months after `fiscal year starts`', ['fiscal year starts February', 'fiscal year starts $0'], ['January', 'February', 'December']],
    ['curves, scorecards and team values in expressions', ['* payout(attainment)', '* pa$0'], ['payout', 'mbo', 'team quota', 'days_employed', 'prorate', 'convert']],
    ['bases', ['  basis per deal', '  basis $0'], ['year to date', 'quarter to date']],
    ['after a pool amount', ['pool USD 1,000 per team split equally', 'pool USD 1,000 $0'], ['per team split equally', 'per team split by credit share']],
    ['after `pays AMOUNT`', ['pays rep.target_bonus * mbo', 'pays USD 500 $0'], ['per deal', 'per unit of', 'per mentee']],
    ['a version block', ['  let quota = rep.monthly_quota * 1.1\n', '  let quota = rep.monthly_quota * 1.1\n  $0\n'], ['let', 'component', 'tiers', 'guarantee']],
    ['a clawback schedule', ['    within 12 months takes 50%\n', '    within 12 months takes 50%\n    $0\n'], ['within']],
    ['a rate-by table', ['    otherwise pays 6%\n', '    otherwise pays 6%\n    $0\n'], ['otherwise pays']],
  ];
  for (const [name, probe, expected] of cases) {
    it(name, () => {
      const { text, offset } = at(probe);
      const labels = complete(analyze('c.comp', text), offset).map((c) => c.label);
      expect(labels).toEqual(expect.arrayContaining(expected));
    });
  }
  it('curve lines offer no component clauses', () => {
    const { text, offset } = at(['  above 100% capped\n', '  above 100% capped\n  $0\n']);
    expect(complete(analyze('c.comp', text), offset).map((c) => c.label)).not.toContain('pays');
  });
});

describe('navigation on curves and scorecards', () => {
  for (const [name, decl, use, newName] of [
    ['curve', 'curve payout', 'payout(attainment)', 'bonus_curve'],
    ['scorecard', 'scorecard mbo', '* mbo', 'card_score'],
  ] as const) {
    it(`definition, references and rename of a ${name}`, () => {
      const a = analyze('c.comp', PLAN);
      const d = PLAN.indexOf(decl) + decl.indexOf(' ') + 1;
      const u = PLAN.indexOf(use) + (use.startsWith('*') ? 3 : 1);
      expect(definition(a, u)!.span.start).toBe(d);
      expect(references(a, u)).toHaveLength(2);
      const r = rename(a, u, newName);
      expect('edits' in r && r.edits.map((e) => e.span.start).sort((x, y) => x - y)).toEqual([d, PLAN.indexOf(use) + (use.startsWith('*') ? 2 : 0)]);
      if ('edits' in r) {
        let t = PLAN;
        for (const e of [...r.edits].sort((x, y) => y.span.start - x.span.start)) t = t.slice(0, e.span.start) + e.newText + t.slice(e.span.end);
        expect(analyze('c.comp', t).diagnostics).toEqual([]);
      }
    });
  }
});

describe('outline, folding and tokens of the new constructs', () => {
  const a = analyze('c.comp', PLAN);
  it('outlines curves with their points, scorecards with their metrics, versions with their declarations', () => {
    const syms = documentSymbols(a);
    const by = (n: string) => syms.find((s) => s.name === n)!;
    expect(syms.map((s) => s.name)).toEqual(expect.arrayContaining(['fiscal year starts February', 'payout', 'mbo', 'Spring', 'guarantee']));
    expect(by('payout').detail).toBe('curve linear');
    expect(by('payout').children.map((c) => c.name)).toEqual(['at 50% pays 25%', 'at 100% pays 100%', 'below 50% pays 0%', 'above 100% capped']);
    expect(by('mbo').children.map((c) => c.name)).toEqual(['retention', 'churn']);
    expect(by('Spring').children.map((c) => c.name)).toEqual(['quota']);
    expect(by('Spring').detail).toBe('version effective 2026-03-01');
  });
  it('folds curve, scorecard, version, rate-by and schedule blocks', () => {
    const lines = PLAN.split('\n');
    const starts = new Set(foldingRanges(a).map((f) => f.startLine));
    for (const head of ['curve payout', 'scorecard mbo', 'version "Spring"', '  rate by deal.product', '  clawback cancellations schedule']) {
      expect(starts.has(lines.findIndex((l) => l.startsWith(head))), head).toBe(true);
    }
  });
  it('classifies the new keywords and names', () => {
    const toks = semanticTokens(a);
    const of = (word: string, delta = 0) => toks.find((t) => t.span.start === PLAN.indexOf(word) + delta);
    for (const k of ['curve payout', 'scorecard', 'metric', 'below', 'above', 'pool USD', 'minimum', 'schedule', 'takes', 'fiscal', 'version', 'employed']) expect(of(k)?.type, k).toBe('keyword');
    expect(of('curve payout', 6)).toMatchObject({ type: 'function', modifiers: ['declaration'] });
    expect(of('payout(attainment)')!.type).toBe('function');
    expect(of('* mbo', 2)!.type).toBe('variable');
  });
});

describe('formatting the new constructs', () => {
  it('aligns curve points, metric lines, rate-by lines and schedule rows; keeps top-level lines flush', () => {
    const out = formatText(PLAN)!;
    expect(out).toContain('  at 50%  pays 25%\n  at 100% pays 100%\n  below 50% pays 0%\n');
    expect(out).toContain('  metric retention weight 60% actual kpis.retention target 90% higher is better cap 120%\n  metric churn     weight 40% actual kpis.churn     target 5%  lower is better  cap 150%\n');
    expect(out).toContain('    "GTX Pro" pays 8%\n    otherwise pays 6%\n');
    expect(out).toContain('    within 6 months  takes 100%\n    within 12 months takes 50%\n');
    expect(out).toContain('\nfiscal year starts February\n');
    expect(formatText(out)).toBe(out);
  });
  it('formats version blocks, fx lines and convert calls', () => {
    const text = 'plan "x"\ncurrency USD\nlet a = 1\nfx rates from "fx.csv"\npayout currency rep.cur\nlet b = convert (rep.x , to USD, on 2026-01-01)\nversion "V" effective 2026-03-01 {\nlet a = 2\n}\n';
    expect(formatText(text)).toBe('plan "x"\ncurrency USD\nlet a = 1\nfx rates from "fx.csv"\npayout currency rep.cur\nlet b = convert(rep.x, to USD, on 2026-01-01)\nversion "V" effective 2026-03-01 {\n  let a = 2\n}\n');
  });
});
