// No stale figures in sample previews: after every edit of a random sequence (rates, tier bands,
// caps, gates, lets, text typed above, a syntax error and its fix, a table declaration that
// changes what is loaded, a sample data file rewritten in place), the editor's sample summary and
// `comp explain` on sample data equal a fresh load and run of that text. The previews keep the
// loaded data, runs and summaries across edits (compiler/ide/preview-sample.ts); this holds them
// to what a fresh evaluation gives.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../compiler/analysis.js';
import { loadDataset } from '../../compiler/data/load.js';
import { formatExplain } from '../../compiler/cli/report.js';
import { explainOnSample, freshSampleSummary, summarizeSample } from '../../compiler/ide/preview-sample.js';
import { compilePlan, evaluate } from '../../runtime/evaluate.js';
import type { PlanIR } from '../../runtime/ir.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** mulberry32: a small seeded generator (the sequence is the same at every run). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `comp explain` on a fresh load and full traced run: the statement asked, or the one paid most by the component. */
function freshExplain(ir: PlanIR, folder: string, rep?: string, period?: string, component?: string): string | undefined {
  const loaded = loadDataset(ir, [folder]);
  if (loaded.errors.some((e) => e.severity === 'error')) return undefined;
  const r = evaluate(compilePlan(ir), loaded.dataset).result;
  if (!r) return undefined;
  let st = rep || period ? r.statements.find((s) => (!rep || s.rep === rep) && (!period || s.period === period)) : undefined;
  if (!rep && !period) {
    let best: number | undefined;
    for (const s of r.statements) {
      for (const l of s.lines) {
        if (l.kind !== 'component' || (component && l.name !== component)) continue;
        if (best === undefined || Number(l.amount) > best) (best = Number(l.amount)), (st = s);
      }
    }
  }
  return st ? formatExplain(r, st) : undefined;
}

describe('sample previews after random edits equal a fresh evaluation', () => {
  it('holds over a sequence of plan and data edits', () => {
    const dir = mkdtempSync(join(tmpdir(), 'preview-fresh-'));
    cpSync(join(ROOT, 'samples', 'crm', 'plan.comp'), join(dir, 'plan.comp'));
    cpSync(join(ROOT, 'samples', 'crm', 'data'), join(dir, 'data'), { recursive: true });
    const planPath = join(dir, 'plan.comp');
    const folder = join(dir, 'data');
    const opts = { planPath };
    const pipeline = join(folder, 'sales_pipeline.csv');
    const csat = join(folder, 'csat.csv');
    const firstValue = ',2017-03-01,1054\n';
    let text = readFileSync(planPath, 'utf8');
    const r = rng(7);
    let lastPick: unknown;
    const pick = <T>(xs: T[]): T => (lastPick = xs[Math.floor(r() * xs.length)]!) as T;
    const pct = () => `${Math.floor(r() * 15) + 1}%`;
    let broken = false;
    let aliased = true;
    let dataValue = 1054;
    const edits: Record<string, () => void> = {
      rate: () => (text = text.replace(/(component overlay[\s\S]*?rate )\d+(\.\d+)?%/, `$1${pct()}`)),
      band: () => (text = text.replace(/from 100% to 150% pays \d+%/, `from 100% to 150% pays ${pct()}`)),
      cap: () => (text = text.replace(/cap USD [\d,]+ per period/, `cap USD ${Math.floor(r() * 9) + 1},000 per period`)),
      gate: () => (text = text.replace(/gate csat\.score >= [\d.]+/, `gate csat.score >= ${(3 + r() * 1.8).toFixed(1)}`)),
      // the sample data rewritten in place, the same size: a deal's value, some reps' scores
      data: () => {
        const next = 1000 + Math.floor(r() * 9000);
        const csv = readFileSync(pipeline, 'utf8');
        writeFileSync(pipeline, csv.replace(`,2017-03-01,${dataValue}\n`, `,2017-03-01,${next}\n`));
        dataValue = next;
        const scores = readFileSync(csat, 'utf8').replace(/,(\d\.\d)\n/g, (m) => (r() < 0.3 ? `,${(1 + r() * 4).toFixed(1)}\n` : m));
        writeFileSync(csat, scores);
      },
      // the credit rule itself (what is credited): no credit line may be kept from before
      credit: () => (text = text.replace(/  amount deal\.close_value.*\n/, `  amount deal.close_value${pick(['', ' * 0.5', ' * 1.25'])}\n`)),
      quota: () => (text = text.replace(/let quota = rep\.monthly_quota.*/, pick(['let quota = rep.monthly_quota', 'let quota = rep.monthly_quota * 1.2', 'let quota = rep.monthly_quota * 0.9']))),
      multiplier: () => (text = text.replace(/multiplier x[\d.]+/, `multiplier x${pick(['1.1', '1.25', '1.5'])}`)),
      // a line typed above everything: the figures cannot change, only plan places move
      above: () => (text = text.replace('\nplan "', `\n## note ${Math.floor(r() * 1000)}\nplan "`)),
      // a syntax error, then its fix
      broken: () => {
        text = broken ? text.replace('\ncomponent broken {\n', '\n') : `${text}\ncomponent broken {\n`;
        broken = !broken;
      },
      // the plan's table declarations change what is loaded: without the alias, GTXPro rows fail
      alias: () => {
        text = aliased ? text.replace(' where "GTXPro" means "GTX Pro"', '') : text.replace('product: products\n', 'product: products where "GTXPro" means "GTX Pro"\n');
        aliased = !aliased;
      },
    };
    expect(readFileSync(pipeline, 'utf8')).toContain(firstValue);
    const names = Object.keys(edits);
    let compared = 0;
    let problems = 0;
    for (let step = 0; step < 24; step++) {
      const kind = step < names.length ? names[step]! : pick(names);
      // a syntax error is fixed, and a dropped alias is typed back, soon after
      if (broken && kind !== 'broken' && r() < 0.7) edits['broken']!();
      if (!aliased && kind !== 'alias' && r() < 0.7) edits['alias']!();
      edits[kind]!();
      writeFileSync(planPath, text);
      const a = analyze(planPath, text, step + 2);
      if (!a.ir) {
        expect(broken, `step ${step} (${kind}): only the broken text has no IR`).toBe(true);
        continue;
      }
      const got = summarizeSample(a.ir, opts);
      const want = freshSampleSummary(a.ir, opts);
      if (!want) {
        expect(got?.problem, `step ${step} (${kind})`).toBeTruthy();
        problems++;
        continue;
      }
      expect(got, `step ${step} (${kind})`).toEqual(want);
      if (step % 4 === 0) {
        // the traced runs of `comp explain` on sample data (one rep's team), cached by their own keys:
        // a rep and period asked, a period only, and the statement a component paid most
        const rep = 'Darcel Schlecht';
        expect(explainOnSample(a.ir, opts, rep, '2017-03')).toBe(freshExplain(a.ir, folder, rep, '2017-03'));
        expect(explainOnSample(a.ir, opts, undefined, '2017-06')).toBe(freshExplain(a.ir, folder, undefined, '2017-06'));
        expect(explainOnSample(a.ir, opts, undefined, undefined, pick(['commission', 'override']))).toBe(freshExplain(a.ir, folder, undefined, undefined, lastPick as string));
      }
      compared++;
    }
    expect(compared).toBeGreaterThan(12);
    expect(problems).toBeGreaterThan(0);
  }, 120_000);
});
