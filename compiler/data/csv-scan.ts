// The byte scan of ./csv-stream.ts: one plain RFC 4180 record at a time, from a buffer that may
// end inside it (NEED: scan it again once more bytes are in), into its fields' byte ranges; and a
// column's distinct texts found by their bytes.
import { hashText } from './keys.js';
import { heldUnits, NOT_HELD, textOfUnits, unitsOfBytes } from './scaled.js';

/** Distinct texts interned per column, at most (as ./columnar.ts). */
const DICT_MAX = 4096;

export const NEED = -1; // the record goes on past the bytes read so far
export const BAD = -2; // not plain: the careful reader's

export interface Scan {
  /** Line breaks, `\r\n` ones and `\n` ones, in the record. */
  lines: number;
  crlf: number;
  lf: number;
  /** Why the record is not plain (BAD), and where (an offset in the buffer). */
  why: string;
  at: number;
  /** The next `\r` and `\n` at or after the scan in the buffer (-1: not looked for yet, -2: none left). */
  crAt: number;
  lfAt: number;
}

/** The next `byte` at or after `from` before `len`, else -2. */
function nextOr(buf: Buffer, byte: number, from: number, len: number): number {
  const k = buf.indexOf(byte, from);
  return k < 0 || k >= len ? -2 : k;
}

/** FNV-1a of buf[a, b). */
function hashOf(buf: Buffer, a: number, b: number): number {
  let h = FNV;
  for (let k = a; k < b; k++) h = Math.imul(h ^ buf[k]!, 0x01000193);
  return h;
}

interface Slices {
  latin1Slice(a: number, b: number): string;
  utf8Slice(a: number, b: number): string;
}

/** A field's text: bytes all ASCII read as such, else decoded as UTF-8 (Buffer's own slicers: no argument checks). */
function textOf(buf: Buffer, a: number, b: number, hi: number): string {
  return hi < 0x80 ? (buf as unknown as Slices).latin1Slice(a, b) : (buf as unknown as Slices).utf8Slice(a, b);
}

/** One record's fields as byte ranges of the buffer: [a, b), an FNV-1a hash of the bytes, flags. */
export class Fields {
  n = 0;
  a = new Int32Array(64);
  b = new Int32Array(64);
  h = new Int32Array(64);
  /** NON_ASCII: decode as UTF-8; ESCAPED: `""` inside, a text of its own. */
  f = new Uint8Array(64);
  push(a: number, b: number, h: number, f: number): void {
    if (this.n === this.a.length) {
      const grow = <T extends Int32Array | Uint8Array>(x: T, make: (n: number) => T): T => {
        const y = make(x.length * 2);
        y.set(x);
        return y;
      };
      this.a = grow(this.a, (n) => new Int32Array(n));
      this.b = grow(this.b, (n) => new Int32Array(n));
      this.h = grow(this.h, (n) => new Int32Array(n));
      this.f = grow(this.f, (n) => new Uint8Array(n));
    }
    const k = this.n++;
    this.a[k] = a;
    this.b[k] = b;
    this.h[k] = h;
    this.f[k] = f;
  }
  text(buf: Buffer, k: number): string {
    const f = this.f[k]!;
    const v = textOf(buf, this.a[k]!, this.b[k]!, f & NON_ASCII ? 0x80 : 0);
    return f & ESCAPED ? v.replace(/""/g, '"') : v;
  }
}
const NON_ASCII = 1;
export const ESCAPED = 2;
/** Not hashed while scanned (a quoted value): TextColumn hashes it if it looks it up. */
const QUOTED = 4;
const FNV = 0x811c9dc5 | 0;

function viewOf(b: Buffer): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

/**
 * A column's distinct texts while there are few (stages, products, reps, dates), found by their
 * bytes: a repeated cell makes no string at all (a million cells are a few hundred strings).
 */
class ByteDict {
  private readonly slots = new Int32Array(DICT_MAX * 2); // entry + 1, open addressing
  private readonly hashes = new Int32Array(DICT_MAX);
  private readonly offs = new Int32Array(DICT_MAX);
  private readonly lens = new Int32Array(DICT_MAX);
  readonly texts: string[] = [];
  private arena = Buffer.allocUnsafe(1 << 14);
  private used = 0;
  private slot = 0;
  // the arena and the last buffer looked in as DataViews: bytes compared four at a time
  private arenaView = viewOf(this.arena);
  private bufView = viewOf(this.arena);
  private viewed: Buffer = this.arena;

