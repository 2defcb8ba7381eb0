// A table's rows by key (first occurrence), for duplicate keys and references. A Map of a million
// fresh strings was half of the loader's own time at 1M rows (hashing each string into a table
// that grows by copies, and a cache miss per probe); this one is sized once, probes typed arrays,
// and compares strings only on equal hashes.
import type { RowValue } from '../../runtime/ir.js';

/** FNV-1a over the UTF-16 code units (for ASCII text, the FNV-1a of its bytes: ./csv-scan.ts). */
export function hashText(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/**
 * A loaded table's rows by key (first occurrence), as row numbers: the key of row i is `names[i]`
 * (a text key's column itself) and its row `rows[i]`, so nothing is stored per key but two numbers
 * in typed arrays (filling arrays of a million strings and rows by push was most of the time of the Map-like index it replaced).
 * Sized once for the table's rows: it never grows.
 */
export class RowKeyIndex {
  private readonly slots: Int32Array; // entry + 1, open addressing, at most half full
  private readonly hashes: Int32Array;
  private readonly at: Int32Array; // entry -> row number
  private n = 0;

  /** `hashes`: `hashText` of each row's key, when known (the CSV scan's: ./csv-scan.ts TextColumn). */
  constructor(
    rowCount: number,
    private readonly names: ArrayLike<unknown>,
    private readonly rows: readonly RowValue[],
    private readonly known?: Int32Array,
  ) {
    let cap = 16;
    while (cap < rowCount * 2) cap *= 2;
    this.slots = new Int32Array(cap);
    this.hashes = new Int32Array(Math.max(1, rowCount));
    this.at = new Int32Array(Math.max(1, rowCount));
  }

  get size(): number {
    return this.n;
  }

  private slot(key: string, h: number): number {
    const mask = this.slots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const e = this.slots[s]! - 1;
      if (e < 0 || (this.hashes[e] === h && this.names[this.at[e]!] === key)) return s;
    }
  }

  /** Adds row `i` (its key is `names[i]`, a string) unless its key is in: then the first row number with it, else -1. */
  addFirst(i: number): number {
    const key = this.names[i] as string;
    const h = this.known !== undefined ? this.known[i]! : hashText(key);
    const s = this.slot(key, h);
    const e = this.slots[s]! - 1;
    if (e >= 0) return this.at[e]!;
    const k = this.n++;
    this.slots[s] = k + 1;
    this.hashes[k] = h;
    this.at[k] = i;
    return -1;
  }

  get(key: string): RowValue | undefined {
    const e = this.slots[this.slot(key, hashText(key))]! - 1;
    return e < 0 ? undefined : this.rows[this.at[e]!];
  }

  has(key: string): boolean {
    return this.slots[this.slot(key, hashText(key))]! > 0;
  }

  /** The keys, in the order they were added. */
  *keys(): IterableIterator<string> {
    for (let e = 0; e < this.n; e++) yield this.names[this.at[e]!] as string;
  }
}
