// The columnar CSV reader (compiler/data/columnar.ts) reads exactly what the careful reader
// (csv-parse, compiler/data/csv.ts) reads: the same columns, problems, cell texts and positions,
// on random texts with quotes, commas, blank lines and both kinds of line breaks.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rawView } from './raw-view.js';
import { readCsvColumns } from '../../compiler/data/columnar.js';
import { readCsvRows } from '../../compiler/data/csv.js';

const view = rawView;

const piece = fc.constantFrom('a', 'b', 'x y', ' ', ',', '"', '""', '\n', '\r\n', '\r', '1,200.50', 'é', '');
const field = fc.oneof(
  fc.array(fc.constantFrom('a', 'b', ' ', '7', '.', 'é'), { maxLength: 4 }).map((x) => x.join('')),
  fc.array(piece, { maxLength: 4 }).map((x) => `"${x.join('').replace(/"/g, '""')}"`),
  fc.array(piece, { maxLength: 3 }).map((x) => x.join('')),
);
const record = fc.array(field, { minLength: 1, maxLength: 4 }).map((fs) => fs.join(','));

describe('columnar CSV', () => {
  it('reads what csv-parse reads, or leaves the file to it', () => {
    fc.assert(
      fc.property(fc.array(record, { minLength: 0, maxLength: 6 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.boolean(), (recs, br, endBreak, bom) => {
        const text = (bom ? '\ufeff' : '') + recs.join(br) + (endBreak ? br : '');
        const fast = readCsvColumns('t.csv', text);
        if (!fast) return;
        expect(view(fast)).toEqual(view(readCsvRows('t.csv', text)));
      }),
      { numRuns: 3000 },
    );
  });

  it('takes the plain files the samples are', () => {
    const text = 'id,name,amount\n1,"Smith, Anna",12.50\r\n'.replace('\r\n', '\n') + '2,Bo,"1,000"\n\n3,Cy\n';
    const fast = readCsvColumns('t.csv', text)!;
    expect(fast).toBeDefined();
    expect(view(fast)).toEqual(view(readCsvRows('t.csv', text)));
    expect(fast.problems.map((p) => [p.line, p.message])).toEqual([[5, 'this row has 2 values, the header has 3 columns']]);
  });
});
