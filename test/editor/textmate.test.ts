// The TextMate grammar (vscode-extension/syntaxes/comp.tmLanguage.json), tokenized as VS Code
// does. Every plan in the repository is dumped to a golden file in __scopes__/ (rewritten with
// UPDATE_GOLDEN=1; review the diff like code), and the tokens that matter get the right scopes.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UPDATE, expectGolden } from '../helpers/golden.js';
import { EDITOR_TESTS, FIXTURES, ROOT, SAMPLE_PLAN, filesUnder, rel } from './helpers/paths.js';
import { dumpScopes, tokenize, tokensAt, type Token } from './helpers/textmate.js';

interface Source {
  name: string; // repository-relative, `#n` for the n-th ```comp block of a Markdown file
  text: string;
}

/** Every .comp text in the repository: samples, docs (files and ```comp blocks), grammar ok cases, these fixtures. */
function sources(): Source[] {
  const out: Source[] = [];
  for (const dir of ['samples', 'docs', join('test', 'grammar', 'ok'), join('test', 'editor', 'fixtures')]) {
    for (const f of filesUnder(join(ROOT, dir), '.comp')) out.push({ name: rel(f), text: readFileSync(f, 'utf8') });
  }
  for (const f of filesUnder(join(ROOT, 'docs'), '.md')) {
    const blocks = [...readFileSync(f, 'utf8').matchAll(/^```comp[^\n]*\n([\s\S]*?)^```/gm)];
    blocks.forEach((m, i) => out.push({ name: `${rel(f)}#${i + 1}`, text: m[1]! }));
  }
  return out;
}

const INTENTIONALLY_BROKEN = /^docs\/diagnostics\.md#|\/err\//;

/** The source lines of a dump (`  7| text`), without the token lines under them. */
const sourceLines = (dump: string) => dump.split('\n').filter((l) => /^ *\d+\| /.test(l)).join('\n');

