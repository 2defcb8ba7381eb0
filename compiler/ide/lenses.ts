// Code lenses and inlay hints: the figures of the hover previews, where the eye already is.
// A lens over each component: what it pays on the sample data over the plan year and to how many
// reps (or, without sample data, what it pays its preview target at 100% of quota), with the
// `comp explain` trace one click away. Inlay hints: after each band of a tier table on attainment,
// the year payout at that band's upper edge (the highest preview point for the open band); after a
// component's header, its sample-data total. All figures come from previewTarget and the
// sample summary: the real evaluator.
import type { FullAnalysis } from '../analysis.js';
import type * as A from '../syntax/ast.js';
import type { Span } from '../syntax/span.js';
import { Decimal } from '../../runtime/decimal.js';
import { formatPercent } from '../../runtime/format.js';
import { previewTarget, tiersComponent, wholeComponent, type PreviewOptions } from './preview.js';
import { money } from './preview-format.js';
import { paidReps } from './preview-sample.js';
import { targetForComponent } from './preview-hover.js';

export interface Lens {
  span: Span;
  title: string;
  /** The component the lens is over (for the explain command). */
  component: string;
}

export interface InlayHint {
  offset: number;
  label: string;
  tooltip?: string;
}

const components = (a: FullAnalysis) => a.plan.items.filter((i): i is A.ComponentDecl => i.kind === 'ComponentDecl' && !!i.name);

/** The end of the line holding `offset` (before its newline). */
function lineEnd(text: string, offset: number): number {
  const n = text.indexOf('\n', offset);
  return n < 0 ? text.length : n > 0 && text[n - 1] === '\r' ? n - 1 : n;
}

export function codeLenses(a: FullAnalysis, opts: PreviewOptions): Lens[] {
  const out: Lens[] = [];
  if (!a.ir) return out;
  for (const c of components(a)) {
    const name = c.name!.text;
    const irc = a.ir.components.find((x) => x.name === name);
    if (!irc) continue;
    const span = { start: c.span.start, end: c.name!.span.end };
    const s = opts.sample?.components[name];
    if (opts.sample && !opts.sample.problem && s) {
      const n = paidReps(s);
      out.push({ span, component: name, title: `pays ${money(opts.sample.currency, new Decimal(s.total))} on sample data · ${n} rep${n === 1 ? '' : 's'} · explain` });
      continue;
    }
    if (opts.shouldStop?.()) break;
    const target = targetForComponent(a, irc, opts);
    const p = previewTarget(a, wholeComponent(irc), target, opts.shouldStop);
    const at100 = p.points.find((x) => x.point.eq(1));
    const pays = at100?.yearPayout !== undefined ? `pays ${money(p.currency, at100.yearPayout)} a year at 100% of quota` : at100?.error ? 'preview failed' : 'pays nothing at 100% of quota';
    out.push({ span, component: name, title: `${pays} (${target.source === 'target rep' ? 'target rep' : target.source === 'sample data' ? 'typical sample rep' : 'inferred rep'}) · explain` });
  }
  return out;
}

export function inlayHints(a: FullAnalysis, range: Span, opts: PreviewOptions): InlayHint[] {
  const out: InlayHint[] = [];
  const ir = a.ir;
  if (!ir) return out;
  const inRange = (o: number) => o >= range.start && o <= range.end;
  for (const item of a.plan.items) {
    if (opts.shouldStop?.()) break;
    if (item.kind === 'TiersDecl' && item.name && item.table && inRange(item.span.start) || (item.kind === 'TiersDecl' && item.table && inRange(item.span.end))) {
      const comp = tiersComponent(ir, item.name!.text);
      const irc = ir.components.find((c) => c.rate.k === 'tiers' && c.rate.name === item.name!.text);
      if (!comp || !irc || comp.rate.k !== 'tiers' || comp.rate.axis !== 'attainment') continue;
      const p = previewTarget(a, comp, targetForComponent(a, irc, opts), opts.shouldStop);
      if (p.problem || !p.quota) continue;
      comp.rate.bands.forEach((b, i) => {
        const band = item.table!.bands[i];
        if (!band) return;
        // what the band reaches: the payout at its upper edge (the highest point for the open band)
        const top = p.points[p.points.length - 1]!.point;
        const at = b.to !== undefined ? new Decimal(b.to) : top.gt(b.from) ? top : undefined;
        const x = at && p.points.find((q) => q.point.eq(at));
        if (!x || x.yearPayout === undefined) return;
        out.push({ offset: lineEnd(a.text, band.span.end), label: ` ${money(p.currency, x.yearPayout)} a year at ${formatPercent(at!)}`, tooltip: `${p.target}: the plan year's payout of \`${irc.name}\`'s rate at ${formatPercent(at!)} of quota (${p.periods.length} periods)` });
      });
    }
    if (item.kind === 'ComponentDecl' && item.name && inRange(item.span.start) && opts.sample && !opts.sample.problem) {
      const s = opts.sample.components[item.name.text];
      if (!s) continue;
      const header = item.label ?? item.name;
      out.push({ offset: header.span.end, label: ` ${money(opts.sample.currency, new Decimal(s.total))} on sample data`, tooltip: `The plan year on \`${opts.sample.shown}\`: ${paidReps(s)} reps paid` });
    }
  }
  return out.filter((h) => inRange(h.offset));
}
