// Printing scenario outcomes: for people (a line per scenario, a diff per failed expectation with
// the trace of the line it reads), as JUnit XML for CI, and as the `comp.test` JSON document
// (schemas/test.v1.json).
import { renderDiagnostic } from '../diagnostics/render.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { LineIndex } from '../syntax/lines.js';
import type { FileOutcome } from './scenario-run.js';

export interface Totals {
  scenarios: number;
  passed: number;
  failed: number;
  errors: number;
  expectations: number;
}

export function totals(files: FileOutcome[]): Totals {
  const t: Totals = { scenarios: 0, passed: 0, failed: 0, errors: 0, expectations: 0 };
  for (const f of files) {
    if (f.diagnostics.some((d) => d.severity === 'error') || f.problems.length) t.errors++;
    for (const s of f.scenarios) {
      t.scenarios++;
      t.expectations += s.expectations;
      if (s.status === 'pass') t.passed++;
      else if (s.status === 'fail') t.failed++;
      else t.errors++;
    }
  }
  return t;
}

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((l) => (l ? by + l : l))
    .join('\n');
}

export function formatText(files: FileOutcome[], sources: (file: string) => string, color = false): string {
  const out: string[] = [];
  for (const f of files) {
    out.push(`${f.file}${f.plan ? ` (plan ${f.plan})` : ''}`);
    const src = sources(f.file);
    for (const d of f.diagnostics) out.push(indent(renderDiagnostic(d, src, { color }), '  '));
    for (const p of f.problems) out.push(indent(p, '  '));
    for (const s of f.scenarios) {
      const tag = s.status === 'pass' ? 'ok   ' : s.status === 'fail' ? 'FAIL ' : 'ERROR';
      out.push(`  ${tag} ${s.name} (line ${s.line}, ${s.expectations} expectation${s.expectations === 1 ? '' : 's'})`);
      for (const fl of s.failures) {
        out.push(`        line ${fl.expect.line}: ${fl.expect.text}`);
        out.push(`          expected  ${fl.expected}`);
        out.push(`          actual    ${fl.actual}`);
        if (fl.trace.length) {
          out.push('          trace:');
          for (const l of fl.trace) out.push(`            ${l}`);
        }
      }
      for (const d of s.diagnostics) out.push(indent(renderDiagnostic(d, src, { color }), '        '));
      for (const p of s.problems) out.push(indent(p, '        '));
    }
    out.push('');
  }
  const t = totals(files);
  out.push(
    `${t.scenarios} scenario${t.scenarios === 1 ? '' : 's'} (${t.expectations} expectation${t.expectations === 1 ? '' : 's'}): ${t.passed} passed, ${t.failed} failed${t.errors ? `, ${t.errors} with errors` : ''}`,
  );
  return out.join('\n') + '\n';
}

/** XML text: characters XML 1.0 cannot hold (C0 controls but tab and newlines) dropped, markup escaped. */
function xml(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** JUnit XML: one testsuite per scenario file, one testcase per scenario. */
export function formatJunit(files: FileOutcome[], sources: (file: string) => string): string {
  const t = totals(files);
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="comp test" tests="${t.scenarios}" failures="${t.failed}" errors="${t.errors}">`];
  for (const f of files) {
    const src = sources(f.file);
    const fileErrors = [...f.diagnostics.map((d) => renderDiagnostic(d, src)), ...f.problems];
    const failures = f.scenarios.filter((s) => s.status === 'fail').length;
    const errors = f.scenarios.filter((s) => s.status === 'error').length + (fileErrors.length ? 1 : 0);
    out.push(`  <testsuite name="${xml(f.file)}" tests="${f.scenarios.length + (fileErrors.length ? 1 : 0)}" failures="${failures}" errors="${errors}">`);
    if (fileErrors.length) {
      out.push(`    <testcase name="${xml(f.file)}" classname="${xml(f.file)}">`);
      out.push(`      <error message="the scenario file has errors">${xml(fileErrors.join('\n\n'))}</error>`);
      out.push('    </testcase>');
    }
    for (const s of f.scenarios) {
      out.push(`    <testcase name="${xml(s.name)}" classname="${xml(f.file)}">`);
      if (s.status === 'fail') {
        const body = s.failures.map((fl) => [`line ${fl.expect.line}: ${fl.expect.text}`, `  expected  ${fl.expected}`, `  actual    ${fl.actual}`, ...fl.trace.map((l) => `    ${l}`)].join('\n')).join('\n\n');
        out.push(`      <failure message="${xml(`${s.failures.length} expectation${s.failures.length === 1 ? '' : 's'} not met`)}">${xml(body)}</failure>`);
      } else if (s.status === 'error') {
        const body = [...s.diagnostics.map((d) => renderDiagnostic(d, src)), ...s.problems].join('\n\n');
        out.push(`      <error message="the scenario could not run">${xml(body)}</error>`);
      }
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}

/** A diagnostic with 1-based positions in its file (schemas/problem.v1.json). */
function problem(d: Diagnostic, sources: (file: string) => string): Record<string, unknown> {
  const index = new LineIndex(sources(d.file));
  const st = index.position(d.span.start);
  const en = index.position(Math.max(d.span.start, d.span.end));
  return { code: d.code, severity: d.severity, message: d.message, file: d.file, line: st.line + 1, column: st.column + 1, endLine: en.line + 1, endColumn: en.column + 1, hint: d.hint ?? null };
}

/** The `comp.test` document: totals, and per file and scenario the status, failures and problems. */
export function formatJson(files: FileOutcome[], sources: (file: string) => string): string {
  const doc = {
    kind: 'comp.test',
    schemaVersion: 1,
    totals: totals(files),
    files: files.map((f) => ({
      file: f.file,
      plan: f.plan ?? null,
      problems: f.problems,
      diagnostics: f.diagnostics.map((d) => problem(d, sources)),
      scenarios: f.scenarios.map((s) => ({
        name: s.name,
        line: s.line,
        status: s.status,
        expectations: s.expectations,
        failures: s.failures.map((fl) => ({ line: fl.expect.line, text: fl.expect.text, expected: fl.expected, actual: fl.actual, trace: fl.trace, diagnostic: problem(fl.diagnostic, sources) })),
        problems: s.problems,
        diagnostics: s.diagnostics.map((d) => problem(d, sources)),
      })),
    })),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
