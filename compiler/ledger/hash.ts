// Hashes of the ledger: of input files, of a close's lines, and the chain that links each close
// to the one before it. The text hashed is a fixed-order JSON array, so the same records always
// give the same hash whatever the order of object keys.
import { createHash } from 'node:crypto';
import type { Close, CloseHeader, LedgerDeal, LedgerLine, LedgerStatement } from './types.js';

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

const lineFields = (l: LedgerLine) => [l.rep, l.kind, l.name, l.label, l.amount, l.exact, l.adjusts?.period ?? null, l.adjusts?.kind ?? null, l.adjusts?.name ?? null, l.reason ?? null];
const statementFields = (s: LedgerStatement) => [s.rep, s.earned, s.clawedBack, s.paid, s.owed, s.drawBalance];
const dealFields = (d: LedgerDeal) => [d.rep, d.component, d.deal, d.credit, d.amount];

/** The hash of everything a close pays: statements, lines and deals, in their stored order. */
export function linesHash(c: Pick<Close, 'statements' | 'lines' | 'deals'>): string {
  return sha256(JSON.stringify([c.statements.map(statementFields), c.lines.map(lineFields), c.deals.map(dealFields)]));
}

/** The hash of a close: its header (with its lines' hash) and the previous close's hash. */
export function closeHash(h: Omit<CloseHeader, 'hash'>): string {
  return sha256(
    JSON.stringify([
      h.seq,
      h.period,
      h.plan,
      h.planFile,
      h.planHash,
      h.planText,
      h.inputs.map((i) => [i.table, i.file, i.sha256]),
      h.closedBy,
      h.closedAt,
      h.lineCount,
      h.totalPaid,
      h.linesHash,
      h.prevHash,
    ]),
  );
}

/** The plan's hash: of its source text(s), in the order given. */
export function planHash(texts: string[]): string {
  return sha256(JSON.stringify(texts));
}
