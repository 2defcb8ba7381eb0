// A column table's rows made only when asked (runtime/rows.ts LazyRows, putLazyRows, columnsOf):
// the dataset reads as before (same keys, values, locations, order), and a walk by row number is
// offered only while no one has asked for the row objects (they could then have been changed).
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../compiler/analysis.js';
import { loadDataset } from '../../compiler/data/load.js';
import { ColumnRow, RowCursor, cell, columnsOf, pinRow } from '../../runtime/rows.js';
import type { RowValue } from '../../runtime/ir.js';
import { KeyFilter, textHash } from '../../runtime/engine/key-filter.js';

const dir = join(import.meta.dirname, '..', '..', 'samples', 'crm');
const ir = analyze('plan.comp', readFileSync(join(dir, 'plan.comp'), 'utf8')).ir!;
const load = () => loadDataset(ir, [join(dir, 'data')]).dataset;

describe('rows made when asked', () => {
  it('reads as rows made at load, and is walked by number only until then', () => {
    const d = load();
    expect(Object.keys(d)).toEqual(ir.tables.map((t) => t.name));
    const lazy = columnsOf(d, 'deals')!;
    expect(lazy).toBeDefined();
    expect(columnsOf(d, ir.roster)).toBeUndefined(); // the roster's rows are plain objects, made at load
    const cur = new RowCursor('', lazy.table, 0);
    const seen: { key: string; values: string; line: number }[] = [];
    for (let i = 0; i < lazy.n; i++) {
      const row = cur.at(i, lazy.key(i));
      seen.push({ key: row.key, values: JSON.stringify(row.values), line: row.loc.line });
      const kept = pinRow(row);
      expect(kept).not.toBe(row);
      expect(kept.key).toBe(row.key);
      expect(cell(kept, 'amount')).toBe(cell(row, 'amount'));
    }
    const rows = d['deals']!;
    expect(columnsOf(d, 'deals')).toBeUndefined();
    expect(d['deals']).toBe(rows);
    expect(rows.map((r) => ({ key: r.key, values: JSON.stringify(r.values), line: r.loc.line }))).toEqual(seen);
    expect(rows.every((r) => r instanceof ColumnRow && r.table === 'deals' && r.kind === 'row')).toBe(true);
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
  });

  it('keeps each key hash as the key filter hashes the key', () => {
    const lazy = columnsOf(load(), 'deals')!;
    expect(lazy.hashes).toBeDefined();
    const cur = new RowCursor('', lazy.table, 0);
    cur.hashes = lazy.hashes;
    const some = new KeyFilter([lazy.key(3), lazy.key(7)], 2);
    for (let i = 0; i < lazy.n; i++) {
      expect(lazy.hashes![i]).toBe(textHash(lazy.key(i)));
      expect(some.mayHaveRow(cur.at(i, lazy.key(i)))).toBe(some.mayHave(lazy.key(i)));
    }
  });

  it('is copied and replaced as a plain property', () => {
    const d = load();
    const copy = { ...d };
    expect(columnsOf(copy, 'deals')).toBeUndefined();
    expect(copy['deals']!.length).toBe(d['deals']!.length);
    const e = load();
    const mine: RowValue[] = [];
    e['deals'] = mine;
    expect(e['deals']).toBe(mine);
    expect(columnsOf(e, 'deals')).toBeUndefined();
  });
});
