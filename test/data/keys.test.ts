// The loader's rows by key (compiler/data/keys.ts) answer what a Map answers.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RowKeyIndex } from '../../compiler/data/keys.js';
import type { RowValue } from '../../runtime/ir.js';

const row = (key: string): RowValue => ({ kind: 'row', table: 't', key, values: {}, loc: { file: 'f', line: 1 } });

describe('RowKeyIndex', () => {
  it('finds what a Map of first occurrences finds, by row number', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.string({ maxLength: 4 })), { maxLength: 200 }), fc.array(fc.string({ maxLength: 4 }), { maxLength: 50 }), (keys, probes) => {
        const rows = keys.map((k) => row(k ?? ''));
        const idx = new RowKeyIndex(keys.length, keys, rows);
        const map = new Map<string, number>();
        keys.forEach((k, i) => {
          if (k === null) return;
          const first = idx.addFirst(i);
          expect(first).toBe(map.get(k) ?? -1);
          if (!map.has(k)) map.set(k, i);
        });
        for (const k of [...keys.filter((k): k is string => k !== null), ...probes]) {
          const at = map.get(k);
          expect(idx.get(k)).toBe(at === undefined ? undefined : rows[at]);
          expect(idx.has(k)).toBe(map.has(k));
        }
        expect([...idx.keys()]).toEqual([...map.keys()]);
        expect(idx.size).toBe(map.size);
      }),
      { numRuns: 500 },
    );
  });
});