  /** The entry of buf[a, b) (hash h), or -1 (then `add` may remember it). */
  find(buf: Buffer, a: number, b: number, h: number): number {
    const mask = this.slots.length - 1;
    const n = b - a;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const e = this.slots[s]! - 1;
      if (e < 0) {
        this.slot = s;
        return -1;
      }
      if (this.hashes[e] !== h || this.lens[e] !== n) continue;
      if (this.viewed !== buf) {
        this.viewed = buf;
        this.bufView = viewOf(buf);
      }
      const o = this.offs[e]!;
      const av = this.arenaView;
      const bv = this.bufView;
      let k = 0;
      while (k + 4 <= n && av.getInt32(o + k) === bv.getInt32(a + k)) k += 4;
      if (k + 4 <= n) continue;
      while (k < n && this.arena[o + k] === buf[a + k]) k++;
      if (k === n) return e;
    }
  }

  /** Remembers `text` as the text of buf[a, b) (just looked up with `find`): its entry, or -1 once full. */
  add(buf: Buffer, a: number, b: number, h: number, text: string): number {
    const k = this.texts.length;
    if (k >= DICT_MAX) return -1;
    const n = b - a;
    if (this.used + n > this.arena.length) {
      const g = Buffer.allocUnsafe(Math.max(this.arena.length * 2, this.used + n));
      this.arena.copy(g, 0, 0, this.used);
      this.arena = g;
      this.arenaView = viewOf(g);
    }
    buf.copy(this.arena, this.used, a, b);
    this.hashes[k] = h;
    this.offs[k] = this.used;
    this.lens[k] = n;
    this.texts.push(text);
    this.used += n;
    this.slots[this.slot] = k + 1;
    return k;
  }
}

/** The code of a row without this cell (a short row). */
export const NO_CELL = 0xffff;

/**
 * One column's texts: while the column has few distinct texts, a code per row (2 bytes) into
 * them; past DICT_MAX, the texts themselves (a string per row) and each one's `hashText`
 * (./keys.ts: the key index reuses the scan's hash). The loader checks a coded column's distinct
 * texts once each (compiler/data/load.ts).
 */
export class TextColumn {
  private dict: ByteDict | null = new ByteDict();
  codes: Uint16Array | null;
  texts: (string | undefined)[] | null = null;
  hashes: Int32Array | null = null;
  /** Some row has no such cell (a short row). */
  short = false;
  /**
   * Uncoded (texts): every row so far has the cell, and its first character is printable and
   * not a space (`!`..`~`): a text field's value as written (false may also mean: not looked at).
   */
  plain = true;
  /** The distinct texts the codes point to. */
  get distinct(): readonly string[] {
    return this.dict?.texts ?? [];
  }

  /**
   * A number column (mode: ./scaled.ts INTEGER/DECIMAL/PERCENT | POSITIVE; 0: a text column) past
   * DICT_MAX distinct texts: each cell's units and places read from its bytes (`units`, `places`),
   * no string made; a cell not held (places NOT_HELD) keeps its text in `texts` (undefined: no such cell).
   */
  units: Float64Array | null = null;
  places: Uint8Array | null = null;

  constructor(
    capacity: number,
    private readonly mode = 0,
  ) {
    this.codes = new Uint16Array(Math.max(16, capacity));
  }

