// Phase 2, per rep and period: what each component earns. The rep's credits (and the team's),
// every component that applies evaluated exactly (runtime/engine/component.ts, through the
// cumulative mechanics of runtime/mechanics/cumulative.ts) and rounded to a line, the lets for the
// statement's values, and the trace up to the components. What it returns (`Earned`) is the
// aggregate the settlement (runtime/engine/settle.ts) consumes.
import { Decimal } from '../decimal.js';
import type { DealLine, PayoutLine, PeriodValue, PlanAt, PlanIR, RowValue, TraceNode } from '../ir.js';
import { exactText, formatValue } from '../format.js';
import type { AssignmentIndex } from '../mechanics/assignments.js';
import type { CompiledVersion } from '../mechanics/versions.js';
import type { Settlement } from '../mechanics/cumulative.js';
import type { Attribution, CompiledComponent, CompiledPlan, ComponentResult, Credit, Ctx, Env, RepPeriod, RV } from './types.js';
import { provideComponents, readsEffectiveRates } from '../mechanics/effective-rate.js';
import { asBool, byStr } from './values.js';
import { plus, shortcuts } from '../exact.js';
import { bonusTrace, letValue } from './expr.js';
import { evalComponent } from './component.js';
import { describeFailure } from './errors.js';
import type { PartialCredit, RepPeriodCredit } from './measures.js';
import { creditsTrace, roundingNode, showTyped, valueString, type LineFormat } from './trace.js';

const ZERO = new Decimal(0);
const NO_SUMS: PartialCredit = { components: new Map() };
/** A component being evaluated (`effective_rate` of itself is an error). */
const IN_PROGRESS = { failed: undefined };

/** One period of an evaluation: the plan in force, its credits by rep, its teams. */
export interface PeriodFrame {
  /** The plan as written (versions, assignments, payout currency). */
  plan: CompiledPlan;
  /** The plan (or version) in force on the period's first day. */
  P: CompiledPlan;
  inForce?: CompiledVersion<CompiledPlan>;
  period: PeriodValue;
  env: Env;
  assigned?: AssignmentIndex;
  /** rep key -> the rep's credits of the period, in credit order, and their sum (phase 1's result, ./measures.ts). */
  credits: Map<string, RepPeriodCredit>;
  /** manager key -> direct reports in force in the period. */
  reportsOf: Map<string, string[]>;
  /** The roster row of a rep in the period (assignments applied). */
  repRow(k: string): RowValue;
  /** Whether statements list what each component paid on each deal (EvaluateOptions `deals`). */
  deals: boolean;
  /** Only the lets the plan shows go in `values` when there is no trace (EvaluateOptions `values`). */
  shownOnly?: boolean;
  /** The credits are a SQL engine's sums and the lines of deals clawback events name (EvaluateOptions `aggregates`). */
  partial?: boolean;
}

/** What a rep earns in a period, before clawbacks, balances, draws and currency. */
export interface Earned {
  repKey: string;
  rep: RowValue;
  rp: RepPeriod;
  ctx: Ctx;
  /** Component lines, rounded. */
  lines: PayoutLine[];
  /** The sum of the rounded component lines. */
  earned: Decimal;
  /** What each component paid on each deal, exact (component index in the plan in force). */
  paidOn: { ki: number; res: ComponentResult }[];
  dealLines: DealLine[];
  values: Record<string, string>;
  trace: TraceNode[];
}

