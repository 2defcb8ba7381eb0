// `comp doc`: the plan as the document a rep signs, generated from its source and IR, with
// payout curves and examples computed by the evaluator. Deterministic: the same plan and data
// give the same bytes.
import { createHash } from 'node:crypto';
import type { Analysis } from '../analysis.js';
import type * as A from '../syntax/ast.js';
import type { ComponentIR, Dataset, PlanIR, RunResult } from '../../runtime/ir.js';
import { Decimal } from '../../runtime/decimal.js';
import { groupThousands } from '../../runtime/format.js';
import { bandRows, componentTerms, drawWords, money, pct, periodWords, roundingWords, src, usedIn } from './describe.js';
import { CURVE_POINTS, exampleRep, payoutCurve, type PayoutCurve } from './curve.js';
import { cards, esc, lineChart, page, table, type Series } from './html.js';
import { componentPaid } from './synthetic.js';

export interface DocInput {
  analysis: Analysis;
  ir: PlanIR;
  /** The plan's data and its run, for the worked examples (absent: no examples). */
  data?: Dataset;
  result?: RunResult;
  /** The rep of the examples (default: the rep paid by the most components). */
  rep?: string;
}

/** Axis labels: whole numbers grouped, small ones with two decimals. */
export function axisNumber(y: number): string {
  return Math.abs(y) >= 100 ? groupThousands(String(Math.round(y))) : y.toFixed(2);
}

function md(s: string): string {
  // `code` spans in the plain-language sentences
  return esc(s).replace(/`([^`]+)`/g, '<code>$1</code>');
}

function list(items: string[]): string {
  return `<ul class="terms">${items.map((i) => `<li>${md(i)}</li>`).join('')}</ul>`;
}

function allComponents(ir: PlanIR): ComponentIR[] {
  const seen = new Map<string, ComponentIR>();
  for (const c of ir.components) seen.set(c.name, c);
  for (const v of ir.versions ?? []) for (const c of v.components) if (!seen.has(c.name)) seen.set(c.name, c);
  return [...seen.values()];
}

function examples(input: DocInput, curve: PayoutCurve): string {
  const { ir } = input;
  const comps = allComponents(ir);
  const pick = (p: string) => curve.points.find((x) => x.point.eq(p));
  const rows: string[][] = [];
  const paid = comps.filter((c) => curve.points.some((x) => componentPaid(x.statement, c.name) !== undefined));
  for (const p of ['0.5', '1', '1.5']) {
    const x = pick(p);
    if (!x) continue;
    const s = x.statement;
    const total = s ? new Decimal(s.earned) : undefined;
    rows.push([
      curve.quota ? pct(p) : money(ir.currency, x.credit, 0),
      money(ir.currency, x.credit),
      ...paid.map((c) => {
        const v = componentPaid(s, c.name);
        return v === undefined ? '—' : money(ir.currency, v);
      }),
      total ? money(ir.currency, total) : x.problem ?? '',
      total && x.credit.gt(0) ? pct(total.div(x.credit).toDecimalPlaces(4)) : '',
    ]);
  }
  const head = [curve.quota ? 'Attainment' : 'Credit', 'Credit', ...paid.map((c) => c.label || c.name), 'Earned', 'Effective rate'].map((t, i) => (i === 0 ? t : { text: t, n: true }));
  const tbl = table(
    head,
    rows.map((r) => r.map((t, i) => (i === 0 ? t : { text: t, n: true }))),
  );
  const series: Series[] = [
    { name: 'Earned', points: curve.points.filter((x) => x.statement).map((x) => ({ x: x.point.toNumber() * 100, y: new Decimal(x.statement!.earned).toNumber() })) },
    ...paid.map((c) => ({
      name: c.label || c.name,
      points: curve.points.filter((x) => x.statement).map((x) => ({ x: x.point.toNumber() * 100, y: (componentPaid(x.statement, c.name) ?? new Decimal(0)).toNumber() })),
    })),
  ];
  const chart = lineChart(paid.length > 1 ? series : series.slice(0, 1), {
    title: `Payout for ${curve.rep} in ${curve.period.key} by ${curve.quota ? 'attainment' : 'credit'}`,
    xLabel: curve.quota ? 'attainment (credit / quota)' : `credit (% of ${money(ir.currency, curve.reference, 0)})`,
    yLabel: `earned (${ir.currency})`,
    xFormat: (x) => `${Math.round(x)}%`,
    yFormat: axisNumber,
    guides: [{ x: 100, label: curve.quota ? 'quota' : 'reference' }],
  });
  const who = curve.quota ? `${curve.rep}, whose quota in ${curve.period.key} is ${money(ir.currency, curve.quota)}` : `${curve.rep} in ${curve.period.key} (the plan has no \`quota\`: levels are shares of ${money(ir.currency, curve.reference, 0)} of credit)`;
  return `<h2>What the plan pays: worked examples</h2>
<p>${md(`Computed by the plan's evaluator for ${who}, with one deal of the stated credit in the period and no other credit, no cancellation and no split. Components that depend on other data (scorecards, satisfaction scores) use the rep's values from the data.`)}</p>
${tbl}
${chart}`;
}

