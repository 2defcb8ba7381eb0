// The formatter: idempotent, keeps every token and comment, on every sample and on mutations.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatText, sameTokens } from '../../compiler/ide/format.js';
import { parse } from '../../compiler/syntax/parse.js';
import { planFiles } from './plans.js';

const plans = planFiles().map((f) => ({ f, text: readFileSync(f, 'utf8') }));

function check(text: string): void {
  const once = formatText(text);
  if (once === undefined) return;
  expect(formatText(once)).toBe(once);
  expect(sameTokens(text, parse(text).tokens, once, parse(once).tokens)).toBe(true);
}

describe('comp fmt', () => {
  it('leaves the samples and docs examples as they are (they are formatted)', () => {
    for (const { f, text } of plans) expect(formatText(text), f).toBe(text);
  });

  it('formats: indentation, spaces, bands in columns, at most one blank line, comments kept', () => {
    const text = 'plan "x"\n\n\n\ncurrency USD\nlet a = min( 1 ,2)*-3+ rep.x   # c\ncredit deals\nwhere deal.x=1\ntiers t marginal {\n  from 0% to 100% pays 8%\n # c\n      from 100% pays 10%\n}\n';
    expect(formatText(text)).toBe('plan "x"\n\ncurrency USD\nlet a = min(1, 2) * -3 + rep.x # c\ncredit deals\n  where deal.x = 1\ntiers t marginal {\n  from 0%   to 100% pays 8%\n  # c\n  from 100%         pays 10%\n}\n');
  });

  it('returns nothing for a plan with syntax errors', () => {
    expect(formatText('plan "x"\nlet a = \n')).toBeUndefined();
  });

  it('is idempotent and keeps the tokens on whitespace mutations of the samples', () => {
    const ws = fc.constantFrom(' ', '  ', '\n', '\n\n\n', '\t', '');
    fc.assert(
      fc.property(fc.constantFrom(...plans), fc.array(fc.tuple(fc.nat(), ws), { minLength: 1, maxLength: 8 }), ({ text }, edits) => {
        const toks = parse(text).tokens;
        let t = text;
        // insert or remove whitespace at token boundaries only
        for (const [n, w] of [...edits].sort((x, y) => y[0] % toks.length - x[0] % toks.length)) {
          const tok = toks[n % toks.length]!;
          const at = tok.span.end;
          let end = at;
          while (end < t.length && /[ \t]/.test(t[end]!)) end++;
          t = t.slice(0, at) + (w === '' && end > at ? '' : w || '') + t.slice(w === '' ? end : at);
        }
        check(t);
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});
