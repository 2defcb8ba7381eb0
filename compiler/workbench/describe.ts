// A plan's terms in plain words, from its IR and its source: what the plan document and the
// rep statements say about credit, each component, draws and versions. Display only.
import type { Analysis } from '../analysis.js';
import type * as A from '../syntax/ast.js';
import type { BandIR, ClawbackIR, ComponentIR, CurveIR, DrawIR, PlanIR, ScorecardIR } from '../../runtime/ir.js';
import { Decimal } from '../../runtime/decimal.js';
import { formatPercent, groupThousands } from '../../runtime/format.js';

export function src(a: Analysis, n: A.Node | undefined): string {
  return n ? a.text.slice(n.span.start, n.span.end).replace(/\s+/g, ' ').trim() : '';
}

export function money(currency: string, v: string | Decimal, dp = 2): string {
  const d = new Decimal(v);
  const s = d.toFixed(dp);
  const neg = s.startsWith('-') && !/^-0(\.0*)?$/.test(s);
  return `${neg ? '-' : ''}${currency} ${groupThousands(s.replace(/^-/, ''))}`;
}

export function pct(v: string | Decimal): string {
  return formatPercent(new Decimal(v), 2);
}

export function componentDecl(a: Analysis, name: string): A.ComponentDecl | undefined {
  return a.plan.items.find((i): i is A.ComponentDecl => i.kind === 'ComponentDecl' && i.name?.text === name);
}

function frequencyWords(ir: PlanIR): string {
  const p = ir.periods;
  if (p.frequency === 'week') return p.every > 1 ? `every ${p.every} weeks` : 'weekly';
  if (p.frequency === 'calendar') return `by the periods of a calendar table (${p.calendar?.length ?? 0} periods: ${(p.calendar ?? []).map((r) => r.key).join(', ')})`;
  return { month: 'monthly', semimonth: 'twice a month (1st-15th, 16th-end)', quarter: 'quarterly', year: 'yearly' }[p.frequency];
}

