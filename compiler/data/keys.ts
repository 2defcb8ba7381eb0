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
 * (a text key's column itself) and its row `rows[i]`, so nothing is stored per key but numbers
 * in typed arrays (filling arrays of a million strings and rows by push was most of the time of
 * the Map-like index it replaced). Each slot holds a key's hash next to its row number: at a
 * million keys the table is far larger than the CPU's caches, and a probe then reads one place
 * of it (and the key's text only when the hashes are equal). Sized once for the table's rows: it never grows.
 */
export class RowKeyIndex {
  private readonly slots: Int32Array; // per slot: hash, row + 1 (0: empty); open addressing, at most two thirds full
  private readonly order: Int32Array; // the rows added, in order
  private readonly mask: number;
  private n = 0;

  /** `known`: `hashText` of each row's key, when known (the CSV scan's: ./csv-scan.ts TextColumn). */
  constructor(
    rowCount: number,
    private readonly names: ArrayLike<unknown>,
    /** The rows, or row i made when asked (a table whose rows are made lazily). */
    private readonly rows: readonly RowValue[] | ((i: number) => RowValue),
    private readonly known?: Int32Array,
  ) {
    let cap = 16;
    while (cap * 2 < rowCount * 3) cap *= 2;
    this.slots = new Int32Array(cap * 2);
    this.mask = cap - 1;
    this.order = new Int32Array(Math.max(1, rowCount));
  }

  get size(): number {
    return this.n;
  }

  /** The slot of `key` (hash h), or the empty one where it would go. */
  private slot(key: string, h: number): number {
    const slots = this.slots;
    for (let s = h & this.mask; ; s = (s + 1) & this.mask) {
      const r = slots[2 * s + 1]! - 1;
      if (r < 0 || (slots[2 * s] === h && this.names[r] === key)) return s;
    }
  }

  /** Adds row `i` (its key is `names[i]`, a string) unless its key is in: then the first row number with it, else -1. */
  addFirst(i: number): number {
    const key = this.names[i] as string;
    const h = this.known !== undefined ? this.known[i]! : hashText(key);
    const s = this.slot(key, h);
    const r = this.slots[2 * s + 1]! - 1;
    if (r >= 0) return r;
    this.slots[2 * s] = h;
    this.slots[2 * s + 1] = i + 1;
    this.order[this.n++] = i;
    return -1;
  }

  get(key: string): RowValue | undefined {
    const r = this.slots[2 * this.slot(key, hashText(key)) + 1]! - 1;
    if (r < 0) return undefined;
    const rows = this.rows;
    return typeof rows === 'function' ? rows(r) : rows[r];
  }

  has(key: string): boolean {
    return this.slots[2 * this.slot(key, hashText(key)) + 1]! > 0;
  }

  /** The keys, in the order they were added. */
  *keys(): IterableIterator<string> {
    for (let e = 0; e < this.n; e++) yield this.names[this.order[e]!] as string;
  }
}
