// `comp ledger verify`: recompute every hash of the ledger. A line changed, added or removed, a
// header edited, a close removed from the middle or re-ordered: each breaks a hash.
import { Decimal } from '../../runtime/decimal.js';
import { closeHash, linesHash, planHash } from './hash.js';
import type { Close } from './types.js';

export interface VerifyProblem {
  code: 'COMP9304' | 'COMP9306';
  seq: number;
  period: string;
  message: string;
}

/** A recorded amount; text that is not a number counts as NaN (and fails every comparison). */
function dec(s: string): Decimal {
  try {
    return new Decimal(s);
  } catch {
    return new Decimal(NaN);
  }
}

export function verifyHashes(closes: Close[]): VerifyProblem[] {
  const out: VerifyProblem[] = [];
  let prev = '';
  closes.forEach((c, i) => {
    const bad = (message: string) => out.push({ code: 'COMP9304', seq: c.seq, period: c.period, message: `close ${c.seq} (${c.period}): ${message}` });
    if (c.seq !== i + 1) bad(`sequence number ${c.seq} where ${i + 1} was expected (a close is missing)`);
    if (c.prevHash !== prev) bad('its link to the previous close does not match (a close was removed, added or changed)');
    if (c.lineCount !== c.lines.length) bad(`${c.lines.length} lines where ${c.lineCount} were recorded`);
    if (linesHash(c) !== c.linesHash) bad('its statements, lines or deals differ from what was recorded (hash mismatch)');
    if (planHash(c.planText) !== c.planHash) bad("the plan text differs from the recorded plan's hash");
    const total = c.statements.reduce((x, s) => x.plus(dec(s.paid)), new Decimal(0));
    if (!total.eq(dec(c.totalPaid))) bad(`statements pay ${total.toFixed()} where the close records ${c.totalPaid}`);
    const { hash, statements, lines, deals, ...header } = c;
    void statements;
    void lines;
    void deals;
    if (closeHash(header) !== hash) bad('its header differs from what was recorded (hash mismatch)');
    prev = hash;
  });
  return out;
}