export function renderDoc(input: DocInput): string {
  const { analysis: a, ir } = input;
  const fingerprint = createHash('sha256').update(a.text).digest('hex').slice(0, 12);
  const b: string[] = [];
  b.push(`<h1>${esc(ir.name)}</h1>`);
  b.push(`<p class="sub">Compensation plan · generated from <code>${esc(a.file)}</code> · source fingerprint <code>${fingerprint}</code></p>`);
  const p = ir.periods;
  b.push(cards([
    ['Currency', ir.currency],
    ['Pay period', periodWords(ir).replace(/^paid /, '').split(' from ')[0]!],
    ['In force', p.from || p.to ? `${p.from ?? '…'} to ${p.to ?? '…'}` : 'open-ended'],
    ['Components', String(allComponents(ir).length)],
  ]));
  const header = a.plan.items.find((i): i is A.PlanHeader => i.kind === "PlanHeader");
  if (header?.doc) b.push(`<p>${esc(header.doc).replace(/\n/g, ' ')}</p>`);

  b.push('<h2>Terms</h2>');
  const terms = [`The plan is ${periodWords(ir)}.`, `Amounts are in ${ir.currency}; ${roundingWords(ir)}.`];
  if (ir.payoutCurrency) terms.push(`Each rep is paid in the currency \`${ir.payoutCurrency.text}\`, converted at the rate in force on the last day of the period.`);
  b.push(list(terms));
  if (ir.versions?.length) {
    b.push('<h3>Versions and effective dates</h3>');
    b.push(table(['Version', 'In force from', 'Until'], ir.versions.map((v) => [v.name, v.effective, v.until ?? 'the next version'])));
    b.push('<p class="note">A period is paid by the version in force on its first day.</p>');
  }

  b.push('<h2>Credit</h2>');
  const rules = a.plan.items.filter((i): i is A.CreditRule => i.kind === 'CreditRule');
  const credit: string[] = [];
  for (const r of rules) {
    let s = `A row of \`${r.table?.text ?? '?'}\` counts for \`${src(a, r.to)}\`, for \`${src(a, r.amount)}\`, in the period of \`${src(a, r.date)}\``;
    if (r.where) s += `, only when \`${src(a, r.where)}\``;
    s += r.splitBy ? `; it is shared as \`${r.splitBy.text}\` lists (ordinary shares sum to 100% of the deal; overlays are on top).` : '.';
    credit.push(s);
    if (r.doc) credit.push(r.doc.replace(/\n/g, ' '));
  }
  b.push(list(credit));
  const lets = a.plan.items.filter((i): i is A.LetDecl => i.kind === 'LetDecl' && !!i.name);
  if (lets.length) {
    b.push('<h3>Quota, attainment and other values</h3>');
    b.push(table(['Value', 'Defined as', 'Note'], lets.map((l) => [l.name!.text, src(a, l.value), (l.doc ?? '').replace(/\n/g, ' ')])));
  }

  b.push('<h2>Components</h2>');
  for (const c of allComponents(ir)) {
    b.push(`<h3>${esc(c.label || c.name)} <span class="note">(<code>${esc(c.name)}</code>)</span></h3>`);
    const decl = a.plan.items.find((i): i is A.ComponentDecl => i.kind === 'ComponentDecl' && i.name?.text === c.name);
    if (decl?.doc) b.push(`<p>${esc(decl.doc).replace(/\n/g, ' ')}</p>`);
    b.push(list(componentTerms(a, ir, c)));
    const bands = bandRows(c, ir.currency);
    if (bands) b.push(table(['From (included)', 'To (not included)', 'Rate'], bands));
    const { curves, cards: scorecards } = usedIn(c);
    for (const cv of curves) {
      const rows = cv.points.map((pt) => [pct(pt.x), pct(pt.y)]);
      b.push(`<p>${md(`Payout curve \`${cv.name}\` (${cv.mode === 'linear' ? 'straight lines between the points' : 'steps: each point holds until the next'}):`)}</p>`);
      const extra: string[] = [];
      if (cv.below !== undefined) extra.push(`below ${pct(cv.points[0]!.x)}: ${pct(cv.below)}`);
      extra.push(cv.above.k === 'capped' ? `above ${pct(cv.points.at(-1)!.x)}: capped at ${pct(cv.points.at(-1)!.y)}` : `above ${pct(cv.points.at(-1)!.x)}: ${new Decimal(cv.above.slope).toFixed()} points of payout per point of attainment`);
      b.push(table(['Attainment', 'Payout (% of target)'], [...rows, ...extra.map((e) => [e, ''])]));
      const last = new Decimal(cv.points.at(-1)!.x).toNumber();
      const xs = [0, ...cv.points.map((pt) => new Decimal(pt.x).toNumber()), last + 0.5];
      const pts = cv.points.map((pt) => ({ x: new Decimal(pt.x).toNumber() * 100, y: new Decimal(pt.y).toNumber() * 100 }));
      const first = pts[0]!;
      const below = cv.below !== undefined ? new Decimal(cv.below).toNumber() * 100 : first.y;
      const lastPt = pts.at(-1)!;
      const aboveY = cv.above.k === 'capped' ? lastPt.y : lastPt.y + new Decimal(cv.above.slope).toNumber() * 50;
      const line = cv.mode === 'linear' ? pts : pts.flatMap((q, i) => (i + 1 < pts.length ? [q, { x: pts[i + 1]!.x, y: q.y }] : [q]));
      void xs;
      b.push(
        lineChart([{ name: cv.name, points: [{ x: 0, y: below }, { x: first.x, y: below }, ...line, { x: lastPt.x + 50, y: aboveY }] }], {
          title: `Payout curve ${cv.name}`,
          xLabel: 'attainment',
          yLabel: 'payout (% of target)',
          xFormat: (x) => `${Math.round(x)}%`,
          yFormat: (y) => `${Math.round(y)}%`,
          guides: [{ x: 100, label: '100%' }],
        }),
      );
    }
    for (const sc of scorecards) {
      b.push(`<p>${md(`Scorecard \`${sc.name}\`: each metric scores actual against target (lower is better: target against actual), capped where stated; the weighted sum is the payout share.${sc.gateText ? ` Gate: \`${sc.gateText}\`.` : ''}`)}</p>`);
      b.push(table(['Metric', 'Weight', 'Definition'], sc.metrics.map((m) => [m.name, pct(m.weight), m.text])));
    }
  }

  if (ir.draws.length) {
    b.push('<h2>Draws and guarantees</h2>');
    b.push(list(ir.draws.map(drawWords)));
  }

  if (input.data && input.result) {
    const period = input.result.periods[0];
    const rep = input.rep ?? (period ? exampleRep(ir, input.data, input.result, period) : undefined);
    if (rep && period) {
      const curve = payoutCurve(ir, input.data, input.result, rep, period, CURVE_POINTS);
      if ('problem' in curve) b.push(`<h2>What the plan pays: worked examples</h2><p class="note">${esc(`Not computed: ${curve.problem}.`)}</p>`);
      else b.push(examples(input, curve));
    }
  } else b.push('<h2>What the plan pays: worked examples</h2><p class="note">Not computed: no data was given (<code>comp doc plan.comp --data data/</code>).</p>');

  b.push(`<footer>Generated by <code>comp doc</code> from the plan source; every figure is computed by the plan's own evaluator. The same plan and data always give this same document.</footer>`);
  return page(`${ir.name}: compensation plan`, b.join('\n'));
}
