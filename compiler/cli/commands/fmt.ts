// comp fmt <files or folders...> [--check]: format plans in place (or check they are formatted).
// Each file is replaced atomically (a temporary file renamed over it), and only if it still holds
// the text that was formatted.
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { formatText } from '../../ide/format.js';
import { findPlanFiles } from './check.js';
import { EXIT_ERRORS, UsageError, plural, replaceFileAtomic, setExit, writeErr, writeOut } from '../shared.js';

export async function fmt(args: string[], check: boolean): Promise<void> {
  const files = await findPlanFiles(args);
  let changed = 0;
  let broken = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const out = formatText(text);
    if (out === undefined) {
      broken++;
      writeErr(`${file}: not formatted: the plan has syntax errors (see \`comp check ${file}\`)\n`);
      continue;
    }
    if (out === text) continue;
    changed++;
    if (check) writeOut(`${file}: not formatted\n`);
    else {
      // atomically, and only over the text that was read (an editor may have saved meanwhile)
      try {
        replaceFileAtomic(file, text, out);
        writeOut(`formatted ${file}\n`);
      } catch (e) {
        if (!(e instanceof UsageError)) throw e;
        broken++;
        writeErr(`${file}: error[${e.code}]: ${e.message}${e.hint ? ` (hint: ${e.hint})` : ''}\n`);
      }
    }
  }
  if (check) writeOut(changed ? `${plural(changed, 'file')} of ${files.length} would be reformatted\n` : `${plural(files.length, 'file')} already formatted\n`);
  if (broken || (check && changed)) setExit(EXIT_ERRORS);
}

export function register(program: Command): void {
  program
    .command('fmt')
    .summary('format plans')
    .description('Format .comp plans in place: indentation, spacing, aligned tier bands; comments are kept. Plans with syntax errors are left as they are.')
    .argument('<paths...>', '.comp files, folders or glob patterns')
    .option('--check', 'only check: list the files that are not formatted and exit 1 if any')
    .addHelpText(
      'after',
      `
Examples:
  $ comp fmt plan.comp
  $ comp fmt plans/ --check      in CI

Exit status: 0 formatted (or already formatted), 1 a file is not formatted (--check) or has syntax errors, 2 usage error.`,
    )
    .action(async (paths: string[], opts: { check?: boolean }) => {
      await fmt(paths, !!opts.check);
    });
}
