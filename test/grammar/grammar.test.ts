// Data-driven golden tests for the grammar: ok/*.comp -> .ast.txt, err/*.comp -> .diag.txt.
// UPDATE_GOLDEN=1 rewrites the goldens instead of comparing.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from '../../compiler/syntax/parse.js';
import { renderDiagnostic } from '../../compiler/diagnostics/render.js';
import type { Item, Plan } from '../../compiler/syntax/ast.js';
import { dumpAst } from './dump.js';
import { checkSpans } from './spans.js';

const here = dirname(fileURLToPath(import.meta.url));
const update = process.env['UPDATE_GOLDEN'] === '1';

function golden(path: string, actual: string): void {
  if (update || !existsSync(path)) {
    writeFileSync(path, actual);
    return;
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

function cases(dir: string): string[] {
  return readdirSync(join(here, dir))
    .filter((f) => f.endsWith('.comp'))
    .sort();
}

function itemName(i: Item): string | undefined {
  return 'name' in i && i.name ? i.name.text : undefined;
}

describe('ok/: plans that parse without diagnostics', () => {
  for (const f of cases('ok')) {
    it(f, () => {
      const text = readFileSync(join(here, 'ok', f), 'utf8');
      const r = parse(text, f);
      expect(r.diagnostics.map((d) => renderDiagnostic(d, text))).toEqual([]);
      expect(checkSpans(r.plan, text)).toEqual([]);
      golden(join(here, 'ok', f.replace(/\.comp$/, '.ast.txt')), dumpAst(r.plan));
    });
  }
});

describe('err/: broken plans are reported and recovered from', () => {
  for (const f of cases('err')) {
    it(f, () => {
      const text = readFileSync(join(here, 'err', f), 'utf8');
      const r = parse(text, f);
      expect(r.diagnostics.length).toBeGreaterThan(0);
      for (const d of r.diagnostics) expect(d.code).toMatch(/^COMP1\d{3}$/);
      expect(checkSpans(r.plan, text)).toEqual([]);
      // the parser recovered: the declaration after the error is still there
      const last = r.plan.items[r.plan.items.length - 1];
      expect(last && itemName(last)).toBe('after_error');
      expect(last!.span.start).toBeGreaterThan(r.diagnostics[0]!.span.start);
      const rendered = r.diagnostics.map((d) => renderDiagnostic(d, text, { color: false })).join('\n\n') + '\n';
      golden(join(here, 'err', f.replace(/\.comp$/, '.diag.txt')), rendered);
    });
  }
});

export function items(plan: Plan): string[] {
  return plan.items.map((i) => `${i.kind}${itemName(i) ? ' ' + itemName(i) : ''}`);
}
