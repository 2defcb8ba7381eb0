// Chevrotain's LL(k) lookahead, each function built on its first use instead of when the parser
// is constructed. `performSelfAnalysis` computes a lookahead function for every alternation and
// optional production of the grammar, which cost about a quarter of a second at every start of the
// CLI; a plan uses a fraction of them. The functions built are chevrotain's own, so parsing (and
// error recovery) is unchanged.
import { LLkLookaheadStrategy, type ILookaheadStrategy } from 'chevrotain';

type AltOptions = Parameters<ILookaheadStrategy['buildLookaheadForAlternation']>[0];
type OptOptions = Parameters<ILookaheadStrategy['buildLookaheadForOptional']>[0];
type AltFn = ReturnType<ILookaheadStrategy['buildLookaheadForAlternation']>;
type OptFn = ReturnType<ILookaheadStrategy['buildLookaheadForOptional']>;

export class LazyLookahead extends LLkLookaheadStrategy {
  override buildLookaheadForAlternation(options: AltOptions): AltFn {
    let fn: AltFn | undefined;
    const build = (): AltFn => (fn = super.buildLookaheadForAlternation(options));
    return function (this: unknown, orAlts) {
      return (fn ?? build()).call(this, orAlts);
    };
  }

  override buildLookaheadForOptional(options: OptOptions): OptFn {
    let fn: OptFn | undefined;
    const build = (): OptFn => (fn = super.buildLookaheadForOptional(options));
    return function (this: unknown) {
      return (fn ?? build()).call(this);
    };
  }
}
