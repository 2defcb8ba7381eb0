// `comp check --format sarif|junit`: the diagnostics for code scanning (SARIF 2.1.0, the subset
// GitHub code scanning reads) and for CI test reports (JUnit XML: one test case per file).
import path from 'node:path';
import { lookupCode } from '../diagnostics/codes.js';
import type { JsonDiagnostic } from './commands/check.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** A path as SARIF wants it: relative to the working directory, with forward slashes. */
function uri(file: string): string {
  const rel = path.isAbsolute(file) ? path.relative(process.cwd(), file) : file;
  return rel.split(path.sep).join('/');
}

function level(severity: string): 'error' | 'warning' | 'note' {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

export function toSarif(diags: JsonDiagnostic[], files: string[], version: string): object {
  const codes = [...new Set(diags.map((d) => d.code))].sort();
  const rules = codes.map((code) => {
    const def = lookupCode(code);
    return {
      id: code,
      name: def?.title.replace(/(^|[^a-z0-9]+)([a-z0-9])/gi, (_m, _s, c: string) => c.toUpperCase()) ?? code,
      shortDescription: { text: def?.title ?? code },
      help: { text: `docs/diagnostics.md#${code.toLowerCase()}` },
      defaultConfiguration: { level: level(def?.severity ?? 'error') },
    };
  });
  const index = new Map(codes.map((c, i) => [c, i]));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'comp', semanticVersion: version, rules } },
        artifacts: files.map((f) => ({ location: { uri: uri(f) } })),
        results: diags.map((d) => ({
          ruleId: d.code,
          ruleIndex: index.get(d.code)!,
          level: level(d.severity),
          message: { text: d.hint ? `${d.message} (hint: ${d.hint})` : d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: uri(d.file) },
                region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: Math.max(d.endColumn, d.endLine === d.line ? d.column + 1 : 1) },
              },
            },
          ],
          partialFingerprints: { primaryLocationLineHash: `${d.code}:${uri(d.file)}:${d.line}:${d.column}` },
        })),
      },
    ],
  };
}

function xml(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** One test suite; one test case per plan file, failed when it has errors (warnings are listed in system-out). */
export function toJunit(diags: JsonDiagnostic[], files: string[]): string {
  const byFile = new Map(files.map((f) => [f, [] as JsonDiagnostic[]]));
  for (const d of diags) byFile.get(d.file)?.push(d);
  const failed = [...byFile.values()].filter((l) => l.some((d) => d.severity === 'error')).length;
  let out = '<?xml version="1.0" encoding="UTF-8"?>\n';
  out += `<testsuites name="comp check" tests="${files.length}" failures="${failed}" errors="0">\n`;
  out += `  <testsuite name="comp check" tests="${files.length}" failures="${failed}" errors="0" skipped="0">\n`;
  for (const [file, list] of byFile) {
    out += `    <testcase classname="comp.check" name="${xml(file)}" file="${xml(file)}">\n`;
    const line = (d: JsonDiagnostic) => `${d.file}:${d.line}:${d.column}: ${d.severity}[${d.code}]: ${d.message}${d.hint ? ` (hint: ${d.hint})` : ''}`;
    const errors = list.filter((d) => d.severity === 'error');
    if (errors.length) {
      out += `      <failure message="${xml(`${errors.length} error${errors.length === 1 ? '' : 's'}: ${errors[0]!.code} ${errors[0]!.message}`)}" type="${xml(errors[0]!.code)}">${xml(errors.map(line).join('\n'))}</failure>\n`;
    }
    const others = list.filter((d) => d.severity !== 'error');
    if (others.length) out += `      <system-out>${xml(others.map(line).join('\n'))}</system-out>\n`;
    out += '    </testcase>\n';
  }
  out += '  </testsuite>\n</testsuites>\n';
  return out;
}
