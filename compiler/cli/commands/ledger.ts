// comp ledger show|verify|export <ledger>: read the closed periods (compiler/ledger).
import { Command, Option } from 'commander';
import { Ledger } from '../../ledger/store.js';
import type { Close } from '../../ledger/types.js';
import { verifyHashes, type VerifyProblem } from '../../ledger/verify.js';
import { LEDGER_FORMAT, LEDGER_VERSION } from '../../ledger/types.js';
import { EXIT_ERRORS, UsageError, emit, loadData, markJsonWritten, protectInput, requireExisting, setExit, unknownChoice, writeOut } from '../shared.js';

async function readLedger(file: string): Promise<Close[]> {
  requireExisting([file], 'ledger');
  protectInput(file);
  const ledger = await Ledger.open(file, { create: false });
  try {
    return await ledger.closes();
  } finally {
    ledger.dispose();
  }
}

/** The export document (schemas/ledger.v1.json). */
export function exportDoc(closes: Close[]): object {
  return { kind: 'comp.ledger', schemaVersion: 1, format: LEDGER_FORMAT, formatVersion: LEDGER_VERSION, closes };
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function exportCsv(closes: Close[]): string {
  let out = 'seq,period,closed_at,closed_by,rep,kind,name,label,amount,exact,adjusts_period,reason\n';
  for (const c of closes)
    for (const l of c.lines)
      out += [String(c.seq), c.period, c.closedAt, c.closedBy, l.rep, l.kind, l.name, l.label, l.amount, l.exact, l.adjusts?.period ?? '', l.reason ?? ''].map(csvField).join(',') + '\n';
  return out;
}

function showText(closes: Close[], period?: string): string {
  if (closes.length === 0) return 'the ledger has no closed periods\n';
  let out = '';
  for (const c of closes) {
    if (period && c.period !== period) continue;
    out += `close ${c.seq}: ${c.period}  closed ${c.closedAt} by ${c.closedBy}  ${c.statements.length} statements, ${c.lineCount} lines, paid ${c.totalPaid}\n`;
    out += `  plan ${c.plan} (${c.planFile}) sha256 ${c.planHash}\n`;
    for (const i of c.inputs) out += `  ${i.table}: ${i.file} sha256 ${i.sha256}\n`;
    if (period) {
      for (const l of c.lines) {
        out += `  ${l.rep}  ${l.label || l.name}  ${l.amount}\n`;
        if (l.reason) out += `      ${l.reason}\n`;
      }
    }
  }
  return out;
}

async function recompute(closes: Close[], data: string[]): Promise<{ problems: VerifyProblem[]; notes: string[] }> {
  const { analyze } = await import('../../analysis.js');
  const { inputHashes, evaluateWithLedger } = await import('../ledger-run.js');
  const { closeLines } = await import('../../ledger/reconcile.js');
  const { linesHash } = await import('../../ledger/hash.js');
  const problems: VerifyProblem[] = [];
  const notes: string[] = [];
  for (let i = 0; i < closes.length; i++) {
    const c = closes[i]!;
    if (c.planText.length !== 1) {
      notes.push(`close ${c.seq} (${c.period}): not recomputed (a plan of ${c.planText.length} version files)`);
      continue;
    }
    const a = analyze(c.planFile, c.planText[0]!);
    if (!a.ir) {
      problems.push({ code: 'COMP9306', seq: c.seq, period: c.period, message: `close ${c.seq} (${c.period}): the recorded plan no longer compiles` });
      continue;
    }
    const inputs = await inputHashes(a.ir, data);
    const same = inputs.length === c.inputs.length && inputs.every((x) => c.inputs.some((y) => y.table === x.table && y.sha256 === x.sha256));
    if (!same) {
      notes.push(`close ${c.seq} (${c.period}): not recomputed: the data given is not the data it was closed with`);
      continue;
    }
    const dataset = await loadData(a.ir, data);
    if (!dataset) return { problems, notes };
    const rec = await evaluateWithLedger(a.ir, dataset, closes.slice(0, i), { planHash: c.planHash, inputs: c.inputs }, { to: c.period }, false);
    if (!rec) return { problems, notes };
    const again = closeLines(rec.result, c.period);
    if (linesHash(again) === c.linesHash) {
      notes.push(`close ${c.seq} (${c.period}): recomputed from the recorded plan and the data: the same ${again.lines.length} lines`);
      continue;
    }
    const diff = again.lines.findIndex((l, n) => JSON.stringify(l) !== JSON.stringify(c.lines[n]));
    const at = diff < 0 ? Math.min(again.lines.length, c.lines.length) : diff;
    const rec1 = c.lines[at];
    const now1 = again.lines[at];
    problems.push({
      code: 'COMP9306',
      seq: c.seq,
      period: c.period,
      message: `close ${c.seq} (${c.period}): recorded lines differ from a recomputation with the same plan and data: line ${at + 1} recorded ${rec1 ? `${rec1.rep} ${rec1.name} ${rec1.amount}` : 'none'}, recomputed ${now1 ? `${now1.rep} ${now1.name} ${now1.amount}` : 'none'}`,
    });
  }
  return { problems, notes };
}

export function register(program: Command): void {
  const ledger = program
    .command('ledger')
    .summary('show, verify or export the closed periods of a ledger')
    .description('Read a ledger written by `comp close`.')
    .addHelpText(
      'after',
      `
Examples:
  $ comp ledger show payroll.ledger
  $ comp ledger show payroll.ledger --period 2026-03
  $ comp ledger verify payroll.ledger --data data/
  $ comp ledger export payroll.ledger --format csv --out closed.csv

Exit status: 0 ok, 1 the ledger fails verification or cannot be read, 2 usage error.`,
    );

  ledger
    .command('show')
    .description('List the closes (period, who, when, hashes); with --period, every line of that close.')
    .argument('<ledger>', 'the ledger file')
    .option('--period <period>', 'only this closed period, with its lines')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (file: string, o: { period?: string; format: string }) => {
      const closes = await readLedger(file);
      if (o.period && !closes.some((c) => c.period === o.period)) throw unknownChoice('closed period', o.period, closes.map((c) => c.period));
      if (o.format === 'json') {
        writeOut(JSON.stringify(exportDoc(o.period ? closes.filter((c) => c.period === o.period) : closes), null, 2) + '\n');
        markJsonWritten();
      } else writeOut(showText(closes, o.period));
    });

  ledger
    .command('verify')
    .description('Recompute every hash (lines, headers, the chain of closes); with --data, recompute the lines of each close made from that data with its recorded plan.')
    .argument('<ledger>', 'the ledger file')
    .option('--data <paths...>', 'the data the closes were made from')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (file: string, o: { data?: string[]; format: string }) => {
      const closes = await readLedger(file);
      const problems = verifyHashes(closes);
      const notes: string[] = [];
      if (o.data && problems.length === 0) {
        const r = await recompute(closes, o.data);
        problems.push(...r.problems);
        notes.push(...r.notes);
      }
      if (o.format === 'json') {
        writeOut(JSON.stringify({ kind: 'comp.ledger.verify', schemaVersion: 1, ok: problems.length === 0, closes: closes.length, problems, notes }, null, 2) + '\n');
        markJsonWritten();
      } else {
        let out = problems.map((p) => `error[${p.code}]: ${p.message}\n`).join('') + notes.map((n) => `${n}\n`).join('');
        out += problems.length ? `${file}: verification failed: ${problems.length} problem(s)\n` : `${file}: ${closes.length} close(s) verified\n`;
        writeOut(out);
      }
      if (problems.length) setExit(EXIT_ERRORS);
    });

  ledger
    .command('export')
    .description('Every close with its statements, lines and deals: JSON (schemas/ledger.v1.json) or CSV (one row per line).')
    .argument('<ledger>', 'the ledger file')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'csv']).default('json'))
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (file: string, o: { format: string; out?: string }) => {
      const closes = await readLedger(file);
      if (o.out !== undefined && o.out === '') throw new UsageError('--out needs a file name');
      emit(o.format === 'csv' ? exportCsv(closes) : JSON.stringify(exportDoc(closes), null, 2) + '\n', o.out);
      if (o.format === 'json') markJsonWritten();
    });
}
