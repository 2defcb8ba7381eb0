// Payout previews for hover, inlay hints and code lenses: what a rate, a tier table, a cap, a
// gate or a whole component pays, computed by the real evaluator (runtime/evaluate.ts) on a
// synthetic dataset built for a target (preview-target.ts: the plan's `target rep`, a typical
// rep of the sample data, or a rep inferred from the plan), and on the sample data itself
// (preview-sample.ts).
//
// The synthetic dataset: the target is the only roster row; in every period of the plan year,
// one credited deal worth quota x point, per attainment point; per-rep table rows from the
// target's `table.field` entries. The plan's IR is narrowed to the plan year and to the component
// being previewed (its clawbacks, draws and other components are left out).
//
// This is the one IDE module that imports the runtime and the data loader (see ARCHITECTURE.md:
// ide -> analysis, plus runtime/evaluate for previews).
import type { FullAnalysis } from '../analysis.js';
import type * as IR from '../../runtime/ir.js';
import { Decimal } from '../../runtime/decimal.js';
import { compilePlan, evaluate } from '../../runtime/evaluate.js';
import { formatPercent, formatAmount } from '../../runtime/format.js';
import { bar, money, yearRange } from './preview-format.js';
import type { SampleSummary } from './preview-sample.js';
export { bar, money, yearRange } from './preview-format.js';
import * as cal from '../../runtime/calendar.js';
import { declaredTarget, inferredTarget, type TargetEntry, type TargetSpec } from './preview-target.js';

/** Attainment points of a preview, as fractions of quota (band edges are added: previewPoints). */
export const POINTS = ['0.5', '0.8', '1', '1.2', '1.5', '2'];

export interface PreviewOptions {
  /** Folder (or file list) of sample data; '' or undefined: a `data/` folder next to the plan, if any. */
  sampleData?: string;
  /** Absolute path of the plan file (to find `data/` next to it). */
  planPath?: string;
  /** The plan run on its sample data (computed elsewhere, e.g. in a worker); absent: no sample figures. */
  sample?: SampleSummary;
  /** Set when `sample` is of an earlier version of the text: said above its figures. */
  sampleStale?: string;
  /** The last saved version of the plan (analysis and sample summary), for "before -> after". */
  saved?: FullAnalysis;
  savedSample?: SampleSummary;
  /** Asked between evaluations: true when the document changed and the work is wasted. */
  shouldStop?: () => boolean;
}

export interface PointResult {
  point: Decimal;
  /** Credit in the last period of the plan year, and over the year. */
  credit: Decimal;
  yearCredit?: Decimal;
  /** The rounded payout line of the last period, or undefined when the component does not pay the target. */
  payout?: Decimal;
  /** The sum of the payout lines over the plan year. */
  yearPayout?: Decimal;
  /** The year payout of the last saved version of the plan, when it differs. */
  before?: Decimal | 'not paid';
  error?: string;
}

export interface TargetPreview {
  component: string;
  /** The last period of the plan year. */
  period: string;
  /** Every period of the plan year. */
  periods: string[];
  currency: string;
  quota?: Decimal;
  /** 'attainment' when quota is known; otherwise points are amounts of credit. */
  axis: 'attainment' | 'amount';
  points: PointResult[];
  /** Who the figures are for ("the target rep", "a rep inferred from the plan ..."). */
  target: string;
  source: TargetSpec['source'];
  /** Why nothing could be computed. */
  problem?: string;
}

const TARGET_KEY = 'target';
const MEMBER_KEY = 'target-team-member';
const DEALS = '__preview_deals';

// ------------------------------------------------------------------ target rep

export { targetDecl } from './preview-target.js';

function defaultValue(f: IR.FieldIR, period: IR.PeriodValue): IR.Value {
  switch (f.type.t) {
    case 'text':
      return '';
    case 'date':
      return { kind: 'date', iso: '2000-01-01' };
    case 'period':
      return period;
    case 'boolean':
      return false;
    case 'ref':
      return null;
    default:
      return new Decimal(f.positive ? 1 : 0);
  }
}

function periodSpec(ir: IR.PlanIR): cal.PeriodSpec {
  return cal.specOf(ir.periods);
}

/** The preview period: the plan's last period (or the current one when the plan has no end). */
export function previewPeriod(ir: IR.PlanIR): IR.PeriodValue {
  const at = ir.periods.to ?? ir.periods.from ?? new Date().toISOString().slice(0, 10);
  return cal.periodOf(periodSpec(ir), at);
}

/** The plan year of a preview: the plan's periods up to twelve months, ending with its last period. */
export function previewYear(ir: IR.PlanIR): IR.PeriodValue[] {
  const last = previewPeriod(ir);
  let from = cal.addDays(cal.addMonths(last.end, -12), 1);
  if (ir.periods.from && ir.periods.from > from) from = ir.periods.from;
  const ps = cal.enumeratePeriods(periodSpec(ir), from, last.end);
  return ps.length ? ps : [last];
}