export function earnRepPeriod(
  f: PeriodFrame,
  repKey: string,
  settle: Settlement,
  fmt: LineFormat,
  fail: (err: unknown, what: string, rep: RowValue, period: PeriodValue, at?: PlanAt) => void,
): Earned {
  const { plan, P, inForce, period, env, assigned, reportsOf } = f;
  const ir: PlanIR = plan.ir;
  const { tracing, round, str, money, moneyR, rounding } = fmt;
  const rep = f.repRow(repKey);
  const own = f.credits.get(repKey);
  const credits = own?.lines ?? [];
  // the team's lines (and with a SQL engine's sums, ./measures.ts, where `team` holds only some
  // lines, the team's credit: the reports' credits), the reports read once
  const team: Credit[] = [];
  const partial = f.partial;
  let teamSum = ZERO;
  const members = reportsOf.get(repKey);
  if (members !== undefined) {
    for (let i = 0; i < members.length; i++) {
      const mc = f.credits.get(members[i]!);
      if (mc === undefined) continue;
      const ls = mc.lines;
      for (let j = 0; j < ls.length; j++) team.push(ls[j]!);
      if (partial) teamSum = plus(teamSum, mc.credit);
    }
  }
  if (team.length > 1) team.sort(byCreditOrder);
  const rp: RepPeriod = { rep, period, credits, team, lets: new Map(), creditSum: own?.credit };
  if (partial) {
    rp.partial = own?.partial ?? NO_SUMS;
    rp.teamSum = teamSum;
  }
  settle.enterPeriod(rp, env);
  const ctx: Ctx = { env, rp, rep, period, row: null, event: null };
  const lines: PayoutLine[] = [];
  const trace: TraceNode[] = [];
  const paidOn: Earned['paidOn'] = [];

  // credits trace
  if (inForce) trace.push({ kind: 'version', text: `Plan version "${inForce.ir.name}" (effective ${inForce.ir.effective}) pays ${period.key}` });
  else if (plan.versions?.length) trace.push({ kind: 'version', text: `The plan as first written pays ${period.key} (no version in force on ${period.start})` });
  if (assigned) {
    const a = assigned.inForce(repKey, period);
    if (a) trace.push({ kind: 'assignment', text: `Assignment in force on ${period.end} (${a.loc.file}:${a.loc.line}): ${ir.assignments!.fields.map((f) => `${f} ${formatValue(a.values[f] ?? null)}`).join(', ')}` });
    else trace.push({ kind: 'assignment', text: `No assignment in force on ${period.end}: the roster's values apply` });
  }
  if (tracing) trace.push(creditsTrace('credits', 'Credit', credits, money));

  // components
  let earned = ZERO;
  const componentTraces: TraceNode[] = [];
  let usesTeam = false;
  const dealLines: DealLine[] = [];
  // each component evaluated once, in plan order or earlier when another reads its effective rate
  // (`effective_rate(NAME)`, runtime/mechanics/effective-rate.ts); null: it does not apply to the rep
  const results: (ComponentResult | null | { failed: unknown } | undefined)[] = new Array(P.components.length);
  const appliesMemo = shortcuts() ? repApplies(env, P, rep) : undefined;
  const resultOf = (ki: number): ComponentResult | null => {
    let r = results[ki];
    if (r === IN_PROGRESS) throw new Error(`component \`${P.components[ki]!.ir.name}\` reads its own effective rate`);
    if (r === undefined) {
      const k = P.components[ki]!;
      // (an Error made only when a component reads itself: made for every component, its stack trace cost more than the component)
      results[ki] = IN_PROGRESS;
      try {
        ctx.lastEmpty = undefined;
        r = k.appliesTo && !applies(k, ki, ctx, appliesMemo) ? null : settle.component(k, ki, ctx, (c) => evalComponent(k, c, money, tracing));
      } catch (err) {
        r = { failed: err };
      }
      results[ki] = r;
    }
    if (r && 'failed' in r) throw r.failed;
    return r;
  };
  if (readsEffectiveRates(P.ir)) {
    provideComponents(rp, (name) => {
      const ki = P.components.findIndex((x) => x.ir.name === name);
      return ki < 0 ? undefined : (resultOf(ki) ?? undefined);
    });
  }
  for (let ki = 0; ki < P.components.length; ki++) {
    const k = P.components[ki]!;
    try {
      const res = resultOf(ki);
      if (!res) continue;
      if (k.ir.measure.team) usesTeam = true;
      const rounded = round(res.exact);
      lines.push({ kind: 'component', name: k.ir.name, label: k.ir.label, amount: str(rounded), exact: exactText(res.exact) });
      earned = plus(earned, rounded);
      // the trace only when asked (explain, JSON, previews of one rep): a table or CSV never shows it
      if (tracing) {
        res.trace.children!.push(roundingNode(res.exact, rounded, rounding.mode, rounding.place, money, moneyR));
        res.trace.text = `${k.ir.label}: ${moneyR(rounded)}`;
        res.trace.value = str(rounded);
        componentTraces.push(res.trace);
      }
      if (f.deals) for (const a of res.attributions) dealLines.push(dealLine(k.ir.name, a));
      paidOn.push({ ki, res });
    } catch (err) {
      fail(err, `component \`${k.ir.name}\``, rep, period, k.ir.at);
    }
  }
  if (usesTeam && tracing) trace.push(creditsTrace('team', 'Team credit', team, money, true));

  // lets, for the trace (those not needed by anything are tried here; failures are shown, not raised)
  const letNodes: TraceNode[] = [];
  const values: Record<string, string> = {};
  // (a table or CSV shows only the lets the plan shows: the others are not computed for it)
  const shown = f.shownOnly && !tracing;
  for (const l of P.lets) {
    if (shown && !P.ir.show?.includes(l.ir.name) && !plan.ir.show?.includes(l.ir.name)) continue;
    let v: RV | undefined;
    try {
      v = letValue(ctx, l.ir.name);
    } catch (err) {
      if (tracing) letNodes.push({ kind: 'let', text: `${l.ir.name}: not defined here (${describeFailure(err)})` });
      continue;
    }
    values[l.ir.name] = valueString(v);
    if (tracing) letNodes.push({ kind: 'let', text: `${l.ir.name} = ${showTyped(v, l.ir.type, money)}`, value: valueString(v) });
  }
  if (letNodes.length) trace.push({ kind: 'lets', text: 'Values', children: letNodes });
  trace.push(...bonusTrace(rp));
  if (rp.notes?.length) trace.push({ kind: 'derivations', text: 'Proration, seasonal weights, rates by deal field, team quota, effective rates', children: rp.notes });
  trace.push(...componentTraces);
  return { repKey, rep, rp, ctx, lines, earned, paidOn, dealLines, values, trace };
}

