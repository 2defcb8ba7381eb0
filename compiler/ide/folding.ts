// Folding ranges: blocks in braces, runs of comment lines, multi-line credit rules.
import type { FullAnalysis } from '../analysis.js';
import { LineIndex } from '../syntax/lines.js';

export interface Fold {
  startLine: number;
  endLine: number;
  kind?: 'comment' | 'region';
}

export function foldingRanges(a: FullAnalysis): Fold[] {
  const idx = new LineIndex(a.text);
  const out: Fold[] = [];
  const stack: number[] = [];
  let commentStart = -1;
  let commentEnd = -1;
  const flushComments = () => {
    if (commentStart >= 0 && commentEnd > commentStart) out.push({ startLine: commentStart, endLine: commentEnd, kind: 'comment' });
    commentStart = commentEnd = -1;
  };
  for (const t of a.tokens) {
    const line = idx.position(t.span.start).line;
    if (t.category === 'comment') {
      if (commentStart >= 0 && line === commentEnd + 1) commentEnd = line;
      else {
        flushComments();
        commentStart = commentEnd = line;
      }
      continue;
    }
    if (commentStart >= 0 && line > commentEnd) flushComments();
    if (t.type === 'LBrace') stack.push(line);
    else if (t.type === 'RBrace') {
      const open = stack.pop();
      if (open !== undefined && line > open) out.push({ startLine: open, endLine: line - 1 >= open ? line : line });
    }
  }
  flushComments();
  for (const it of a.plan.items) {
    if (it.kind !== 'CreditRule') continue;
    const s = idx.position(it.span.start).line;
    const e = idx.position(it.span.end).line;
    if (e > s) out.push({ startLine: s, endLine: e, kind: 'region' });
  }
  return out.sort((x, y) => x.startLine - y.startLine || y.endLine - x.endLine);
}
