// comp close <plans...> --data <paths...> --period P --ledger FILE [--by NAME]: record every payout
// line of P in the ledger (compiler/ledger), with the plan's and the data files' hashes.
import { userInfo } from 'node:os';
import { Command, Option } from 'commander';
import { LedgerError } from '../../ledger/store.js';
import { closeLines } from '../../ledger/reconcile.js';
import { EXIT_ERRORS, compilePlanFile, loadData, markJsonWritten, setExit, unknownChoice, writeOut } from '../shared.js';
import { compileVersionFiles } from '../versions.js';
import { evaluateWithLedger, planTexts, runInputs } from '../ledger-run.js';
import { planHash } from '../../ledger/hash.js';

export interface CloseOptions {
  data: string[];
  period: string;
  ledger: string;
  by?: string;
  format: 'text' | 'json';
}

function who(by: string | undefined): string {
  if (by) return by;
  if (process.env.COMP_USER) return process.env.COMP_USER;
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

export async function close(planFiles: string[], o: CloseOptions): Promise<void> {
  const plan = planFiles.length > 1 ? await compileVersionFiles(planFiles) : await compilePlanFile(planFiles[0]!);
  if (!plan) return setExit(EXIT_ERRORS);
  const dataset = await loadData(plan.ir, o.data);
  if (!dataset) return setExit(EXIT_ERRORS);
  const { Ledger } = await import('../../ledger/store.js');
  // read first, and create the file only to append: a close that fails leaves no new file
  const reader = await Ledger.open(o.ledger, { create: false });
  let closes;
  try {
    closes = await reader.closes();
  } finally {
    reader.dispose();
  }
  const now = await runInputs(planFiles, plan.ir, o.data);
  const rec = await evaluateWithLedger(plan.ir, dataset, closes, now, { to: o.period }, false);
  if (!rec) return setExit(EXIT_ERRORS);
  const periods = rec.result.periods.map((p) => p.key);
  if (!periods.includes(o.period)) throw unknownChoice('period', o.period, periods);
  const texts = planTexts(planFiles);
  const ledger = await Ledger.open(o.ledger, { create: true });
  try {
    const written = await ledger.append(
      {
        period: o.period,
        plan: rec.result.plan,
        planFile: planFiles.join(' '),
        planHash: planHash(texts),
        planText: texts,
        inputs: now.inputs,
        closedBy: who(o.by),
        closedAt: new Date().toISOString(),
        ...closeLines(rec.result, o.period),
      },
      (existing) => {
        const same = existing.find((c) => c.period === o.period);
        if (same) throw new LedgerError('COMP9302', `${o.period} is already closed (on ${same.closedAt} by ${same.closedBy}); a closed period never changes`, 'differences appear as adjustment lines when the next period is run with --ledger');
        if (existing.length && rec.openPeriod !== o.period)
          throw new LedgerError('COMP9303', `${o.period} is not the next period to close: ${rec.openPeriod ?? `the period after ${existing[existing.length - 1]!.period}`} is (periods close in order)`);
      },
    );
    if (o.format === 'json') {
      const { statements, lines, deals, ...header } = written;
      writeOut(JSON.stringify({ kind: 'comp.close', schemaVersion: 1, close: { ...header, statements, lines, deals } }, null, 2) + '\n');
      markJsonWritten();
    } else {
      const adj = written.lines.filter((l) => l.kind === 'adjustment').length;
      writeOut(
        `closed ${written.period} in ${o.ledger}: close ${written.seq}, ${written.statements.length} statements, ${written.lineCount} lines` +
          `${adj ? ` (${adj} adjustments to earlier closes)` : ''}, total paid ${written.totalPaid} ${rec.result.currency}\n` +
          `  by ${written.closedBy} at ${written.closedAt}; plan ${written.planHash.slice(0, 12)}; hash ${written.hash.slice(0, 12)}\n`,
      );
    }
  } finally {
    ledger.dispose();
  }
}

export function register(program: Command): void {
  program
    .command('close')
    .summary('close a period: record its payout lines in the ledger')
    .description(
      'Compute the period and record every payout line of it in the ledger (an append-only DuckDB file), with the hashes of the plan and of\n' +
        'the data files, who closed it and when. A closed period never changes: later runs with --ledger pay differences as adjustments.',
    )
    .argument('<plans...>', 'the .comp plan (or its version files)')
    .requiredOption('--data <paths...>', 'data folders and/or files holding the tables the plan declares')
    .requiredOption('--period <period>', 'the period to close (e.g. 2026-03); periods close in order')
    .requiredOption('--ledger <file>', 'the ledger file (created by the first close)')
    .option('--by <name>', 'who closes the period (default: $COMP_USER or the login name)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText(
      'after',
      `
Examples:
  $ comp close plan.comp --data data/ --period 2026-03 --ledger payroll.ledger
  $ comp run plan.comp --data data/ --ledger payroll.ledger        closed periods as recorded
  $ comp ledger verify payroll.ledger --data data/

Exit status: 0 closed, 1 errors in the plan, its data or the ledger (already closed, out of order), 2 usage error.`,
    )
    .action(async (planFiles: string[], opts: CloseOptions) => {
      await close(planFiles, opts);
    });
}
