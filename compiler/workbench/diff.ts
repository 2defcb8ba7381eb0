// `comp diff`: two plans run on the same data, compared per rep and period, per component, in
// total, with the biggest movers and the distribution of the change. Both runs are the real
// evaluator's; this module only subtracts their results.
import type { RunResult } from '../../runtime/ir.js';
import { Decimal } from '../../runtime/decimal.js';
import { money, pct } from './describe.js';
import { barChart, cards, esc, page, table } from './html.js';
import { csvRows, escapeControls, padDisplay, displayWidth } from '../cli/cells.js';

export interface DiffRow {
  rep: string;
  period: string;
  old: string;
  new: string;
  change: string;
}

export interface PlanDiff {
  old: { plan: string; label: string };
  new: { plan: string; label: string };
  currency: string;
  totals: { old: string; new: string; change: string; changeShare?: string; oldPaid: string; newPaid: string };
  components: { name: string; old: string; new: string; change: string }[];
  /** Per rep over all periods, sorted by rep. */
  reps: DiffRow[];
  /** Per rep and period (earned), sorted by period then rep. */
  rows: DiffRow[];
  /** Per rep and component over all periods, sorted by rep then component (each pair either plan pays). */
  repComponents: RepComponentRow[];
  /** Reps by the size of their change, largest first (at most 10 each way). */
  gainers: DiffRow[];
  losers: DiffRow[];
  distribution: { bucket: string; reps: number }[];
}

export interface RepComponentRow {
  rep: string;
  /** The component's name in the plans; `label` is its title. */
  component: string;
  label: string;
  old: string;
  new: string;
  change: string;
}

const ZERO = new Decimal(0);

/** Earned per rep and component over all periods. */
function repComponentTotals(r: RunResult): Map<string, { rep: string; component: string; amount: Decimal }> {
  const m = new Map<string, { rep: string; component: string; amount: Decimal }>();
  for (const s of r.statements)
    for (const l of s.lines) {
      if (l.kind !== 'component') continue;
      const k = `${s.rep}\u0000${l.name}`;
      const e = m.get(k) ?? { rep: s.rep, component: l.name, amount: ZERO };
      e.amount = e.amount.plus(new Decimal(l.amount));
      m.set(k, e);
    }
  return m;
}

function repComponentRows(oldR: RunResult, newR: RunResult, lab: Map<string, string>): RepComponentRow[] {
  const o = repComponentTotals(oldR);
  const n = repComponentTotals(newR);
  const keys = [...new Set([...o.keys(), ...n.keys()])];
  const rows = keys.map((k) => {
    const e = (o.get(k) ?? n.get(k))!;
    const a = o.get(k)?.amount ?? ZERO;
    const b = n.get(k)?.amount ?? ZERO;
    return { rep: e.rep, component: e.component, label: lab.get(e.component) ?? e.component, old: a.toFixed(2), new: b.toFixed(2), change: b.minus(a).toFixed(2) };
  });
  return rows.sort((x, y) => (x.rep < y.rep ? -1 : x.rep > y.rep ? 1 : x.component < y.component ? -1 : x.component > y.component ? 1 : 0));
}

function componentTotals(r: RunResult): Map<string, Decimal> {
  const m = new Map<string, Decimal>();
  for (const s of r.statements) for (const l of s.lines) if (l.kind === 'component') m.set(l.name, (m.get(l.name) ?? ZERO).plus(new Decimal(l.amount)));
  return m;
}

function labels(r: RunResult): Map<string, string> {
  const m = new Map<string, string>();
  for (const s of r.statements) for (const l of s.lines) if (l.kind === 'component') m.set(l.name, l.label || l.name);
  return m;
}

const BUCKETS = ['loses more than 10%', 'loses up to 10%', 'unchanged', 'gains up to 10%', 'gains more than 10%', 'paid only by the new plan', 'paid only by the old plan'];