  /** Row r's cell: field k of `rec` (undefined: the row has no such cell). */
  set(r: number, buf: Buffer, rec: Fields, k: number): void {
    const codes = this.codes;
    if (codes !== null) {
      if (r >= codes.length) {
        const g = new Uint16Array(Math.ceil(codes.length * 1.5) + 16);
        g.set(codes);
        this.codes = g;
        return this.set(r, buf, rec, k);
      }
      if (k >= rec.n) {
        codes[r] = NO_CELL;
        this.short = true;
        return;
      }
      const dict = this.dict!;
      const a = rec.a[k]!;
      const b = rec.b[k]!;
      const h = rec.f[k]! & QUOTED ? hashOf(buf, a, b) : rec.h[k]!;
      let e = dict.find(buf, a, b, h);
      if (e < 0) e = dict.add(buf, a, b, h, rec.text(buf, k));
      if (e >= 0) {
        codes[r] = e;
        return;
      }
      this.uncode(r); // a column of many distinct texts (keys, amounts): kept as read from here on
    }
    if (this.mode !== 0) return this.setNumber(r, buf, rec, k);
    let hashes = this.hashes!;
    if (r >= hashes.length) {
      hashes = new Int32Array(Math.ceil(hashes.length * 1.5) + 16);
      hashes.set(this.hashes!);
      this.hashes = hashes;
    }
    if (k >= rec.n) {
      this.texts![r] = undefined;
      hashes[r] = 0;
      this.short = true;
      this.plain = false;
      return;
    }
    const text = rec.text(buf, k);
    this.texts![r] = text;
    // an unquoted ASCII value's bytes are its UTF-16 units: the scan's hash is the text's
    if (rec.f[k] === 0) {
      hashes[r] = rec.h[k]!;
      const a = rec.a[k]!;
      if (a === rec.b[k]! || buf[a]! <= 32 || buf[a]! >= 127) this.plain = false;
    } else {
      hashes[r] = hashText(text);
      this.plain = false;
    }
  }

  private setNumber(r: number, buf: Buffer, rec: Fields, k: number): void {
    let units = this.units!;
    if (r >= units.length) {
      units = new Float64Array(Math.ceil(units.length * 1.5) + 16);
      units.set(this.units!);
      this.units = units;
      const places = new Uint8Array(units.length);
      places.set(this.places!);
      this.places = places;
    }
    if (k >= rec.n) {
      this.places![r] = NOT_HELD;
      this.short = true;
      return;
    }
    const p = rec.f[k]! & QUOTED ? NOT_HELD : unitsOfBytes(buf, rec.a[k]!, rec.b[k]!, this.mode);
    this.places![r] = p;
    if (p !== NOT_HELD) units[r] = heldUnits;
    else this.texts![r] = rec.text(buf, k);
  }

  private uncode(rows: number): void {
    const codes = this.codes!;
    const distinct = this.dict!.texts;
    const texts = new Array<string | undefined>(Math.min(codes.length, 30_000_000));
    if (this.mode !== 0) {
      // a number column: the rows so far as units (or texts), from their distinct texts
      const units = new Float64Array(codes.length);
      const places = new Uint8Array(codes.length);
      const held = distinct.map((t) => {
        const b = Buffer.from(t, 'utf8');
        const p = unitsOfBytes(b, 0, b.length, this.mode);
        return { p, u: heldUnits };
      });
      for (let r = 0; r < rows; r++) {
        const c = codes[r]!;
        if (c === NO_CELL) {
          places[r] = NOT_HELD;
          continue;
        }
        const h = held[c]!;
        places[r] = h.p;
        if (h.p !== NOT_HELD) units[r] = h.u;
        else texts[r] = distinct[c];
      }
      this.texts = texts;
      this.units = units;
      this.places = places;
      this.codes = null;
      this.dict = null;
      return;
    }
    const hashes = new Int32Array(codes.length);
    const hashOfCode = distinct.map(hashText);
    const plainCode = distinct.map((t) => t.length > 0 && t.charCodeAt(0) > 32 && t.charCodeAt(0) < 127);
    for (let r = 0; r < rows; r++) {
      const c = codes[r]!;
      if (c === NO_CELL) {
        this.plain = false;
        continue;
      }
      if (!plainCode[c]) this.plain = false;
      texts[r] = distinct[c];
      hashes[r] = hashOfCode[c]!;
    }
    this.texts = texts;
    this.hashes = hashes;
    this.codes = null;
    this.dict = null;
  }

  /** The column holds `rows` rows. */
  finish(rows: number): void {
    if (this.codes !== null && this.codes.length !== rows) this.codes = this.codes.slice(0, rows);
    if (this.texts !== null && this.texts.length > rows) this.texts.length = rows;
    if (this.units !== null && this.units.length !== rows) {
      this.units = this.units.slice(0, rows);
      this.places = this.places!.slice(0, rows);
    }
  }

