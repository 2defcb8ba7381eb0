// Broken text: every sample plan cut at token boundaries; hover, completion, symbols, folding,
// semantic tokens and formatting answer without an exception, and the diagnostics of a cut plan
// stay near the damage (the text before the cut is not reported on, except for its last line).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../compiler/analysis.js';
import { hover } from '../../compiler/ide/hover.js';
import { complete } from '../../compiler/ide/completion.js';
import { documentSymbols } from '../../compiler/ide/symbols.js';
import { foldingRanges } from '../../compiler/ide/folding.js';
import { semanticTokens } from '../../compiler/ide/semantic-tokens.js';
import { codeActions } from '../../compiler/ide/code-actions.js';
import { formatText } from '../../compiler/ide/format.js';
import { parse } from '../../compiler/syntax/parse.js';
import { join } from 'node:path';
import { ROOT, planFiles } from './plans.js';

/** At most this many cut points per file, spread evenly over its tokens. */
const MAX_CUTS = Number(process.env.COMP_ROBUSTNESS_CUTS ?? 40);

describe('IDE features on plans cut at token boundaries', () => {
  // the samples and docs examples (all constructs of docs/language.md), and the fixture of constructs.test.ts
  for (const file of [...planFiles(), join(ROOT, 'test', 'ide', 'fixtures', 'constructs.comp')]) {
    it(file.replace(/.*?(samples|docs|test)/, '$1'), async () => {
      const text = readFileSync(file, 'utf8');
      const tokens = parse(text).tokens;
      const step = Math.max(1, Math.ceil(tokens.length / MAX_CUTS));
      for (let i = 0; i < tokens.length; i += step) {
        await new Promise((r) => setImmediate(r)); // let the test runner breathe
        for (const cut of [tokens[i]!.span.start, tokens[i]!.span.end]) {
          const broken = text.slice(0, cut);
          const a = analyze(file, broken);
          const probes = [0, Math.floor(cut / 2), Math.max(0, cut - 1), cut];
          for (const o of probes) {
            const h = hover(a, o);
            if (h) expect(h.markdown, `hover at ${o} of cut ${cut}`).not.toContain('hover failed');
            complete(a, o);
          }
          documentSymbols(a);
          foldingRanges(a);
          semanticTokens(a);
          codeActions(a, { start: cut, end: cut });
          formatText(broken);
          // Diagnostics stay close to the damage: syntax errors only near the cut.
          const lineStart = broken.lastIndexOf('\n', Math.max(0, cut - 1));
          for (const d of a.diagnostics.filter((x) => x.code.startsWith('COMP1'))) {
            expect(d.span.start, `${d.code} ${d.message} at ${d.span.start}, cut at ${cut}`).toBeGreaterThanOrEqual(Math.min(lineStart, lastBlockStart(broken)));
          }
        }
      }
    }, 60_000);
  }
});

/** The last `{` still open at the end of the text: an unclosed block is reported there. */
function lastBlockStart(text: string): number {
  const stack: number[] = [];
  const toks = parse(text).tokens;
  for (const t of toks) {
    if (t.type === 'LBrace') stack.push(t.span.start);
    else if (t.type === 'RBrace') stack.pop();
  }
  return stack.length ? stack[0]! : text.length;
}
