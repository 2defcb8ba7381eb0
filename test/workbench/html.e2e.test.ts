// The workbench's HTML pages seen in a real browser (headless Chromium through playwright-core):
// charts render (non-empty SVG paths), no console errors, no script, readable at 375 px and at
// 1,400 px (nothing wider than the window but the tables' own scroll boxes). Screenshots are kept
// in test-artifacts/workbench/ (not committed). One browser for every page.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../compiler/analysis.js';
import { loadDataset } from '../../compiler/data/load.js';
import { compilePlan, evaluate } from '../../runtime/evaluate.js';
import { Decimal } from '../../runtime/decimal.js';
import { renderDoc } from '../../compiler/workbench/doc.js';
import { renderStatement } from '../../compiler/workbench/statement.js';
import { diffHtml, diffRuns } from '../../compiler/workbench/diff.js';
import { model, modelHtml } from '../../compiler/workbench/model.js';

const ART = path.resolve('test-artifacts/workbench');
const CHROMIUM = process.env.COMP_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function load(file: string, data: string) {
  const a = analyze(file, readFileSync(file, 'utf8'));
  const ds = loadDataset(a.ir!, [data]);
  const out = evaluate(compilePlan(a.ir!), ds.dataset);
  return { a, ir: a.ir!, data: ds.dataset, result: out.result! };
}

/** The four kinds of page, on the samples. */
function pages(): Record<string, string> {
  const settlement = load('samples/settlement/plan.comp', 'samples/settlement/data');
  const bonuses = load('samples/bonuses/plan.comp', 'samples/bonuses/data');
  const ex = load('docs/examples/marginal-tiers/plan.comp', 'docs/examples/marginal-tiers/data');
  const exNew = load('test/workbench/fixtures/diff/marginal-new.comp', 'docs/examples/marginal-tiers/data');
  const regional = load('samples/regional-team/plan.comp', 'samples/regional-team/data');
  return {
    'doc-bonuses': renderDoc({ analysis: bonuses.a, ir: bonuses.ir, data: bonuses.data, result: bonuses.result }),
    'statement-settlement': renderStatement({ analysis: settlement.a, ir: settlement.ir, data: settlement.data, result: settlement.result, rep: 'ada', period: '2026-03' }),
    'diff-marginal': diffHtml(diffRuns(ex.result, exNew.result, 'docs/examples/marginal-tiers/plan.comp', 'marginal-new.comp')),
    'model-regional': modelHtml(model(regional.ir, regional.data, regional.result, ['0.5', '0.8', '1', '1.2', '1.5'].map((l) => ({ k: 'quota' as const, level: new Decimal(l) })))),
  };
}

describe('workbench HTML in headless Chromium', () => {
  let ctx: BrowserContext;
  let profile: string;
  const files: Record<string, string> = {};

  beforeAll(async () => {
    mkdirSync(ART, { recursive: true });
    for (const [name, html] of Object.entries(pages())) {
      files[name] = path.join(ART, `${name}.html`);
      writeFileSync(files[name]!, html);
    }
    profile = mkdtempSync(path.join(tmpdir(), 'comp-chromium-'));
    ctx = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, timeout: 60_000 });
  });

  afterAll(async () => {
    await ctx?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('every page renders its charts, logs no error and fits 375 px and 1,400 px', async () => {
    const report: string[] = [];
    for (const [name, file] of Object.entries(files)) {
      expect(readFileSync(file, 'utf8')).not.toMatch(/<script|<link|src="http/i);
      for (const width of [375, 1400]) {
        const page = await ctx.newPage();
        await page.setViewportSize({ width, height: 900 });
        const errors: string[] = [];
        page.on('console', (m) => {
          if (m.type() === 'error') errors.push(m.text());
        });
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(`file://${file}`);
        const facts = await page.evaluate(() => {
          const paths = [...document.querySelectorAll('svg path')].map((p) => p.getAttribute('d') ?? '');
          const boxes = [...document.querySelectorAll('svg')].map((s) => s.getBoundingClientRect());
          const tooWide = [...document.querySelectorAll('main > *:not(.wrap)')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1).map((e) => e.tagName);
          return {
            paths: paths.filter((d) => /[ML]\s*[\d.]+/.test(d) && d.length > 8).length,
            svgs: boxes.length,
            visibleSvgs: boxes.filter((b) => b.width > 100 && b.height > 20).length,
            scrollWidth: document.documentElement.scrollWidth,
            tooWide,
            fontSize: parseFloat(getComputedStyle(document.body).fontSize),
          };
        });
        await page.screenshot({ path: path.join(ART, `${name}-${width}.png`), fullPage: width === 375 });
        await page.close();
        report.push(`${name} @${width}: ${JSON.stringify(facts)}`);
        expect(errors, `${name} @${width}`).toEqual([]);
        expect(facts.svgs, `${name} has charts`).toBeGreaterThan(0);
        expect(facts.paths, `${name} @${width}: drawn paths`).toBeGreaterThan(0);
        expect(facts.visibleSvgs, `${name} @${width}: charts have a size`).toBe(facts.svgs);
        expect(facts.scrollWidth, `${name} @${width}: no horizontal scroll of the page`).toBeLessThanOrEqual(width);
        expect(facts.tooWide, `${name} @${width}`).toEqual([]);
        expect(facts.fontSize).toBeGreaterThanOrEqual(14);
      }
    }
    writeFileSync(path.join(ART, 'report.txt'), report.join('\n') + '\n');
  });
});
