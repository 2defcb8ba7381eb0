// Hover on the constructs added after the first editor release (docs/language.md sections 16-25):
// payout curves (their points and what they pay, computed by the runtime's own curve code, and
// the components using them previewed by the evaluator for the target rep), scorecards (metrics,
// weights, caps, gate), `rate by` tables, team quota and attainment, employment values, plan
// versions, fiscal years, FX rates, draws with new-hire protection and forgiveness, and the
// clauses of cumulative bases, advances, holdbacks, clawback schedules and cancelled deals.
import type { FullAnalysis } from '../analysis.js';
import type * as A from '../syntax/ast.js';
import type * as IR from '../../runtime/ir.js';
import { Decimal } from '../../runtime/decimal.js';
import { compileCurve, curveAt } from '../../runtime/mechanics/curves.js';
import { formatPercent } from '../../runtime/format.js';
import { daysBetween, fromDays, toDays } from '../../runtime/calendar.js';
import { EMPLOYMENT_NAMES } from '../semantics/proration.js';
import { MONTHS, monthNumber } from '../semantics/fiscal.js';
import { show } from '../semantics/types.js';
import { children, kindOf } from './util.js';
import { POINTS, previewTarget, renderTargetPreview, wholeComponent, type PreviewOptions } from './preview.js';
import { readSampleFile, sampleFolder } from './preview-sample.js';
import { targetForComponent } from './preview-hover.js';

/** A real calendar date written `YYYY-MM-DD` (a row with a wrong one has its own error; its hover says nothing). */
const isDate = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s) && fromDays(toDays(s)) === s;