const goldenPath = (name: string) => join(EDITOR_TESTS, '__scopes__', name.replace(/[/#]/g, '__') + '.scopes');

const scopesOf = (ts: Token[]) => ts.flatMap((t) => t.scopes);
const hasScope = (ts: Token[], prefix: string) => scopesOf(ts).some((s) => s === prefix || s.startsWith(prefix + '.'));

describe('TextMate grammar', () => {
  const all = sources();

  it('finds plans to tokenize', () => {
    expect(all.map((s) => s.name)).toContain('test/editor/fixtures/workspace/commission.comp');
  });

  it('drops the goldens of plans that are gone (with UPDATE_GOLDEN=1)', () => {
    const live = new Set(all.map((s) => goldenPath(s.name)));
    const stale = filesUnder(join(EDITOR_TESTS, '__scopes__'), '.scopes').filter((f) => !live.has(f));
    if (UPDATE) for (const f of stale) rmSync(f);
    else if (stale.length) console.warn(`stale golden files (UPDATE_GOLDEN=1 removes them): ${stale.map(rel).join(', ')}`);
  });

  describe.each(all.map((s) => [s.name, s] as const))('%s', (_name, source) => {
    it('matches its golden scopes', async () => {
      const tokens = await tokenize(source.text);
      const golden = goldenPath(source.name);
      const dump = dumpScopes(source.text, tokens);
      // The goldens guard the grammar, not the plans: samples and docs belong to others and
      // change all the time. A plan that is new, or whose text changed since its golden was
      // written, gets its golden (re)written (review it when committing); the same text with
      // different scopes is a grammar change and fails until UPDATE_GOLDEN=1 rewrites it.
      if (!existsSync(golden) || sourceLines(readFileSync(golden, 'utf8')) !== sourceLines(dump)) {
        mkdirSync(dirname(golden), { recursive: true });
        writeFileSync(golden, dump);
      }
      expectGolden(golden, dump);
    });

    it('gives every non-blank token a scope and marks nothing invalid', async () => {
      const tokens = await tokenize(source.text);
      const bare = tokens.filter((t) => t.text.trim() !== '' && t.scopes.length < 2);
      expect(bare.map((t) => `${t.line + 1}:${t.start + 1} ${t.text}`)).toEqual([]);
      // The diagnostics reference shows broken plans on purpose (`cap $25,000`).
      if (INTENTIONALLY_BROKEN.test(source.name)) return;
      const invalid = tokens.filter((t) => t.scopes.some((s) => s.startsWith('invalid')));
      expect(invalid.map((t) => `${t.line + 1}:${t.start + 1} ${t.text}`)).toEqual([]);
    });
  });

  describe('key tokens', () => {
    const cases: [file: string, needle: string, scope: string, occurrence?: number][] = [
      // comments
      ['workspace/commission.comp', '## Field sales plan', 'comment.line.documentation.comp'],
      ['workspace/commission.comp', '# Won deals count', 'comment.line.number-sign.comp'],
      ['highlight.comp', '`code`', 'markup.inline.raw.comp'],
      ['highlight.comp', '# derived', 'comment.line.number-sign.comp'],
      // declarations
      ['workspace/commission.comp', 'plan "', 'keyword.declaration.plan.comp'],
      ['workspace/commission.comp', 'currency', 'keyword.declaration.currency.comp'],
      ['workspace/commission.comp', 'periods', 'keyword.declaration.periods.comp'],
      ['workspace/commission.comp', 'roster', 'keyword.declaration.roster.comp'],
      ['workspace/commission.comp', 'table', 'keyword.declaration.table.comp'],
      ['workspace/commission.comp', 'credit deals', 'keyword.declaration.credit.comp'],
      ['workspace/commission.comp', 'let', 'keyword.declaration.let.comp'],
      ['workspace/commission.comp', 'tiers', 'keyword.declaration.tiers.comp'],
      ['workspace/commission.comp', 'component', 'keyword.declaration.component.comp'],
      ['workspace/commission.comp', 'guarantee', 'keyword.declaration.guarantee.comp'],
      ['highlight.comp', 'draw', 'keyword.declaration.draw.comp'],
      // declared names
      ['workspace/commission.comp', 'accelerator', 'entity.name.type.tiers.comp'],
      ['workspace/commission.comp', 'commission', 'entity.name.function.component.comp'],
      ['workspace/commission.comp', 'monthly_quota', 'variable.other.property.definition.comp'],
      // clauses and modes
      ['workspace/commission.comp', 'where', 'keyword.other.clause.comp'],
      ['workspace/commission.comp', 'basis', 'keyword.other.clause.comp'],
      ['workspace/commission.comp', 'pays', 'keyword.other.clause.comp'],
      ['workspace/commission.comp', 'clawback', 'keyword.other.clause.comp'],
      ['workspace/commission.comp', 'marginal', 'keyword.other.mode.comp'],
      ['workspace/commission.comp', 'full', 'keyword.other.mode.comp'],
      ['highlight.comp', 'retroactive', 'keyword.other.mode.comp'],
      ['highlight.comp', 'net against later payouts', 'keyword.other.mode.comp'],
      // literals
      ['workspace/commission.comp', 'USD 25,000', 'constant.numeric.money.comp'],
      ['workspace/commission.comp', 'pays 8%', 'constant.numeric.percent.comp'],
      ['workspace/commission.comp', 'x1.1', 'constant.numeric.multiplier.comp'],
      ['workspace/commission.comp', '2026-06-01', 'constant.numeric.date.comp'],
      ['workspace/commission.comp', '90 days', 'constant.numeric.duration.comp'],
      ['workspace/commission.comp', '"Commission"', 'string.quoted.double.comp'],
      ['workspace/commission.comp', '0.01', 'constant.numeric.decimal.comp'],
      ['highlight.comp', 'USD 1,200,000.50', 'constant.numeric.money.comp'],
      ['highlight.comp', '2026-Q4', 'constant.numeric.period.comp'],
      ['highlight.comp', '2026-H2', 'constant.numeric.period.comp'],
      ['highlight.comp', '12.5%', 'constant.numeric.percent.comp'],
      ['highlight.comp', 'x1.2', 'constant.numeric.multiplier.comp'],
      ['highlight.comp', '12 months', 'constant.numeric.duration.comp'],
      ['highlight.comp', '\\"', 'constant.character.escape.comp'],
      ['highlight.comp', 'true', 'constant.language.boolean.comp'],
      // curves, scorecards, bonuses, time and currencies
      ['highlight.comp', 'curve payout', 'keyword.declaration.curve.comp'],
      ['highlight.comp', 'scorecard kpis', 'entity.name.type.scorecard.comp'],
      ['highlight.comp', 'target rep {', 'keyword.declaration.target.comp'],
      ['highlight.comp', 'fiscal year', 'keyword.declaration.fiscal.comp'],
      ['highlight.comp', 'payout currency EUR', 'support.type.currency.comp'],
      ['highlight.comp', 'FY2026-Q4', 'constant.numeric.period.comp'],
      ['highlight.comp', 'capped', 'keyword.other.mode.comp'],
      ['highlight.comp', 'higher is better', 'keyword.other.mode.comp'],
      ['highlight.comp', 'prorate(', 'support.function.builtin.comp'],
      ['highlight.comp', 'target_incentive: EUR', 'variable.other.property.definition.comp'],
      // expressions
      ['highlight.comp', 'if', 'keyword.control.conditional.comp'],
      ['highlight.comp', 'otherwise', 'keyword.operator.expression.comp'],
      ['highlight.comp', 'ramp(', 'support.function.builtin.comp'],
      ['workspace/commission.comp', '>=', 'keyword.operator.comparison.comp'],
      ['workspace/commission.comp', 'credit / quota', 'variable.language.credit.comp'],
    ];

    it.each(cases)('%s: `%s` is %s', async (file, needle, scope, occurrence) => {
      const text = readFileSync(join(FIXTURES, file), 'utf8');
      const ts = tokensAt(await tokenize(text), text, needle, occurrence);
      expect(scopesOf(ts), `scopes of \`${needle}\``).toContain(scope);
    });

    it('reads keywords used as names as names', async () => {
      const text = readFileSync(SAMPLE_PLAN, 'utf8');
      const tokens = await tokenize(text);
      // `date: date` declares a field called date; `deal.amount` reads a field called amount.
      const field = tokensAt(tokens, text, 'date: date')[0]!;
      expect(field.scopes).toContain('variable.other.property.definition.comp');
      expect(hasScope(tokensAt(tokens, text, 'date: date').slice(-1), 'support.type.primitive')).toBe(true);
      const access = tokensAt(tokens, text, '.amount').find((t) => t.text === 'amount')!;
      expect(access.scopes).toContain('variable.other.property.comp');
      expect(hasScope([access], 'keyword')).toBe(false);
      const letName = tokensAt(tokens, text, 'let attainment').find((t) => t.text === 'attainment')!;
      expect(letName.scopes).toContain('variable.other.constant.definition.comp');
    });

    it('does not colour numbers inside names or comments', async () => {
      const text = 'let q2_total = credit  # 8% of USD 10 on 2026-01-01\n';
      const tokens = await tokenize(text);
      expect(hasScope(tokensAt(tokens, text, 'q2_total'), 'constant')).toBe(false);
      expect(tokensAt(tokens, text, '8%').every((t) => t.scopes.includes('comment.line.number-sign.comp'))).toBe(true);
    });
  });
});