export function diffRuns(oldR: RunResult, newR: RunResult, oldLabel: string, newLabel: string): PlanDiff {
  const key = (rep: string, period: string) => `${period}\u0000${rep}`;
  const cells = new Map<string, { rep: string; period: string; old: Decimal; new: Decimal }>();
  for (const [side, r] of [['old', oldR], ['new', newR]] as const)
    for (const s of r.statements) {
      const k = key(s.rep, s.period);
      const c = cells.get(k) ?? { rep: s.rep, period: s.period, old: ZERO, new: ZERO };
      c[side] = c[side].plus(new Decimal(s.earned));
      cells.set(k, c);
    }
  const row = (c: { rep: string; period: string; old: Decimal; new: Decimal }): DiffRow => ({ rep: c.rep, period: c.period, old: c.old.toFixed(2), new: c.new.toFixed(2), change: c.new.minus(c.old).toFixed(2) });
  const rows = [...cells.values()].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : a.rep < b.rep ? -1 : a.rep > b.rep ? 1 : 0)).map(row);
  const perRep = new Map<string, { rep: string; period: string; old: Decimal; new: Decimal }>();
  for (const c of cells.values()) {
    const e = perRep.get(c.rep) ?? { rep: c.rep, period: 'all', old: ZERO, new: ZERO };
    e.old = e.old.plus(c.old);
    e.new = e.new.plus(c.new);
    perRep.set(c.rep, e);
  }
  const reps = [...perRep.values()].sort((a, b) => (a.rep < b.rep ? -1 : 1));
  const byChange = [...reps].sort((a, b) => b.new.minus(b.old).cmp(a.new.minus(a.old)) || (a.rep < b.rep ? -1 : 1));
  const gainers = byChange.filter((r) => r.new.gt(r.old)).slice(0, 10).map(row);
  const losers = [...byChange].reverse().filter((r) => r.new.lt(r.old)).slice(0, 10).map(row);
  const counts = new Map<string, number>(BUCKETS.map((b) => [b, 0]));
  for (const r of reps) {
    let b: string;
    if (r.old.isZero() && r.new.isZero()) b = 'unchanged';
    else if (r.old.isZero()) b = 'paid only by the new plan';
    else if (r.new.isZero()) b = 'paid only by the old plan';
    else {
      const share = r.new.minus(r.old).div(r.old);
      b = share.isZero() ? 'unchanged' : share.gt(0.1) ? 'gains more than 10%' : share.gt(0) ? 'gains up to 10%' : share.lt(-0.1) ? 'loses more than 10%' : 'loses up to 10%';
    }
    counts.set(b, counts.get(b)! + 1);
  }
  const co = componentTotals(oldR);
  const cn = componentTotals(newR);
  const lab = new Map([...labels(oldR), ...labels(newR)]);
  const names = [...new Set([...co.keys(), ...cn.keys()])];
  const sumOf = (r: RunResult, f: 'earned' | 'paid') => r.statements.reduce((a, s) => a.plus(new Decimal(s[f])), ZERO);
  const to = sumOf(oldR, 'earned');
  const tn = sumOf(newR, 'earned');
  const totals: PlanDiff['totals'] = { old: to.toFixed(2), new: tn.toFixed(2), change: tn.minus(to).toFixed(2), oldPaid: sumOf(oldR, 'paid').toFixed(2), newPaid: sumOf(newR, 'paid').toFixed(2) };
  if (!to.isZero()) totals.changeShare = tn.minus(to).div(to).toDecimalPlaces(4).toFixed();
  return {
    old: { plan: oldR.plan, label: oldLabel },
    new: { plan: newR.plan, label: newLabel },
    currency: newR.currency,
    totals,
    components: names.map((n) => ({ name: lab.get(n) ?? n, old: (co.get(n) ?? ZERO).toFixed(2), new: (cn.get(n) ?? ZERO).toFixed(2), change: (cn.get(n) ?? ZERO).minus(co.get(n) ?? ZERO).toFixed(2) })),
    reps: reps.map(row),
    rows,
    repComponents: repComponentRows(oldR, newR, lab),
    gainers,
    losers,
    distribution: BUCKETS.map((b) => ({ bucket: b, reps: counts.get(b)! })).filter((x) => x.reps > 0 || !x.bucket.startsWith('paid only')),
  };
}

function signed(cur: string, v: string): string {
  const d = new Decimal(v);
  return d.gt(0) ? `+${money(cur, d)}` : money(cur, d);
}

