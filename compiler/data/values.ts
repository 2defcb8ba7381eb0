// Reading one cell as the type its field declares. Exact: numbers go from their text straight to
// a Decimal (never through a JS number), nothing is rounded, trimmed of meaning or guessed.
import { Decimal } from '../../runtime/decimal.js';
import * as cal from '../../runtime/calendar.js';
import type { DateValue, FieldType, PeriodsIR, PeriodValue } from '../../runtime/ir.js';
import { Codes, format, type DiagnosticDef } from '../diagnostics/codes.js';

export type Parsed =
  | { ok: true; value: Decimal | string | boolean | DateValue | PeriodValue }
  | { ok: false; def: DiagnosticDef; message: string; hint?: string };

const NUMBER = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

/**
 * Most significant digits a number in the data may have: a product of two such numbers still
 * fits the evaluator's 60 digits exactly. Longer numbers are an error (COMP6356), never rounded.
 */
export const MAX_SIGNIFICANT_DIGITS = 30;

/** Significant digits of a number's text (leading zeros and trailing fraction zeros do not count). */
export function significantDigits(text: string): number {
  const digits = text.replace(/[^0-9.]/g, '');
  const [int = '', frac = ''] = digits.split('.');
  const all = (int + frac.replace(/0+$/, '')).replace(/^0+/, '');
  if (!frac.replace(/0+$/, '')) return all.replace(/0+$/, '').length;
  return all.length;
}

/** Exact decimal from `1,200.50`-style text, or undefined. */
export function parseDecimal(text: string): Decimal | undefined {
  const m = NUMBER.exec(text);
  if (!m) return undefined;
  return new Decimal(`${m[1]}${m[2]!.replace(/,/g, '')}${m[3] !== undefined ? '.' + m[3] : ''}`);
}

function isInteger(text: string): boolean {
  const m = NUMBER.exec(text);
  return !!m && m[3] === undefined;
}

export function parseDate(text: string): DateValue | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > cal.daysInMonth(Number(m[1]), mo)) return undefined;
  return { kind: 'date', iso: text };
}

/**
 * A `period` cell, written as the plan's periods are printed (one syntax everywhere, read by the
 * runtime's calendar): `2026-01`, `2026-Q1`, `2026-H1`, `2026`, fiscal `FY2027-Q1`, `FY2027-H1`,
 * `FY2027`, and in a weekly plan the first day of a week (`2026-01-05`), the key `comp run`
 * prints. Without the plan's periods, a date is not a period.
 */
export function parsePeriod(text: string, periods?: PeriodsIR): PeriodValue | undefined {
  const p = cal.periodFromKey(text, periods);
  if (!p || p.start !== p.end) return p;
  return weekKeyProblem(text, periods) ? undefined : p;
}

/** The keys of a calendar table, for a hint (at most 6 shown). */
export function calendarKeys(periods: PeriodsIR): string {
  const keys = (periods.calendar ?? []).map((r) => `\`${r.key}\``);
  return keys.length > 6 ? `${keys.slice(0, 3).join(', ')}, ... ${keys[keys.length - 1]}` : keys.join(', ');
}

/** Why a date is not a week key of the plan (undefined when it is one). */
function weekKeyProblem(text: string, periods: PeriodsIR | undefined): string | undefined {
  if (periods?.frequency !== 'week' && periods?.frequency !== 'semimonth') return 'a date is a period only in a weekly or semimonthly plan, where it names the period starting that day';
  const spec: cal.PeriodSpec = { frequency: periods.frequency, every: periods.every, anchor: periods.from ?? cal.mondayOnOrBefore(text) };
  const p = cal.periodOf(spec, text);
  if (p.key !== text) return `the plan's periods start on ${p.key} and ${cal.addDays(p.end, 1)}: name a period by its first day, as \`comp run\` prints it`;
  return undefined;
}

function fail(def: DiagnosticDef, args: Record<string, string>, hint?: string): Parsed {
  return hint ? { ok: false, def, message: format(def.template, args), hint } : { ok: false, def, message: format(def.template, args) };
}

