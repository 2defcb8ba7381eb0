// Diagnostics rendered for people, the way Gleam does: a title with the code, the location,
// the source line with a caret under the span, then the hint.
import pc from 'picocolors';
import { LineIndex } from '../syntax/lines.js';
import type { Diagnostic } from './diagnostic.js';
import { lookupCode } from './codes.js';

export interface RenderOptions {
  color?: boolean;
}

type Paint = (s: string) => string;

export function renderDiagnostic(d: Diagnostic, source: string, opts: RenderOptions = {}): string {
  const c = pc.createColors(opts.color ?? false);
  const sev: Paint = d.severity === 'error' ? c.red : d.severity === 'warning' ? c.yellow : c.cyan;
  const index = new LineIndex(source);
  const start = index.position(d.span.start);
  const end = index.position(Math.max(d.span.start, d.span.end));
  const title = lookupCode(d.code)?.title;
  const out: string[] = [];
  out.push(`${sev(c.bold(`${d.severity}[${d.code}]`))}${c.bold(`: ${d.message}`)}`);
  out.push(snippet(index, d.file, start.line, start.column, end.line === start.line ? end.column : index.lineText(start.line).length, c, sev, title));
  for (const r of d.related ?? []) {
    if (r.file !== d.file) {
      out.push(`${c.blue('note')}: ${r.message} (${r.file})`);
      continue;
    }
    const rs = index.position(r.span.start);
    const re = index.position(Math.max(r.span.start, r.span.end));
    out.push(`${c.blue('note')}: ${r.message}`);
    out.push(snippet(index, r.file, rs.line, rs.column, re.line === rs.line ? re.column : index.lineText(rs.line).length, c, c.blue));
  }
  if (d.hint) out.push(`${c.cyan('hint')}: ${d.hint}`);
  return out.join('\n');
}

function snippet(index: LineIndex, file: string, line: number, col: number, endCol: number, c: ReturnType<typeof pc.createColors>, paint: Paint, label?: string): string {
  const text = index.lineText(line).replace(/\t/g, ' ');
  const num = String(line + 1);
  const pad = ' '.repeat(num.length);
  const width = Math.max(1, endCol - col);
  const lines = [
    `${pad}${c.blue('┌─')} ${file}:${line + 1}:${col + 1}`,
    `${pad} ${c.blue('│')}`,
    `${c.blue(num)} ${c.blue('│')} ${text}`,
    `${pad} ${c.blue('│')} ${' '.repeat(col)}${paint('^'.repeat(width))}${label ? ' ' + paint(label) : ''}`,
  ];
  return lines.join('\n');
}

export function renderAll(ds: Diagnostic[], sources: Map<string, string> | ((file: string) => string), opts: RenderOptions = {}): string {
  const get = typeof sources === 'function' ? sources : (f: string) => sources.get(f) ?? '';
  return ds.map((d) => renderDiagnostic(d, get(d.file), opts)).join('\n\n');
}