export function periodWords(ir: PlanIR): string {
  const p = ir.periods;
  let s = `paid ${frequencyWords(ir)}`;
  if (p.from) s += ` from ${p.from}`;
  if (p.to) s += ` to ${p.to}`;
  if (p.fiscalStart && p.fiscalStart > 1) s += `; the fiscal year starts in ${MONTHS[p.fiscalStart - 1]}`;
  return s;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function roundingWords(ir: PlanIR): string {
  return `each payout line is rounded ${ir.rounding.mode} to ${ir.rounding.place}; nothing is rounded before that`;
}

/** Every curve and scorecard used in a component's expressions. */
export function usedIn(c: ComponentIR): { curves: CurveIR[]; cards: ScorecardIR[] } {
  const curves = new Map<string, CurveIR>();
  const cards = new Map<string, ScorecardIR>();
  const walk = (x: unknown): void => {
    if (!x || typeof x !== 'object') return;
    if (Array.isArray(x)) return x.forEach(walk);
    const o = x as Record<string, unknown>;
    if (o.k === 'curve' && o.curve) curves.set((o.curve as CurveIR).name, o.curve as CurveIR);
    if (o.k === 'scorecard' && o.card) cards.set((o.card as ScorecardIR).name, o.card as ScorecardIR);
    for (const v of Object.values(o)) walk(v);
  };
  walk(c);
  return { curves: [...curves.values()], cards: [...cards.values()] };
}

function rateText(b: BandIR): string {
  const m = /pays\s+(.+)$/.exec(b.text);
  return m ? m[1]! : b.text;
}

export function bandRows(c: ComponentIR, currency: string): string[][] | undefined {
  if (c.rate.k !== 'tiers') return undefined;
  const axis = c.rate.axis;
  const bound = (v?: string) => (v === undefined ? 'and above' : axis === 'attainment' ? pct(v) : money(currency, v));
  return c.rate.bands.map((b) => [bound(b.from), b.to === undefined ? 'no upper bound' : bound(b.to), rateText(b)]);
}

function within(w: { amount: number; unit: string }): string {
  return `${w.amount} ${w.amount === 1 ? w.unit.replace(/s$/, '') : w.unit}`;
}

export function clawbackWords(cb: ClawbackIR): string[] {
  const out: string[] = [];
  const net = /net against later payouts/.test(cb.text) ? ' It is taken from later payouts; what they cannot cover is carried forward as a balance owed.' : '';
  if (cb.schedule?.length) {
    out.push(`If a deal appears in \`${cb.events}\` (dated by \`${cb.dateField}\`) after it was credited, part of what it earned is taken back, by the age of the deal:`);
    for (const s of cb.schedule) out.push(`  ${s.text}.`);
    out.push(`After the last window nothing is taken back.${net}`);
  } else if (cb.mode === 'full') out.push(`If a deal appears in \`${cb.events}\` within ${within(cb.within)} of its credit date (the last day included), everything it earned is taken back.${net}`);
  else out.push(`If a deal appears in \`${cb.events}\` within ${within(cb.within)} of its credit date, a prorated share of what it earned is taken back${cb.unusedTerm ? ' (the unused part of its term)' : ''}.${net}`);
  return out;
}

export function drawWords(d: DrawIR): string {
  return d.recoverable
    ? `Recoverable draw: \`${d.text}\`. In a period that earns less, the difference is advanced and recovered from later earnings above the draw.`
    : `Guarantee: \`${d.text}\`. In a period that earns less, the pay is topped up to this amount; nothing is owed back.`;
}

const BASIS: Record<string, string> = {
  'per deal': 'each deal is paid on its own',
  'period total': "the rate is applied to the period's total",
  'running total': 'each deal is paid for the slice of the running total in the period that it covers',
};

/** The terms of one component, one sentence each. */
export function componentTerms(a: Analysis, ir: PlanIR, c: ComponentIR): string[] {
  const decl = componentDecl(a, c.name);
  const out: string[] = [];
  const forClause = decl?.clauses.find((x): x is A.ForClause => x.kind === 'ForClause');
  out.push(forClause?.cond ? `Applies to reps where \`${src(a, forClause.cond)}\`.` : 'Applies to every rep.');
  if (c.bonus) {
    if (c.bonus.pays) out.push(`Pays: \`${c.bonus.pays.text}\`.`);
    if (c.bonus.pool) out.push(`Pool: \`${c.bonus.pool.text}\`.`);
  }
  if (!c.bonus?.pays && !c.bonus?.pool) {
    out.push(`Paid on ${c.measure.team ? "the team's credit" : 'the credit'}${c.measure.where ? ` that meets \`${c.measure.text}\`` : ''}; ${BASIS[c.basis]}.`);
    if (c.rate.k === 'flat') out.push(`Rate: ${c.rate.text}.`);
    else {
      const axis = c.rate.axis === 'attainment' ? 'attainment (credit / quota)' : 'the amount';
      out.push(
        c.rate.mode === 'marginal'
          ? `Rate by bands of ${axis}, graduated: each band's rate applies only to the part inside the band.`
          : `Rate by bands of ${axis}, retroactive: the rate of the band reached applies to all of it.`,
      );
      out.push(
        c.rate.boundsIn === 'lower'
          ? 'A band includes its upper bound and not its lower bound (the first band includes both): a result exactly on a bound is paid at the lower band.'
          : 'A band includes its lower bound and not its upper bound: a result exactly on a bound is paid at the higher band.',
      );
    }
  }
  if (c.cumulative) out.push(`Computed ${c.cumulative.scope} to date: each period pays what is owed to date minus what this component already paid in the ${c.cumulative.scope}${c.cumulative.negative ? '; the true-up can be negative' : ''}.`);
  if (c.attainmentCap) out.push(`Attainment counts up to a limit: \`${c.attainmentCap.text}\`.`);
  for (const g of c.gates) out.push(`Paid only when \`${g.text}\`; otherwise this component pays nothing for the period.`);
  for (const m of c.multipliers) out.push(`Multiplied: \`${m.text}\`.`);
  for (const cap of c.caps) out.push(`Limited: \`${cap.text}\`.`);
  if (c.bonus?.minimum) out.push(`At least: \`${c.bonus.minimum.text}\`.`);
  if (c.advance) out.push(`Paid in part in advance: \`${c.advance.text}\`.`);
  if (c.holdback) out.push(`Part held back: \`${c.holdback.text}\`.`);
  for (const cb of c.clawbacks) out.push(...clawbackWords(cb));
  if (c.cancelledDeals) out.push(c.cancelledDeals === 'leave' ? 'A cancelled deal also leaves attainment.' : 'A cancelled deal stays in attainment.');
  return out;
}
