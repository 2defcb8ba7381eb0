// The checker's state and the hosts it lends the checks of each mechanic (compiler/semantics/*.ts);
// the bottom of the checker's classes: checker-base -> expressions -> declarations -> checker.
import type * as A from '../syntax/ast.js';
import type { Span } from '../syntax/span.js';
import { Codes, diag, suggest, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { SymbolInfo, SymbolKind } from './symbols.js';
import { newBonusSemantics, type BonusHost } from './bonus-host.js';
import type { EffectiveRateHost } from './effective-rate.js';
import type { MechanicsHost } from './proration.js';
import type { TimeMoneyHost } from './time-money.js';
import type { Semantics, Ctx } from './model.js';
import type { Type } from './types.js';
import type { CheckApi } from './cumulative.js';

export abstract class CheckerBase {
  // What the classes above implement (expressions.ts, declarations.ts, checker.ts), for the hosts.
  protected abstract expr(e: A.Expr, ctx: Ctx, allowTiers?: boolean): Type;
  protected abstract condition(e: A.Expr, ctx: Ctx): void;
  protected abstract nonZero(e: A.Expr, seen: Set<string>): boolean;
  protected abstract letType(name: string): Type;
  protected abstract declareTop(name: A.Name, what: string): boolean;
  protected abstract mechanicsApi(): CheckApi;

  protected readonly s: Semantics;
  protected readonly letState = new Map<string, 'checking' | 'done'>();
  protected readonly letStack: string[] = [];
  protected headerSeen = new Map<string, A.Node>();
  protected periodsDecl?: A.PeriodsDecl;

  constructor(
    protected readonly plan: A.Plan,
    protected readonly file: string,
    protected readonly text: string,
  ) {
    this.s = {
      currency: 'USD',
      types: new Map(),
      res: new Map(),
      tables: new Map(),
      lets: new Map(),
      letOrder: [],
      tiers: new Map(),
      inlineTiers: new Map(),
      credits: [],
      clawbacks: new Map(),
      symbols: [],
      references: [],
      diagnostics: [],
      bonus: newBonusSemantics(),
    };
  }

  protected bonusHostMemo?: BonusHost;
  /** What the checks of curves, scorecards and bonuses use (compiler/semantics/bonus-host.ts). */
  protected bonusHost(): BonusHost {
    return (this.bonusHostMemo ??= {
      file: this.file,
      plan: this.plan,
      s: this.s,
      b: this.s.bonus!,
      err: (d) => this.err(d),
      src: (span) => this.src(span),
      expr: (e, ctx, allowTiers) => this.expr(e, ctx, allowTiers),
      condition: (e, ctx) => this.condition(e, ctx),
      letType: (name) => this.letType(name),
      declareTop: (name, what) => this.declareTop(name, what),
      addSymbol: (sym) => this.addSymbol(sym),
      addRef: (span, sym) => this.addRef(span, sym),
      symbolOf: (kind, name, container) => this.symbolOf(kind, name, container),
      nonZero: (e) => this.nonZero(e, new Set()),
    });
  }

  protected mechHostMemo?: MechanicsHost;
  /** What the proration and credit-rule checks use (compiler/semantics/proration.ts, credit-rules.ts). */
  protected mechHost(): MechanicsHost {
    return (this.mechHostMemo ??= {
      s: this.s,
      file: this.file,
      plan: this.plan,
      frequency: this.frequencyWord(),
      err: (d) => this.err(d),
      src: (span) => this.src(span),
      expr: (e, ctx) => this.expr(e, ctx),
      letType: (name) => this.letType(name),
      didYouMean: (name, candidates, otherwise) => this.didYouMean(name, candidates, otherwise),
      refField: (span, table, field) => this.addRef(span, this.symbolOf('field', field, table)),
      refTable: (span, t) => this.addRef(span, this.symbolOf(t.roster ? 'roster' : 'table', t.name)),
    });
  }

  protected effectiveRates = false;
  /** The host of `effective_rate(...)` (compiler/semantics/effective-rate.ts). */
  protected erHost(): EffectiveRateHost {
    return {
      s: this.s,
      file: this.file,
      plan: this.plan,
      err: (d) => this.err(d),
      src: (span) => this.src(span),
      addRef: (span, sym) => this.addRef(span, sym),
      componentSymbol: (name) => this.symbolOf('component', name),
      didYouMean: (name, candidates, otherwise) => this.didYouMean(name, candidates, otherwise),
    };
  }

  /** The header's frequency word (`monthly`, `weeks`...), `calendar` for `periods from calendar NAME`. */
  protected frequencyWord(): string | undefined {
    return this.periodsDecl?.calendar ? 'calendar' : this.periodsDecl?.frequency?.text;
  }

  /** The host for the time-and-money checks (compiler/semantics/time-money.ts). */
  protected tm(): TimeMoneyHost {
    return {
      s: this.s,
      file: this.file,
      text: this.text,
      plan: this.plan,
      err: (d) => this.err(d),
      expr: (e, ctx) => this.expr(e, ctx as Ctx),
      repCtx: (where) => this.repCtx(where),
      once: (what, node) => this.once(what, node),
      ref: (span, kind, name, container) => this.addRef(span, this.symbolOf(kind, name, container)),
      didYouMean: (name, candidates, otherwise) => this.didYouMean(name, candidates, otherwise),
    };
  }

  // ------------------------------------------------------------ helpers

  protected err(d: Diagnostic): void {
    this.s.diagnostics.push(d);
  }

  protected src(span: Span): string {
    return this.text.slice(span.start, span.end);
  }

  protected addSymbol(sym: SymbolInfo): SymbolInfo {
    this.s.symbols.push(sym);
    return sym;
  }

  protected addRef(span: Span, sym: SymbolInfo | undefined): void {
    if (sym) this.s.references.push({ span, symbol: sym });
  }

  protected symbolOf(kind: SymbolKind, name: string, container?: string): SymbolInfo | undefined {
    return this.s.symbols.find((x) => x.kind === kind && x.name === name && x.container === container);
  }

  protected once(what: string, node: A.Node): boolean {
    const prev = this.headerSeen.get(what);
    if (prev) {
      this.err(diag(Codes.DuplicateHeader, this.file, node.span, { what }, { related: [{ file: this.file, span: prev.span, message: 'first declared here' }] }));
      return false;
    }
    this.headerSeen.set(what, node);
    return true;
  }

  protected didYouMean(name: string, candidates: Iterable<string>, otherwise?: string): { hint?: string; data?: Record<string, unknown> } {
    const s = suggest(name, candidates);
    if (s) return { hint: `did you mean \`${s}\`?`, data: { suggestion: s } };
    return otherwise ? { hint: `expected ${otherwise}` } : {};
  }

  // ------------------------------------------------------------ items

  protected repCtx(where: string): Ctx {
    return { rep: true, where };
  }
}
