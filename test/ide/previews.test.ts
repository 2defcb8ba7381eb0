// Payout previews on sample data, code lenses and inlay hints, on the editor fixture workspace:
// the figures are those `comp run` computes on the same data (the CLI is the oracle).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, type FullAnalysis } from '../../compiler/analysis.js';
import { hover } from '../../compiler/ide/hover.js';
import { codeLenses, inlayHints } from '../../compiler/ide/lenses.js';
import { explainOnSample, summarizeSample, type SampleSummary } from '../../compiler/ide/preview-sample.js';
import { PreviewCancelled } from '../../compiler/ide/preview.js';
import { Decimal } from '../../runtime/decimal.js';

const ROOT = join(import.meta.dirname, '..', '..');
const WS = join(ROOT, 'test', 'editor', 'fixtures', 'workspace');
const PLAN_PATH = join(WS, 'commission.comp');
const TEXT = readFileSync(PLAN_PATH, 'utf8');

interface RunJson {
  statements: { rep: string; period: string; lines: { kind: string; name?: string; amount: string }[] }[];
}

describe('previews on sample data', () => {
  let a: FullAnalysis;
  let s: SampleSummary;
  let run: RunJson;

  beforeAll(() => {
    a = analyze(PLAN_PATH, TEXT);
    s = summarizeSample(a.ir!, { planPath: PLAN_PATH })!;
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'comp.js'), 'run', PLAN_PATH, '--data', join(WS, 'data'), '--format', 'json'], { encoding: 'utf8' });
    run = JSON.parse(r.stdout) as RunJson;
  }, 60_000);

  it('sums each component over the plan year exactly as `comp run` pays it', () => {
    expect(s.problem).toBeUndefined();
    expect(s.periods).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
    for (const name of ['commission', 'override']) {
      const lines = run.statements.flatMap((st) => st.lines.filter((l) => l.kind === 'component' && l.name === name));
      const total = lines.reduce((t, l) => t.plus(l.amount), new Decimal(0));
      expect(new Decimal(s.components[name]!.total).eq(total), name).toBe(true);
    }
    // reps carry their attainment over the year and the band it falls in
    const r1 = s.components['commission']!.reps.find((r) => r.rep === 'r1')!;
    expect(r1.attainment).toBeDefined();
    expect(r1.band).toMatch(/%/);
  });

  it('a tier-band hover shows the sample total and the reps with attainment and band', () => {
    const h = hover(a, TEXT.indexOf('from 100% to 120%') + 2, { planPath: PLAN_PATH, sample: s })!;
    expect(h.markdown).toContain('**Payout preview**');
    expect(h.markdown).toContain('a typical AE of the sample data');
    expect(h.markdown).toContain('**Payout on sample data**');
    expect(h.markdown).toContain('| rep | attainment | band | payout |');
    expect(h.markdown).toMatch(/\| r1 \| [\d.]+% \| [^|]+ \| USD [\d,]+\.\d\d \|/);
  });

  it('shows the sample total before -> after an edit', () => {
    const text = TEXT.replace('from 0%   to 100% pays 8%', 'from 0%   to 100% pays 9%');
    const a2 = analyze(PLAN_PATH, text);
    const s2 = summarizeSample(a2.ir!, { planPath: PLAN_PATH })!;
    const h = hover(a2, text.indexOf('rate accelerator') + 7, { planPath: PLAN_PATH, sample: s2, savedSample: s, saved: a })!;
    if (new Decimal(s2.components['commission']!.total).eq(s.components['commission']!.total)) throw new Error('the edit changes nothing on the sample data');
    expect(h.markdown).toMatch(/USD [\d,.]+ → \*\*USD [\d,.]+\*\*/);
  });

  it('a code lens per component with the sample total, reps paid and explain; an inferred figure without data', () => {
    const lenses = codeLenses(a, { planPath: PLAN_PATH, sample: s });
    expect(lenses.map((l) => l.component)).toEqual(['commission', 'override']);
    const total = new Decimal(s.components['commission']!.total);
    expect(lenses[0]!.title).toMatch(new RegExp(`^pays USD ${total.toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} on sample data · \\d+ reps? · explain$`));
    const bare = codeLenses(a, {});
    expect(bare[0]!.title).toMatch(/^pays USD [\d,.]+ a year at 100% of quota \(inferred rep\) · explain$/);
  });

  it('inlay hints after each band and after a component header', () => {
    const hints = inlayHints(a, { start: 0, end: TEXT.length }, { planPath: PLAN_PATH, sample: s });
    const lineOf = (o: number) => TEXT.slice(0, o).split('\n').length;
    const bandLine = lineOf(TEXT.indexOf('from 0%   to 100%'));
    expect(hints.find((h) => lineOf(h.offset) === bandLine)?.label).toMatch(/USD [\d,.]+ a year at 100%/);
    expect(hints.find((h) => lineOf(h.offset) === lineOf(TEXT.indexOf('component commission')))?.label).toMatch(/USD [\d,.]+ on sample data/);
  });

  it('explains the rep a component pays most with the trace of `comp explain`', () => {
    const text = explainOnSample(a.ir!, { planPath: PLAN_PATH }, undefined, undefined, 'commission');
    expect(text).toMatch(/r1|r2/);
    expect(text).toMatch(/commission/i);
  });

  it('a re-run stops when the document changed, and the next one gives the same figures', () => {
    const text = TEXT.replace(/pays (\d+)%/, (_, n: string) => `pays ${Number(n) + 0.25}%`);
    if (text === TEXT) throw new Error('no rate to edit in the fixture');
    const a2 = analyze(PLAN_PATH, text);
    expect(() => summarizeSample(a2.ir!, { planPath: PLAN_PATH, shouldStop: () => true })).toThrow(PreviewCancelled);
    const s2 = summarizeSample(a2.ir!, { planPath: PLAN_PATH })!;
    expect(s2.problem).toBeUndefined();
    // a blank line above moves every plan place of the IR, not a figure: the same summary
    const s3 = summarizeSample(analyze(PLAN_PATH, `\n${text}`).ir!, { planPath: PLAN_PATH })!;
    expect(s3).toBe(s2);
    expect(summarizeSample(a.ir!, { planPath: PLAN_PATH })).toEqual(s);
  });
});
