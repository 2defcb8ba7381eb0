// `comp model`: what a plan costs under attainment scenarios, computed by the real evaluator on
// synthetic data: the plan's roster and other tables as given, and for every rep and period one
// synthetic deal (a copy of a real credited row, synthetic.ts) worth quota x the scenario's
// attainment. Reps without a quota keep the credit base of their actual credit.
import type { ComponentIR, Dataset, PlanIR, RunResult } from '../../runtime/ir.js';
import { Decimal } from '../../runtime/decimal.js';
import { money, pct } from './describe.js';
import { CURVE_POINTS, exampleRep, payoutCurve } from './curve.js';
import { barChart, cards, esc, lineChart, page, table } from './html.js';
import { findTemplate, quotaOf, run, withCredits, type SyntheticCredit } from './synthetic.js';
import { csvRows, displayWidth, escapeControls, padDisplay } from '../cli/cells.js';

export type ScenarioSpec =
  | { k: 'quota'; level: Decimal }
  | { k: 'shift'; points: Decimal }
  | { k: 'scale'; factor: Decimal }
  | { k: 'normal'; mean: Decimal; sd: Decimal; seed: number };

export function scenarioName(s: ScenarioSpec): string {
  switch (s.k) {
    case 'quota':
      return `every rep at ${pct(s.level)} of quota`;
    case 'shift':
      return `actual attainment ${s.points.gte(0) ? '+' : ''}${pct(s.points)}`;
    case 'scale':
      return `actual attainment x${s.factor.toFixed()}`;
    case 'normal':
      return `attainment ~ normal(${pct(s.mean)}, ${pct(s.sd)}), seed ${s.seed}`;
  }
}

export interface ScenarioResult {
  name: string;
  cost: string;
  credit: string;
  /** cost / credit */
  costOfSales?: string;
  repPeriods: number;
  /** Share of rep-periods in each band of the plan's first attainment tier table. */
  bands: { band: string; share: string; count: number }[];
  perComponent: { name: string; cost: string }[];
  problem?: string;
}

export interface ModelReport {
  plan: string;
  currency: string;
  actual: { cost: string; credit: string; costOfSales?: string };
  /** The cost with every rep at 100% of quota. */
  atTarget?: string;
  scenarios: ScenarioResult[];
  curve?: { rep: string; period: string; quota?: string; points: { attainment: string; credit: string; earned: string; effectiveRate?: string }[] };
  bandsOf?: string;
  notes: string[];
}

/** mulberry32: a small seeded generator, so a seed always draws the same numbers. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws (Box-Muller), as text with 6 decimals so that amounts stay decimals made from text. */
function normals(seed: number): () => string {
  const next = rng(seed);
  return () => {
    const u = Math.max(next(), 1e-12);
    const v = next();
    return (Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)).toFixed(6);
  };
}

interface Base {
  rep: string;
  period: string;
  start: string;
  /** Quota, or the actual credit when the plan has no quota for the rep. */
  base?: Decimal;
  hasQuota: boolean;
  actual?: Decimal;
}

function creditOf(r: RunResult, rep: string, period: string): Decimal {
  const s = r.statements.find((x) => x.rep === rep && x.period === period);
  const v = s?.trace.find((n) => n.kind === 'credits')?.value;
  return v !== undefined && /^-?\d/.test(v) ? new Decimal(v) : new Decimal(0);
}

function bases(r: RunResult): Base[] {
  const start = new Map(r.periods.map((p) => [p.key, p.start]));
  return r.statements.map((s) => {
    const q = quotaOf(s);
    const credit = creditOf(r, s.rep, s.period);
    const att = s.values?.['attainment'];
    const b: Base = { rep: s.rep, period: s.period, start: start.get(s.period)!, hasQuota: !!q };
    if (q) {
      b.base = q;
      b.actual = att !== undefined && /^-?\d/.test(att) ? new Decimal(att) : credit.div(q);
    } else if (credit.gt(0)) {
      b.base = credit;
      b.actual = new Decimal(1);
    }
    return b;
  });
}

/** The first tier table on attainment, and the value its bands read (`team attainment` for a team measure). */
function attainmentTiers(ir: PlanIR): { c: ComponentIR; value: string } | undefined {
  const tiered = ir.components.filter((c) => c.rate.k === 'tiers' && c.rate.axis === 'attainment');
  const own = tiered.find((c) => !c.measure.team);
  if (own && ir.lets.some((l) => l.name === 'attainment')) return { c: own, value: 'attainment' };
  const team = tiered.find((c) => c.measure.team);
  if (team && ir.lets.some((l) => l.name === 'team attainment')) return { c: team, value: 'team attainment' };
  return undefined;
}

