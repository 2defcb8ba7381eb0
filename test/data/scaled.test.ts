// Number cells read as exact scaled integers from their bytes (compiler/data/scaled.ts): a cell
// held so has exactly the value the general way (parseValue from its text, decimal.js) gives it,
// its text is given back exactly, and through the loader a number column read as units gives the
// same values and the same errors, at the same places, as one read from its texts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DECIMAL, heldUnits, INTEGER, NOT_HELD, PCT, PERCENT, POSITIVE, textOfUnits, unitsOfBytes, unitsOfValues } from '../../compiler/data/scaled.js';
import { cellValue, loadDataset } from '../../compiler/data/load.js';
import { Decimal } from '../../runtime/decimal.js';
import type { FieldIR, Value } from '../../runtime/ir.js';
import { ColumnRow, decimalOfUnits, unitsAt, valueAt } from '../../runtime/rows.js';
import { boolean, decimal, field, integer, money, percent, plan, ref, table, testPlan, text } from './ir.js';

const dir = mkdtempSync(path.join(tmpdir(), 'comp-scaled-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const digits = (min: number, max: number) => fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((d) => d.join(''));
/** Number-like texts: signs, leading zeros, places, `%`, too many digits, and texts that are not plain numbers. */
const numberText = fc.oneof(
  fc.tuple(fc.constantFrom('', '', '-', '+'), digits(1, 18), fc.option(digits(0, 18)), fc.constantFrom('', '', '%', '%%', ' ', 'e5')).map(([s, i, f, t]) => `${s}${i}${f === null ? '' : `.${f}`}${t}`),
  fc.constantFrom('', ' ', '0', '-0', '-0.00', '0.000', '+0', '00', '05', '5.', '.5', '-.5', '1e5', '1E-2', '1,200', '1,200.50', '60%', '-60%', '0%', '100%', '%', '-', 'abc', 'USD 5', 'é5', '9'.repeat(15), '9'.repeat(16), '-' + '9'.repeat(15), '0.' + '0'.repeat(13) + '1', '1234567890.12345', '123456789012.3456', 'Infinity', 'NaN', '0x10', '٣'),
);
const types = [
  { name: 'integer', f: field('v', integer), mode: INTEGER },
  { name: 'decimal', f: field('v', decimal), mode: DECIMAL },
  { name: 'money', f: field('v', money), mode: DECIMAL },
  { name: 'percent', f: field('v', percent), mode: PERCENT },
  { name: 'positive decimal', f: field('v', decimal, { positive: true }), mode: DECIMAL | POSITIVE },
  { name: 'positive percent', f: field('v', percent, { positive: true }), mode: PERCENT | POSITIVE },
  { name: 'positive integer', f: field('v', integer, { positive: true }), mode: INTEGER | POSITIVE },
];
const periods = { frequency: 'month' as const, every: 1 };

/** The value the general way gives a text (undefined: an error). */
function general(f: FieldIR, s: string): Value | undefined {
  const v = cellValue(table('t', [f]), f, s, periods);
  return v.ok ? v.value : undefined;
}

function sameDecimal(a: Value | undefined, b: Decimal): boolean {
  return a instanceof Decimal && a.eq(b) && a.isNeg() === b.isNeg() && a.toString() === b.toString();
}

describe('number cells as scaled integers', () => {
  it('holds only texts the general way reads as exactly that number, and gives the text back', () => {
    fc.assert(
      fc.property(numberText, (s) => {
        const bytes = Buffer.from(s, 'utf8');
        for (const { f, mode } of types) {
          const p = unitsOfBytes(bytes, 0, bytes.length, mode);
          if (p === NOT_HELD) continue;
          const u = heldUnits;
          expect(Number.isSafeInteger(u), s).toBe(true);
          const g = general(f, s);
          expect(sameDecimal(g, decimalOfUnits(u, p & ~PCT)), `${s} as ${f.type.t}: ${String(g)} vs ${u}e-${p & ~PCT}`).toBe(true);
          expect(textOfUnits(u, p)).toBe(s);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('holds every plain canonical number of at most 15 digits', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.integer({ min: 1, max: 15 }), fc.nat(15), fc.integer({ min: 0, max: 999_999_999_999_999 }), (neg, n, places0, x) => {
        const places = Math.min(places0, n - 1);
        const ds = String(x).padStart(n, '0').slice(-n).replace(/^0+(?=\d)/, '');
        const all = ds.padStart(places + 1, '0');
        const s = `${neg && /[1-9]/.test(all) ? '-' : ''}${places ? `${all.slice(0, all.length - places)}.${all.slice(all.length - places)}` : all}`;
        const b = Buffer.from(s);
        expect(unitsOfBytes(b, 0, b.length, DECIMAL), s).not.toBe(NOT_HELD);
        expect(unitsOfBytes(Buffer.from(`${s}%`), 0, b.length + 1, PERCENT), s).not.toBe(NOT_HELD);
      }),
      { numRuns: 500 },
    );
  });

  it('gives a coded column\'s distinct values as units at one scale', () => {
    const vals: Value[] = ['1', '2.5', '-0.125', '123456789012345', '0.00000000000001', '1e-20'].map((x) => new Decimal(x));
    vals.push(null, new Decimal('-0'));
    const { units, scale } = unitsOfValues(vals);
    expect(scale).toBe(14);
    expect([...units].map((u) => (Number.isNaN(u) ? 'NaN' : decimalOfUnits(u, scale).toString()))).toEqual(['1', '2.5', '-0.125', 'NaN', '0.00000000000001', 'NaN', 'NaN', 'NaN']);
  });

  it('reads a column of many distinct numbers as units: the same values and errors as from their texts, at any chunk size', () => {
    const fields = [field('id', text), field('a', integer, { optional: true }), field('b', decimal, { optional: true }), field('c', percent, { positive: true }), field('d', money)];
    const p = plan([table('reps', [field('id', text)], { key: 'id', roster: true }), table('nums', fields, { key: 'id' })]);
    writeFileSync(path.join(dir, 'reps.csv'), 'id\nr\n');
    let run = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(numberText, numberText, numberText, numberText), { minLength: 1, maxLength: 40 }), fc.nat(4200), fc.constantFrom(61, 1 << 20), (odd, at, chunk) => {
        // 4,200 distinct plain numbers (the column stops being coded past 4,096) with odd cells among them
        const d = mkdtempSync(path.join(dir, `t${run++}-`));
        writeFileSync(path.join(d, 'reps.csv'), 'id\nr\n');
        const plainRow = (i: number) => [String(i * 7 - 9000), `${i}.${i % 1000}`, `${(i % 97) + 1}.5%`, `-${i}.25`];
        const rows = Array.from({ length: 4200 }, (_, i) => plainRow(i));
        rows.splice(Math.min(at, rows.length), 0, ...odd.map((o) => o.map((x) => (/[,"\n]/.test(x) ? `"${x.replace(/"/g, '""')}"` : x))));
        writeFileSync(path.join(d, 'nums.csv'), 'id,a,b,c,d\n' + rows.map((r, i) => `k${i},${r.join(',')}`).join('\n') + '\n');
        const held = loadDataset(p, [d], { csvChunkBytes: chunk });
        const texts = loadDataset(p, [d], { csvChunkBytes: chunk, csvUnits: false });
        expect(held.errors).toEqual(texts.errors);
        const hr = held.dataset.nums!;
        const tr = texts.dataset.nums!;
        expect(hr.length).toBe(tr.length);
        const r0 = hr[0] as ColumnRow;
        for (const name of ['a', 'b', 'c', 'd']) {
          const col = r0.t.cols[name]!;
          for (let i = 0; i < hr.length; i++) {
            const want = (tr[i] as ColumnRow).cell(name);
            const got = valueAt(col, i);
            expect((hr[i] as ColumnRow).cell(name)).toEqual(got);
            if (want instanceof Decimal) {
              expect(sameDecimal(got, want), `${name} row ${i}: ${String(got)} vs ${want.toString()}`).toBe(true);
              const u = unitsAt(col, i);
              if (!Number.isNaN(u)) expect(decimalOfUnits(u, col.scale!).eq(want)).toBe(true);
            } else expect(got).toBe(want);
          }
        }
        rmSync(d, { recursive: true, force: true });
      }),
      { numRuns: 12 },
    );
  });

  it('checks split shares summed as units as it does with Decimals (the same errors, same texts)', () => {
    const p = plan(
      [
        table('reps', [field('id', text)], { key: 'id', roster: true }),
        table('deals', [field('id', text)], { key: 'id' }),
        table('splits', [field('deal', ref('deals')), field('rep', ref('reps')), field('share', percent), field('overlay', boolean, { optional: true })]),
      ],
      { credits: testPlan.credits },
    );
    const share = fc.constantFrom('50%', '0.5', '100%', '0%', '-10%', '110%', '33.3333%', '33.3334%', '1', '0', '-0%', '-0', 'x', '', '0.25', '25%', '12.5%', '99999999999999999%', '0.000000000000001', '1.000000000000000000001');
    const overlay = fc.constantFrom('', 'yes', 'no');
    let run = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(6), share, overlay), { minLength: 1, maxLength: 30 }), (rows) => {
        const d = mkdtempSync(path.join(dir, `s${run++}-`));
        writeFileSync(path.join(d, 'reps.csv'), 'id\nr\n');
        writeFileSync(path.join(d, 'deals.csv'), 'id\n' + [0, 1, 2, 3, 4].map((i) => `d${i}`).join('\n') + '\n');
        writeFileSync(path.join(d, 'splits.csv'), 'deal,rep,share,overlay\n' + rows.map(([k, sh, o]) => `d${k},r,${sh},${o}`).join('\n') + '\n');
        const held = loadDataset(p, [d]);
        const texts = loadDataset(p, [d], { csvUnits: false });
        expect(held.errors).toEqual(texts.errors);
        rmSync(d, { recursive: true, force: true });
      }),
      { numRuns: 150 },
    );
  });
});
