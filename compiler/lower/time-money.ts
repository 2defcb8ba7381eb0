// Lowering of fiscal years, FX rates, payout currencies, rep assignments and plan versions
// (compiler/semantics/time-money.ts found them). Called by the analysis on a clean plan.
import type * as A from '../syntax/ast.js';
import type * as IR from '../../runtime/ir.js';
import * as cal from '../../runtime/calendar.js';
import type { Semantics } from '../semantics/model.js';
import { lowerExpr, lowerToIR } from './to-ir.js';
import { finishBalances } from './balances.js';

/** The FX rates table: one row per (from, to, date); `rate` units of `to` for one unit of `from`. */
export const FX_TABLE = 'fx rates';

export function fxTable(source: string): IR.TableIR {
  return {
    name: FX_TABLE,
    source,
    roster: false,
    fields: [
      { name: 'from', type: { t: 'text' }, optional: false, positive: false },
      { name: 'to', type: { t: 'text' }, optional: false, positive: false },
      { name: 'date', type: { t: 'date' }, optional: false, positive: false },
      { name: 'rate', type: { t: 'decimal' }, optional: false, positive: true },
    ],
  };
}

export function finishTimeMoney(ir0: IR.PlanIR, plan: A.Plan, sem: Semantics, text: string, file?: string): IR.PlanIR {
  const ir = finishBalances(ir0, plan, sem, text, file);
  const tm = sem.timeMoney;
  if (!tm) return ir;
  const out: IR.PlanIR = { ...ir, periods: { ...ir.periods } };
  if (tm.fiscalStart && tm.fiscalStart > 1) {
    out.periods.fiscalStart = tm.fiscalStart;
  }
  if (tm.fx) {
    out.tables = [...out.tables, fxTable(tm.fx.source)];
    out.fx = { table: FX_TABLE };
  }
  if (tm.payoutCurrency) out.payoutCurrency = { expr: lowerExpr(plan, sem, text, tm.payoutCurrency, file), text: text.slice(tm.payoutCurrency.span.start, tm.payoutCurrency.span.end) };
  if (tm.assignments) out.assignments = { ...tm.assignments };
  if (tm.versionPlans?.length) {
    out.versions = tm.versionPlans.map((v) => {
      const vir = lowerToIR(v.plan, v.semantics, text, file);
      return { name: v.name, effective: v.effective, lets: vir.lets, components: vir.components, draws: vir.draws };
    });
  }
  return out;
}

// ------------------------------------------------------------------ versions in several files

import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { Codes, diag } from '../diagnostics/diagnostic.js';

export interface VersionFile {
  file: string;
  plan: A.Plan;
  sem: Semantics;
  ir: IR.PlanIR;
}

/**
 * `comp run h1.comp h2.comp`: each file says `effective from A to B`; the files must follow each
 * other without overlap or gap. The earliest file gives the tables, credit rules and header; each
 * file (the earliest too) is a version from its `from` date with its own lets, components and draws.
 */
export function mergeVersionFiles(files: VersionFile[]): { ir?: IR.PlanIR; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const dated: (VersionFile & { from: string; to?: string; decl: A.EffectiveDecl })[] = [];
  for (const f of files) {
    const decl = f.plan.items.find((i): i is A.EffectiveDecl => i.kind === 'EffectiveDecl');
    const eff = f.sem.timeMoney?.effective;
    if (!decl || !eff) {
      diagnostics.push(diag(Codes.MissingHeader, f.file, { start: 0, end: 0 }, { what: 'effective' }, { hint: 'a plan run with other plan files says when it is in force: `effective from 2026-01-01 to 2026-06-30`' }));
      continue;
    }
    dated.push({ ...f, from: eff.from, to: eff.to, decl });
  }
  if (diagnostics.length) return { diagnostics };
  dated.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  for (let i = 1; i < dated.length; i++) {
    const prev = dated[i - 1]!;
    const cur = dated[i]!;
    const related = [{ file: prev.file, span: prev.decl.span, message: `${prev.file} is in force from ${prev.from}${prev.to ? ` to ${prev.to}` : ' with no end'}` }];
    if (prev.to === undefined || prev.to >= cur.from) {
      diagnostics.push(diag(Codes.VersionOverlap, cur.file, cur.decl.span, { problem: `${cur.file} takes effect on ${cur.from}, while ${prev.file} is still in force` }, { related, hint: `end ${prev.file} on ${cal.addDays(cur.from, -1)}` }));
    } else if (cal.addDays(prev.to, 1) < cur.from) {
      diagnostics.push(diag(Codes.VersionGap, cur.file, cur.decl.span, { from: cal.addDays(prev.to, 1), to: cal.addDays(cur.from, -1) }, { related, hint: `start ${cur.file} on ${cal.addDays(prev.to, 1)}` }));
    }
  }
  if (diagnostics.length) return { diagnostics };
  const first = dated[0]!;
  const last = dated[dated.length - 1]!;
  const ir: IR.PlanIR = {
    ...first.ir,
    periods: { ...first.ir.periods, from: first.ir.periods.from ?? first.from, to: last.ir.periods.to ?? last.to ?? first.ir.periods.to },
    versions: dated.map((d) => ({ name: `${d.ir.name} (${d.file})`, effective: d.from, until: d.to, lets: d.ir.lets, components: d.ir.components, draws: d.ir.draws })),
  };
  return { ir, diagnostics };
}
