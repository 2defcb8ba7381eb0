// A bit filter in front of a lookup of few keys among many rows (issue 7): phase 1 asks, for each
// of a million credited rows, whether its key has split rows or is named by a clawback event; for
// most it has not. Asking a Map hashes each row's key text the first time (V8 then reads the whole
// cold string and probes a large table); a small FNV-1a hash of the key into a bitset answers "no"
// for almost all of them, and only a "maybe" goes to the Map. Never a wrong answer: the Map decides.

import type { RowValue } from '../ir.js';
import { RowCursor } from '../rows.js';

/** FNV-1a over the text's UTF-16 code units (32 bits; compiler/data/keys.ts hashText, the CSV scan's). */
export function textHash(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h;
}

export class KeyFilter {
  private readonly bits: Int32Array;
  private readonly mask: number;

  /** `keys`: every key that may be asked for (`count` of them). */
  constructor(keys: Iterable<string>, count: number) {
    let n = 1024;
    while (n < count * 16) n *= 2; // at most 1 bit in 16 set: few false "maybe"s
    this.bits = new Int32Array(n >>> 5);
    this.mask = n - 1;
    for (const k of keys) {
      const v = textHash(k) & this.mask;
      this.bits[v >>> 5]! |= 1 << (v & 31);
    }
  }

  /** False: `key` is none of the keys; true: it may be one (ask the Map or Set). */
  mayHave(key: string): boolean {
    return this.mayHaveHash(textHash(key));
  }

  /** `mayHave` of a key whose hash is known (`textHash(key)`: a table's `LazyRows.hashes`). */
  mayHaveHash(h: number): boolean {
    const v = h & this.mask;
    return (this.bits[v >>> 5]! & (1 << (v & 31))) !== 0;
  }

  /** `mayHave(row.key)`, by the hash the row's table keeps when it is a cursor over one. */
  mayHaveRow(row: RowValue): boolean {
    if (row instanceof RowCursor) {
      const hashes = row.hashes;
      if (hashes !== undefined) return this.mayHaveHash(hashes[row.i]!);
    }
    return this.mayHave(row.key);
  }
}
