// Payout previews for hover: what a rate, a tier table, a cap, a gate or a whole component pays,
// computed by the real evaluator (runtime/evaluate.ts) on a synthetic dataset built from the
// plan's `target rep`, and, when sample data is configured, on that data.
//
// The synthetic dataset: the target rep is the only roster row; one credited deal worth
// quota x point in the plan's last period, per attainment point; per-rep table rows from the
// target's `table.field` entries. The plan's IR is narrowed to that one period and to the
// component being previewed (its clawbacks, draws and other components are left out).
//
// This is the one IDE module that imports the runtime and the data loader (see the report in
// ARCHITECTURE.md terms: ide -> analysis, plus runtime/evaluate for previews).
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FullAnalysis } from '../analysis.js';
import type * as A from '../syntax/ast.js';
import type * as IR from '../../runtime/ir.js';
import { Decimal } from '../../runtime/decimal.js';
import { compilePlan, evaluate } from '../../runtime/evaluate.js';
import { formatPercent, groupThousands, formatAmount } from '../../runtime/format.js';
import * as cal from '../../runtime/calendar.js';
import { loadDataset } from '../data/load.js';

/** Attainment points of a preview, as fractions of quota. */
export const POINTS = ['0.5', '0.8', '1', '1.2', '1.5', '2'];

export interface PreviewOptions {
  /** Folder (or file list) of sample data; '' or undefined: a `data/` folder next to the plan, if any. */
  sampleData?: string;
  /** Absolute path of the plan file (to find `data/` next to it). */
  planPath?: string;
}

export interface PointResult {
  point: Decimal;
  credit: Decimal;
  /** The rounded payout line, or undefined when the component does not pay the target rep. */
  payout?: Decimal;
  error?: string;
}

export interface TargetPreview {
  component: string;
  period: string;
  currency: string;
  quota?: Decimal;
  /** 'attainment' when quota is known; otherwise points are amounts of credit. */
  axis: 'attainment' | 'amount';
  points: PointResult[];
  /** Why nothing could be computed. */
  problem?: string;
}

const TARGET_KEY = 'target';
const MEMBER_KEY = 'target-team-member';
const DEALS = '__preview_deals';

// ------------------------------------------------------------------ target rep

export function targetDecl(plan: A.Plan): A.TargetDecl | undefined {
  return plan.items.find((i): i is A.TargetDecl => i.kind === 'TargetDecl');
}

function literalValue(e: A.Expr | undefined, type: IR.FieldType): IR.Value | undefined {
  if (!e) return undefined;
  let neg = false;
  if (e.kind === 'Unary' && e.op === '-' && e.operand) {
    neg = true;
    e = e.operand;
  }
  const d = (x: Decimal) => (neg ? x.neg() : x);
  switch (e.kind) {
    case 'MoneyLit':
      return d(new Decimal(e.amount));
    case 'PercentLit':
      return d(new Decimal(e.text).div(100));
    case 'NumberLit':
      return d(new Decimal(e.text));
    case 'StringLit':
      return e.value;
    case 'BoolLit':
      return e.value;
    case 'DateLit':
      return { kind: 'date', iso: e.text };
    case 'PeriodLit':
      return cal.periodFromKey(e.text) ?? null;
    default:
      void type;
      return undefined;
  }
}

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

/** The preview period: the plan's last period (or the current one when the plan has no end). */
export function previewPeriod(ir: IR.PlanIR): IR.PeriodValue {
  const spec: cal.PeriodSpec = { frequency: ir.periods.frequency, every: ir.periods.every || 1 };
  if (spec.frequency === 'week') spec.anchor = ir.periods.from;
  const at = ir.periods.to ?? ir.periods.from ?? new Date().toISOString().slice(0, 10);
  return cal.periodOf(spec, at);
}

function row(table: string, key: string, values: Record<string, IR.Value>, line = 1): IR.RowValue {
  return { kind: 'row', table, key, values, loc: { file: 'target rep', line } };
}

/** A row's values: each field's default, then the target rep's entries for this table. */
function targetValues(t: IR.TableIR, entries: A.TargetDecl['entries'], period: IR.PeriodValue): Record<string, IR.Value> {
  const values: Record<string, IR.Value> = {};
  for (const f of t.fields) values[f.name] = defaultValue(f, period);
  for (const e of entries) {
    const f = t.fields.find((x) => x.name === e.field!.text);
    const v = f ? literalValue(e.value, f.type) : undefined;
    if (f && v !== undefined) values[f.name] = v;
  }
  return values;
}

