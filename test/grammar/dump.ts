// A readable, stable dump of an AST for golden files: one node per line, spans as `@start..end`.
import type { Span } from '../../compiler/syntax/span.js';

function isSpan(v: unknown): v is Span {
  return !!v && typeof v === 'object' && typeof (v as Span).start === 'number' && typeof (v as Span).end === 'number' && Object.keys(v).length === 2;
}

function sp(s: Span | undefined): string {
  return s ? `@${s.start}..${s.end}` : '@?';
}

function scalar(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

function head(v: Record<string, unknown>): string {
  const span = v['span'] as Span | undefined;
  if (typeof v['kind'] === 'string') {
    // leaf-ish literals on one line
    const parts: string[] = [v['kind'] as string];
    for (const k of ['text', 'value', 'currency', 'amount', 'unit', 'op', 'integer', 'team', 'mode', 'roster', 'recoverable', 'basis', 'per', 'net', 'key', 'optional', 'positive', 'doc']) {
      const x = v[k];
      if (x === undefined || (typeof x === 'object' && x !== null)) continue;
      parts.push(`${k}=${scalar(x)}`);
    }
    return `${parts.join(' ')} ${sp(span)}`;
  }
  if (typeof v['text'] === 'string' && span) {
    const extra = 'doc' in v ? ` doc=${scalar(v['doc'])}` : '';
    return `${JSON.stringify(v['text'])}${extra} ${sp(span)}`;
  }
  return sp(span);
}

const inline = new Set(['kind', 'span', 'text', 'value', 'currency', 'amount', 'unit', 'op', 'integer', 'team', 'mode', 'roster', 'recoverable', 'basis', 'per', 'net', 'key', 'optional', 'positive', 'doc']);

function dumpValue(v: unknown, indent: string, out: string[], label: string): void {
  if (v === undefined) return;
  if (Array.isArray(v)) {
    if (v.length === 0) {
      out.push(`${indent}${label}: []`);
      return;
    }
    out.push(`${indent}${label}:`);
    for (const x of v) dumpValue(x, indent + '  ', out, '-');
    return;
  }
  if (isSpan(v)) {
    out.push(`${indent}${label}: ${sp(v)}`);
    return;
  }
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    out.push(`${indent}${label === '-' ? '- ' : label + ': '}${head(o)}`);
    for (const [k, x] of Object.entries(o)) {
      if (k === 'span') continue;
      if (k === 'aliases' && Array.isArray(x) && x.length === 0) continue;
      if (typeof o['kind'] === 'string' || (typeof o['text'] === 'string' && o['span'])) {
        if (inline.has(k) && (x === undefined || typeof x !== 'object' || x === null)) continue;
      }
      dumpValue(x, indent + '    ', out, k);
    }
    return;
  }
  out.push(`${indent}${label}: ${scalar(v)}`);
}

export function dumpAst(node: unknown): string {
  const out: string[] = [];
  dumpValue(node, '', out, 'root');
  return out.join('\n') + '\n';
}
