// A table on stdin given to the loader as a spooled file (StdinTable.spool: CSV streamed from
// the file, JSON and CSV that is not plain read whole) loads exactly as its text given whole
// (StdinTable.text, how stdin was read before): the same errors at the same `<stdin>` positions,
// the same values, at any chunk size. The command line's side: test/cli/stdin-spool.test.ts.
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { StringDecoder } from 'node:string_decoder';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadDataset, type LoadResult } from '../../compiler/data/load.js';
import { stdinIsJson, JsonSniff } from '../../compiler/data/stdin.js';
import type { PlanIR, RowValue } from '../../runtime/ir.js';
import { decimal, field, plan, ref, table, testPlan, text } from './ir.js';

const dir = mkdtempSync(path.join(tmpdir(), 'comp-spool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

const vals = (rows: RowValue[]) => rows.map((r) => [r.key, r.loc, JSON.stringify(r.values)]);

/** The same stdin bytes loaded whole and spooled (at each chunk size): equal results. */
function same(ir: PlanIR, inputs: string[], tableName: string | undefined, bytes: Buffer, chunks: number[]): void {
  const textIn = bytes.toString('utf8');
  const whole = loadDataset(ir, [...inputs, '-'], { stdin: { text: textIn, ...(tableName ? { table: tableName } : {}) } });
  const f = path.join(dir, `s${n++}`);
  writeFileSync(f, bytes);
  const fd = openSync(f, 'r');
  try {
    for (const chunk of chunks) {
      const spool = { fd, size: bytes.length, json: stdinIsJson(textIn) };
      const got: LoadResult = loadDataset(ir, [...inputs, '-'], { csvChunkBytes: chunk, stdin: { spool, ...(tableName ? { table: tableName } : {}) } });
      expect(got.errors, `${JSON.stringify(textIn.slice(0, 80))} at ${chunk}`).toEqual(whole.errors);
      for (const t of Object.keys(whole.dataset)) expect(vals(got.dataset[t]!)).toEqual(vals(whole.dataset[t]!));
    }
  } finally {
    closeSync(fd);
  }
}

describe('a spooled stdin', () => {
  it('loads each fixture table as its text given whole, at any chunk size', () => {
    for (const folder of ['good', 'bad', 'shuffled', 'malformed', 'json']) {
      const root = path.join('test', 'data', 'fixtures', folder);
      for (const name of readdirSync(root)) {
        const t = name.replace(/\.(csv|json)$/, '');
        // the other tables from a copy of the folder without this one
        const others = mkdtempSync(path.join(dir, 'f-'));
        for (const o of readdirSync(root)) if (o !== name) writeFileSync(path.join(others, o), readFileSync(path.join(root, o)));
        same(testPlan, [others], t, readFileSync(path.join(root, name)), [1, 7, 64, 1 << 20]);
      }
    }
  });

  const ir = plan([table('reps', [field('id', text), field('x', decimal)], { roster: true, key: 'id' }), table('deals', [field('id', text), field('rep', ref('reps')), field('amount', decimal)], { key: 'id' })]);
  const repsDir = mkdtempSync(path.join(dir, 'reps-'));
  writeFileSync(path.join(repsDir, 'reps.csv'), 'id,x\nada,1\nben,2\n');
  const piece = fc.constantFrom('ada', 'ben', 'zed', '12.5', 'x y', ' ', ',', '"', '""', '\n', '\r\n', '\r', '1,200.50', 'é', '€', '😀', '');
  const cellArb = fc.oneof(
    fc.constantFrom('ada', 'ben', 'zed', '1', '2.50', 'abc', 'é€', '😀', ''),
    fc.array(piece, { maxLength: 4 }).map((x) => `"${x.join('').replace(/"/g, '""')}"`),
    fc.array(piece, { maxLength: 3 }).map((x) => x.join('')),
  );
  const record = fc.array(cellArb, { minLength: 1, maxLength: 4 }).map((fs) => fs.join(','));
  it('loads any CSV as its text given whole (random records, BOM, line breaks, chunk sizes)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('id,rep,amount', 'id,rep,amount,note', 'id,amount', ' id ,rep,amount'),
        fc.array(record, { maxLength: 6 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 1, max: 40 }),
        (head, recs, br, endBreak, bom, chunk) => {
          const bytes = Buffer.from((bom ? '\ufeff' : '') + [head, ...recs].join(br) + (endBreak ? br : ''), 'utf8');
          same(ir, [repsDir], undefined, bytes, [chunk]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('tells JSON from CSV as stdinIsJson does, a chunk at a time', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(' ', '\n', '\t', '\ufeff', '\u00a0', '\u2028', '[', '{', 'a', ',', '😀'), { maxLength: 8 }), fc.integer({ min: 1, max: 5 }), (parts, cut) => {
        const bytes = Buffer.from(parts.join(''), 'utf8');
        const sniff = new JsonSniff();
        const d = new StringDecoder('utf8');
        for (let i = 0; i < bytes.length; i += cut) sniff.tell(d.write(bytes.subarray(i, i + cut)));
        sniff.tell(d.end());
        expect(sniff.answer === true).toBe(stdinIsJson(bytes.toString('utf8')));
      }),
      { numRuns: 500 },
    );
  });
});
