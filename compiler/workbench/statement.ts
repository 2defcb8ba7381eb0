// `comp statement`: one rep's statement for one period as a self-contained HTML page: what was
// earned and paid, each component in plain words with its credit, deals and trace, the year to
// date, attainment against quota, and what the next 10,000 of credit would pay (computed by the
// evaluator on the real data plus one synthetic deal).
import type { Analysis } from '../analysis.js';
import type { Dataset, PlanIR, RunResult, Statement, TraceNode } from '../../runtime/ir.js';
import { Decimal } from '../../runtime/decimal.js';
import { scopeOf, specOf } from '../../runtime/calendar.js';
import { groupThousands } from '../../runtime/format.js';
import { componentTerms, money, pct } from './describe.js';
import { CURVE_POINTS, payoutCurve } from './curve.js';
import { cards, esc, lineChart, page, table } from './html.js';
import { findTemplate, narrowed, run, withCredits } from './synthetic.js';

export interface StatementInput {
  analysis: Analysis;
  ir: PlanIR;
  data: Dataset;
  result: RunResult;
  rep: string;
  period: string;
  /** The extra credit of "what the next ... would pay" (default 10,000 in the plan currency). */
  next?: Decimal;
}

function traceHtml(nodes: TraceNode[]): string {
  if (!nodes.length) return '';
  return `<ul class="terms">${nodes.map((n) => `<li>${esc(n.text)}${n.children?.length ? traceHtml(n.children) : ''}</li>`).join('')}</ul>`;
}

