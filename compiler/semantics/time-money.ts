// Time and money: the checker's hooks for fiscal years, plan versions, effective dates, rep
// assignments, FX rates, conversions and payout currencies (docs/language.md, sections
// "Fiscal years", "Plan versions", "Rep assignments", "Currencies"). The checker calls these
// through a small host, so the logic lives here and the checker keeps only one-line hooks.
import type * as A from '../syntax/ast.js';
import type { TimeMoneyHost } from './time-money-info.js';
import { checkFiscal, checkFiscalPlan } from './fiscal.js';
import { checkConvert, checkFx, checkPayoutCurrency } from './currency.js';
import { checkAssignments } from './assignments.js';
import { checkEffective, checkVersionDecl, checkVersionOrder } from './versions.js';

export function checkTimeMoneyItem(h: TimeMoneyHost, item: A.TimeMoneyItem): void {
  switch (item.kind) {
    case 'FiscalDecl':
      return checkFiscal(h, item);
    case 'VersionDecl':
      return checkVersionDecl(h, item);
    case 'EffectiveDecl':
      return checkEffective(h, item);
    case 'FxDecl':
      return checkFx(h, item);
    case 'PayoutCurrencyDecl':
      return checkPayoutCurrency(h, item);
  }
}

/** Checks that need the whole plan: roster assignments, fiscal periods, version order. */
export function checkTimeMoneyPlan(h: TimeMoneyHost): void {
  if (h.s.roster?.decl.assignments) checkAssignments(h, h.s.roster.decl, h.s.roster.decl.assignments);
  checkFiscalPlan(h);
  checkVersionOrder(h);
}

export { checkConvert };

export { timeMoneyOf, type TimeMoneyHost, type TimeMoneyInfo, type AssignmentsInfo } from './time-money-info.js';