export function model(ir: PlanIR, data: Dataset, actual: RunResult, specs: ScenarioSpec[]): ModelReport {
  const cur = ir.currency;
  const notes: string[] = [];
  const sum = (r: RunResult) => r.statements.reduce((a, s) => a.plus(new Decimal(s.earned)), new Decimal(0));
  // Reps never credited in the data (managers paid on their team, overlays without deals) get no
  // synthetic deal of their own: their pay follows from the others'.
  const credited = new Set(actual.statements.filter((s) => creditOf(actual, s.rep, s.period).gt(0)).map((s) => s.rep));
  const all = bases(actual);
  const list = all.filter((b) => credited.has(b.rep));
  if (list.length < all.length) notes.push(`${new Set(all.filter((b) => !credited.has(b.rep)).map((b) => b.rep)).size} reps without any credit in the data get no synthetic deal of their own (managers are paid on their team's).`);
  const actualCredit = list.reduce((a, b) => a.plus(creditOf(actual, b.rep, b.period)), new Decimal(0));
  const actualCost = sum(actual);
  const report: ModelReport = { plan: ir.name, currency: cur, actual: { cost: actualCost.toFixed(2), credit: actualCredit.toFixed(2) }, scenarios: [], notes };
  if (actualCredit.gt(0)) report.actual.costOfSales = actualCost.div(actualCredit).toDecimalPlaces(4).toFixed();
  const template = findTemplate(ir, data, actual);
  if (!template) {
    notes.push('No credited deal in the data to model synthetic deals on: no scenario was computed.');
    return report;
  }
  notes.push(`Synthetic deals copy the fields of the real deal \`${template.row.key}\` of \`${template.rule.table}\` (product, stage, channel...): one per rep and period, dated the period's first day; no cancellation, no split.`);
  if (list.some((b) => !b.hasQuota && b.base)) notes.push('Reps without a quota are modelled on their actual credit (100% = what they were credited).');
  const tiersOf = attainmentTiers(ir);
  const tiers = tiersOf?.c;
  const attValue = tiersOf?.value ?? 'attainment';
  if (tiers) report.bandsOf = `${tiers.label || tiers.name} (by ${attValue})`;
  for (const spec of specs) {
    const draw = spec.k === 'normal' ? normals(spec.seed) : undefined;
    const credits: SyntheticCredit[] = [];
    let credit = new Decimal(0);
    for (const b of list) {
      if (!b.base) continue;
      let a: Decimal;
      if (spec.k === 'quota') a = spec.level;
      else if (spec.k === 'shift') a = (b.actual ?? new Decimal(0)).plus(spec.points);
      else if (spec.k === 'scale') a = (b.actual ?? new Decimal(0)).times(spec.factor);
      else a = spec.mean.plus(spec.sd.times(new Decimal(draw!())));
      if (a.lt(0)) a = new Decimal(0);
      const amount = b.base.times(a).toDecimalPlaces(2);
      if (amount.gt(0)) {
        credits.push({ rep: b.rep, date: b.start, amount });
        credit = credit.plus(amount);
      }
    }
    const r = run(ir, withCredits(ir, data, template, credits, true));
    const name = scenarioName(spec);
    if (!r.result) {
      report.scenarios.push({ name, cost: '0', credit: credit.toFixed(2), repPeriods: 0, bands: [], perComponent: [], problem: r.problem! });
      continue;
    }
    const cost = sum(r.result);
    const per = new Map<string, Decimal>();
    for (const s of r.result.statements) for (const l of s.lines) if (l.kind === 'component') per.set(l.label || l.name, (per.get(l.label || l.name) ?? new Decimal(0)).plus(new Decimal(l.amount)));
    const bands: ScenarioResult['bands'] = [];
    if (tiers && tiers.rate.k === 'tiers') {
      const paidBy = r.result.statements.filter((s) => s.lines.some((l) => l.kind === 'component' && l.name === tiers.name) && s.values?.[attValue] !== undefined && /^-?\d/.test(s.values[attValue]!));
      for (const band of tiers.rate.bands) {
        const n = paidBy.filter((s) => {
          const a = new Decimal(s.values![attValue]!);
          return a.gte(band.from) && (band.to === undefined || a.lt(band.to));
        }).length;
        bands.push({ band: `${pct(band.from)} to ${band.to === undefined ? '…' : pct(band.to)}`, count: n, share: paidBy.length ? new Decimal(n).div(paidBy.length).toDecimalPlaces(4).toFixed() : '0' });
      }
    }
    const res: ScenarioResult = { name, cost: cost.toFixed(2), credit: credit.toFixed(2), repPeriods: credits.length, bands, perComponent: [...per].map(([n, v]) => ({ name: n, cost: v.toFixed(2) })) };
    if (credit.gt(0)) res.costOfSales = cost.div(credit).toDecimalPlaces(4).toFixed();
    report.scenarios.push(res);
    if (spec.k === 'quota' && spec.level.eq(1)) report.atTarget = res.cost;
  }
  const period = actual.periods[0];
  const rep = period ? exampleRep(ir, data, actual, period) : undefined;
  if (rep && period) {
    const c = payoutCurve(ir, data, actual, rep, period, CURVE_POINTS);
    if (!('problem' in c)) {
      report.curve = {
        rep,
        period: period.key,
        points: c.points.filter((p) => p.statement).map((p) => {
          const earned = new Decimal(p.statement!.earned);
          const o: { attainment: string; credit: string; earned: string; effectiveRate?: string } = { attainment: p.point.toFixed(), credit: p.credit.toFixed(2), earned: earned.toFixed(2) };
          if (p.credit.gt(0)) o.effectiveRate = earned.div(p.credit).toDecimalPlaces(4).toFixed();
          return o;
        }),
      };
      if (c.quota) report.curve.quota = c.quota.toFixed(2);
    }
  }
  return report;
}

