// `comp doc`: the plan document of every docs example and sample, golden-tested (UPDATE_GOLDEN=1
// rewrites them; review the diff like code). Rendered in-process through the same functions the
// command calls: analyze, load the data beside the plan, evaluate, renderDoc.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../compiler/analysis.js';
import { loadDataset } from '../../compiler/data/load.js';
import { compilePlan, evaluate } from '../../runtime/evaluate.js';
import { renderDoc, type DocInput } from '../../compiler/workbench/doc.js';
import { expectGolden } from '../helpers/golden.js';

const dirs = [
  ...readdirSync('docs/examples').map((n) => join('docs/examples', n)),
  ...readdirSync('samples').map((n) => join('samples', n)),
].filter((d) => statSync(d).isDirectory() && existsSync(join(d, 'plan.comp'))).sort();

export function docOf(dir: string): string {
  const file = join(dir, 'plan.comp');
  const a = analyze(file, readFileSync(file, 'utf8'));
  if (!a.ir) throw new Error(`${file} has errors`);
  const input: DocInput = { analysis: a, ir: a.ir };
  if (existsSync(join(dir, 'data'))) {
    const { dataset, errors } = loadDataset(a.ir, [join(dir, 'data')]);
    if (!errors.some((e) => e.severity === 'error')) {
      const out = evaluate(compilePlan(a.ir), dataset);
      if (out.result) {
        input.data = dataset;
        input.result = out.result;
      }
    }
  }
  return renderDoc(input);
}

describe('comp doc goldens', () => {
  it('covers every docs example and sample', () => {
    expect(dirs.length).toBeGreaterThanOrEqual(40);
  });
  for (const dir of dirs) {
    it(dir, () => {
      const html = docOf(dir);
      // a chart wherever the worked examples could be computed (an example without deals has none)
      if (!html.includes('Not computed')) expect(html).toContain('<path class="series"');
      expectGolden(join('test/workbench/golden/doc', `${dir.replace(/\//g, '--')}.html`), html);
    });
  }
});
