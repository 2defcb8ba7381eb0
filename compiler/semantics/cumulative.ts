// Checks of the settlement clauses of a component (docs/language.md section 14): cumulative
// bases (`basis year to date`), `true-up can be negative`, `advance ...`, `hold back ...`, and the
// stated choice `cancelled deals leave attainment` / `cancelled deals stay in attainment`.
//
// The checker calls these through a small API so that this file needs none of its internals.
import type * as A from '../syntax/ast.js';
import type { Span } from '../syntax/span.js';
import { Codes, diag, type Diagnostic } from '../diagnostics/diagnostic.js';
import { Decimal } from '../../runtime/decimal.js';
import { isUnknown, show, type Type } from './types.js';

/** What the checks of draws, cumulative components and clawbacks need from the checker. */
export interface CheckApi {
  file: string;
  err(d: Diagnostic): void;
  /** Types an expression in a rep's period (rep, period, credit, lets, per-rep tables). */
  expr(e: A.Expr, where: string): Type;
  /** Checks a condition (true/false) in a rep's period. */
  condition(e: A.Expr, where: string): void;
  /** The type the checker gave an expression already checked. */
  typeOf(e: A.Expr): Type | undefined;
  src(span: Span): string;
  rosterName?: string;
  /** The plan's `periods` word: monthly, quarterly, annual, weekly, weeks. */
  frequency?: string;
}

const SETTLEMENT_KINDS = new Set(['TrueUpClause', 'AdvanceClause', 'HoldbackClause', 'AttainmentChoiceClause']);

/** A percent literal's value as a fraction (`20%` -> 0.2), or undefined when not a literal. */
export function percentValue(e: A.Expr | undefined): Decimal | undefined {
  if (e?.kind === 'PercentLit') return new Decimal(e.text).div(100);
  return undefined;
}

/** A share written as a percent between 0% and 100%. */
export function checkShare(api: CheckApi, e: A.Expr | undefined, what: string, where: string): void {
  if (!e) return;
  const t = api.expr(e, where);
  if (!isUnknown(t) && t.k !== 'percent') {
    api.err(diag(Codes.TypeMismatch, api.file, e.span, { expected: 'a percent, e.g. `50%`', found: show(t, api.rosterName) }));
    return;
  }
  const v = percentValue(e);
  if (v && (v.lt(0) || v.gt(1))) api.err(diag(Codes.ShareOutOfRange, api.file, e.span, { what, found: api.src(e.span) }));
}

function spansOnePeriod(scope: 'quarter' | 'year', frequency: string | undefined): boolean {
  if (frequency === 'annual') return true;
  return scope === 'quarter' && frequency === 'quarterly';
}

/** Checks one settlement clause where it stands in a component. */
export function checkSettlementClause(api: CheckApi, cl: A.Clause): void {
  switch (cl.kind) {
    case 'AdvanceClause':
      checkShare(api, cl.share, 'the share advanced', 'in an advance');
      if (cl.settle && api.frequency === 'calendar') {
        api.err(diag(Codes.NotOnCalendarTable, api.file, cl.span, { what: `\`settle at ${cl.settle} end\`` }, { hint: 'a calendar table has no quarters or years of its own: hold the amount back with `hold back ... until DATE` instead' }));
      } else if (cl.settle && spansOnePeriod(cl.settle, api.frequency)) {
        api.err(diag(Codes.ScopeNotLongerThanPeriod, api.file, cl.span, { clause: `settle at ${cl.settle} end`, frequency: api.frequency ?? '' }, { hint: 'every period is already settled when it is paid: remove the advance' }));
      }
      return;
    case 'HoldbackClause':
      checkShare(api, cl.share, 'the share held back', 'in a holdback');
      if (cl.until) {
        const t = api.expr(cl.until, 'in a holdback');
        if (!isUnknown(t) && t.k !== 'boolean' && t.k !== 'date') {
          api.err(diag(Codes.TypeMismatch, api.file, cl.until.span, { expected: 'a condition or a date after `until`', found: show(t, api.rosterName) }));
        }
      }
      return;
    case 'AttainmentChoiceClause':
      if (cl.noun && cl.noun.text !== 'deals') {
        api.err(diag(Codes.UnexpectedToken, api.file, cl.noun.span, { expected: '`deals` (`cancelled deals leave attainment`)', found: `\`${cl.noun.text}\`` }));
      }
      return;
    default:
      return;
  }
}

/** Rules across the clauses of one component. */
export function checkCumulativeComponent(api: CheckApi, c: A.ComponentDecl): void {
  const seen = new Map<string, A.Clause>();
  for (const cl of c.clauses) {
    if (!SETTLEMENT_KINDS.has(cl.kind)) continue;
    const prev = seen.get(cl.kind);
    if (prev) {
      api.err(diag(Codes.DuplicateClause, api.file, cl.span, { clause: api.src(cl.span).split(/\s/)[0] ?? cl.kind }, { related: [{ file: api.file, span: prev.span, message: 'given here first' }] }));
    } else seen.set(cl.kind, cl);
  }
  const basis = c.clauses.find((x): x is A.BasisClause => x.kind === 'BasisClause');
  const cumulative = basis?.cumulative;
  const trueUp = seen.get('TrueUpClause');
  if (trueUp && !cumulative) {
    api.err(diag(Codes.TrueUpNotCumulative, api.file, trueUp.span, {}, { hint: 'add `basis year to date`, or remove this line' }));
  }
  if (basis && cumulative && api.frequency === 'calendar') {
    api.err(diag(Codes.NotOnCalendarTable, api.file, basis.span, { what: `\`basis ${cumulative} to date\`` }, { hint: 'a calendar table has no quarters or years of its own: use `basis period total`, or a monthly or quarterly plan with `fiscal year starts ...`' }));
  } else if (basis && cumulative && spansOnePeriod(cumulative, api.frequency)) {
    api.err(diag(Codes.ScopeNotLongerThanPeriod, api.file, basis.span, { clause: `basis ${cumulative} to date`, frequency: api.frequency ?? '' }, { hint: 'use `basis period total`' }));
  }
  const hasClawback = c.clauses.some((x) => x.kind === 'ClawbackClause');
  const choice = seen.get('AttainmentChoiceClause') as A.AttainmentChoiceClause | undefined;
  if (choice && !hasClawback) {
    api.err(diag(Codes.AttainmentChoiceWithoutClawback, api.file, choice.span, { choice: choice.choice === 'stay' ? 'stay in' : 'leave' }, { hint: 'add `clawback EVENTS within ...` that names the cancellations' }));
  }
  if (cumulative && hasClawback && !choice && c.name) {
    api.err(
      diag(Codes.AttainmentChoiceMissing, api.file, c.name.span, { name: c.name.text }, {
        hint: 'add `cancelled deals leave attainment` or `cancelled deals stay in attainment`',
      }),
    );
  }
}
