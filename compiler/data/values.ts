// Reading one cell as the type its field declares. Exact: numbers go from their text straight to
// a Decimal (never through a JS number), nothing is rounded, trimmed of meaning or guessed.
import { Decimal } from '../../runtime/decimal.js';
import type { DateValue, FieldType, PeriodValue } from '../../runtime/ir.js';
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

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeap(y) ? 29 : DAYS[m - 1]!;
}

export function parseDate(text: string): DateValue | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  return { kind: 'date', iso: text };
}

const pad = (n: number) => String(n).padStart(2, '0');

function span(y: number, m1: number, m2: number, key: string): PeriodValue {
  return { kind: 'period', key, start: `${y}-${pad(m1)}-01`, end: `${y}-${pad(m2)}-${pad(daysInMonth(y, m2))}` };
}

/** `2026-01`, `2026-Q1`, `2026-H1`, `2026`. */
export function parsePeriod(text: string): PeriodValue | undefined {
  let m = /^(\d{4})-(\d{2})$/.exec(text);
  if (m) {
    const mo = Number(m[2]);
    return mo >= 1 && mo <= 12 ? span(Number(m[1]), mo, mo, text) : undefined;
  }
  m = /^(\d{4})-Q([1-4])$/.exec(text);
  if (m) {
    const q = Number(m[2]);
    return span(Number(m[1]), q * 3 - 2, q * 3, text);
  }
  m = /^(\d{4})-H([12])$/.exec(text);
  if (m) {
    const h = Number(m[2]);
    return span(Number(m[1]), h * 6 - 5, h * 6, text);
  }
  m = /^(\d{4})$/.exec(text);
  if (m) return span(Number(m[1]), 1, 12, text);
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
export function parseValue(text: string, type: FieldType): Parsed {
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
      const p = parsePeriod(text);
      if (p) return { ok: true, value: p };
      return fail(Codes.BadPeriod, { text });
    }
    case 'boolean': {
      const l = text.toLowerCase();
      if (l === 'true' || l === 'yes') return { ok: true, value: true };
      if (l === 'false' || l === 'no') return { ok: true, value: false };
      return fail(Codes.BadBoolean, { text }, 'write `true`, `false`, `yes` or `no`');
    }
  }
}
