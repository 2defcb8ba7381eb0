// JSON input: an array of objects, one per row. A small scanner (not JSON.parse) so that every
// value keeps its line and column, and numbers keep their exact text (never a JS number).
import type { Position, RawCell, RawColumn, RawProblem, RawRow, RawTable } from './raw.js';

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    /** Set for a problem with its own code (nesting too deep, COMP6357). */
    readonly code?: string,
  ) {
    super(message);
  }
}

/** Rows are objects in an array (depth 2); deeper values are errors anyway. Bounded so the scanner's recursion is. */
export const MAX_JSON_DEPTH = 64;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

type Node =
  | { k: 'scalar'; text: string | null; offset: number }
  | { k: 'object'; offset: number; entries: { key: string; keyOffset: number; value: Node }[] }
  | { k: 'array'; offset: number; items: Node[] };

class Scanner {
  i = 0;
  depth = 0;
  constructor(readonly s: string) {}

  ws(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff) this.i++;
      else break;
    }
  }

  describe(): string {
    if (this.i >= this.s.length) return 'the end of the file';
    return `\`${this.s[this.i]}\``;
  }

  value(): Node {
    this.ws();
    const s = this.s;
    const start = this.i;
    const c = s[this.i];
    if (c === '{' || c === '[') {
      if (++this.depth > MAX_JSON_DEPTH) throw new JsonSyntaxError(`the JSON is nested more than ${MAX_JSON_DEPTH} levels deep`, this.i, 'COMP6357');
      const node = c === '{' ? this.object() : this.array();
      this.depth--;
      return node;
    }
    if (c === '"') return { k: 'scalar', text: this.string(), offset: start };
    NUMBER.lastIndex = this.i;
    const m = NUMBER.exec(s);
    if (m && m[0].length > 0) {
      this.i += m[0].length;
      return { k: 'scalar', text: m[0], offset: start };
    }
    for (const lit of ['true', 'false', 'null'] as const) {
      if (s.startsWith(lit, this.i)) {
        this.i += lit.length;
        return { k: 'scalar', text: lit === 'null' ? null : lit, offset: start };
      }
    }
    throw new JsonSyntaxError(`expected a JSON value, found ${this.describe()}`, this.i);
  }

  string(): string {
    const s = this.s;
    const start = this.i;
    this.i++; // opening quote
    let out = '';
    while (this.i < s.length) {
      const c = s[this.i]!;
      if (c === '"') {
        this.i++;
        return out;
      }
      if (c === '\\') {
        const e = s[this.i + 1];
        const map: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && e in map) {
          out += map[e];
          this.i += 2;
          continue;
        }
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(this.i + 2, this.i + 6))) {
          out += String.fromCharCode(parseInt(s.slice(this.i + 2, this.i + 6), 16));
          this.i += 6;
          continue;
        }
        throw new JsonSyntaxError('invalid escape in a JSON string', this.i);
      }
      if (c === '\n') break;
      out += c;
      this.i++;
    }
    throw new JsonSyntaxError('a JSON string is never closed with `"`', start);
  }

  object(): Node {
    const offset = this.i;
    this.i++;
    const entries: { key: string; keyOffset: number; value: Node }[] = [];
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return { k: 'object', offset, entries };
    }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') throw new JsonSyntaxError(`expected a quoted key, found ${this.describe()}`, this.i);
      const keyOffset = this.i;
      const key = this.string();
      this.ws();
      if (this.s[this.i] !== ':') throw new JsonSyntaxError(`expected \`:\` after a key, found ${this.describe()}`, this.i);
      this.i++;
      const value = this.value();
      entries.push({ key, keyOffset, value });
      this.ws();
      if (this.s[this.i] === ',') {
        this.i++;
        continue;
      }
      if (this.s[this.i] === '}') {
        this.i++;
        return { k: 'object', offset, entries };
      }
      throw new JsonSyntaxError(`expected \`,\` or \`}\`, found ${this.describe()}`, this.i);
    }
  }

  array(): Node {
    const offset = this.i;
    this.i++;
    const items: Node[] = [];
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return { k: 'array', offset, items };
    }
    for (;;) {
      items.push(this.value());
      this.ws();
      if (this.s[this.i] === ',') {
        this.i++;
        continue;
      }
      if (this.s[this.i] === ']') {
        this.i++;
        return { k: 'array', offset, items };
      }
      throw new JsonSyntaxError(`expected \`,\` or \`]\`, found ${this.describe()}`, this.i);
    }
  }
}

function positions(text: string): (offset: number) => Position {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}

/** Read a JSON array of objects into located rows. */
export function readJson(file: string, source: string): RawTable {
  const pos = positions(source);
  const problems: RawProblem[] = [];
  const table: RawTable = { file, kind: 'json', columns: [], rows: [], problems, start: { line: 1, column: 1 } };
  const sc = new Scanner(source);
  let root: Node;
  try {
    root = sc.value();
    sc.ws();
    if (sc.i < source.length) throw new JsonSyntaxError(`unexpected ${sc.describe()} after the JSON value`, sc.i);
  } catch (e) {
    if (e instanceof JsonSyntaxError) {
      problems.push(e.code ? { ...pos(e.offset), message: e.message, code: e.code } : { ...pos(e.offset), message: `malformed JSON: ${e.message}` });
      return table;
    }
    throw e;
  }
  table.start = pos(root.offset);
  if (root.k !== 'array') {
    problems.push({ ...pos(root.offset), message: 'a JSON input must be an array of objects, one per row' });
    return table;
  }
  const columns = new Map<string, RawColumn>();
  for (const item of root.items) {
    if (item.k !== 'object') {
      problems.push({ ...pos(item.offset), message: 'each element of a JSON input must be an object (one row)' });
      continue;
    }
    const cells = new Map<string, RawCell>();
    for (const e of item.entries) {
      const kp = pos(e.keyOffset);
      if (cells.has(e.key)) {
        problems.push({ ...kp, message: `key \`${e.key}\` appears twice in this object` });
        continue;
      }
      if (!columns.has(e.key)) columns.set(e.key, { name: e.key, ...kp, index: columns.size });
      const v = e.value;
      const vp = pos(v.offset);
      if (v.k === 'scalar') cells.set(e.key, { text: v.text, ...vp });
      else cells.set(e.key, { text: null, ...vp, invalid: `a value must be text, a number or a boolean, found ${v.k === 'object' ? 'an object' : 'an array'}` });
    }
    const row: RawRow = { ...pos(item.offset), cells };
    table.rows.push(row);
  }
  table.columns = [...columns.values()];
  return table;
}