/** The synthetic dataset: the target rep (and a team member), per-rep rows, and the given credits. */
function targetDataset(ir: IR.PlanIR, target: A.TargetDecl | undefined, period: IR.PeriodValue, credits: Decimal[], toMember: boolean): IR.Dataset {
  const data: IR.Dataset = {};
  const entries = target?.entries ?? [];
  for (const t of ir.tables) {
    const mine = entries.filter((e) => e.field && (t.roster ? !e.table || e.table.text === t.name : e.table?.text === t.name));
    if (t.roster) {
      const values = targetValues(t, mine, period);
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
      const values = targetValues(t, mine, period);
      values[t.repField] = TARGET_KEY;
      if (t.periodField) values[t.periodField] = period;
      const rows = [row(t.name, TARGET_KEY, values)];
      if (ir.teamBy) rows.push(row(t.name, MEMBER_KEY, { ...values, [t.repField]: MEMBER_KEY }, 2));
      data[t.name] = rows;
    } else data[t.name] = [];
  }
  data[DEALS] = credits.map((amount, i) =>
    row(DEALS, `p${i + 1}`, { id: `p${i + 1}`, owner: toMember ? MEMBER_KEY : TARGET_KEY, amount, date: { kind: 'date', iso: period.start } }, i + 1),
  );
  return data;
}

