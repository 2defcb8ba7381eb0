// Credit rules (docs/language.md section 17): a rate looked up per deal by one of its fields
// (`rate by deal.product { ... }`), and the team's quota and attainment (`team quota`, `team
// attainment`). All amounts and rates are Decimals.
import { Decimal } from '../decimal.js';
import { formatAmount, formatPercent } from '../format.js';
import type { CreditRuleExpr, Expr, HierarchyIR, RowValue, TraceNode } from '../ir.js';

/** What the evaluator lends to the credit-rule closures (C is its evaluation context). */
export interface CreditRuleHelpers<C> {
  row(c: C): RowValue | null;
  rep(c: C): RowValue | null;
  dec(v: unknown, c: C): Decimal;
  note(c: C, node: TraceNode): void;
  /** Whether notes are kept (false: a run without traces; their texts are not made). */
  traced(c: C): boolean;
  /** Keys of the reps whose `team by` field names the current rep, sorted. */
  teamMembers(c: C): string[];
  /** A let of another rep (a team member) in the same period. */
  memberLet(c: C, rep: string, name: string): unknown;
  teamCredit(c: C): Decimal;
  /** `team quota at level 2`: the reps of that roll-up, and their credit (runtime/mechanics/relations.ts). */
  rollupMembers(c: C, h: HierarchyIR): string[];
  rollupCredit(c: C, h: HierarchyIR): Decimal;
  /** `let team quota = ...` when the plan declares it. */
  teamQuotaLet(c: C): Decimal | undefined;
  /** Throws the evaluator's division-by-zero failure (caught by `otherwise`). */
  divisionByZero(c: C): never;
  /** The direct team's default `team quota` when this evaluation already summed it for the same members (no trace kept). */
  knownTeamQuota?(c: C): Decimal | undefined;
  keepTeamQuota?(c: C, q: Decimal): void;
}

/** A run error with its own registry code, located on a data row. */
export class RuleError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly loc: { file: string; line: number } | undefined,
  ) {
    super(message);
  }
}

const ZERO = new Decimal(0);
const pct = (d: Decimal): string => formatPercent(d);
const money = (d: Decimal): string => formatAmount(d);

/** `team quota` when no `let team quota` is declared: the sum of the members' `quota`. */
/** `by product_lead at level 2` as written. */
function rollupWords(h: HierarchyIR): string {
  return `by ${h.by} ${h.level === 'all' ? 'at all levels' : `at level ${h.level}`}`;
}

export function defaultTeamQuota<C>(c: C, h: CreditRuleHelpers<C>, hier?: HierarchyIR): Decimal {
  const members = hier ? h.rollupMembers(c, hier) : h.teamMembers(c);
  let total = ZERO;
  const traced = h.traced(c);
  const parts: string[] = [];
  for (const m of members) {
    const q = h.dec(h.memberLet(c, m, 'quota'), c);
    total = total.plus(q);
    if (traced) parts.push(`${m} ${money(q)}`);
  }
  if (traced) h.note(c, {
    kind: 'team quota',
    text: `team quota${hier ? ` ${rollupWords(hier)}` : ''} = ${members.length ? parts.join(' + ') : 'no team members'} = ${money(total)} (the quota of each member in this period)`,
    value: total.toFixed(),
  });
  return total;
}

/** The direct team's `team quota` when no `let team quota` is declared, summed once per team when the evaluator can keep it. */
function teamQuota<C>(c: C, h: CreditRuleHelpers<C>): Decimal {
  const known = h.knownTeamQuota?.(c);
  if (known !== undefined) return known;
  const q = defaultTeamQuota(c, h);
  h.keepTeamQuota?.(c, q);
  return q;
}

export function compileCreditRule<C>(e: CreditRuleExpr, sub: (x: Expr) => (c: C) => unknown, h: CreditRuleHelpers<C>): (c: C) => unknown {
  switch (e.k) {
    case 'rateBy': {
      const key = sub(e.key);
      const text = e.text;
      const table = new Map<string, { rate: (c: C) => unknown; line: string }>();
      for (const en of e.entries) {
        const rate = sub(en.rate);
        for (const v of en.values) if (!table.has(v)) table.set(v, { rate, line: `"${v}"` });
      }
      const otherwise = e.otherwise ? sub(e.otherwise) : undefined;
      return (c) => {
        const row = h.row(c);
        if (!row) throw new Error(`rate by ${text} is looked up per deal`);
        const v = key(c);
        const value = typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v);
        const hit = table.get(value);
        let r: Decimal;
        let why: string;
        if (hit) {
          r = h.dec(hit.rate(c), c);
          why = `${text} is "${value}"`;
        } else if (otherwise) {
          r = h.dec(otherwise(c), c);
          why = `${text} "${value}" is not listed: otherwise`;
        } else {
          throw new RuleError(
            'COMP7060',
            `${row.table} \`${row.key}\` has ${text} \`${value}\`, which \`rate by ${text}\` does not list and it has no \`otherwise\``,
            row.loc,
          );
        }
        if (h.traced(c)) h.note(c, { kind: 'rate by', text: `${row.key}: ${why}, pays ${pct(r)}`, value: r.toFixed() });
        return r;
      };
    }
    case 'team': {
      const hier = e.hierarchy;
      // a roll-up's team quota is always its members' quotas (`let team quota` is the direct team's)
      if (hier) {
        if (e.what === 'quota') return (c) => defaultTeamQuota(c, h, hier);
        return (c) => {
          const q = defaultTeamQuota(c, h, hier);
          const credit = h.rollupCredit(c, hier);
          if (q.isZero()) h.divisionByZero(c);
          const a = credit.div(q);
          if (h.traced(c)) h.note(c, { kind: 'team attainment', text: `team attainment ${rollupWords(hier)} = team credit ${money(credit)} / team quota ${money(q)} = ${pct(a)}`, value: a.toFixed() });
          return a;
        };
      }
      if (e.what === 'quota') return (c) => h.teamQuotaLet(c) ?? teamQuota(c, h);
      return (c) => {
        const q = h.teamQuotaLet(c) ?? teamQuota(c, h);
        const credit = h.teamCredit(c);
        if (q.isZero()) h.divisionByZero(c);
        const a = credit.div(q);
        if (h.traced(c)) h.note(c, { kind: 'team attainment', text: `team attainment = team credit ${money(credit)} / team quota ${money(q)} = ${pct(a)}`, value: a.toFixed() });
        return a;
      };
    }
  }
}
