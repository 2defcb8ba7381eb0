// Lowering of the settlement clauses (cumulative bases, advances, holdbacks, the cancelled-deal
// choice), clawback schedules and draw extras (new-hire protection, forgiveness) to the IR.
// Runs on clean plans only (see to-ir.ts).
import type * as A from '../syntax/ast.js';
import type * as IR from '../../runtime/ir.js';

export interface LowerApi {
  expr(e: A.Expr): IR.Expr;
  src(n: A.Node): string;
  /** The checker's type kind of an expression, e.g. 'date' or 'boolean'. */
  typeKind(e: A.Expr): string | undefined;
}

function need<X>(x: X | undefined, what: string): X {
  if (x === undefined) throw new Error(`internal: ${what} missing after a clean check`);
  return x;
}

/** Reads the settlement clauses of a component into its IR (after the other clauses). */
export function lowerComponentSettlement(api: LowerApi, out: IR.ComponentIR, c: A.ComponentDecl): void {
  const basis = c.clauses.find((x): x is A.BasisClause => x.kind === 'BasisClause');
  if (basis?.cumulative) {
    const negative = c.clauses.some((x) => x.kind === 'TrueUpClause');
    out.cumulative = { scope: basis.cumulative, negative, text: `basis ${basis.cumulative} to date${negative ? ', true-up can be negative' : ''}` };
    const opening = c.clauses.find((x): x is A.OpeningCreditClause => x.kind === 'OpeningCreditClause');
    if (opening) out.cumulative.opening = { expr: api.expr(need(opening.value, 'opening credit')), text: api.src(opening) };
  }
  for (const cl of c.clauses) {
    if (cl.kind === 'AdvanceClause') {
      out.advance = { share: api.expr(need(cl.share, 'advance share')), settle: cl.settle ?? 'quarter', text: api.src(cl) };
    } else if (cl.kind === 'HoldbackClause') {
      const until = need(cl.until, 'holdback until');
      out.holdback = { share: api.expr(need(cl.share, 'holdback share')), until: api.expr(until), untilDate: api.typeKind(until) === 'date', text: api.src(cl) };
    } else if (cl.kind === 'AttainmentChoiceClause' && cl.choice) {
      out.cancelledDeals = cl.choice;
    }
  }
}

/** The window of a clawback (`within`, or the longest window of a schedule) and its schedule. */
export function lowerClawbackWindow(api: LowerApi, cl: A.ClawbackClause): Pick<IR.ClawbackIR, 'within' | 'schedule' | 'unusedTerm'> {
  const dur = (e: A.Expr | undefined): { amount: number; unit: 'days' | 'months' } => {
    const w = need(e, 'clawback window');
    if (w.kind !== 'DurationLit') throw new Error('internal: clawback window');
    return { amount: Number(w.amount), unit: w.unit };
  };
  const out: Pick<IR.ClawbackIR, 'within' | 'schedule' | 'unusedTerm'> = { within: { amount: 0, unit: 'days' } };
  if (cl.schedule) {
    out.schedule = cl.schedule.map((r) => ({ within: dur(r.within), share: api.expr(need(r.share, 'schedule share')), text: api.src(r) }));
    const last = out.schedule[out.schedule.length - 1];
    if (last) out.within = last.within;
  } else out.within = dur(cl.within);
  if (cl.unusedTerm) out.unusedTerm = true;
  return out;
}

export function lowerDrawExtras(api: LowerApi, out: IR.DrawIR, d: A.DrawDecl): void {
  if (d.firstMonths) {
    out.firstMonths = {
      months: Number(need(d.firstMonths.months, 'months').text),
      after: api.expr(need(d.firstMonths.after, 'after')),
      text: api.src({ span: d.firstMonths.span }),
    };
  }
  if (d.forgivenOn) out.forgivenOn = api.expr(d.forgivenOn);
}