/** The plan narrowed to one period, the synthetic credit rule and one component. */
function previewIR(ir: IR.PlanIR, comp: IR.ComponentIR, period: IR.PeriodValue): IR.PlanIR {
  const rowField = (name: string): IR.Expr => ({ k: 'field', of: { k: 'ctx', name: 'row' }, name });
  return {
    ...ir,
    periods: { ...ir.periods, from: period.start, to: period.end },
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

/** Evaluate `comp` for the target rep at each attainment point. */
export function previewTarget(a: FullAnalysis, comp: IR.ComponentIR): TargetPreview {
  const ir = a.ir!;
  const target = targetDecl(a.plan);
  const period = previewPeriod(ir);
  const out: TargetPreview = { component: comp.name, period: period.key, currency: ir.currency, axis: 'attainment', points: [] };
  let compiled;
  try {
    compiled = compilePlan(previewIR(ir, comp, period));
  } catch (e) {
    return { ...out, problem: `the preview could not be compiled (${(e as Error).message})` };
  }
  const team = comp.measure.team;
  const run = (credits: Decimal[]) => {
    const r = evaluate(compiled, targetDataset(ir, target, period, credits, team));
    const st = r.result?.statements.find((s) => s.rep === TARGET_KEY && s.period === period.key);
    return { r, st };
  };
  // Quota: a run without credit.
  let quota: Decimal | undefined;
  try {
    const { r, st } = run([]);
    const q = st?.values?.['quota'];
    if (q !== undefined && q !== '' && !Number.isNaN(Number(q))) quota = new Decimal(q);
    if (!st && r.errors.length) return { ...out, problem: r.errors[0]!.message };
  } catch (e) {
    return { ...out, problem: (e as Error).message };
  }
  let base = quota;
  if (!base || base.lte(0)) {
    out.axis = 'amount';
    base = referenceAmount(comp);
  } else out.quota = quota;
  for (const p of POINTS) {
    const point = new Decimal(p);
    const credit = base.times(point);
    try {
      const { r, st } = run([credit]);
      const line = st?.lines.find((l) => l.kind === 'component' && l.name === comp.name);
      if (r.errors.length && !line) out.points.push({ point, credit, error: r.errors[0]!.message });
      else out.points.push({ point, credit, payout: line ? new Decimal(line.amount) : undefined });
    } catch (e) {
      out.points.push({ point, credit, error: (e as Error).message });
    }
  }
  return out;
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

export function money(currency: string, d: Decimal, dp = 2): string {
  const s = d.toFixed(dp);
  return `${currency} ${groupThousands(/^-0(\.0*)?$/.test(s) ? s.slice(1) : s)}`;
}

const BLOCKS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A bar of `width` cells for value/max (Unicode eighth blocks). */
export function bar(value: Decimal, max: Decimal, width = 20): string {
  if (max.lte(0) || value.lte(0)) return '';
  const eighths = value.div(max).times(width * 8).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
  return '█'.repeat(Math.floor(eighths / 8)) + BLOCKS[eighths % 8]!;
}

export function renderTargetPreview(p: TargetPreview, title: string): string {
  const lines: string[] = [];
  const quota = p.quota ? ` (quota ${money(p.currency, p.quota)})` : '';
  lines.push(`**Payout preview** · ${title} for the target rep in ${p.period}${quota}`);
  if (p.problem) {
    lines.push('', `_Not computed: ${p.problem}_`);
    return lines.join('\n');
  }
  const head = p.axis === 'attainment' ? 'attainment' : 'share of the top band';
  lines.push('', `| ${head} | credit | payout | effective rate |`, '|---:|---:|---:|---:|');
  for (const x of p.points) {
    const pay = x.error ? `error: ${x.error}` : x.payout === undefined ? 'not paid' : money(p.currency, x.payout);
    const eff = x.payout !== undefined && x.credit.gt(0) ? formatPercent(x.payout.div(x.credit).toDecimalPlaces(4), 2) : '';
    lines.push(`| ${formatPercent(x.point)} | ${money(p.currency, x.credit)} | ${pay} | ${eff} |`);
  }
  const paid = p.points.filter((x) => x.payout !== undefined);
  if (paid.length) {
    const max = paid.reduce((m, x) => (x.payout!.gt(m) ? x.payout! : m), new Decimal(0));
    lines.push('', '```text');
    for (const x of p.points) {
      const label = formatPercent(x.point).padStart(5);
      const amount = x.payout !== undefined ? formatAmount(x.payout) : '-';
      lines.push(`${label} ${bar(x.payout ?? new Decimal(0), max).padEnd(21)} ${amount}`);
    }
    lines.push('```');
  } else if (p.points.every((x) => !x.error)) {
    lines.push('', '_The component does not pay the target rep: check its `for` condition against the `target rep` values._');
  }
  return lines.join('\n');
}

export const TARGET_HINT =
  '_No `target rep` in this plan: add one to preview payouts, e.g._\n\n```comp\ntarget rep { monthly_quota: USD 50,000  role: "AE" }\n```';

// ------------------------------------------------------------------ sample data

interface SampleCacheEntry {
  signature: string;
  tablesJson: string;
  dataset?: IR.Dataset;
  errors: string[];
  results: WeakMap<IR.PlanIR, IR.RunResult | string>;
}

const sampleCache = new Map<string, SampleCacheEntry>();

/** The sample data folder for a plan: the setting, else `data/` next to the plan. */
export function sampleFolder(opts: PreviewOptions): string | undefined {
  if (opts.sampleData && opts.sampleData.trim()) return opts.sampleData.trim();
  if (opts.planPath) {
    const d = path.join(path.dirname(opts.planPath), 'data');
    try {
      if (statSync(d).isDirectory()) return d;
    } catch {
      /* none */
    }
  }
  return undefined;
}

function folderSignature(folder: string): string {
  try {
    const st = statSync(folder);
    if (!st.isDirectory()) return `${folder}:${st.mtimeMs}:${st.size}`;
    const parts = [`${folder}:${st.mtimeMs}`];
    for (const name of readdirSync(folder).sort()) {
      try {
        const s = statSync(path.join(folder, name));
        parts.push(`${name}:${s.mtimeMs}:${s.size}`);
      } catch {
        /* vanished */
      }
    }
    return parts.join('|');
  } catch {
    return `${folder}:missing`;
  }
}

/** Load (cached by folder mtimes and the plan's tables) and evaluate the whole plan on sample data. */
export function sampleRun(ir: IR.PlanIR, folder: string): { result?: IR.RunResult; problem?: string } {
  const entry = sampleEntry(ir, folder);
  if (typeof entry === 'string') return { problem: entry };
  if (!entry.dataset) return { problem: `the sample data has ${entry.errors.length} error${entry.errors.length === 1 ? '' : 's'} (first: ${entry.errors[0]})` };
  let r = entry.results.get(ir);
  if (r === undefined) {
    try {
      const out = evaluate(compilePlan(ir), entry.dataset);
      r = out.result ?? (out.errors[0] ? `${out.errors[0].message}` : 'the evaluation failed');
    } catch (e) {
      r = (e as Error).message;
    }
    entry.results.set(ir, r);
  }
  return typeof r === 'string' ? { problem: r } : { result: r };
}

/** The loaded and checked sample data for the plan's tables (cached by folder mtimes), or a problem. */
function sampleEntry(ir: IR.PlanIR, folder: string): SampleCacheEntry | string {
  const signature = folderSignature(folder);
  if (signature.endsWith(':missing')) return `the sample data folder \`${folder}\` does not exist`;
  const tablesJson = JSON.stringify(ir.tables);
  let entry = sampleCache.get(folder);
  if (!entry || entry.signature !== signature || entry.tablesJson !== tablesJson) {
    const loaded = loadDataset(ir, [folder]);
    const errs = loaded.errors.filter((e) => e.severity === 'error');
    entry = {
      signature,
      tablesJson,
      dataset: errs.length ? undefined : loaded.dataset,
      errors: errs.map((e) => `${path.basename(e.file)}:${e.line}:${e.column}: ${e.message}`),
      results: new WeakMap(),
    };
    sampleCache.set(folder, entry);
  }
  return entry;
}

export interface SamplePayouts {
  period: string;
  rows: { rep: string; amount: Decimal }[];
  total: Decimal;
}

/** The payout of one component per sample rep in the latest period where it paid something. */
export function samplePayouts(result: IR.RunResult, component: string): SamplePayouts | undefined {
  let latest: string | undefined;
  for (const s of result.statements) {
    for (const l of s.lines) {
      if (l.kind === 'component' && l.name === component && !new Decimal(l.amount).isZero() && (!latest || s.period > latest)) latest = s.period;
    }
  }
  latest ??= result.periods.at(-1)?.key;
  if (!latest) return undefined;
  const rows: { rep: string; amount: Decimal }[] = [];
  let total = new Decimal(0);
  for (const s of result.statements) {
    if (s.period !== latest) continue;
    const l = s.lines.find((x) => x.kind === 'component' && x.name === component);
    if (!l) continue;
    const amount = new Decimal(l.amount);
    rows.push({ rep: s.rep, amount });
    total = total.plus(amount);
  }
  return { period: latest, rows, total };
}

export function renderSamplePayouts(ir: IR.PlanIR, component: string, label: string, opts: PreviewOptions, limit = 12): string | undefined {
  const folder = sampleFolder(opts);
  if (!folder) return undefined;
  const shown = opts.planPath ? path.relative(path.dirname(opts.planPath), folder) || '.' : folder;
  const { result, problem } = sampleRun(ir, folder);
  if (!result) return `**Payout on sample data** (\`${shown}\`): _${problem}_`;
  const p = samplePayouts(result, component);
  if (!p || !p.rows.length) return `**Payout on sample data** (\`${shown}\`): _\`${component}\` pays no sample rep_`;
  const lines = [`**Payout on sample data** · ${label} in ${p.period}, the latest period with payouts (\`${shown}\`)`, '', '| rep | payout |', '|---|---:|'];
  const sorted = [...p.rows].sort((x, y) => y.amount.cmp(x.amount) || (x.rep < y.rep ? -1 : 1));
  for (const r of sorted.slice(0, limit)) lines.push(`| ${r.rep} | ${money(ir.currency, r.amount)} |`);
  if (sorted.length > limit) lines.push(`| … ${sorted.length - limit} more | |`);
  lines.push(`| **total** (${p.rows.length} rep${p.rows.length === 1 ? '' : 's'}) | **${money(ir.currency, p.total)}** |`);
  return lines.join('\n');
}

/**
 * Load and check the sample data for a checked plan ahead of the first hover (the slow part of
 * a sample preview), so that the hover only evaluates. Cheap when already loaded; does nothing
 * without sample data or without IR.
 */
export function warmSamplePreview(ir: IR.PlanIR | undefined, opts: PreviewOptions): void {
  if (!ir) return;
  const folder = sampleFolder(opts);
  if (folder) sampleEntry(ir, folder);
}
