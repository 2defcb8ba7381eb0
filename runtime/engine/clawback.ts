// Settlement, per rep across periods: clawbacks. The events of each clawback table are indexed by
// period and deal; in each rep's period the events are matched with what a component paid on
// their deals (attributions, recorded by the settlement as periods are settled) and take back the
// share the clause (or its schedule, runtime/mechanics/clawbacks.ts) states, once per deal.
import { Decimal } from '../decimal.js';
import type { Dataset, DateValue, PayoutLine, PlanAt, RowValue, TraceNode } from '../ir.js';
import { cell } from '../rows.js';
import * as cal from '../calendar.js';
import { exactText, formatPercent } from '../format.js';
import type { Settlement } from '../mechanics/cumulative.js';
import type { Attribution, CompiledClawback, CompiledPlan, ComponentResult, Credit, Ctx, RV } from './types.js';
import { asDec, byStr, isObj, keyOf, sortRows } from './values.js';
import { roundingNode } from './trace.js';
import type { LineFormat } from './trace.js';

const ZERO = new Decimal(0);

export interface ClawbackEvent {
  row: RowValue;
  date: string;
  deal: string;
  order: number;
}

/** events table -> period key -> deal key -> events, in date, deal and row order. */
export type EventIndex = Map<string, Map<string, Map<string, ClawbackEvent[]>>>;

export function indexEvents(plan: CompiledPlan, data: Dataset, spec: cal.PeriodSpec): EventIndex {
  type Ev = ClawbackEvent;
  const eventsBy: EventIndex = new Map();
  for (const k of [plan, ...(plan.versions ?? []).map((v) => v.plan)].flatMap((p) => p.components)) {
    for (const cb of k.clawbacks) {
      if (eventsBy.has(cb.ir.events)) continue;
      const m = new Map<string, Ev[]>();
      for (const row of sortRows(data[cb.ir.events] ?? [])) {
        const d = cell(row, cb.ir.dateField);
        const deal = keyOf(cell(row, cb.ir.dealField) as RV);
        if (d === null || d === undefined || deal === undefined) continue;
        const iso = isObj(d as RV, 'date') ? (d as DateValue).iso : typeof d === 'string' ? d : undefined;
        if (!iso) continue;
        const p = cal.periodOf(spec, iso);
        const list = m.get(p.key) ?? [];
        list.push({ row, date: iso, deal, order: 0 });
        m.set(p.key, list);
      }
      const byDeal = new Map<string, Map<string, Ev[]>>();
      for (const [pk, list] of m) {
        list.sort((a, b) => byStr(a.date, b.date) || byStr(a.deal, b.deal) || byStr(a.row.key, b.row.key));
        const dm = new Map<string, Ev[]>();
        list.forEach((ev, i) => {
          ev.order = i;
          const l = dm.get(ev.deal) ?? [];
          l.push(ev);
          dm.set(ev.deal, l);
        });
        byDeal.set(pk, dm);
      }
      eventsBy.set(cb.ir.events, byDeal);
    }
  }

  return eventsBy;
}

/** What each component paid on each deal: component index -> rep -> credited table -> deal key -> attributions. */
export class PaidOn {
  private readonly byComponent = new Map<number, Map<string, Map<string, Map<string, Attribution[]>>>>();
  /** The deals some clawback event names: only what was paid on those can ever be taken back. */
  private readonly wanted = new Set<string>();

  constructor(events: EventIndex) {
    for (const byPeriod of events.values()) for (const byDeal of byPeriod.values()) for (const deal of byDeal.keys()) this.wanted.add(deal);
  }

  /** Records what a component paid on the deals some clawback event names (only those are made). */
  recordPaid(ki: number, rep: string, res: ComponentResult): void {
    const deals = res.paidOnDeals;
    if (deals === undefined || res.attributionAt === undefined) {
      for (const a of res.attributions) this.record(ki, rep, a);
      return;
    }
    if (this.wanted.size === 0) return;
    for (let i = 0; i < deals.length; i++) if (this.names(deals[i]!)) this.record(ki, rep, res.attributionAt(i));
  }

  /** Whether any deal is named (else no credit needs marking). */
  marks(): boolean {
    return this.wanted.size > 0;
  }

  /** Marks a credit whose deal some clawback event names (`Credit.named`). */
  mark(c: Credit): void {
    // both ways: a credit kept across evaluations (EvaluateOptions.phase1) may carry an earlier mark
    c.named = this.wanted.has(c.key);
  }

  /** Marks the credits whose deal some clawback event names (`Credit.named`), once per credit. */
  markNamed(lines: readonly Credit[]): void {
    if (this.wanted.size === 0) return;
    for (let i = 0; i < lines.length; i++) {
      const c = lines[i]!;
      c.named = this.wanted.has(c.key);
    }
  }

  private names(c: Credit): boolean {
    return c.named ?? this.wanted.has(c.key);
  }

  record(ki: number, rep: string, a: Attribution): void {
    if (!this.wanted.has(a.key)) return;
    let byRep = this.byComponent.get(ki);
    if (!byRep) this.byComponent.set(ki, (byRep = new Map()));
    let byTable = byRep.get(rep);
    if (!byTable) byRep.set(rep, (byTable = new Map()));
    let byKey = byTable.get(a.table);
    if (!byKey) byTable.set(a.table, (byKey = new Map()));
    const list = byKey.get(a.key) ?? [];
    list.push(a);
    byKey.set(a.key, list);
  }

  of(ki: number, rep: string): Map<string, Map<string, Attribution[]>> | undefined {
    return this.byComponent.get(ki)?.get(rep);
  }
}

