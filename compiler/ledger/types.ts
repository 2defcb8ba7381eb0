// The ledger's records: what a close writes and what a later run reads back. Plain data; every
// amount is decimal text, as in the run result.

/** One input file of a close, with the SHA-256 of its bytes. */
export interface InputHash {
  table: string;
  file: string;
  sha256: string;
}

/** A payout line as the ledger keeps it. Adjustment lines say which earlier line they correct and why. */
export interface LedgerLine {
  rep: string;
  kind: string;
  name: string;
  label: string;
  amount: string;
  exact: string;
  /** Adjustment lines: the closed period, line kind and name they correct. */
  adjusts?: { period: string; kind: string; name: string };
  /** Adjustment lines: what changed (deals, plan, data). */
  reason?: string;
}

/** A rep's statement totals for the closed period. */
export interface LedgerStatement {
  rep: string;
  earned: string;
  clawedBack: string;
  paid: string;
  owed: string;
  drawBalance: string;
}

/** What one credited deal earned in the closed period (the ground for explaining later differences). */
export interface LedgerDeal {
  rep: string;
  component: string;
  deal: string;
  credit: string;
  amount: string;
}

/** The header of one close. `hash` chains it to the close before it. */
export interface CloseHeader {
  seq: number;
  period: string;
  plan: string;
  planFile: string;
  planHash: string;
  /** The plan's source text(s) at close, so `verify --data` can recompute the lines. */
  planText: string[];
  inputs: InputHash[];
  closedBy: string;
  closedAt: string;
  lineCount: number;
  totalPaid: string;
  linesHash: string;
  prevHash: string;
  hash: string;
}

export interface Close extends CloseHeader {
  statements: LedgerStatement[];
  lines: LedgerLine[];
  deals: LedgerDeal[];
}

/** The ledger file's format; a reader refuses another. */
export const LEDGER_FORMAT = 'comp-ledger';
export const LEDGER_VERSION = '1';
