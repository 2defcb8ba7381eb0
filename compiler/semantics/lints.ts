// Plan lints (docs/diagnostics.md, COMP3200-COMP3201, COMP4200-COMP4202, COMP5009, COMP5200-COMP5202):
// warnings on plans that check but are very likely not what the plan document says — a rate
// below 0% or above 100%, a last band that stops paying, a band above the attainment cap, pay
// that falls as credit rises, a minimum above the cap, a condition that can never hold, a
// component that never pays, a plan with no component. Only values written out in the plan
// (literals) are judged: a value read from data is never guessed.
import { Decimal } from '../../runtime/decimal.js';
import type * as A from '../syntax/ast.js';
import type { Span } from '../syntax/span.js';
import { Codes, diag, type Diagnostic } from '../diagnostics/diagnostic.js';

export interface LintHost {
  plan: A.Plan;
  file: string;
  text: string;
  currency: string;
  /** Named tiers (`tiers accelerator ...`). */
  tiers: Map<string, { name: string; table: A.TierTable }>;
}

/** A percent written out (`8%`, `-2%`) as a fraction, else undefined. */
function constPercent(e: A.Expr | undefined): Decimal | undefined {
  if (!e) return undefined;
  if (e.kind === 'PercentLit') return new Decimal(e.text).div(100);
  if (e.kind === 'Unary' && e.op === '-' && e.operand?.kind === 'PercentLit') return new Decimal(e.operand.text).div(100).neg();
  return undefined;
}

/** An amount written out (`USD 500`, `USD -1,000`, `-USD 5`), else undefined. */
function constMoney(e: A.Expr | undefined): Decimal | undefined {
  if (!e) return undefined;
  if (e.kind === 'MoneyLit') return new Decimal(e.amount);
  if (e.kind === 'Unary' && e.op === '-' && e.operand?.kind === 'MoneyLit') return new Decimal(e.operand.amount).neg();
  return undefined;
}

function pct(d: Decimal): string {
  return `${d.times(100).toFixed()}%`;
}

/** Why a condition can never hold, or undefined when it may. */
export function neverHolds(e: A.Expr | undefined, src: (s: Span) => string): string | undefined {
  if (!e) return undefined;
  if (e.kind === 'BoolLit') return e.value ? undefined : '`false` never holds';
  if (e.kind === 'Binary' && e.op === 'or') {
    const l = neverHolds(e.left, src);
    const r = neverHolds(e.right, src);
    return l && r ? `${l}, and ${r}` : undefined;
  }
  if (e.kind !== 'Binary' || e.op !== 'and') return undefined;
  const parts: A.Expr[] = [];
  const flatten = (x: A.Expr | undefined): void => {
    if (!x) return;
    if (x.kind === 'Binary' && x.op === 'and') {
      flatten(x.left);
      flatten(x.right);
    } else parts.push(x);
  };
  flatten(e);
  for (const p of parts) {
    const why = neverHolds(p, src);
    if (why) return why;
  }
  // `X = "a" and X = "b"`, `X = "a" and X != "a"`: the same value cannot be two things.
  const literal = (x: A.Expr | undefined): string | undefined => {
    if (!x) return undefined;
    if (x.kind === 'StringLit') return JSON.stringify(x.value);
    if (x.kind === 'BoolLit') return String(x.value);
    if (x.kind === 'DateLit' || x.kind === 'PeriodLit') return x.text;
    if (x.kind === 'NumberLit' || x.kind === 'PercentLit') return `${x.kind}:${new Decimal(x.text).toFixed()}`;
    if (x.kind === 'MoneyLit') return `${x.currency}:${new Decimal(x.amount).toFixed()}`;
    return undefined;
  };
  const eq = new Map<string, { lit: string; text: string }>();
  const ne: { subject: string; lit: string; text: string }[] = [];
  for (const p of parts) {
    if (p.kind !== 'Binary' || (p.op !== '=' && p.op !== '!=') || !p.right) continue;
    let subject = p.left;
    let lit = literal(p.right);
    if (lit === undefined) {
      lit = literal(p.left);
      subject = p.right;
    }
    if (lit === undefined || literal(subject) !== undefined) continue;
    const key = src(subject.span).replace(/\s+/g, '');
    const text = src(p.span);
    if (p.op === '=') {
      const prev = eq.get(key);
      if (prev && prev.lit !== lit) return `\`${prev.text}\` and \`${text}\` cannot both hold`;
      if (!prev) eq.set(key, { lit, text });
    } else ne.push({ subject: key, lit, text });
  }
  for (const n of ne) {
    const e2 = eq.get(n.subject);
    if (e2 && e2.lit === n.lit) return `\`${e2.text}\` and \`${n.text}\` cannot both hold`;
  }
  return undefined;
}