function share(oldV: string, newV: string): string {
  const o = new Decimal(oldV);
  if (o.isZero()) return new Decimal(newV).isZero() ? '0%' : 'new';
  const s = new Decimal(newV).minus(o).div(o);
  return `${s.gt(0) ? '+' : ''}${pct(s.toDecimalPlaces(4))}`;
}

/** Columns aligned by display width (CJK names), control characters of the data escaped. */
function pad(raw: string[][], right: boolean[]): string {
  const rows = raw.map((r) => r.map(escapeControls));
  const w = rows[0]!.map((_, i) => Math.max(...rows.map((r) => displayWidth(r[i]!))));
  return rows.map((r) => r.map((c, i) => padDisplay(c, w[i]!, right[i]!)).join('  ').trimEnd()).join('\n') + '\n';
}

export function diffTable(d: PlanDiff): string {
  const cur = d.currency;
  const out: string[] = [];
  out.push(`${d.old.label} (${d.old.plan}) -> ${d.new.label} (${d.new.plan}), earned in ${cur}\n`);
  out.push(pad([['', 'old', 'new', 'change', ''], ['Total earned', money(cur, d.totals.old), money(cur, d.totals.new), signed(cur, d.totals.change), share(d.totals.old, d.totals.new)], ['Total paid', money(cur, d.totals.oldPaid), money(cur, d.totals.newPaid), signed(cur, new Decimal(d.totals.newPaid).minus(d.totals.oldPaid).toFixed(2)), share(d.totals.oldPaid, d.totals.newPaid)], ...d.components.map((c) => [`  ${c.name}`, money(cur, c.old), money(cur, c.new), signed(cur, c.change), share(c.old, c.new)])], [false, true, true, true, true]));
  out.push('Reps by change of their total');
  out.push(pad([['', 'reps'], ...d.distribution.map((x) => [`  ${x.bucket}`, String(x.reps)])], [false, true]));
  const movers = (title: string, list: DiffRow[]) => {
    if (!list.length) return;
    out.push(title);
    out.push(pad([['  rep', 'old', 'new', 'change', ''], ...list.map((r) => [`  ${r.rep}`, money(cur, r.old), money(cur, r.new), signed(cur, r.change), share(r.old, r.new)])], [false, true, true, true, true]));
  };
  movers('Biggest gains', d.gainers);
  movers('Biggest losses', d.losers);
  const changed = d.rows.filter((r) => !new Decimal(r.change).isZero());
  out.push(`Changes per rep and period (${changed.length} of ${d.rows.length})`);
  if (changed.length) out.push(pad([['  rep', 'period', 'old', 'new', 'change'], ...changed.map((r) => [`  ${r.rep}`, r.period, money(cur, r.old), money(cur, r.new), signed(cur, r.change)])], [false, false, true, true, true]));
  const moved = d.repComponents.filter((r) => !new Decimal(r.change).isZero());
  out.push(`Changes per rep and component (${moved.length} of ${d.repComponents.length})`);
  if (moved.length) out.push(pad([['  rep', 'component', 'old', 'new', 'change', ''], ...moved.map((r) => [`  ${r.rep}`, r.label, money(cur, r.old), money(cur, r.new), signed(cur, r.change), share(r.old, r.new)])], [false, false, true, true, true, true]));
  return out.join('\n');
}

/**
 * CSV (csv-stringify): a row per rep and period (`rows: 'rep-period'`), or per rep and component.
 * Text cells from the data that a spreadsheet would run as a formula are neutralised unless `raw`
 * (compiler/cli/cells.ts, OWASP CSV injection).
 */
export function diffCsv(d: PlanDiff, opts: { rows?: 'rep-period' | 'rep-component'; raw?: boolean } = {}): string {
  if (opts.rows === 'rep-component') return csvRows(['rep', 'component', 'label', 'old', 'new', 'change'], d.repComponents.map((r) => [r.rep, r.component, r.label, r.old, r.new, r.change]), new Set([0, 1, 2]), opts.raw);
  return csvRows(['rep', 'period', 'old', 'new', 'change'], d.rows.map((r) => [r.rep, r.period, r.old, r.new, r.change]), new Set([0]), opts.raw);
}