function row(table: string, key: string, values: Record<string, IR.Value>, line = 1): IR.RowValue {
  return { kind: 'row', table, key, values, loc: { file: 'target rep', line } };
}

/** A row's values: each field's default, then the target's entries for this table. */
function targetValues(t: IR.TableIR, entries: TargetEntry[], period: IR.PeriodValue): Record<string, IR.Value> {
  const values: Record<string, IR.Value> = Object.create(null) as Record<string, IR.Value>;
  for (const f of t.fields) values[f.name] = defaultValue(f, period);
  for (const e of entries) if (t.fields.some((x) => x.name === e.field)) values[e.field] = e.value;
  return values;
}

/** The synthetic dataset: the target rep (and a team member), per-rep rows in every period, and one deal per credit. */
function targetDataset(ir: IR.PlanIR, target: TargetSpec, periods: IR.PeriodValue[], credits: { amount: Decimal; period: IR.PeriodValue }[], toMember: boolean): IR.Dataset {
  const data: IR.Dataset = Object.create(null) as IR.Dataset;
  const last = periods[periods.length - 1]!;
  for (const t of ir.tables) {
    const mine = target.entries.filter((e) => (t.roster ? !e.table || e.table === t.name : e.table === t.name));
    if (t.roster) {
      const values = targetValues(t, mine, last);
      if (t.key) values[t.key] = TARGET_KEY;
      const rows = [row(t.name, TARGET_KEY, values)];
      if (ir.teamBy) {
        values[ir.teamBy] = null;
        const member = { ...values, [ir.teamBy]: TARGET_KEY };
        if (t.key) member[t.key] = MEMBER_KEY;
        rows.push(row(t.name, MEMBER_KEY, member, 2));
      }
      data[t.name] = rows;
    } else if (t.repField && mine.length) {
      const rows: IR.RowValue[] = [];
      for (const p of t.periodField ? periods : [last]) {
        const values = targetValues(t, mine, p);
        values[t.repField] = TARGET_KEY;
        if (t.periodField) values[t.periodField] = p;
        rows.push(row(t.name, `${TARGET_KEY}-${p.key}`, values, rows.length + 1));
        if (ir.teamBy) rows.push(row(t.name, `${MEMBER_KEY}-${p.key}`, { ...values, [t.repField]: MEMBER_KEY }, rows.length + 1));
      }
      data[t.name] = rows;
    } else data[t.name] = [];
  }
  data[DEALS] = credits.map((c, i) =>
    row(DEALS, `p${i + 1}`, { id: `p${i + 1}`, owner: toMember ? MEMBER_KEY : TARGET_KEY, amount: c.amount, date: { kind: 'date', iso: c.period.start } }, i + 1),
  );
  return data;
}

/** The plan narrowed to the preview year, the synthetic credit rule and one component. */
function previewIR(ir: IR.PlanIR, comp: IR.ComponentIR, periods: IR.PeriodValue[]): IR.PlanIR {
  const rowField = (name: string): IR.Expr => ({ k: 'field', of: { k: 'ctx', name: 'row' }, name });
  return {
    ...ir,
    periods: { ...ir.periods, from: periods[0]!.start, to: periods[periods.length - 1]!.end },
    tables: [
      ...ir.tables,
      {
        name: DEALS,
        source: `${DEALS}.csv`,
        roster: false,
        key: 'id',
        fields: [
          { name: 'id', type: { t: 'text' }, optional: false, positive: false },
          { name: 'owner', type: { t: 'ref', table: ir.roster }, optional: false, positive: false },
          { name: 'amount', type: { t: 'money', currency: ir.currency }, optional: false, positive: false },
          { name: 'date', type: { t: 'date' }, optional: false, positive: false },
        ],
      },
    ],
    credits: [{ table: DEALS, amount: rowField('amount'), date: rowField('date'), to: rowField('owner'), text: 'preview credit' }],
    components: [comp],
    draws: [],
  };
}

/** Only the rate of a component (or a tier table): no `for`, gates, multipliers or caps. */
export function rateOnly(comp: IR.ComponentIR): IR.ComponentIR {
  return { ...comp, appliesTo: undefined, gates: [], multipliers: [], caps: [], attainmentCap: undefined, clawbacks: [], measure: { team: false, text: 'credit' } };
}

/** A whole component as previewed: without clawbacks and without the measure's `where`. */
export function wholeComponent(comp: IR.ComponentIR): IR.ComponentIR {
  return { ...comp, clawbacks: [], measure: { ...comp.measure, where: undefined } };
}

