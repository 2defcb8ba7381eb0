// The streamed CSV reader (compiler/data/csv-stream.ts) reads a file in chunks exactly as the
// one-string readers read its text (compiler/data/csv.ts readCsv): the same columns, cell texts,
// lines, positions and problems at any chunk size, or it leaves the file to the careful reader
// exactly when the one-string fast path does. Borders are hit on purpose with tiny chunks.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rawView } from './raw-view.js';
import { readCsvFile, type StreamResult } from '../../compiler/data/csv-stream.js';
import { readCsvColumns } from '../../compiler/data/columnar.js';
import { readCsv } from '../../compiler/data/csv.js';
import { gridOf, type RawTable } from '../../compiler/data/raw.js';
import { loadDataset } from '../../compiler/data/load.js';
import type { RowValue } from '../../runtime/ir.js';
import { field as fieldIR, plan, ref, table as tableIR, testPlan, text } from './ir.js';
import { hashText } from '../../compiler/data/keys.js';

const view = rawView;

const dir = mkdtempSync(path.join(tmpdir(), 'comp-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function file(bytes: Buffer | string): string {
  const f = path.join(dir, `t${n++}.csv`);
  writeFileSync(f, bytes);
  return f;
}

function table(r: StreamResult): RawTable {
  if (!('table' in r)) throw new Error(`expected a table: ${JSON.stringify(r)}`);
  return r.table;
}

/** Streamed at `chunk` bytes vs the one-string read of the same bytes. */
function same(bytes: Buffer, chunk: number): void {
  const f = file(bytes);
  const text = bytes.toString('utf8');
  const streamed = readCsvFile(f, { chunkBytes: chunk });
  const fast = readCsvColumns(f, text);
  if (!fast) {
    expect('careful' in streamed).toBe(true);
    return;
  }
  expect(view(table(streamed))).toEqual(view(readCsv(f, text)));
}

const piece = fc.constantFrom('a', 'b', 'x y', ' ', ',', '"', '""', '\n', '\r\n', '\r', '1,200.50', 'é', '€', '😀', '');
const field = fc.oneof(
  fc.array(fc.constantFrom('a', 'b', ' ', '7', '.', 'é', '€', '😀'), { maxLength: 4 }).map((x) => x.join('')),
  fc.array(piece, { maxLength: 4 }).map((x) => `"${x.join('').replace(/"/g, '""')}"`),
  fc.array(piece, { maxLength: 3 }).map((x) => x.join('')),
);
const record = fc.array(field, { minLength: 1, maxLength: 4 }).map((fs) => fs.join(','));

describe('streamed CSV', () => {
  it('reads what the one-string read reads, at any chunk size', () => {
    fc.assert(
      fc.property(
        fc.array(record, { minLength: 0, maxLength: 6 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 1, max: 40 }),
        fc.option(fc.uint8Array({ minLength: 1, maxLength: 3 }), { nil: undefined }),
        (recs, br, endBreak, bom, chunk, junk) => {
          let bytes = Buffer.from((bom ? '\ufeff' : '') + recs.join(br) + (endBreak ? br : ''), 'utf8');
          // bytes that are not UTF-8 at all, somewhere in the middle
          if (junk && bytes.length > 0) {
            const at = junk[0]! % bytes.length;
            bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(junk.map((b) => b | 0x80)), bytes.subarray(at)]);
          }
          same(bytes, chunk);
        },
      ),
      { numRuns: 1500 },
    );
  });

  const borders = {
    'a quoted value with line breaks across a border': 'id,note,amount\n1,"one\ntwo\r\nthree ""q"" ,",5\n2,x,7\n',
    'a multi-byte character split across a border': 'id,name\n1,Zoë €😀 Ünal\n2,日本語,x\n',
    'CRLF split across a border': 'id,name\r\n1,a\r\n\r\n2,b\r\n3,"c\r\nd"\r\n',
    'a BOM': '\ufeffid,name,amount\n1,é,1\n2,b\n',
    'a last line without a line break': 'id,name\n1,a\n2,"b"',
    'a trailing comma at the very end': 'id,name\n1,',
    'blank lines and a short row': 'id,name,x\n\n\n1,a\n2,b,c\n\n',
  };
  for (const [what, text] of Object.entries(borders)) {
    it(`reads ${what} at every chunk size`, () => {
      const bytes = Buffer.from(text, 'utf8');
      for (let chunk = 1; chunk <= bytes.length + 1; chunk++) same(bytes, chunk);
    });
  }

  it('leaves files that are not plain to the careful reader, at every chunk size', () => {
    for (const text of ['id,x\n1,"a\n', 'id,x\n1,"a"b\n', 'id,x\n1,a"b\n', 'id,x\r\n1,a\n', 'id,x\n1,a\r\n', 'id,x\r1,a\r', 'id,x\n1,"a\rb"\n']) {
      const bytes = Buffer.from(text, 'utf8');
      for (let chunk = 1; chunk <= bytes.length + 1; chunk++) {
        const r = readCsvFile(file(bytes), { chunkBytes: chunk });
        expect('careful' in r, `${JSON.stringify(text)} at ${chunk}`).toBe(true);
        expect(readCsvColumns('t.csv', text)).toBeUndefined();
      }
    }
  });

  it('finds where a file stops being plain (for a file too large for the careful reader)', () => {
    const r = readCsvFile(file('id,name\n1,ü\n2,ab"c\n'), { chunkBytes: 3 });
    if (!('careful' in r)) throw new Error('expected careful');
    expect(r.at()).toEqual({ line: 3, column: 5 });
    expect(r.why).toBe('a quote inside an unquoted value');
  });

  it('reports the same errors and values through the loader at any chunk size', () => {
    for (const folder of ['good', 'bad', 'shuffled', 'malformed']) {
      const inputs = [path.join('test', 'data', 'fixtures', folder)];
      const whole = loadDataset(testPlan, inputs);
      const vals = (rows: RowValue[]) => rows.map((r) => [r.key, r.loc, JSON.stringify(r.values)]);
      for (const chunk of [1, 2, 7, 64, 1000]) {
        const streamed = loadDataset(testPlan, inputs, { csvChunkBytes: chunk });
        expect(streamed.errors, `${folder} at ${chunk}`).toEqual(whole.errors);
        for (const t of Object.keys(whole.dataset)) expect(vals(streamed.dataset[t]!)).toEqual(vals(whole.dataset[t]!));
      }
    }
  });

  it('keeps only the texts of the columns asked for, at the same positions', () => {
    const f = file('id, note ,amount\n1,"a, b",5\n2,é,7\n');
    const all = table(readCsvFile(f, { chunkBytes: 5 }));
    const some = table(readCsvFile(f, { chunkBytes: 5, columns: new Set(['id', 'amount']) }));
    expect(some.columns).toEqual(all.columns);
    const g = gridOf(some);
    expect([g.text(0, 1), g.text(1, 1), g.text(2, 1)]).toEqual(['2', undefined, '7']);
    expect(g.cellAt(2, 1)).toEqual(gridOf(all).cellAt(2, 1));
  });

  it('reports a large file that is not plain at its first irregular place (COMP6012), instead of reading it whole', () => {
    const d = mkdtempSync(path.join(dir, 'big-'));
    writeFileSync(path.join(d, 'reps.csv'), 'id,name\n1,a\n2,"b\n3,c\n');
    const r = loadDataset(testPlan, [d], { csvCarefulMaxBytes: 10 });
    const e = r.errors.find((x) => x.code === 'COMP6012')!;
    expect([e.line, e.column]).toEqual([3, 3]);
    expect(e.message).toContain('a quoted value is never closed with `"`: a CSV file over 0 MiB is read only when it is plain');
  });

  it('reports a bad text at every cell that has it, and reads a good one once, at any chunk size', () => {
    const d = mkdtempSync(path.join(dir, 'coded-'));
    const t = { ...testPlan, tables: testPlan.tables.filter((x) => x.name === 'deals').map((x) => ({ ...x, fields: x.fields.filter((f) => ['id', 'stage', 'close_date', 'amount'].includes(f.name)) })) };
    writeFileSync(path.join(d, 'deals.csv'), 'id,stage,close_date,amount\nA,Won,2026-02-30,5\nB,Won,2026-01-02,x\nC,Lost,2026-02-30,5\nD, ,2026-02-30,\nE,Won\n');
    for (const chunk of [1, 3, 16, 1 << 20]) {
      const r = loadDataset(t, [d], { csvChunkBytes: chunk });
      expect(r.errors.map((e) => `${e.line}:${e.column} ${e.code}`)).toEqual(['2:7 COMP6004', '3:18 COMP6010', '4:8 COMP6004', '5:3 COMP6007', '5:5 COMP6004', '6:1 COMP6012']);
      const rows = r.dataset.deals!;
      expect(rows.map((x) => [x.key, x.values.stage, x.values.amount?.toString() ?? null])).toEqual([['A', 'Won', '5'], ['B', 'Won', null], ['C', 'Lost', '5'], ['D', null, null], ['E', 'Won', null]]);
      expect(rows[0]!.values.amount).toBe(rows[2]!.values.amount); // one Decimal for the text `5`
    }
  });

  it('hands over a column of many distinct texts with the hashText of each, whatever its bytes', () => {
    // past 4,096 distinct texts a column is a string per row, hashed by the scan for the key index
    const spell = (i: number): string => [`P${i}`, `"P${i}, x"`, `é${i}`, `"P""${i}"`, ` P${i}`, `"😀${i}"`, `"P${i}\nQ"`][i % 7]!;
    const bytes = 'name,n\n' + Array.from({ length: 5000 }, (_, i) => `${spell(i)},${i}\n`).join('') + 'short\n';
    const f = file(bytes);
    for (const chunk of [7, 1000, 1 << 20]) {
      const g = gridOf(table(readCsvFile(f, { chunkBytes: chunk })));
      for (const col of [0, 1]) {
        const got = g.texts!(col)!;
        expect(got.texts.length).toBe(5001);
        for (let r = 0; r < 5001; r++) expect(got.hashes[r], `row ${r} at ${chunk}`).toBe(got.texts[r] === undefined ? 0 : hashText(got.texts[r]!));
      }
      const got = g.texts!(0)!;
      expect(g.texts!(1)!.texts[5000]).toBe(undefined);
      expect(got.texts.slice(0, 7)).toEqual(['P0', 'P1, x', 'é2', 'P"3', ' P4', '😀5', 'P6\nQ']);
    }
  });

  it('finds keys and references among many distinct texts by the scan\'s hash, as by their text', () => {
    const d = mkdtempSync(path.join(dir, 'keys-'));
    const spell = (i: number): string => [`K${i}`, `"K${i}, x"`, `é${i}`, `"K""${i}"`, ` K${i}`][i % 5]!;
    const value = (i: number): string => [`K${i}`, `K${i}, x`, `é${i}`, `K"${i}`, ` K${i}`][i % 5]!;
    const keys = Array.from({ length: 6000 }, (_, i) => spell(i));
    // rows 6000..6004 repeat keys 10..14; the references name every key, and one that is not a key
    writeFileSync(path.join(d, 'things.csv'), 'name\n' + [...keys, ...keys.slice(10, 15)].join('\n') + '\n');
    writeFileSync(path.join(d, 'refs.csv'), 'id,thing\n' + keys.map((k, i) => `${i},${k}`).join('\n') + '\n6000,K99999\n');
    const p = plan([tableIR('things', [fieldIR('name', text)], { key: 'name' }), tableIR('refs', [fieldIR('id', text), fieldIR('thing', ref('things'))], { key: 'id' })], { roster: 'things' });
    for (const chunk of [5, 1 << 20]) {
      const r = loadDataset(p, [d], { csvChunkBytes: chunk });
      const lineOfKey = (i: number) => 2 + i; // one key per line
      expect(r.errors.map((e) => `${e.file.endsWith('refs.csv') ? 'refs' : 'things'} ${e.line} ${e.code}`)).toEqual([
        ...[10, 11, 12, 13, 14].map((i) => `things ${6002 + i - 10} COMP6008`),
        'refs 6002 COMP6005',
      ].sort());
      expect(r.errors.filter((e) => e.code === 'COMP6008').map((e) => e.message)).toEqual([10, 11, 12, 13, 14].map((i) => expect.stringContaining(`line ${lineOfKey(i)}`)));
      expect(r.dataset.things!.slice(0, 5).map((x) => x.key)).toEqual([0, 1, 2, 3, 4].map(value));
    }
  });

  it('says a column of many distinct texts is plain only when every cell starts with `!`..`~` (and so when every cell is unquoted ASCII written so)', () => {
    const odd = fc.constantFrom('', ' k', 'é', '"k"', '"k,1"', 'k\tx', '~k', '!', 'k é', '\u007fk');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.oneof(fc.nat(4096), fc.integer({ min: 4097, max: 5100 })), odd), { maxLength: 3 }), fc.boolean(), fc.constantFrom(9, 1 << 20), (put, short, chunk) => {
        const cells = Array.from({ length: 5000 }, (_, i) => `K${i}`);
        for (const [at, x] of put) cells.splice(at, 0, x);
        const f = file('name,n\n' + cells.map((c) => `${c},1`).join('\n') + (short ? '\nshort' : '') + '\n');
        const g = gridOf(table(readCsvFile(f, { chunkBytes: chunk })));
        const got = g.texts!(0)!;
        // (plain: a promise about every cell; a quoted cell may make it false even when its text would do)
        if (got.plain) expect(got.texts.every((t) => t !== undefined && /^[\x21-\x7e]/.test(t))).toBe(true);
        if (!short && put.every(([, x]) => /^[\x21-\x7e][\x00-\x7f]*$/.test(x) && !x.includes('"'))) expect(got.plain).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('keeps apart texts whose hashes are equal in a coded column', () => {
    // FNV-1a collisions of equal length: only their bytes tell them apart
    const texts = ['7yzlaa', 'e6apaa', 'abcdcuzla', 'abcd12apa'];
    expect(hashText(texts[0]!)).toBe(hashText(texts[1]!));
    expect(hashText(texts[2]!)).toBe(hashText(texts[3]!));
    const cells = Array.from({ length: 40 }, (_, i) => texts[(i * 7) % 4]!);
    const f = file('v\n' + cells.join('\n') + '\n');
    for (const chunk of [3, 8, 1 << 20]) {
      const g = gridOf(table(readCsvFile(f, { chunkBytes: chunk })));
      expect(g.coded!(0)!.distinct.length).toBe(4);
      expect(cells.map((_, r) => g.text(0, r))).toEqual(cells);
    }
  });

  it('says how far the read is', () => {
    const seen: string[] = [];
    readCsvFile(file('id,name\n' + '1,a\n'.repeat(50)), { chunkBytes: 64, progress: (s) => seen.push(s) });
    expect(seen.length).toBeGreaterThan(3);
    expect(seen[0]).toMatch(/^reading .*t\d+\.csv: 0 MB of 0 MB$/);
  });
});