// ------------------------------------------------------------------ output

function rows(r: ModelReport): string[][] {
  const cur = r.currency;
  return [
    ['actual (the data as it is)', money(cur, r.actual.cost), money(cur, r.actual.credit), r.actual.costOfSales ? pct(r.actual.costOfSales) : ''],
    ...r.scenarios.map((s) => [s.name, s.problem ? `not computed: ${s.problem}` : money(cur, s.cost), money(cur, s.credit), s.costOfSales ? pct(s.costOfSales) : '']),
  ];
}

/** Columns aligned by display width, control characters of the data escaped. */
function pad(raw: string[][], right: boolean[]): string {
  const t = raw.map((r) => r.map(escapeControls));
  const w = t[0]!.map((_, i) => Math.max(...t.map((r) => displayWidth(r[i]!))));
  return t.map((r) => r.map((c, i) => padDisplay(c, w[i]!, right[i]!)).join('  ').trimEnd()).join('\n') + '\n';
}

export function modelTable(r: ModelReport): string {
  const cur = r.currency;
  const out = [`${r.plan}: cost under scenarios (${cur})`, ''];
  out.push(pad([['scenario', 'total cost', 'credited revenue', 'cost of sales'], ...rows(r)], [false, true, true, true]));
  if (r.atTarget) out.push(`Pay at target (every rep at 100%): ${money(cur, r.atTarget)}; actual: ${money(cur, r.actual.cost)}\n`);
  if (r.bandsOf && r.scenarios.some((s) => s.bands.length)) {
    out.push(`Share of rep-periods in each band of ${r.bandsOf}`);
    const bands = r.scenarios.find((s) => s.bands.length)!.bands.map((b) => b.band);
    out.push(pad([['scenario', ...bands], ...r.scenarios.map((s) => [s.name, ...s.bands.map((b) => pct(b.share))])], [false, ...bands.map(() => true)]));
  }
  if (r.curve) {
    out.push(`Payout curve for ${escapeControls(r.curve.rep)} in ${r.curve.period}${r.curve.quota ? ` (quota ${money(cur, r.curve.quota)})` : ''}`);
    out.push(pad([['attainment', 'credit', 'earned', 'effective rate'], ...r.curve.points.map((p) => [pct(p.attainment), money(cur, p.credit), money(cur, p.earned), p.effectiveRate ? pct(p.effectiveRate) : ''])], [true, true, true, true]));
  }
  for (const n of r.notes) out.push(`note: ${n.replace(/`/g, '')}`);
  return out.join('\n') + '\n';
}

/** CSV (csv-stringify); text cells neutralised against spreadsheet formulas unless `raw` (compiler/cli/cells.ts). */
export function modelCsv(r: ModelReport, opts: { raw?: boolean } = {}): string {
  const rows = [['actual', r.actual.cost, r.actual.credit, r.actual.costOfSales ?? ''], ...r.scenarios.map((s) => [s.name, s.problem ? '' : s.cost, s.credit, s.costOfSales ?? ''])];
  return csvRows(['scenario', 'total_cost', 'credited_revenue', 'cost_of_sales'], rows, new Set([0]), opts.raw);
}

/** The `comp.model` document (schemas/model.v1.json). */
export function modelJson(r: ModelReport): string {
  return JSON.stringify({ kind: 'comp.model', schemaVersion: 1, ...r }, null, 2) + '\n';
}

export function modelHtml(r: ModelReport): string {
  const cur = r.currency;
  const b: string[] = [];
  b.push(`<h1>${esc(r.plan)}: what it costs</h1><p class="sub">Scenarios computed by the plan's evaluator on synthetic deals built from the plan's tables</p>`);
  b.push(cards([
    ['Actual cost', money(cur, r.actual.cost)],
    ['Actual cost of sales', r.actual.costOfSales ? pct(r.actual.costOfSales) : '—'],
    ['Pay at target', r.atTarget ? money(cur, r.atTarget) : '—'],
    ['Scenarios', String(r.scenarios.length)],
  ]));
  b.push('<h2>Cost by scenario</h2>');
  b.push(table(['Scenario', { text: 'Total cost', n: true }, { text: 'Credited revenue', n: true }, { text: 'Cost of sales', n: true }], rows(r).map((x) => [x[0]!, { text: x[1]!, n: true }, { text: x[2]!, n: true }, { text: x[3]!, n: true }])));
  const ok = r.scenarios.filter((s) => !s.problem);
  if (ok.length) b.push(barChart(ok.map((s) => ({ label: s.name, value: new Decimal(s.cost).toNumber(), shown: money(cur, s.cost, 0) })), 'Total cost by scenario'));
  if (r.bandsOf && ok.some((s) => s.bands.length)) {
    b.push(`<h2>Share of reps in each band of ${esc(r.bandsOf)}</h2>`);
    const bands = ok.find((s) => s.bands.length)!.bands.map((x) => x.band);
    b.push(table(['Scenario', ...bands.map((x) => ({ text: x, n: true }))], ok.map((s) => [s.name, ...s.bands.map((x) => ({ text: `${pct(x.share)} (${x.count})`, n: true }))])));
  }
  if (r.curve) {
    b.push(`<h2>Payout curve of a typical rep</h2><p>${esc(`${r.curve.rep} in ${r.curve.period}${r.curve.quota ? `, quota ${money(cur, r.curve.quota)}` : ''}.`)}</p>`);
    const pts = r.curve.points.map((p) => ({ x: new Decimal(p.attainment).toNumber() * 100, y: new Decimal(p.earned).toNumber() }));
    b.push(lineChart([{ name: 'earned', points: pts }], { title: 'Payout curve', xLabel: 'attainment', yLabel: `earned (${cur})`, xFormat: (x) => `${Math.round(x)}%`, yFormat: (y) => (Math.abs(y) >= 100 ? String(Math.round(y)).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : y.toFixed(2)), guides: [{ x: 100, label: 'quota' }] }));
    const eff = r.curve.points.filter((p) => p.effectiveRate).map((p) => ({ x: new Decimal(p.attainment).toNumber() * 100, y: new Decimal(p.effectiveRate!).toNumber() * 100 }));
    b.push('<h2>Effective rate by attainment</h2>');
    b.push(lineChart([{ name: 'effective rate', points: eff }], { title: 'Effective rate by attainment', xLabel: 'attainment', yLabel: 'earned / credit', xFormat: (x) => `${Math.round(x)}%`, yFormat: (y) => `${y.toFixed(1)}%`, guides: [{ x: 100, label: 'quota' }] }));
    b.push(table([{ text: 'Attainment', n: true }, { text: 'Credit', n: true }, { text: 'Earned', n: true }, { text: 'Effective rate', n: true }], r.curve.points.map((p) => [{ text: pct(p.attainment), n: true }, { text: money(cur, p.credit), n: true }, { text: money(cur, p.earned), n: true }, { text: p.effectiveRate ? pct(p.effectiveRate) : '', n: true }])));
  }
  if (r.notes.length) b.push(`<h2>How it was computed</h2><ul class="terms">${r.notes.map((n) => `<li>${esc(n).replace(/`([^`]+)`/g, '<code>$1</code>')}</li>`).join('')}</ul>`);
  b.push('<footer>Generated by <code>comp model</code>; every figure is computed by the plan\'s own evaluator.</footer>');
  return page(`${r.plan}: cost model`, b.join('\n'));
}
