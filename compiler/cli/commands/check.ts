// comp check <files or folders...> [--format text|json|github]
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { glob, isDynamicPattern } from 'tinyglobby';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { renderDiagnostic } from '../../diagnostics/render.js';
import { LineIndex } from '../../syntax/lines.js';
import { EXIT_ERRORS, UsageError, markJsonWritten, plural, setExit, useColor, writeOut } from '../shared.js';
import { toJunit, toSarif } from '../check-formats.js';

export type CheckFormat = 'text' | 'json' | 'github' | 'sarif' | 'junit';

/** The `.comp` files named by the arguments: files as given, folders searched, globs expanded. */
export async function findPlanFiles(args: string[]): Promise<string[]> {
  const found = new Set<string>();
  for (const arg of args) {
    if (existsSync(arg)) {
      if (statSync(arg).isDirectory()) {
        const rel = await glob('**/*.comp', { cwd: arg, ignore: ['**/node_modules/**', '**/.git/**'], onlyFiles: true, expandDirectories: false });
        for (const r of rel) found.add(path.join(arg, r));
      } else found.add(arg);
      continue;
    }
    if (isDynamicPattern(arg)) {
      const matches = await glob(arg, { ignore: ['**/node_modules/**'], onlyFiles: true, expandDirectories: false });
      for (const m of matches) if (m.endsWith('.comp')) found.add(path.normalize(m));
      continue;
    }
    throw new UsageError(`no such file or folder: ${arg}`);
  }
  if (found.size === 0) throw new UsageError(`no .comp files found in ${args.join(' ')}`);
  return [...found].sort();
}

export interface JsonDiagnostic {
  code: string;
  severity: string;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  hint: string | null;
}

/** A diagnostic with 1-based positions (the end is exclusive). */
export function toJson(d: Diagnostic, index: LineIndex): JsonDiagnostic {
  const s = index.position(d.span.start);
  const e = index.position(Math.max(d.span.start, d.span.end));
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    file: d.file,
    line: s.line + 1,
    column: s.column + 1,
    endLine: e.line + 1,
    endColumn: e.column + 1,
    hint: d.hint ?? null,
  };
}

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** A GitHub Actions workflow command: `::error file=F,line=L,col=C,title=CODE::message`. */
export function toGithub(d: JsonDiagnostic): string {
  const level = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
  const message = d.hint ? `${d.message} (hint: ${d.hint})` : d.message;
  return `::${level} file=${escapeProperty(d.file)},line=${d.line},col=${d.column},title=${escapeProperty(d.code)}::${escapeData(message)}`;
}

export async function check(args: string[], format: CheckFormat, version = '0.0.0'): Promise<void> {
  const files = await findPlanFiles(args);
  const { analyze } = await import('../../analysis.js');
  const all: { d: Diagnostic; text: string; index: LineIndex }[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const analysis = analyze(file, text);
    const index = new LineIndex(text);
    for (const d of analysis.diagnostics) all.push({ d, text, index });
  }
  const errors = all.filter((x) => x.d.severity === 'error').length;
  const warnings = all.filter((x) => x.d.severity === 'warning').length;

  if (format === 'json') {
    // the machine contract: schemas/check.v1.json
    writeOut(JSON.stringify({ kind: 'comp.check', schemaVersion: 1, files: files.length, diagnostics: all.map((x) => toJson(x.d, x.index)) }, null, 2) + '\n');
    markJsonWritten();
  } else if (format === 'sarif') {
    writeOut(JSON.stringify(toSarif(all.map((x) => toJson(x.d, x.index)), files, version), null, 2) + '\n');
  } else if (format === 'junit') {
    writeOut(toJunit(all.map((x) => toJson(x.d, x.index)), files));
  } else if (format === 'github') {
    writeOut(all.map((x) => toGithub(toJson(x.d, x.index)) + '\n').join(''));
  } else {
    const color = useColor(process.stdout);
    const blocks = all.map((x) => renderDiagnostic(x.d, x.text, { color }) + '\n');
    let summary = `checked ${plural(files.length, 'file')}: `;
    summary += errors || warnings ? `${plural(errors, 'error')}, ${plural(warnings, 'warning')}` : 'no problems';
    writeOut(blocks.map((b) => b + '\n').join('') + summary + '\n');
  }
  if (errors) setExit(EXIT_ERRORS);
}

export function register(program: Command): void {
  program
    .command('check')
    .summary('check plans for errors and warnings')
    .description('Check .comp plans: syntax, names, types, tiers and plan structure. Folders are searched for *.comp files.')
    .argument('<paths...>', '.comp files, folders or glob patterns')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'github', 'sarif', 'junit']).default('text'))
    .addHelpText(
      'after',
      `
Examples:
  $ comp check plan.comp
  $ comp check plans/ samples/             all *.comp files under these folders
  $ comp check "plans/**/*.comp" --format json
  $ comp check plans/ --format github      annotations for GitHub Actions
  $ comp check plans/ --format sarif > comp.sarif    for GitHub code scanning (SARIF 2.1.0)
  $ comp check plans/ --format junit > comp.xml      a JUnit report for CI

Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage error or no files.`,
    )
    .action(async (paths: string[], opts: { format: CheckFormat }, cmd: Command) => {
      await check(paths, opts.format, cmd.parent?.version() ?? '0.0.0');
    });
}
