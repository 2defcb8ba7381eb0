// Run errors: evaluation failures turned into located DataErrors (COMP7xxx), deduplicated and sorted.
import type { DataError, PeriodValue, PlanAt, RowValue } from '../ir.js';
import { CodedRunError } from '../mechanics/currency.js';
import { RuleError } from '../mechanics/credit-rules.js';
import { EvalFailure, type Loc } from './types.js';
import { byStr } from './values.js';

const RUNTIME_MESSAGES = {
  COMP7001: '{what} divides by zero for rep `{rep}` in {period}',
  COMP7002: 'no `{table}` row for rep `{rep}` in {period}',
  COMP7003: 'a credited row has no {what}',
  COMP7004: 'credit dated {date} falls outside the plan periods and is not paid',
  COMP6006: 'the splits of deal `{deal}` sum to {sum}, not 100%',
} as const;

export function msg(code: keyof typeof RUNTIME_MESSAGES, args: Record<string, string>): string {
  return RUNTIME_MESSAGES[code].replace(/\{(\w+)\}/g, (m, k: string) => args[k] ?? m);
}

export function dataError(code: string, message: string, loc: Loc | undefined, plan?: PlanAt): DataError {
  const e: DataError = { code, message, file: loc?.file ?? '', line: loc?.line ?? 0, column: 1 };
  if (plan) e.plan = plan;
  return e;
}

/**
 * Turns a failure in a rep's period into a DataError. `what` names the computation; `at` is where
 * it is declared in the plan, the place reported when the failure has no place of its own.
 */
export function failureToError(err: unknown, what: string, rep: RowValue, period: PeriodValue, at?: PlanAt): DataError {
  const e = failureError(err, what, rep, period);
  const plan = (err instanceof EvalFailure ? err.at : undefined) ?? at;
  if (plan) e.plan = plan;
  return e;
}

function failureError(err: unknown, what: string, rep: RowValue, period: PeriodValue): DataError {
  if (err instanceof CodedRunError) return dataError(err.code, err.message, err.loc ?? rep.loc);
  if (err instanceof RuleError) return dataError(err.code, err.message, err.loc ?? rep.loc);
  if (err instanceof EvalFailure) {
    if (err.reason === 'div0') return dataError('COMP7001', msg('COMP7001', { what, rep: rep.key, period: period.key }), err.loc ?? rep.loc);
    if (err.reason === 'missingRow')
      return dataError('COMP7002', msg('COMP7002', { table: err.detail.table ?? '?', rep: rep.key, period: period.key }), err.loc ?? rep.loc);
    const d = err.detail;
    const text = d.table
      ? `${what}: \`${d.field}\` is empty in \`${d.table}\` row \`${d.key}\` (rep \`${rep.key}\`, ${period.key})`
      : `${what}: a value is empty for rep \`${rep.key}\` in ${period.key}`;
    return dataError('COMP7005', text, err.loc ?? rep.loc);
  }
  const m = err instanceof Error ? err.message : String(err);
  return dataError('COMP7000', `${what} could not be evaluated for rep \`${rep.key}\` in ${period.key}: ${m}`, rep.loc);
}


export function dedupe(errs: DataError[]): DataError[] {
  const seen = new Set<string>();
  const out: DataError[] = [];
  for (const e of errs) {
    const k = `${e.code}\u0000${e.file}\u0000${e.line}\u0000${e.message}\u0000${e.plan ? `${e.plan.file}:${e.plan.line}:${e.plan.column}` : ''}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(e);
  }
  return out.sort((a, b) => byStr(a.file, b.file) || a.line - b.line || byStr(a.code, b.code) || byStr(a.message, b.message));
}

export function describeFailure(err: unknown): string {
  if (err instanceof EvalFailure) {
    if (err.reason === 'div0') return 'divides by zero';
    if (err.reason === 'missingRow') return `no \`${err.detail.table}\` row`;
    return err.detail.field ? `\`${err.detail.field}\` is empty` : 'a value is empty';
  }
  return err instanceof Error ? err.message : String(err);
}