const src = (a: FullAnalysis, n: A.Node | undefined): string => (n ? a.text.slice(n.span.start, n.span.end).replace(/\s+/g, ' ').trim() : '');
const code = (s: string): string => '`' + s.replace(/`/g, "'") + '`';
const cell = (s: string): string => s.replace(/\|/g, '\\|');

// ------------------------------------------------------------------ who uses a name

function uses(node: A.Node, name: string): boolean {
  const k = kindOf(node);
  if (k === 'Call' && (node as A.Call).callee.text === name) return true;
  if (k === 'NameRef' && (node as A.NameRef).name.text === name) return true;
  return children(node).some((c) => uses(c, name));
}

/** The components (top-level and in versions) whose clauses use `name` (a curve call or a scorecard). */
export function componentsUsing(plan: A.Plan, name: string): A.ComponentDecl[] {
  const out: A.ComponentDecl[] = [];
  for (const it of plan.items) {
    if (it.kind === 'ComponentDecl' && it.clauses.some((c) => uses(c, name))) out.push(it);
  }
  return out;
}

/** What each component using `name` pays the target rep (whole component, by the evaluator). */
function componentPreviews(a: FullAnalysis, name: string, opts: PreviewOptions): string[] {
  const comps = componentsUsing(a.plan, name);
  if (!comps.length) return [`_\`${name}\` is used by no component._`];
  if (!a.ir) return ['**Payout preview** · _not available while the plan has errors_'];
  const out: string[] = [];
  for (const c of comps.slice(0, 3)) {
    const irc = a.ir.components.find((x) => x.name === c.name?.text);
    if (!irc) continue;
    out.push(renderTargetPreview(previewTarget(a, wholeComponent(irc), targetForComponent(a, irc, opts), opts.shouldStop), `component \`${irc.name}\` (uses \`${name}\`)`));
  }
  return out;
}

// ------------------------------------------------------------------ curves

function percentValue(e: A.Expr | undefined): Decimal | undefined {
  if (!e) return undefined;
  let neg = false;
  if (e.kind === 'Unary' && e.op === '-' && e.operand) {
    neg = true;
    e = e.operand;
  }
  let v: Decimal | undefined;
  if (e.kind === 'PercentLit') v = new Decimal(e.text).div(100);
  else if (e.kind === 'NumberLit') v = new Decimal(e.text);
  if (!v) return undefined;
  return neg ? v.neg() : v;
}

/** The curve as the runtime sees it, from its declaration; undefined when it is not complete. */
export function curveIR(d: A.CurveDecl): IR.CurveIR | undefined {
  const points: { x: string; y: string }[] = [];
  for (const p of d.points.filter((q) => q.which === 'at')) {
    const x = percentValue(p.x);
    const y = percentValue(p.y);
    if (!x || !y) return undefined;
    points.push({ x: x.toString(), y: y.toString() });
  }
  if (!points.length) return undefined;
  const below = d.points.find((q) => q.which === 'below');
  const above = d.points.find((q) => q.which === 'above');
  const by = below ? percentValue(below.y) : undefined;
  const slope = above?.slope ? percentValue(above.slope) : undefined;
  return {
    name: d.name?.text ?? 'curve',
    mode: d.mode ?? 'linear',
    points,
    below: by?.toString(),
    above: slope ? { k: 'slope', slope: slope.toString() } : { k: 'capped' },
    text: d.name?.text ?? 'curve',
  };
}

export function curveMarkdown(a: FullAnalysis, d: A.CurveDecl, opts: PreviewOptions): string {
  const name = d.name?.text ?? 'curve';
  const parts: string[] = [];
  const lines = [`**Curve** \`${name}\` · ${d.mode ?? 'linear'}`, ''];
  for (const p of d.points) lines.push(`- ${code(src(a, p))}`);
  parts.push(lines.join('\n'));
  const ir = curveIR(d);
  if (ir) {
    const c = compileCurve(ir);
    const t = [`**What \`${name}\` pays** (the curve's own values)`, '', '| attainment | payout | how |', '|---:|---:|---|'];
    for (const p of POINTS) {
      try {
        const r = curveAt(c, new Decimal(p));
        t.push(`| ${formatPercent(new Decimal(p))} | ${formatPercent(r.y)} | ${cell(r.how)} |`);
      } catch (e) {
        t.push(`| ${formatPercent(new Decimal(p))} | error: ${cell((e as Error).message)} | |`);
      }
    }
    parts.push(t.join('\n'));
  } else parts.push('_The curve is not complete: its points are not all written out as percents._');
  parts.push(...componentPreviews(a, name, opts));
  return parts.join('\n\n---\n\n');
}

// ------------------------------------------------------------------ scorecards

export function scorecardMarkdown(a: FullAnalysis, d: A.ScorecardDecl, opts: PreviewOptions): string {
  const name = d.name?.text ?? 'scorecard';
  const t = [`**Scorecard** \`${name}\`: the sum of weight x capped score`, '', '| metric | weight | actual | target | better | cap |', '|---|---:|---|---|---|---:|'];
  for (const m of d.metrics) {
    const score = m.direction === 'lower' ? 'target / actual' : 'actual / target';
    t.push(
      `| ${cell(m.name?.text ?? '?')} | ${cell(src(a, m.weight))} | ${cell(src(a, m.actual))} | ${cell(src(a, m.target))} | ${m.direction ?? 'higher'} (${score}) | ${cell(src(a, m.cap)) || '—'} |`,
    );
  }
  const parts = [t.join('\n')];
  parts.push(d.gate ? `**Gate**: every metric's score (before its cap) at least ${code(src(a, d.gate))} of target; otherwise the card is 0%.` : '_No gate (`all metrics at least X of target`)._');
  parts.push(...componentPreviews(a, name, opts));
  return parts.join('\n\n---\n\n');
}

// ------------------------------------------------------------------ rate tables

export function rateTableMarkdown(a: FullAnalysis, t: A.RateTable): string {
  const lines = [`**Rate by** ${code(src(a, t.key))}: each deal is paid at the rate of its value`, '', '| value | rate |', '|---|---:|'];
  for (const e of t.entries) lines.push(`| ${e.otherwise ? '_otherwise_' : cell(e.values.map((v) => `"${v.value}"`).join(', '))} | ${cell(src(a, e.rate))} |`);
  if (!t.entries.some((e) => e.otherwise)) lines.push('', '_No `otherwise`: a credited deal with another value stops the run (COMP7060)._');
  return lines.join('\n');
}

// ------------------------------------------------------------------ versions, fiscal, fx

function versionMarkdown(a: FullAnalysis, v: A.VersionDecl): string {
  const top = new Set(a.plan.items.flatMap((i) => ('name' in i && i.name && typeof i.name === 'object' && 'text' in i.name ? [`${i.kind}:${i.name.text}`] : [])));
  const lines = [`**Version** ${v.title ? `"${v.title.value}"` : ''} · in force from ${v.effective?.text ?? '?'}`, '', 'A period is paid by the version in force on its first day.', ''];
  for (const it of v.items) {
    const n = it.kind === 'DrawDecl' ? (it.recoverable ? 'draw recoverable' : 'guarantee') : it.name?.text ?? '?';
    const word = it.kind === 'LetDecl' ? 'let' : it.kind === 'TiersDecl' ? 'tiers' : it.kind === 'ComponentDecl' ? 'component' : 'draws';
    const replaces = it.kind === 'DrawDecl' ? 'replaces all draws and guarantees' : top.has(`${it.kind}:${n}`) ? 'replaces' : 'adds';
    lines.push(`- ${word} \`${n}\`: ${replaces}`);
  }
  if (v.doc) lines.push('', v.doc);
  return lines.join('\n');
}

function lastDay(y: number, m: number): string {
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

function fiscalMarkdown(d: A.FiscalDecl): string {
  const m = d.month ? monthNumber(d.month.text) : undefined;
  if (!m) return `**Fiscal year** · _the month must be one of ${MONTHS.join(', ')}_`;
  const y = new Date().getUTCFullYear() + 1;
  const startY = m === 1 ? y : y - 1;
  const mm = (k: number) => String(k).padStart(2, '0');
  const q = [0, 1, 2, 3].map((i) => {
    const sm = ((m - 1 + 3 * i) % 12) + 1;
    const sy = startY + Math.floor((m - 1 + 3 * i) / 12);
    const em = ((m - 1 + 3 * i + 2) % 12) + 1;
    const ey = startY + Math.floor((m - 1 + 3 * i + 2) / 12);
    return `| FY${y}-Q${i + 1} | ${sy}-${mm(sm)}-01 | ${lastDay(ey, em)} |`;
  });
  const endM = m === 1 ? 12 : m - 1;
  return [
    `**Fiscal year** starting ${MONTHS[m - 1]}: a fiscal year is named by the calendar year in which it ends.`,
    '',
    `FY${y} runs from ${startY}-${mm(m)}-01 to ${lastDay(m === 1 ? y : y, endM)}.`,
    '',
    '| quarter | first day | last day |',
    '|---|---|---|',
    ...q,
  ].join('\n');
}

function fxMarkdown(d: A.FxDecl, opts: PreviewOptions): string {
  const file = d.source?.value;
  const lines = [
    `**FX rates** from \`${file ?? '?'}\`: columns \`from\`, \`to\`, \`date\`, \`rate\`. A row \`EUR,USD,2026-01-15,1.20\` means one EUR is 1.20 USD from 2026-01-15 on.`,
    '',
    'The rate used is the latest one dated on or before the date; rates are never inverted or crossed.',
  ];
  const folder = sampleFolder(opts);
  if (file && folder) {
    try {
      const rows = (readSampleFile(folder, file) ?? '').split(/\r?\n/).filter((l) => l.trim());
      if (rows.length) {
        const head = rows[0]!.split(',');
        lines.push('', `| ${head.map(cell).join(' | ')} |`, `|${head.map(() => '---').join('|')}|`);
        for (const r of rows.slice(1, 11)) lines.push(`| ${r.split(',').map(cell).join(' | ')} |`);
        if (rows.length > 11) lines.push('', `_… ${rows.length - 11} more rows_`);
      }
    } catch {
      /* no such file in the sample data */
    }
  }
  return lines.join('\n');
}

// ------------------------------------------------------------------ names and clauses

const TEAM_DOC: Record<string, string> = {
  'team quota': "The sum of the `quota` of the rep's team members (the reps whose `team by` field names the rep), each computed for that member in the same period. `let team quota = ...` sets it instead.",
  'team attainment': '`team credit / team quota`. When the team quota is zero it cannot be computed: write `team attainment otherwise 0%`, or declare `let team attainment = ...`.',
};

/** Built-in names of the new constructs (`team quota`, `days_employed` ...) at a NameRef. */
export function builtinNameMarkdown(a: FullAnalysis, e: A.NameRef): string | undefined {
  const name = e.name.text;
  const t = a.semantics.types.get(e);
  const type = t ? show(t, a.semantics.roster?.name) : undefined;
  if ((name === 'team quota' || name === 'team attainment') && e.team) {
    // `team quota at level 2`, `team attainment by product_lead at all levels` (section 23)
    const words = src(a, e).slice(e.name.span.end - e.span.start).trim();
    const doc = name === 'team quota'
      ? `The sum of the \`quota\` of the reps of the roll-up \`team credit ${words}\`, in the hierarchy in force in the period, each computed for that rep in the same period.`
      : `The credit of the roll-up \`team credit ${words}\` over \`team quota ${words}\` (write \`otherwise 0%\` for a zero quota).`;
    return '```comp\n' + `${src(a, e)}: ${type ?? 'money'}` + '\n```\n\n' + doc;
  }
  if (Object.hasOwn(TEAM_DOC, name) && !a.semantics.lets.has(name)) return '```comp\n' + `${name}: ${type ?? 'money'}` + '\n```\n\n' + TEAM_DOC[name];
  const emp = Object.hasOwn(EMPLOYMENT_NAMES, name) ? EMPLOYMENT_NAMES[name] : undefined;
  if (emp && !a.semantics.lets.has(name)) return '```comp\n' + `${name}: ${type ?? 'integer'}` + '\n```\n\n' + emp.doc;
  return undefined;
}

const CLAUSE_DOC: Record<string, (a: FullAnalysis, c: A.Node) => string | undefined> = {
  BasisClause: (_a, c) => {
    const b = c as A.BasisClause;
    if (!b.cumulative) return undefined;
    return `**basis ${b.cumulative} to date**: each period the component is evaluated on the measure to date (the credit of every period of the ${b.cumulative} up to this one; \`quota\` is the sum of those periods' quotas). The period's line is the true-up: round(owed to date) − what the component already paid in the ${b.cumulative}.`;
  },
  TrueUpClause: () => '**true-up can be negative**: a period whose amount owed to date fell may pay a negative true-up (otherwise it is 0 and the difference is carried).',
  AdvanceClause: (a, c) => {
    const x = c as A.AdvanceClause;
    return `**advance ${src(a, x.share)}**: each period pays ${code(src(a, x.share))} of its line now; the rest is settled at ${x.settle ?? 'quarter'} end.`;
  },
  HoldbackClause: (a, c) => {
    const x = c as A.HoldbackClause;
    return `**hold back ${src(a, x.share)}**: ${code(src(a, x.share))} of each line is held until ${code(src(a, x.until))}; then it is released.`;
  },
  AttainmentChoiceClause: (_a, c) => {
    const x = c as A.AttainmentChoiceClause;
    return x.choice === 'stay'
      ? '**cancelled deals stay in attainment**: a cancelled deal is clawed back but still counts towards attainment.'
      : '**cancelled deals leave attainment**: a cancelled deal no longer counts towards attainment from its cancellation.';
  },
  ClawbackClause: (a, c) => {
    const x = c as A.ClawbackClause;
    const base = x.takes
      ? x.takesOfCredit
        ? `**Takes ${code(src(a, x.takes))} of the rep's credit of the cancelled deal**, not what the component paid on it.`
        : `**Takes ${code(src(a, x.takes))} per cancelled deal** (times the rep's split share of it), not what the component paid on it.`
      : undefined;
    if (!x.schedule) return base;
    const lines = ['**Clawback schedule**: the share taken back by how long after the deal the event happens', '', '| within | takes |', '|---|---:|'];
    for (const r of x.schedule) lines.push(`| ${cell(src(a, r.within))} | ${cell(src(a, r.share))} |`);
    if (base) lines.push('', `${base} The schedule's share applies to it.`);
    return lines.join('\n');
  },
  PoolClause: (a, c) => {
    const x = c as A.PoolClause;
    return `**pool ${src(a, x.amount)} per team**: computed for the team's manager and split ${x.rule === 'credit share' ? "in proportion to each member's credit" : 'equally'} among the members the component applies to; the cents left are given one each to the largest remainders.`;
  },
  MinimumClause: (a, c) => `**minimum ${src(a, (c as A.MinimumClause).amount)} per period**: applied last, after gates and caps; the top-up is not attributed to deals and never clawed back.`,
  PaysClause: (a, c) => {
    const x = c as A.PaysClause;
    const per = x.per === 'deal' ? ' for each deal' : x.per === 'unit' ? ` x ${code(src(a, x.units))} for each deal` : x.per === 'mentee' ? ' for each mentee' : ' once per period';
    const split = x.per === 'deal' || x.per === 'unit' ? (x.inFull ? ' **In full**: a rep credited with a split share of a deal is paid the whole amount.' : " On a split deal each rep is paid its credited share of the amount (50% of it for a 50% split); write `in full` to pay every split rep the whole amount.") : '';
    return `**pays** ${code(src(a, x.amount))}${per}${x.where ? ` where ${code(src(a, x.where))}` : ''}.${split}`;
  },
};

function drawMarkdown(a: FullAnalysis, d: A.DrawDecl): string {
  const lines = [`**${d.recoverable ? 'Recoverable draw' : 'Guarantee'}** ${code(src(a, d.amount))} per period`];
  if (d.firstMonths) lines.push(`- new-hire protection: the periods overlapping months 1 to ${d.firstMonths.months?.text ?? 'N'} after ${code(src(a, d.firstMonths.after))} (the month of that date is month 1)`);
  else if (d.for) lines.push(`- for ${code(src(a, d.for))}`);
  if (d.recoverAtMost) lines.push(`- recovers at most ${code(src(a, d.recoverAtMost))} per period`);
  if (d.forgivenOn) lines.push(`- the balance left is written off in the period containing ${code(src(a, d.forgivenOn))}; the draw ends there`);
  if (!d.recoverable) lines.push('- tops up to the amount; nothing is owed');
  return lines.join('\n');
}

function rosterClauseMarkdown(a: FullAnalysis, t: A.TableDecl, offset: number): string | undefined {
  const inSpan = (s: { start: number; end: number } | undefined) => !!s && offset >= s.start && offset <= s.end;
  if (t.employed && inSpan(t.employed.span)) return `**employed from** \`${t.employed.from?.text ?? '?'}\`${t.employed.to ? ` to \`${t.employed.to.text}\`` : ''}: a rep's first and last day employed (both employed days); empty means since before the plan / still employed.`;
  if (t.leave && inSpan(t.leave.span)) return `**leave from** \`${t.leave.table?.text ?? '?'}\`: leaves of absence (a \`rep\` field, first and last day on leave, both included). Days on leave are not employed days.`;
  void a;
  return undefined;
}

/**
 * Hover text for the new constructs at `path` (outermost first) that are not a declared name:
 * version headers, fiscal years, fx rates, draws, rate tables, clauses, team names.
 */
export function constructHover(a: FullAnalysis, pathNodes: A.Node[], offset: number, opts: PreviewOptions): { node: A.Node; markdown: string } | undefined {
  for (let i = pathNodes.length - 1; i >= 0; i--) {
    const n = pathNodes[i]!;
    const k = kindOf(n);
    if (k === 'NameRef') {
      const md = builtinNameMarkdown(a, n as A.NameRef);
      if (md) return { node: n, markdown: md };
    }
    if (k === 'RateTable') {
      const t = n as A.RateTable;
      // the key and the table's lines: not the `{ ... }` of an entry's own expression
      return { node: t, markdown: rateTableMarkdown(a, t) };
    }
    if (k && Object.hasOwn(CLAUSE_DOC, k)) {
      const md = CLAUSE_DOC[k]!(a, n);
      if (md) return { node: n, markdown: md };
    }
    if (k === 'VersionDecl') {
      const v = n as A.VersionDecl;
      // only on the header line, not on the declarations inside
      if (v.items.some((it) => offset >= it.span.start && offset <= it.span.end)) return undefined;
      return { node: v, markdown: versionMarkdown(a, v) };
    }
    if (k === 'ConvertExpr') {
      const c = n as A.ConvertExpr;
      if (offset <= c.span.start + 'convert'.length)
        return { node: c, markdown: '```comp\nconvert(AMOUNT, [from TEXT,] to CUR, on DATE)\n```\n\nConverts at the FX rate in force on DATE (the latest dated on or before it); exact decimals, nothing rounded until a payout line.' };
    }
    if (k === 'FiscalDecl') return { node: n, markdown: fiscalMarkdown(n as A.FiscalDecl) };
    if (k === 'FxDecl') return { node: n, markdown: fxMarkdown(n as A.FxDecl, opts) };
    if (k === 'PayoutCurrencyDecl') return { node: n, markdown: `**Payout currency** ${code(src(a, (n as A.PayoutCurrencyDecl).value))}: each rep's statement is computed in ${a.semantics.currency}; the amount paid is converted at the rate in force on the period's last day and rounded again.` };
    if (k === 'EffectiveDecl') return { node: n, markdown: '**effective**: this file is one version of a plan run with others (`comp run h1.comp h2.comp`): it pays from its `effective from` date.' };
    if (k === 'DrawDecl') return { node: n, markdown: drawMarkdown(a, n as A.DrawDecl) };
    if (k === 'Binary' && (n as A.Binary).op === 'within') {
      const b = n as A.Binary;
      if (offset >= b.opSpan.start && offset <= b.opSpan.end)
        return { node: n, markdown: `**within**: true when ${code(src(a, b.left))} is ${code(src(a, b.right))} or below it, following the table's field that references itself up to a row without a parent.` };
    }
    if (k === 'OpeningDecl' || k === 'NegativeBalanceDecl' || k === 'ShowDecl' || k === 'OpeningCreditClause') return { node: n, markdown: balanceMarkdown(a, n as A.BalanceItem | A.OpeningCreditClause) };
    if (k === 'CalendarRow') {
      const r = n as A.CalendarRow;
      if (r.key && r.start && r.end && isDate(r.start.text) && isDate(r.end.text)) {
        const days = daysBetween(r.start.text, r.end.text) + 1;
        return { node: n, markdown: `**Period ${code(r.key.value)}** of a calendar table: ${r.start.text} to ${r.end.text}, ${days} days${days % 7 === 0 ? ` (${days / 7} weeks)` : ''}. Written \`${r.key.value}\` in \`period\` cells, \`--period\` and the output.` };
      }
    }
    if (k === 'CalendarDecl') {
      const c = n as A.CalendarDecl;
      const rows = c.rows.filter((r) => r.key && r.start && r.end);
      const span = rows.length ? `: ${rows.length} period${rows.length === 1 ? '' : 's'}, ${code(rows[0]!.key!.value)} (${rows[0]!.start!.text}) to ${code(rows[rows.length - 1]!.key!.value)} (${rows[rows.length - 1]!.end!.text})` : '';
      return { node: n, markdown: `**Calendar** ${code(c.name?.text ?? '')}${span}. Each row is a period, its key as written, its first and last day; \`periods from calendar ${c.name?.text ?? 'NAME'}\` makes them the plan's periods. Rows follow each other day after day (gaps and overlaps are errors).` };
    }
    if (k === 'TableDecl') {
      const md = rosterClauseMarkdown(a, n as A.TableDecl, offset);
      if (md) return { node: n, markdown: md };
    }
  }
  return undefined;
}

/** `opening owed|draw balance EXPR`, `opening credit EXPR`, `negative balance ...`, `show ...` (docs/language.md sections 21-22). */
function balanceMarkdown(a: FullAnalysis, n: A.BalanceItem | A.OpeningCreditClause): string {
  switch (n.kind) {
    case 'OpeningDecl':
      return n.what === 'draw balance'
        ? `**Opening draw balance** ${code(src(a, n.value))}: a recoverable draw balance carried in from before the plan, evaluated for each rep in the first period and recovered by the plan's \`draw recoverable\`.`
        : `**Opening owed** ${code(src(a, n.value))}: a balance the rep owes from before the plan, evaluated for each rep in the first period and netted against the first payouts like any balance owed.`;
    case 'OpeningCreditClause':
      return `**Opening credit** ${code(src(a, n.value))}: credit booked before the plan's first period. It counts in the measure to date of the plan's first year (quarter): credit, attainment and the band reached; it is not paid itself.`;
    case 'NegativeBalanceDecl':
      if (n.rule === 'due') return '**negative balance due**: a period whose net (earned − clawed back − owed) is below zero pays that negative amount: the rep owes it now. Nothing is carried.';
      if (n.rule === 'written off') return '**negative balance written off**: a period whose net is below zero pays 0.00 and the amount is written off (the statement\'s `writtenOff`). Nothing is carried.';
      return '**negative balance carried forward** (the default): a period whose net is below zero pays 0.00 and the rest is owed, recovered from later payouts.';
    case 'ShowDecl':
      return `**show** ${n.names.map((x) => code(x.text)).join(', ')}: shown as columns of \`comp run\` (rows of kind \`value\` in CSV); JSON statements carry every let in \`values\`.`;
  }
}