/** The `comp.diff` document (schemas/diff.v1.json). */
export function diffJson(d: PlanDiff): string {
  return JSON.stringify({ kind: 'comp.diff', schemaVersion: 1, ...d }, null, 2) + '\n';
}

export function diffHtml(d: PlanDiff): string {
  const cur = d.currency;
  const b: string[] = [];
  b.push(`<h1>What the change pays</h1><p class="sub">${esc(`${d.old.label} (${d.old.plan}) → ${d.new.label} (${d.new.plan}), on the same data, earned in ${cur}`)}</p>`);
  b.push(cards([
    ['Old plan', money(cur, d.totals.old)],
    ['New plan', money(cur, d.totals.new)],
    ['Change', `${signed(cur, d.totals.change)} (${share(d.totals.old, d.totals.new)})`],
    ['Reps', String(d.reps.length)],
  ]));
  b.push('<h2>By component</h2>');
  b.push(table(['Component', { text: 'Old', n: true }, { text: 'New', n: true }, { text: 'Change', n: true }, { text: '', n: true }], d.components.map((c) => [c.name, { text: money(cur, c.old), n: true }, { text: money(cur, c.new), n: true }, { text: signed(cur, c.change), n: true, cls: new Decimal(c.change).lt(0) ? 'neg' : 'pos' }, { text: share(c.old, c.new), n: true }])));
  b.push('<h2>Who gains and who loses</h2>');
  b.push(barChart(d.distribution.map((x) => ({ label: x.bucket, value: x.reps, shown: `${x.reps} rep${x.reps === 1 ? '' : 's'}` })), 'Reps by the change of their total'));
  const movers = [...d.gainers, ...d.losers].sort((x, y) => new Decimal(y.change).cmp(new Decimal(x.change)));
  if (movers.length) {
    b.push('<h3>Biggest movers</h3>');
    b.push(barChart(movers.map((r) => ({ label: r.rep, value: new Decimal(r.change).toNumber(), shown: signed(cur, r.change) })), 'Biggest movers'));
  }
  b.push('<h2>Per rep</h2>');
  b.push(table(['Rep', { text: 'Old', n: true }, { text: 'New', n: true }, { text: 'Change', n: true }, { text: '', n: true }], d.reps.map((r) => [r.rep, { text: money(cur, r.old), n: true }, { text: money(cur, r.new), n: true }, { text: signed(cur, r.change), n: true, cls: new Decimal(r.change).lt(0) ? 'neg' : 'pos' }, { text: share(r.old, r.new), n: true }])));
  const changed = d.rows.filter((r) => !new Decimal(r.change).isZero());
  b.push(`<h2>Per rep and period</h2><p class="note">${changed.length} of ${d.rows.length} statements change.</p>`);
  if (changed.length) b.push(table(['Rep', 'Period', { text: 'Old', n: true }, { text: 'New', n: true }, { text: 'Change', n: true }], changed.map((r) => [r.rep, r.period, { text: money(cur, r.old), n: true }, { text: money(cur, r.new), n: true }, { text: signed(cur, r.change), n: true, cls: new Decimal(r.change).lt(0) ? 'neg' : 'pos' }])));
  const moved = d.repComponents.filter((r) => !new Decimal(r.change).isZero());
  b.push(`<h2>Per rep and component</h2><p class="note">${moved.length} of ${d.repComponents.length} rep and component pairs change (over all periods).</p>`);
  if (moved.length) b.push(table(['Rep', 'Component', { text: 'Old', n: true }, { text: 'New', n: true }, { text: 'Change', n: true }, { text: '', n: true }], moved.map((r) => [r.rep, r.label, { text: money(cur, r.old), n: true }, { text: money(cur, r.new), n: true }, { text: signed(cur, r.change), n: true, cls: new Decimal(r.change).lt(0) ? 'neg' : 'pos' }, { text: share(r.old, r.new), n: true }])));
  b.push('<footer>Generated by <code>comp diff</code>: both plans run by the evaluator on the same data.</footer>');
  return page(`Plan change: ${d.old.label} → ${d.new.label}`, b.join('\n'));
}