  text(r: number): string | undefined {
    const codes = this.codes;
    if (codes === null) {
      const p = this.places === null ? NOT_HELD : this.places[r]!;
      return p === NOT_HELD ? this.texts![r] : textOfUnits(this.units![r]!, p);
    }
    const c = codes[r]!;
    return c === NO_CELL ? undefined : this.dict!.texts[c];
  }
}

/**
 * Scans the record at `start` into `out` (its fields' bytes): its end, NEED when it goes on past
 * buf[len) and the file does, or BAD (`st.why`) when it is not plain. Counts its line breaks in `st`.
 */
export function scanRecord(buf: Buffer, len: number, eof: boolean, start: number, out: Fields, st: Scan): number {
  let p = start;
  out.n = 0;
  for (;;) {
    if (p < len && buf[p] === 34) {
      // a quoted value: the quotes and line breaks in it found by Buffer.indexOf (native), the
      // next ones of the buffer remembered in `st` (cleared by the caller when the buffer changes)
      let j = p + 1;
      let escaped = 0;
      let q: number;
      for (;;) {
        q = buf.indexOf(34, j);
        if (q < 0 || q >= len) {
          if (!eof) return NEED;
          st.why = 'a quoted value is never closed with `"`';
          st.at = p;
          return BAD;
        }
        if (st.crAt !== -2 && st.crAt < j) st.crAt = nextOr(buf, 13, j, len); // -2: none left in this buffer
        for (; st.crAt >= 0 && st.crAt < q; st.crAt = nextOr(buf, 13, st.crAt + 1, len)) {
          if (buf[st.crAt + 1] !== 10) {
            st.why = 'a line break is a bare `\\r`';
            st.at = st.crAt;
            return BAD;
          }
        }
        if (st.lfAt !== -2 && st.lfAt < j) st.lfAt = nextOr(buf, 10, j, len);
        for (; st.lfAt >= 0 && st.lfAt < q; st.lfAt = nextOr(buf, 10, st.lfAt + 1, len)) {
          if (buf[st.lfAt - 1] === 13) st.crlf++;
          else st.lf++;
          st.lines++;
        }
        if (q + 1 >= len && !eof) return NEED;
        if (q + 1 < len && buf[q + 1] === 34) {
          escaped = ESCAPED;
          j = q + 2;
          continue;
        }
        break;
      }
      j = q;
      out.push(p + 1, j, 0, NON_ASCII | QUOTED | escaped); // hashed when a coded column looks it up
      p = j + 1;
      if (p >= len && !eof) return NEED;
      if (p < len) {
        const c = buf[p]!;
        if (c !== 44 && c !== 10 && c !== 13) {
          st.why = 'unexpected text after a closing quote';
          st.at = p;
          return BAD;
        }
      }
    } else {
      const from = p;
      let hi = 0;
      let h = FNV;
      for (;;) {
        if (p >= len) {
          if (!eof) return NEED;
          break;
        }
        const c = buf[p]!;
        if (c <= 44) {
          // (a text's bytes are mostly above `,`: one comparison for them)
          if (c === 44 || c === 10 || c === 13) break;
          if (c === 34) {
            st.why = 'a quote inside an unquoted value';
            st.at = p;
            return BAD;
          }
        }
        hi |= c;
        h = Math.imul(h ^ c, 0x01000193);
        p++;
      }
      out.push(from, p, h, hi & 0x80 ? NON_ASCII : 0);
    }
    if (p >= len) return p; // the end of the file
    const c = buf[p]!;
    if (c === 44) {
      p++;
      if (p >= len) {
        if (!eof) return NEED;
        out.push(p, p, FNV, 0); // a trailing comma at the very end
        return p;
      }
      continue;
    }
    if (c === 13) {
      if (p + 1 >= len && !eof) return NEED;
      if (p + 1 >= len || buf[p + 1] !== 10) {
        st.why = 'a line break is a bare `\\r`';
        st.at = p;
        return BAD;
      }
      st.crlf++;
      st.lines++;
      return p + 2;
    }
    st.lf++;
    st.lines++;
    return p + 1;
  }
}