/** A component paying a named tier table on credit, for a tier table hovered on its own. */
export function tiersComponent(ir: IR.PlanIR, tiersName: string): IR.ComponentIR | undefined {
  for (const c of ir.components) {
    if (c.rate.k === 'tiers' && c.rate.name === tiersName) {
      return rateOnly({ ...c, name: c.name, label: `tiers ${tiersName}` });
    }
  }
  return undefined;
}

/** The attainment points of a preview: the usual ones and the edges of every attainment band (0% left out). */
export function previewPoints(comp: IR.ComponentIR): Decimal[] {
  const set = new Map<string, Decimal>();
  const add = (x: string | undefined) => {
    if (x === undefined) return;
    const d = new Decimal(x);
    if (d.gt(0) && d.lte(5)) set.set(d.toString(), d);
  };
  for (const p of POINTS) add(p);
  if (comp.rate.k === 'tiers' && comp.rate.axis === 'attainment') for (const b of comp.rate.bands) (add(b.from), add(b.to));
  return [...set.values()].sort((x, y) => x.cmp(y));
}

/**
 * Evaluate `comp` at each attainment point for a target over the plan year: in every period, one
 * credited deal of quota x point. `target` defaults to the plan's `target rep`, else a rep
 * inferred from the plan. `shouldStop` is asked between evaluations (cancellation).
 */
export function previewTarget(a: FullAnalysis, comp: IR.ComponentIR, target?: TargetSpec, shouldStop?: () => boolean): TargetPreview {
  // The same analysis, component and target give the same figures: hovers, code lenses and inlay
  // hints of one version, and every "before" of the last saved version, evaluate once.
  let memo = previewMemo.get(a);
  if (!memo) previewMemo.set(a, (memo = new Map()));
  const key = JSON.stringify([comp, target ?? null]);
  const hit = memo.get(key);
  if (hit) return hit;
  const out = computePreviewTarget(a, comp, target, shouldStop);
  if (memo.size > 64) memo.delete(memo.keys().next().value!);
  memo.set(key, out);
  return out;
}

const previewMemo = new WeakMap<FullAnalysis, Map<string, TargetPreview>>();

function computePreviewTarget(a: FullAnalysis, comp: IR.ComponentIR, target: TargetSpec | undefined, shouldStop: (() => boolean) | undefined): TargetPreview {
  const ir = a.ir!;
  const spec = target ?? declaredTarget(a.plan) ?? inferredTarget(ir, comp);
  const periods = previewYear(ir);
  const last = periods[periods.length - 1]!;
  const out: TargetPreview = { component: comp.name, period: last.key, periods: periods.map((p) => p.key), currency: ir.currency, axis: 'attainment', points: [], target: spec.label, source: spec.source };
  let compiled;
  try {
    compiled = compilePlan(previewIR(ir, comp, periods));
  } catch (e) {
    return { ...out, problem: `the preview could not be compiled (${(e as Error).message})` };
  }
  const team = comp.measure.team;
  const run = (credits: { amount: Decimal; period: IR.PeriodValue }[]) => {
    if (shouldStop?.()) throw new PreviewCancelled();
    const r = evaluate(compiled, targetDataset(ir, spec, periods, credits, team));
    const mine = r.result?.statements.filter((s) => s.rep === TARGET_KEY) ?? [];
    return { r, mine };
  };
  // Quota of each period: a run without credit.
  const quotas = new Map<string, Decimal>();
  try {
    const { r, mine } = run([]);
    for (const st of mine) {
      const q = st.values?.['quota'];
      if (q !== undefined && q !== '' && !Number.isNaN(Number(q))) quotas.set(st.period, new Decimal(q));
    }
    if (!mine.length && r.errors.length) return { ...out, problem: r.errors[0]!.message };
  } catch (e) {
    if (e instanceof PreviewCancelled) throw e;
    return { ...out, problem: (e as Error).message };
  }
  const quota = quotas.get(last.key);
  const byQuota = !!quota && quota.gt(0);
  if (byQuota) out.quota = quota;
  else out.axis = 'amount';
  const base = (p: IR.PeriodValue) => (byQuota ? (quotas.get(p.key) ?? quota!) : referenceAmount(comp));
  const points = byQuota ? previewPoints(comp) : POINTS.map((p) => new Decimal(p));
  for (const point of points) {
    const credits = periods.map((p) => ({ amount: base(p).times(point), period: p }));
    const credit = credits[credits.length - 1]!.amount;
    const yearCredit = credits.reduce((s, c) => s.plus(c.amount), new Decimal(0));
    try {
      const { r, mine } = run(credits);
      let yearPayout: Decimal | undefined;
      let payout: Decimal | undefined;
      for (const st of mine) {
        const line = st.lines.find((l) => l.kind === 'component' && l.name === comp.name);
        if (!line) continue;
        yearPayout = (yearPayout ?? new Decimal(0)).plus(line.amount);
        if (st.period === last.key) payout = new Decimal(line.amount);
      }
      if (r.errors.length && yearPayout === undefined) out.points.push({ point, credit, yearCredit, error: r.errors[0]!.message });
      else out.points.push({ point, credit, yearCredit, payout, yearPayout });
    } catch (e) {
      if (e instanceof PreviewCancelled) throw e;
      out.points.push({ point, credit, yearCredit, error: (e as Error).message });
    }
  }
  return out;
}