/** Lint every component and tier table of the plan (as amended by a version, when checked for one). */
export function lintPlan(h: LintHost): Diagnostic[] {
  const out: Diagnostic[] = [];
  const src = (s: Span) => h.text.slice(s.start, s.end);
  const components = h.plan.items.filter((i): i is A.ComponentDecl => i.kind === 'ComponentDecl');
  const hasVersionComponents = h.plan.items.some((i) => i.kind === 'VersionDecl' && i.items.some((x) => x.kind === 'ComponentDecl'));
  const header = h.plan.items.find((i) => i.kind === 'PlanHeader');
  if (components.length === 0 && !hasVersionComponents && header) {
    out.push(diag(Codes.NoComponents, h.file, header.span, {}, { hint: 'add a component: `component commission "Commission" { rate 10% }`' }));
  }

  const rateLint = (e: A.Expr | undefined): void => {
    const r = constPercent(e);
    if (!e || !r) return;
    if (r.isNegative()) out.push(diag(Codes.NegativeRate, h.file, e.span, { rate: pct(r) }, { hint: 'a clawback or a deduction is written as a `clawback` clause or a negative amount in the data' }));
    else if (r.gt(1)) out.push(diag(Codes.RateAbove100, h.file, e.span, { rate: pct(r) }, { hint: `\`${pct(r)}\` pays ${r.toFixed()} times the credit; if the plan means ${r.toFixed()} per cent, write \`${r.toFixed()}%\`` }));
  };

  const lintTable = (t: A.TierTable, label: string): void => {
    for (const b of t.bands) rateLint(b.pays);
    const last = t.bands[t.bands.length - 1];
    if (last?.to && last.to.kind !== 'ErrorExpr') {
      const retro = t.mode === 'retroactive';
      out.push(
        diag(Codes.LastBandClosed, h.file, last.to.span, { to: src(last.to.span), what: retro ? 'an amount that reaches it pays nothing at all (retroactive)' : 'the part above it pays nothing' }, {
          hint: `leave out \`to ${src(last.to.span)}\` if the last rate goes on, or add \`from ${src(last.to.span)} pays 0%\` to say that nothing is paid above it`,
        }),
      );
    }
    if (t.mode === 'retroactive') {
      for (let i = 1; i < t.bands.length; i++) {
        const a = constPercent(t.bands[i - 1]!.pays);
        const b = constPercent(t.bands[i]!.pays);
        const at = t.bands[i]!.from;
        if (a && b && at && b.lt(a)) {
          // `bounds in lower band`: the bound itself still pays the band below; the drop is just above it
          const where = t.boundsIn === 'lower' ? `just above ${src(at.span)}` : src(at.span);
          out.push(diag(Codes.PayFallsAsCreditRises, h.file, t.bands[i]!.span, { at: where, from: pct(a), to: pct(b), what: label }, { hint: 'retroactive tiers apply the band reached to everything: a lower rate above pays less in total; use `marginal` if each rate is for its own band' }));
        }
      }
    }
  };
  for (const item of h.plan.items) if (item.kind === 'TiersDecl' && item.table && item.name) lintTable(item.table, `tiers \`${item.name.text}\``);

  for (const c of components) {
    const name = c.name?.text ?? 'component';
    const never = (span: Span, why: string) => out.push(diag(Codes.ComponentNeverPays, h.file, span, { name, why }));
    let capPeriod: { v: Decimal; span: Span } | undefined;
    let minimum: { v: Decimal; span: Span } | undefined;
    let attCap: { v: Decimal; text: string } | undefined;
    let tiers: A.TierTable | undefined;
    for (const cl of c.clauses) {
      switch (cl.kind) {
        case 'RateClause':
          if (cl.table) {
            lintTable(cl.table, `the rate of \`${name}\``);
            tiers = cl.table;
            if (cl.table.bands.length > 0 && cl.table.bands.every((b) => constPercent(b.pays)?.isZero())) never(cl.span, 'every band pays 0%');
          } else if (cl.byTable) {
            for (const e of cl.byTable.entries) rateLint(e.rate);
          } else if (cl.value) {
            rateLint(cl.value);
            if (constPercent(cl.value)?.isZero()) never(cl.value.span, 'its rate is 0%');
            if (cl.value.kind === 'NameRef') {
              const t = h.tiers.get(cl.value.name.text);
              if (t) {
                tiers = t.table;
                if (t.table.bands.length > 0 && t.table.bands.every((b) => constPercent(b.pays)?.isZero())) never(cl.value.span, `every band of \`${t.name}\` pays 0%`);
              }
            }
          }
          break;
        case 'ForClause':
        case 'GateClause': {
          const why = neverHolds(cl.cond, src);
          if (why && cl.cond) out.push(diag(Codes.ConditionNeverHolds, h.file, cl.cond.span, { why }, { hint: cl.kind === 'ForClause' ? 'so the component applies to no rep' : 'so the gate is never met and the component never pays' }));
          break;
        }
        case 'MultiplierClause': {
          const why = neverHolds(cl.when, src);
          if (why && cl.when) out.push(diag(Codes.ConditionNeverHolds, h.file, cl.when.span, { why }, { hint: 'so the multiplier is never applied' }));
          break;
        }
        case 'OnClause':
          if (cl.measure?.kind === 'CreditExpr') {
            const why = neverHolds(cl.measure.where, src);
            if (why && cl.measure.where) out.push(diag(Codes.ConditionNeverHolds, h.file, cl.measure.where.span, { why }, { hint: 'so no credit is paid on' }));
          }
          break;
        case 'PaysClause': {
          const why = neverHolds(cl.where, src);
          if (why && cl.where) out.push(diag(Codes.ConditionNeverHolds, h.file, cl.where.span, { why }, { hint: 'so nothing is paid' }));
          if (constMoney(cl.amount)?.isZero()) never(cl.amount!.span, `it pays ${src(cl.amount!.span)}`);
          break;
        }
        case 'CapClause': {
          if (cl.per === 'period') {
            const v = constMoney(cl.limit);
            if (v) capPeriod = { v, span: cl.span };
            if (v && !v.isPositive()) never(cl.limit!.span, `it is capped at ${src(cl.limit!.span)}`);
          } else if (cl.per === 'attainment') {
            const v = constPercent(cl.limit);
            if (v) attCap = { v, text: src(cl.limit!.span) };
          }
          break;
        }
        case 'MinimumClause': {
          const v = constMoney(cl.amount);
          if (v) minimum = { v, span: cl.span };
          break;
        }
      }
    }
    if (capPeriod && minimum && minimum.v.gt(capPeriod.v)) {
      out.push(diag(Codes.MinimumAboveCap, h.file, minimum.span, { minimum: minimum.v.toFixed(), cap: capPeriod.v.toFixed() }, { related: [{ file: h.file, span: capPeriod.span, message: 'the cap' }], hint: 'the minimum is applied after the cap, so the cap never holds; lower the minimum or raise the cap' }));
    }
    if (attCap && tiers) {
      // Attainment is paid up to the cap. A marginal band starting at the cap pays on nothing (no
      // credit inside it); a retroactive band starting exactly at the cap is reached there when it
      // owns its lower bound (the default) and never when the band below owns it (`bounds in lower band`).
      const t = tiers;
      const reachedAtCap = t.mode === 'retroactive' && t.boundsIn !== 'lower';
      for (const b of t.bands) {
        const from = constPercent(b.from);
        if (from && (reachedAtCap ? from.gt(attCap.v) : from.gte(attCap.v))) {
          const why = from.eq(attCap.v) ? (t.mode === 'marginal' ? 'no credit above the cap is paid, and the band has none below it' : `with \`bounds in lower band\` an attainment of exactly ${attCap.text} belongs to the band below`) : `credit above quota x ${attCap.text} is not paid`;
          out.push(diag(Codes.BandAboveAttainmentCap, h.file, b.span, { from: src(b.from!.span), cap: attCap.text, name }, { hint: `${why}, so this band never pays` }));
        }
      }
    }
  }
  return out;
}
