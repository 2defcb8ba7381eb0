// A run against the ledger. A closed period never changes: its statements are the recorded ones.
// What a recomputation pays differently for a closed period (a late deal, corrected data, a
// retroactive plan change) is paid as an adjustment line in the first open period, one line per
// rep and corrected line, each with the reason: which deals changed, which input files, whether
// the plan did.
import type { DealLine, PayoutLine, RunResult, Statement } from '../../runtime/ir.js';
import { Decimal } from '../../runtime/decimal.js';
import type { Close, InputHash, LedgerDeal, LedgerLine } from './types.js';

/** What the current run was made from, to say what changed since a close. */
export interface RunInputs {
  planHash: string;
  inputs: InputHash[];
}

export interface Reconciled {
  result: RunResult;
  /** Adjustment lines added. */
  adjustments: number;
  /** Differences found that have no open period in this run to go in. */
  waiting: number;
  /** The first open period (where adjustments go), when there is one. */
  openPeriod?: string;
}

const SEP = '\u0000';
const key = (kind: string, name: string) => `${kind}${SEP}${name}`;

function decimals(s: string): number {
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

function addTo(m: Map<string, { amount: Decimal; label: string; dp: number }>, k: string, amount: string, label: string): void {
  const cur = m.get(k);
  if (cur) {
    cur.amount = cur.amount.plus(new Decimal(amount));
    cur.dp = Math.max(cur.dp, decimals(amount));
  } else m.set(k, { amount: new Decimal(amount), label, dp: decimals(amount) });
}

/** The lines of every closed period as they stand now: recorded lines plus later adjustments to them. */
function effectiveLines(closes: Close[]): Map<string, Map<string, Map<string, { amount: Decimal; label: string; dp: number }>>> {
  const byPeriod = new Map<string, Map<string, Map<string, { amount: Decimal; label: string; dp: number }>>>();
  const at = (period: string, rep: string) => {
    let reps = byPeriod.get(period);
    if (!reps) byPeriod.set(period, (reps = new Map()));
    let lines = reps.get(rep);
    if (!lines) reps.set(rep, (lines = new Map()));
    return lines;
  };
  for (const c of closes) {
    for (const l of c.lines) {
      if (l.kind === 'adjustment' && l.adjusts) addTo(at(l.adjusts.period, l.rep), key(l.adjusts.kind, l.adjusts.name), l.amount, l.label);
      else addTo(at(c.period, l.rep), key(l.kind, l.name), l.amount, l.label);
    }
    // a rep with a statement but no lines still counts as closed at zero
    for (const s of c.statements) at(c.period, s.rep);
  }
  return byPeriod;
}

function plain(d: Decimal, dp: number): string {
  const s = d.toFixed(dp);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

/** Why a closed line is now computed differently: deals, input files, the plan. */
function explain(close: Close, rep: string, kind: string, name: string, deals: DealLine[], now: RunInputs): string {
  const parts: string[] = [];
  if (kind === 'component') {
    const before = new Map<string, LedgerDeal>();
    for (const d of close.deals) if (d.rep === rep && d.component === name) before.set(d.deal, d);
    const after = new Map<string, DealLine>();
    for (const d of deals) if (d.component === name) after.set(d.deal, d);
    for (const [id, d] of after) {
      const b = before.get(id);
      if (!b) parts.push(`deal \`${id}\` was not in the data at close (credit ${d.credit}, pays ${d.amount})`);
      else if (!new Decimal(b.credit).eq(new Decimal(d.credit))) parts.push(`deal \`${id}\`: credit ${b.credit} at close, now ${d.credit}`);
      else if (!new Decimal(b.amount).eq(new Decimal(d.amount))) parts.push(`deal \`${id}\`: same credit ${d.credit}, pays ${d.amount} instead of ${b.amount} (the rule changed)`);
    }
    for (const [id, b] of before) if (!after.has(id)) parts.push(`deal \`${id}\` is no longer credited (it paid ${b.amount})`);
  }
  if (now.planHash !== close.planHash) parts.push(`the plan changed since the close (component or rule \`${name}\`)`);
  const was = new Map(close.inputs.map((i) => [i.table, i]));
  const changed = now.inputs.filter((i) => was.get(i.table)?.sha256 !== i.sha256).map((i) => i.file);
  if (changed.length) parts.push(`input data changed: ${changed.join(', ')}`);
  if (parts.length === 0) parts.push('recomputed differently');
  return parts.join('; ');
}

function emptyStatement(rep: string, period: string): Statement {
  return { rep, period, lines: [], earned: '0', clawedBack: '0', paid: '0', owed: '0', drawBalance: '0', trace: [] };
}

/** A recorded close as the statements of its period. */
function closedStatements(c: Close): Statement[] {
  return c.statements.map((s) => {
    const lines: PayoutLine[] = c.lines
      .filter((l) => l.rep === s.rep)
      .map((l) => {
        const p: PayoutLine = { kind: l.kind as PayoutLine['kind'], name: l.name, label: l.label, amount: l.amount, exact: l.exact };
        if (l.adjusts) p.adjusts = l.adjusts;
        if (l.reason !== undefined) p.reason = l.reason;
        return p;
      });
    const deals = c.deals.filter((d) => d.rep === s.rep).map((d) => ({ component: d.component, deal: d.deal, credit: d.credit, amount: d.amount }));
    return {
      rep: s.rep,
      period: c.period,
      lines,
      earned: s.earned,
      clawedBack: s.clawedBack,
      paid: s.paid,
      owed: s.owed,
      drawBalance: s.drawBalance,
      deals,
      closed: { seq: c.seq, closedAt: c.closedAt, closedBy: c.closedBy },
      trace: [{ kind: 'closed', text: `closed in the ledger on ${c.closedAt} by ${c.closedBy} (close ${c.seq}): the recorded lines are paid` }],
    };
  });
}

/**
 * Apply the ledger to a run over every period: closed periods take their recorded statements;
 * differences become adjustment lines in the first open period after the last closed one.
 */
export function applyLedger(result: RunResult, closes: Close[], inputs: RunInputs): Reconciled {
  if (closes.length === 0) return { result, adjustments: 0, waiting: 0 };
  const closedBy = new Map(closes.map((c) => [c.period, c]));
  const lastClosed = closes[closes.length - 1]!.period;
  const order = result.periods.map((p) => p.key);
  const lastIdx = order.indexOf(lastClosed);
  const open = lastIdx >= 0 ? order[lastIdx + 1] : order.find((p) => !closedBy.has(p) && p > lastClosed);
  const effective = effectiveLines(closes);

  const adjustments = new Map<string, PayoutLine[]>();
  let count = 0;
  let waiting = 0;
  for (const c of closes) {
    if (!order.includes(c.period)) continue;
    const recomputed = new Map(result.statements.filter((s) => s.period === c.period).map((s) => [s.rep, s]));
    const was = effective.get(c.period) ?? new Map();
    const reps = [...new Set([...recomputed.keys(), ...was.keys()])].sort();
    for (const rep of reps) {
      const now = new Map<string, { amount: Decimal; label: string; dp: number }>();
      const st = recomputed.get(rep);
      for (const l of st?.lines ?? []) if (l.kind !== 'adjustment') addTo(now, key(l.kind, l.name), l.amount, l.label);
      const before = was.get(rep) ?? new Map();
      for (const k of [...new Set([...before.keys(), ...now.keys()])].sort()) {
        const b = before.get(k);
        const a = now.get(k);
        const delta = (a?.amount ?? new Decimal(0)).minus(b?.amount ?? new Decimal(0));
        if (delta.isZero()) continue;
        if (!open) {
          waiting++;
          continue;
        }
        const [kind, name] = k.split(SEP) as [string, string];
        const dp = Math.max(a?.dp ?? 0, b?.dp ?? 0);
        const label = a?.label ?? b?.label ?? name;
        const why = explain(c, rep, kind, name, st?.deals ?? [], inputs);
        const line: PayoutLine = {
          kind: 'adjustment',
          name,
          label: `Adjustment to ${c.period}: ${label}`,
          amount: plain(delta, dp),
          exact: delta.toFixed(),
          adjusts: { period: c.period, kind, name },
          reason: `${c.period} ${label} was closed at ${plain(b?.amount ?? new Decimal(0), dp)}, now computes ${plain(a?.amount ?? new Decimal(0), dp)}: ${why}`,
        };
        adjustments.set(rep, [...(adjustments.get(rep) ?? []), line]);
        count++;
      }
    }
  }

  // closed periods: the recorded statements
  const statements = result.statements.filter((s) => !closedBy.has(s.period));
  for (const c of closes) if (order.includes(c.period)) statements.push(...closedStatements(c));
  // adjustments into the first open period
  if (open) {
    for (const [rep, lines] of adjustments) {
      let st = statements.find((s) => s.rep === rep && s.period === open);
      if (!st) statements.push((st = emptyStatement(rep, open)));
      const net = lines.reduce((x, l) => x.plus(new Decimal(l.amount)), new Decimal(0));
      const dp = Math.max(decimals(st.paid), ...lines.map((l) => decimals(l.amount)));
      const paid = new Decimal(st.paid).plus(net);
      // a net correction below zero is owed, like a clawback that cannot be netted
      if (paid.isNegative()) {
        st.owed = plain(new Decimal(st.owed).plus(paid.neg()), dp);
        st.paid = plain(new Decimal(0), dp);
      } else st.paid = plain(paid, dp);
      st.lines = [...st.lines, ...lines];
      st.trace = [...st.trace, ...lines.map((l) => ({ kind: 'adjustment', text: `${l.label}: ${l.amount} (${l.reason})`, value: l.amount }))];
    }
  }
  const index = new Map(order.map((p, i) => [p, i]));
  statements.sort((a, b) => (index.get(a.period) ?? 0) - (index.get(b.period) ?? 0) || (a.rep < b.rep ? -1 : a.rep > b.rep ? 1 : 0));
  const dp = decimals(result.summary.totalPaid);
  const summary = {
    ...result.summary,
    totalPaid: plain(statements.reduce((x, s) => x.plus(new Decimal(s.paid)), new Decimal(0)), dp),
    totalClawedBack: plain(statements.reduce((x, s) => x.plus(new Decimal(s.clawedBack)), new Decimal(0)), dp),
  };
  const out: Reconciled = { result: { ...result, statements, summary }, adjustments: count, waiting };
  if (open) out.openPeriod = open;
  return out;
}

/** The records of one period for a close, from a run that already has the ledger applied. */
export function closeLines(result: RunResult, period: string): Pick<Close, 'statements' | 'lines' | 'deals' | 'totalPaid'> {
  const sts = result.statements.filter((s) => s.period === period);
  const lines: LedgerLine[] = [];
  const deals: LedgerDeal[] = [];
  let total = new Decimal(0);
  let dp = 0;
  for (const s of sts) {
    total = total.plus(new Decimal(s.paid));
    dp = Math.max(dp, decimals(s.paid));
    for (const l of s.lines) {
      const x: LedgerLine = { rep: s.rep, kind: l.kind, name: l.name, label: l.label, amount: l.amount, exact: l.exact };
      if (l.adjusts) x.adjusts = l.adjusts;
      if (l.reason !== undefined) x.reason = l.reason;
      lines.push(x);
    }
    for (const d of s.deals ?? []) deals.push({ rep: s.rep, component: d.component, deal: d.deal, credit: d.credit, amount: d.amount });
  }
  return {
    statements: sts.map((s) => ({ rep: s.rep, earned: s.earned, clawedBack: s.clawedBack, paid: s.paid, owed: s.owed, drawBalance: s.drawBalance })),
    lines,
    deals,
    totalPaid: plain(total, dp),
  };
}
