// The byte scan of ./csv-stream.ts: one plain RFC 4180 record at a time, from a buffer that may
// end inside it (NEED: scan it again once more bytes are in), into its fields' byte ranges; and a
// column's distinct texts found by their bytes.

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
const FNV = 0x811c9dc5 | 0;

/**
 * A column's distinct texts while there are few (stages, products, reps, dates), found by their
 * bytes: a repeated cell makes no string at all (a million cells are a few hundred strings).
 */
export class ByteDict {
  private readonly slots = new Int32Array(DICT_MAX * 2); // entry + 1, open addressing
  private readonly hashes = new Int32Array(DICT_MAX);
  private readonly offs = new Int32Array(DICT_MAX);
  private readonly lens = new Int32Array(DICT_MAX);
  private readonly texts: string[] = [];
  private arena = Buffer.allocUnsafe(1 << 14);
  private used = 0;
  size = 0;

  private slot = 0;

  /** The text of buf[a, b) (hash h) when it is known, else null (then `add` may remember it). */
  find(buf: Buffer, a: number, b: number, h: number): string | null {
    const mask = this.slots.length - 1;
    const n = b - a;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const e = this.slots[s]! - 1;
      if (e < 0) {
        this.slot = s;
        return null;
      }
      if (this.hashes[e] !== h || this.lens[e] !== n) continue;
      const o = this.offs[e]!;
      let k = 0;
      while (k < n && this.arena[o + k] === buf[a + k]) k++;
      if (k === n) return this.texts[e]!;
    }
  }

  /** Remembers `text` as the text of buf[a, b) (just looked up with `find`); false once full. */
  add(buf: Buffer, a: number, b: number, h: number, text: string): boolean {
    if (this.size >= DICT_MAX) return false;
    const n = b - a;
    if (this.used + n > this.arena.length) {
      const g = Buffer.allocUnsafe(Math.max(this.arena.length * 2, this.used + n));
      this.arena.copy(g, 0, 0, this.used);
      this.arena = g;
    }
    buf.copy(this.arena, this.used, a, b);
    const k = this.size++;
    this.hashes[k] = h;
    this.offs[k] = this.used;
    this.lens[k] = n;
    this.texts.push(text);
    this.used += n;
    this.slots[this.slot] = k + 1;
    return true;
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
      let j = p + 1;
      let escaped = 0;
      let hi = 0;
      let h = FNV;
      for (;;) {
        if (j >= len) {
          if (!eof) return NEED;
          st.why = 'a quoted value is never closed with `"`';
          st.at = p;
          return BAD;
        }
        const c = buf[j]!;
        if (c === 34) {
          if (j + 1 >= len && !eof) return NEED;
          if (j + 1 < len && buf[j + 1] === 34) {
            escaped = ESCAPED;
            j += 2;
            continue;
          }
          break;
        }
        if (c === 10) {
          st.lf++;
          st.lines++;
        } else if (c === 13) {
          if (j + 1 >= len && !eof) return NEED;
          if (j + 1 >= len || buf[j + 1] !== 10) {
            st.why = 'a line break is a bare `\\r`';
            st.at = j;
            return BAD;
          }
          st.crlf++;
          st.lines++;
          h = Math.imul(h ^ c, 0x01000193);
          j++;
        }
        hi |= c;
        h = Math.imul(h ^ buf[j]!, 0x01000193);
        j++;
      }
      out.push(p + 1, j, h, (hi & 0x80 ? NON_ASCII : 0) | escaped);
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
        if (c === 44 || c === 10 || c === 13) break;
        if (c === 34) {
          st.why = 'a quote inside an unquoted value';
          st.at = p;
          return BAD;
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