/** Whether each component of P applies to the rep row (0 not known yet, 1 yes, 2 no), kept for this evaluation. */
function repApplies(env: Env, P: CompiledPlan, rep: RowValue): Uint8Array {
  let memo = env.repApplies;
  if (memo === undefined || memo.plan !== P) env.repApplies = memo = { plan: P, byRep: new Map() };
  let a = memo.byRep.get(rep);
  if (a === undefined) memo.byRep.set(rep, (a = new Uint8Array(P.components.length)));
  return a;
}

/** A component's `for`: when it reads only the rep, evaluated once per rep row (a failure is not kept: it fails again). */
function applies(k: CompiledComponent, ki: number, ctx: Ctx, memo: Uint8Array | undefined): boolean {
  if (memo === undefined || !k.appliesPerRep) return asBool(k.appliesTo!(ctx), ctx);
  const known = memo[ki]!;
  if (known !== 0) return known === 1;
  const v = asBool(k.appliesTo!(ctx), ctx);
  memo[ki] = v ? 1 : 2;
  return v;
}

/** Credit lines in date, table, deal and rep order (a team's lines). */
function byCreditOrder(a: Credit, b: Credit): number {
  return byStr(a.date, b.date) || byStr(a.table, b.table) || byStr(a.key, b.key) || byStr(a.rep, b.rep);
}

/** A deal line of the statement; its decimal texts are made when read (JSON output), not before. */
function dealLine(component: string, a: Attribution): DealLine {
  // the values now (an attribution may be updated in place later, runtime/mechanics/cumulative.ts)
  const creditNow = a.credit.amount;
  const amountNow = a.amount;
  let credit: string | undefined;
  let amount: string | undefined;
  return {
    component,
    deal: a.key,
    get credit(): string {
      return (credit ??= exactText(creditNow));
    },
    get amount(): string {
      return (amount ??= exactText(amountNow));
    },
  };
}
