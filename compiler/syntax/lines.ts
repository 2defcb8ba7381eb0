// Offsets <-> line/column, at the edges only (CLI output, LSP). Lines and columns are 0-based
// here; printers add 1.

export interface LineCol {
  line: number;
  column: number;
}

export class LineIndex {
  private readonly starts: number[];
  constructor(readonly text: string) {
    this.starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.starts.push(i + 1);
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): LineCol {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, column: o - this.starts[lo]! };
  }

  offset(pos: LineCol): number {
    if (pos.line >= this.starts.length) return this.text.length;
    const start = this.starts[Math.max(0, pos.line)]!;
    const end = this.lineEnd(pos.line);
    return Math.min(start + Math.max(0, pos.column), end);
  }

  lineStart(line: number): number {
    return this.starts[line] ?? this.text.length;
  }

  /** Offset of the end of the line's content (before its line break). */
  lineEnd(line: number): number {
    const next = this.starts[line + 1];
    if (next === undefined) return this.text.length;
    let e = next - 1;
    if (e > 0 && this.text.charCodeAt(e) === 10 && this.text.charCodeAt(e - 1) === 13) e--;
    return e;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }
}