/** Thrown by previewTarget when `shouldStop` says the document changed. */
export class PreviewCancelled extends Error {
  constructor() {
    super('preview cancelled');
  }
}

/** Without a quota, points are fractions of the highest band bound (or of 100,000). */
function referenceAmount(comp: IR.ComponentIR): Decimal {
  if (comp.rate.k === 'tiers' && comp.rate.axis === 'amount') {
    let best = new Decimal(0);
    for (const b of comp.rate.bands) {
      for (const x of [b.from, b.to]) if (x !== undefined && new Decimal(x).gt(best)) best = new Decimal(x);
    }
    if (best.gt(0)) return best;
  }
  return new Decimal(100000);
}

// ------------------------------------------------------------------ markdown

const shownPay = (currency: string, v: Decimal | 'not paid' | undefined) => (v === undefined || v === 'not paid' ? 'not paid' : money(currency, v));

/**
 * Attach the year payouts of the last saved version (`before`) to the points that differ, for
 * "before -> after". Points are matched by attainment.
 */
export function compareWithSaved(now: TargetPreview, saved: TargetPreview | undefined): TargetPreview {
  if (!saved || saved.problem || now.problem) return now;
  const old = new Map(saved.points.map((x) => [x.point.toString(), x]));
  return {
    ...now,
    points: now.points.map((x) => {
      const o = old.get(x.point.toString());
      if (!o || o.error || x.error) return x;
      const same = o.yearPayout === undefined ? x.yearPayout === undefined : x.yearPayout !== undefined && o.yearPayout.eq(x.yearPayout);
      return same ? x : { ...x, before: o.yearPayout ?? 'not paid' };
    }),
  };
}

export function renderTargetPreview(p: TargetPreview, title: string): string {
  const lines: string[] = [];
  const quota = p.quota ? `, quota ${money(p.currency, p.quota)} per period` : '';
  lines.push(`**Payout preview** · ${title} for ${p.target}${quota} · plan year ${yearRange(p.periods)}`);
  if (p.problem) {
    lines.push('', `_Not computed: ${p.problem}_`);
    return lines.join('\n');
  }
  const head = p.axis === 'attainment' ? 'attainment' : 'share of the top band';
  const changed = p.points.some((x) => x.before !== undefined);
  lines.push('', `| ${head} | credit | payout in ${p.period} | plan year | effective rate |`, '|---:|---:|---:|---:|---:|');
  for (const x of p.points) {
    const pay = x.error ? `error: ${x.error}` : shownPay(p.currency, x.payout);
    const year = x.error ? '' : x.before !== undefined ? `${shownPay(p.currency, x.before)} → **${shownPay(p.currency, x.yearPayout)}**` : shownPay(p.currency, x.yearPayout);
    const eff = x.yearPayout !== undefined && x.yearCredit?.gt(0) ? formatPercent(x.yearPayout.div(x.yearCredit).toDecimalPlaces(4), 2) : '';
    lines.push(`| ${formatPercent(x.point)} | ${money(p.currency, x.credit)} | ${pay} | ${year} | ${eff} |`);
  }
  if (changed) lines.push('', '_→ the change against the last saved version of the plan._');
  const paid = p.points.filter((x) => x.yearPayout !== undefined);
  if (paid.length) {
    const max = paid.reduce((m, x) => (x.yearPayout!.gt(m) ? x.yearPayout! : m), new Decimal(0));
    lines.push('', '```text');
    for (const x of p.points) {
      const label = formatPercent(x.point).padStart(5);
      const amount = x.yearPayout !== undefined ? formatAmount(x.yearPayout) : '-';
      lines.push(`${label} ${bar(x.yearPayout ?? new Decimal(0), max).padEnd(21)} ${amount}`);
    }
    lines.push('```');
  } else if (p.points.every((x) => !x.error)) {
    lines.push('', `_The component does not pay ${p.target}: check its \`for\` condition${p.source === 'target rep' ? ' against the `target rep` values' : ''}._`);
  }
  if (p.source !== 'target rep') lines.push('', '_To preview a rep of your choosing, add a `target rep` to the plan, e.g.:_');
  return lines.join('\n');
}

