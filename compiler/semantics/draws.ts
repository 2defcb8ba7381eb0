// Checks of new-hire protection (`for first 3 months after rep.hire_date`) and draw forgiveness
// (`forgiven on DATE`) (docs/language.md section 13).
import type * as A from '../syntax/ast.js';
import { Codes, diag } from '../diagnostics/diagnostic.js';
import { isUnknown, show } from './types.js';
import type { CheckApi } from './cumulative.js';

export function checkDrawExtras(api: CheckApi, d: A.DrawDecl): void {
  const fm = d.firstMonths;
  if (fm) {
    const m = fm.months;
    if (m && (!m.integer || Number(m.text) < 1)) {
      api.err(diag(Codes.TypeMismatch, api.file, m.span, { expected: 'a whole number of months, at least 1', found: m.text }));
    }
    if (fm.after) {
      const t = api.expr(fm.after, d.recoverable ? 'in a draw' : 'in a guarantee');
      if (!isUnknown(t) && t.k !== 'date') api.err(diag(Codes.TypeMismatch, api.file, fm.after.span, { expected: 'a date, e.g. `rep.hire_date`', found: show(t, api.rosterName) }));
    }
  }
  if (d.forgivenOn) {
    const t = api.expr(d.forgivenOn, 'in a draw');
    if (!isUnknown(t) && t.k !== 'date') api.err(diag(Codes.TypeMismatch, api.file, d.forgivenOn.span, { expected: 'a date, e.g. `2026-12-31`', found: show(t, api.rosterName) }));
    if (!d.recoverable) api.err(diag(Codes.NotAvailableHere, api.file, d.forgivenOn.span, { name: 'forgiven on', where: 'on a guarantee (nothing is owed)' }));
  }
}