function md(s: string): string {
  return esc(s).replace(/`([^`]+)`/g, '<code>$1</code>');
}

function axis(y: number): string {
  return Math.abs(y) >= 100 ? groupThousands(String(Math.round(y))) : y.toFixed(2);
}

/** What one more deal of `amount`, credited to the rep on the period's last day, adds to the period's earnings. */
export function nextDealPays(input: StatementInput, amount: Decimal): { earned?: Decimal; paid?: Decimal; problem?: string } {
  const { ir, data, result, rep, period } = input;
  const template = findTemplate(ir, data, result, rep);
  if (!template) return { problem: 'no credited deal in the data to model one on' };
  const first = result.periods[0]!;
  const p = result.periods.find((x) => x.key === period)!;
  const nir = narrowed(ir, first, p);
  const base = run(nir, data);
  const more = run(nir, withCredits(ir, data, template, [{ rep, date: p.end, amount }], false));
  const a = base.result?.statements.find((s) => s.rep === rep && s.period === period);
  const b = more.result?.statements.find((s) => s.rep === rep && s.period === period);
  if (!a || !b) return { problem: more.problem ?? base.problem ?? 'no statement' };
  return { earned: new Decimal(b.earned).minus(a.earned), paid: new Decimal(b.paid).minus(a.paid) };
}

export function renderStatement(input: StatementInput): string {
  const { analysis, ir, result, rep, period } = input;
  const s = result.statements.find((x) => x.rep === rep && x.period === period)!;
  const cur = result.currency;
  const p = result.periods.find((x) => x.key === period)!;
  const b: string[] = [];
  b.push(`<h1>Statement for ${esc(rep)}, ${esc(period)}</h1>`);
  b.push(`<p class="sub">${esc(ir.name)} · ${esc(p.start)} to ${esc(p.end)}${s.version ? ` · plan version ${esc(s.version)}` : ''}</p>`);
  const paidShown = s.payout ? money(s.payout.currency, s.payout.paid) : money(cur, s.paid);
  // year to date: this rep's statements in the (fiscal) year of this period, up to it
  const spec = specOf(ir.periods);
  const year = scopeOf(spec, 'year', p.start);
  // by the periods' dates, not their keys (a calendar table's keys need not sort by date)
  const startOf = new Map(result.periods.map((q) => [q.key, q.start]));
  const ytd = result.statements.filter((x) => x.rep === rep && startOf.get(x.period)! <= p.start && startOf.get(x.period)! >= year.start);
  const sum = (f: (x: Statement) => string) => ytd.reduce((acc, x) => acc.plus(new Decimal(f(x))), new Decimal(0));
  b.push(cards([
    [s.payout ? `Paid (${s.payout.currency})` : 'Paid', paidShown],
    ['Earned', money(cur, s.earned)],
    ['Clawed back', money(cur, s.clawedBack)],
    ['Paid this year to date', money(cur, sum((x) => x.paid))],
  ]));
  if (s.payout) b.push(`<p class="note">${esc(`Computed in ${cur} (${money(cur, s.paid)}) and paid in ${s.payout.currency} at ${s.payout.rate}, the rate of ${s.payout.rateDate}.`)}</p>`);

  b.push('<h2>This period</h2>');
  const rows = s.lines.map((l) => [l.label || l.name, { text: money(cur, l.amount), n: true }]);
  rows.push(['Earned', { text: money(cur, s.earned), n: true }]);
  if (!new Decimal(s.clawedBack).isZero()) rows.push(['Clawed back', { text: money(cur, new Decimal(s.clawedBack).neg()), n: true }]);
  rows.push(['Paid', { text: money(cur, s.paid), n: true }]);
  b.push(table(['', { text: cur, n: true }], rows, { totalLast: true }));
  const notes: string[] = [];
  if (!new Decimal(s.owed).isZero()) notes.push(`After this period you owe ${money(cur, s.owed)} of clawbacks; it is taken from later payouts.`);
  if (!new Decimal(s.drawBalance).isZero()) notes.push(`Draw balance after this period: ${money(cur, s.drawBalance)}.`);
  if (s.held && !new Decimal(s.held).isZero()) notes.push(`Earned and held for later: ${money(cur, s.held)}.`);
  if (notes.length) b.push(`<ul class="terms">${notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`);

  // what the next deal would pay
  const next = input.next ?? new Decimal(10000);
  const np = nextDealPays(input, next);
  b.push(`<h2>What the next ${esc(money(cur, next, 0))} would pay</h2>`);
  if (np.earned) b.push(`<p>${esc(`One more deal of ${money(cur, next, 0)} credited to you on ${p.end} would add ${money(cur, np.earned)} to what you earn in ${period}${np.paid && !np.paid.eq(np.earned) ? ` (${money(cur, np.paid)} to what is paid)` : ''}: an effective rate of ${pct(np.earned.div(next).toDecimalPlaces(4))}.`)}</p>`);
  else b.push(`<p class="note">${esc(`Not computed: ${np.problem}.`)}</p>`);

  // attainment against quota
  const att = ytd.filter((x) => x.values?.['attainment'] !== undefined && /^-?\d/.test(x.values['attainment']!));
  if (att.length) {
    b.push('<h2>Attainment against quota</h2>');
    b.push(table(['Period', { text: 'Quota', n: true }, { text: 'Attainment', n: true }, { text: 'Paid', n: true }], att.map((x) => [x.period, { text: x.values?.['quota'] ? money(cur, x.values['quota']) : '', n: true }, { text: pct(new Decimal(x.values!['attainment']!).toDecimalPlaces(4)), n: true }, { text: money(cur, x.paid), n: true }])));
    const curve = payoutCurve(ir, input.data, result, rep, p, CURVE_POINTS);
    const now = new Decimal(s.values!['attainment']!);
    if (!('problem' in curve) && curve.quota) {
      const pts = curve.points.filter((x) => x.statement).map((x) => ({ x: x.point.toNumber() * 100, y: new Decimal(x.statement!.earned).toNumber() }));
      b.push(
        lineChart([{ name: 'earned at each attainment', points: pts }], {
          title: `What ${rep} earns in ${period} by attainment`,
          xLabel: 'attainment (credit / quota)',
          yLabel: `earned (${cur})`,
          xFormat: (x) => `${Math.round(x)}%`,
          yFormat: axis,
          guides: [{ x: 100, label: 'quota' }],
          marks: now.lte(2) ? [{ x: now.toNumber() * 100, y: new Decimal(s.earned).toNumber(), label: `you: ${pct(now.toDecimalPlaces(4))}` }] : [],
        }),
      );
      b.push(`<p class="note">${esc(`The curve is what the plan pays at each attainment with a single deal and your other data for the period; ${now.lte(2) ? 'the dot is your statement' : `your attainment of ${pct(now.toDecimalPlaces(4))} is beyond the right edge`}.`)}</p>`);
    }
  }

  b.push('<h2>How each component is paid</h2>');
  const comps = [...ir.components, ...(ir.versions ?? []).flatMap((v) => v.components)];
  const seen = new Set<string>();
  for (const l of s.lines) {
    if (l.kind !== 'component' || seen.has(l.name)) continue;
    seen.add(l.name);
    const c = comps.find((x) => x.name === l.name);
    b.push(`<h3>${esc(l.label || l.name)}: ${esc(money(cur, l.amount))}</h3>`);
    if (c) b.push(`<ul class="terms">${componentTerms(analysis, ir, c).map((t) => `<li>${md(t)}</li>`).join('')}</ul>`);
    const node = s.trace.find((n) => n.kind === 'component' && n.text.startsWith(`${l.label || l.name}:`));
    if (node?.children?.length) b.push(`<p><strong>How it was computed</strong></p>${traceHtml(node.children)}`);
    const deals = (s.deals ?? []).filter((d) => d.component === l.name);
    if (deals.length) {
      const shown = deals.slice(0, 50);
      b.push(table(['Deal', { text: 'Your credit', n: true }, { text: 'Earned on it', n: true }], shown.map((d) => [d.deal, { text: money(cur, d.credit), n: true }, { text: money(cur, new Decimal(d.amount).toDecimalPlaces(2)), n: true }])));
      if (deals.length > shown.length) b.push(`<p class="note">${deals.length - shown.length} more deals are not listed.</p>`);
    }
  }
  const other = s.trace.filter((n) => n.kind !== 'component' && n.kind !== 'credits');
  if (other.length) b.push(`<h2>Credit, values and settlement</h2>${traceHtml(other)}`);
  b.push('<footer>Generated by <code>comp statement</code>; every figure is computed by the plan\'s own evaluator from the plan and the data.</footer>');
  return page(`Statement: ${rep}, ${period}`, b.join('\n'));
}