export interface ClawbackInput {
  plan: CompiledPlan;
  events: EventIndex;
  paidOn: PaidOn;
  settle: Settlement;
  repKey: string;
  period: { key: string };
  ctx: Ctx;
  lines: PayoutLine[];
  trace: TraceNode[];
  fmt: LineFormat;
  fail: (err: unknown, what: string, at?: PlanAt) => void;
}

/**
 * What a clawback takes back before its share: what the component paid on the deal, or with
 * `takes P of credit` P x the rep's credit of the deal, with `takes AMOUNT` the amount x the rep's
 * split share of the deal (the whole amount when the deal is not split).
 */
function clawbackBase(cb: CompiledClawback, a: Attribution, c: Ctx, money: (d: Decimal) => string): { amount: Decimal; node?: TraceNode } {
  const t = cb.ir.takes;
  if (!t || !cb.takes) return { amount: a.amount };
  const v = asDec(cb.takes(c), c);
  if (t.ofCredit) {
    const amount = a.credit.amount.times(v);
    return { amount, node: { kind: 'base', text: `takes ${t.text} of credit: ${money(a.credit.amount)} x ${formatPercent(v)} = ${money(amount)} (not what was paid)`, value: exactText(amount) } };
  }
  const share = a.credit.share;
  const amount = share === null ? v : v.times(share);
  const split = share === null ? '' : ` x ${a.credit.overlay ? 'overlay' : 'split'} ${formatPercent(share)} = ${money(amount)}`;
  return { amount, node: { kind: 'base', text: `takes ${t.text}: ${money(v)}${split} (not what was paid)`, value: exactText(amount) } };
}

/** Applies every clawback due in this rep's period; returns the amount clawed back (rounded, positive). */
export function applyClawbacks(input: ClawbackInput): Decimal {
  const { plan: P, events: eventsBy, paidOn, settle, repKey, period, ctx, lines, trace, fail } = input;
  const { tracing, round, str, money, moneyR, rounding } = input.fmt;
  let clawedBack = ZERO;
  P.components.forEach((k, ki) => {
    for (const cb of k.clawbacks) {
      const evMap = eventsBy.get(cb.ir.events)?.get(period.key);
      if (!evMap) continue;
      const byTable = paidOn.of(ki, repKey);
      if (!byTable) continue;
      // match events with what was paid on their deals, from the smaller side
      const pairs: [ClawbackEvent, Attribution][] = [];
      byTable.forEach((byKey, table) => {
        if (cb.dealTable && table !== cb.dealTable) return;
        if (evMap.size <= byKey.size) {
          evMap.forEach((evs, deal) => {
            const atts = byKey.get(deal);
            if (atts) for (const a of atts) for (const ev of evs) pairs.push([ev, a]);
          });
        } else {
          byKey.forEach((atts, deal) => {
            const evs = evMap.get(deal);
            if (evs) for (const ev of evs) for (const a of atts) pairs.push([ev, a]);
          });
        }
      });
      if (pairs.length === 0) continue;
      if (pairs.length > 1) pairs.sort(
        (x, y) => x[0].order - y[0].order || byStr(x[1].date, y[1].date) || byStr(x[1].table, y[1].table) || byStr(x[1].credit.splitKey, y[1].credit.splitKey),
      );
      for (const [ev, a] of pairs) {
        {
          if (a.clawed || ev.date < a.date) continue;
          const window = settle.clawbackShare(cb, a.date, ev.date);
          if (!window) {
            // Outside every window: nothing is taken, and the statement says so.
            if (tracing)
              trace.push({
                kind: 'clawback',
                text: `No clawback of ${k.ir.label} on ${a.key}: ${cb.ir.events} dated ${ev.date}, ${cal.daysBetween(a.date, ev.date)} days after the credit on ${a.date}, is outside ${cb.ir.schedule?.length ? 'every window of the schedule' : `the window (within ${cb.ir.within.amount} ${cb.ir.within.unit})`}`,
                value: '0',
              });
            continue;
          }
          try {
            const cc: Ctx = { ...ctx, row: a.credit.row, event: ev.row, lastEmpty: undefined };
            const { share, nodes: shareNodes } = window.compute(cc);
            // the base: what the component paid on the deal, or what `takes` says
            const base = clawbackBase(cb, a, cc, money);
            const exact = base.amount.times(share);
            a.clawed = true;
            if (exact.isZero()) continue;
            const rounded = round(exact.neg());
            clawedBack = clawedBack.minus(rounded);
            lines.push({ kind: 'clawback', name: k.ir.name, label: `${k.ir.label} clawback: ${a.key}`, amount: str(rounded), exact: exactText(exact.neg()) });
            trace.push({
              kind: 'clawback',
              text: `Clawback of ${k.ir.label} on ${a.key}: ${cb.ir.events} dated ${ev.date}, ${cal.daysBetween(a.date, ev.date)} days after the credit on ${a.date} (within ${window.within.amount} ${window.within.unit}): -${moneyR(rounded.neg())}`,
              value: str(rounded),
              children: [
                { kind: 'deal', text: `deal ${a.key} credited ${a.date}, paid in ${a.period}: ${money(a.amount)}`, value: exactText(a.amount) },
                ...(base.node ? [base.node] : []),
                ...shareNodes,
                { kind: 'amount', text: `${money(base.amount)} x ${formatPercent(share)} = ${money(exact)}`, value: exactText(exact) },
                roundingNode(exact.neg(), rounded, rounding.mode, rounding.place, money, moneyR),
              ],
            });
          } catch (err) {
            fail(err, `clawback \`${cb.ir.text}\``, k.ir.at);
          }
        }
      }
    }
  });
  return clawedBack;
}