function typeName(t: FieldType): string {
  switch (t.t) {
    case 'integer':
      return 'whole number';
    case 'decimal':
      return 'number';
    case 'percent':
      return 'percent';
    default:
      return t.t;
  }
}

/**
 * Parse a non-empty cell (already trimmed, aliases applied) as a field type. `ref` fields yield
 * the referenced key as text; whether it exists is checked once every table is read.
 */
/** `periods`: the plan's, to read `period` cells as its keys (fiscal years, weeks). */
export function parseValue(text: string, type: FieldType, periods?: PeriodsIR): Parsed {
  if (type.t === 'integer' || type.t === 'decimal' || type.t === 'percent' || type.t === 'money') {
    // checked on the text, in linear time, before any Decimal is built from it
    const n = /^[\s\w,.%+-]*$/.test(text) ? significantDigits(text) : 0;
    if (n > MAX_SIGNIFICANT_DIGITS) return fail(Codes.TooManyDigits, { text: text.length > 40 ? `${text.slice(0, 20)}…${text.slice(-8)}` : text, n: String(n), max: String(MAX_SIGNIFICANT_DIGITS) }, 'amounts, rates and quantities are kept exact: no rounding happens on input');
  }
  switch (type.t) {
    case 'text':
    case 'ref':
      return { ok: true, value: text };
    case 'integer': {
      const d = isInteger(text) ? parseDecimal(text) : undefined;
      if (d) return { ok: true, value: d };
      const hint = parseDecimal(text) ? 'a whole number has no decimal places' : /e/i.test(text) ? 'write the number in full, without an exponent' : undefined;
      return fail(Codes.BadNumber, { text, type: typeName(type) }, hint);
    }
    case 'decimal': {
      const d = parseDecimal(text);
      if (d) return { ok: true, value: d };
      return fail(Codes.BadNumber, { text, type: typeName(type) }, /^[+-]?[\d.]+e[+-]?\d+$/i.test(text) ? 'write the number in full, without an exponent' : undefined);
    }
    case 'percent': {
      const pct = /^(.*)%$/.exec(text);
      if (pct) {
        const d = parseDecimal(pct[1]!);
        if (d) return { ok: true, value: d.div(100) };
      } else {
        const d = parseDecimal(text);
        if (d) return { ok: true, value: d };
      }
      return fail(Codes.BadNumber, { text, type: 'percent' }, 'write a percent as `60%` or as a fraction `0.6`');
    }
    case 'money': {
      const m = /^([A-Z]{3})\s*(.*)$/.exec(text);
      let amount = text;
      if (m) {
        if (m[1] !== type.currency) {
          return fail(Codes.BadMoney, { text, currency: type.currency }, `the column is declared as money in ${type.currency}; ${m[1]} amounts need their own column type (\`${m[1]}\`) or a conversion`);
        }
        amount = m[2]!;
      }
      const d = parseDecimal(amount);
      if (d) return { ok: true, value: d };
      return fail(Codes.BadMoney, { text, currency: type.currency }, `write an amount as \`15000\`, \`15,000.50\` or \`${type.currency} 15000\``);
    }
    case 'date': {
      const d = parseDate(text);
      if (d) return { ok: true, value: d };
      return fail(Codes.BadDate, { text }, /^\d{4}-\d{2}-\d{2}$/.test(text) ? 'this day is not in the calendar' : undefined);
    }
    case 'period': {
      const p = parsePeriod(text, periods);
      if (p) return { ok: true, value: p };
      if (periods?.frequency === 'calendar') return fail(Codes.BadPeriod, { text }, `the plan's periods are the rows of its calendar table: ${calendarKeys(periods)}`);
      const week = cal.periodFromKey(text) ? weekKeyProblem(text, periods) : undefined;
      return fail(Codes.BadPeriod, { text }, week);
    }
    case 'boolean': {
      const l = text.toLowerCase();
      if (l === 'true' || l === 'yes') return { ok: true, value: true };
      if (l === 'false' || l === 'no') return { ok: true, value: false };
      return fail(Codes.BadBoolean, { text }, 'write `true`, `false`, `yes` or `no`');
    }
  }
}
