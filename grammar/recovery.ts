// Error recovery in time linear in the number of errors.
//
// On every syntax error chevrotain recomputes, from the grammar, the token sequences each
// alternative could have started with (to build the "expected ..." message): tens of
// milliseconds for the large alternations of this grammar, paid again for each error. The
// answer depends only on the rule and the production, so it is computed once per production and
// kept. The two methods below are chevrotain's own (parser/traits/error_handler.js, v11), with
// the computation memoised.
import { EarlyExitException, NoViableAltException, getLookaheadPaths, type CstParser, type IToken, type TokenType } from 'chevrotain';

// chevrotain's PROD_TYPE, by number, as getLookaheadPaths names it
const PROD_NAMES = ['Option', 'Repetition', 'RepetitionMandatory', 'RepetitionMandatoryWithSeparator', 'RepetitionWithSeparator', 'Alternation'] as const;

interface ParserInternals {
  getCurrRuleFullName(): string;
  getGAstProductions(): Record<string, Parameters<typeof getLookaheadPaths>[0]['rule']>;
  maxLookahead: number;
  LA(i: number): IToken;
  errorMessageProvider: {
    buildNoViableAltMessage(o: unknown): string;
    buildEarlyExitMessage(o: unknown): string;
  };
  SAVE_ERROR(e: Error): Error;
  raiseNoAltException(occurrence: number, errMsgTypes: string | undefined): never;
  raiseEarlyExitException(occurrence: number, prodType: number, userDefinedErrMsg: string | undefined): never;
}

export function memoiseErrorLookahead(parser: CstParser): void {
  const p = parser as unknown as ParserInternals;
  const cache = new Map<string, TokenType[][][]>();
  const paths = (prodType: (typeof PROD_NAMES)[number], occurrence: number, ruleName: string): TokenType[][][] => {
    const key = `${ruleName}\u0000${prodType}\u0000${occurrence}`;
    let v = cache.get(key);
    if (!v) {
      v = getLookaheadPaths({ occurrence, rule: p.getGAstProductions()[ruleName]!, prodType, maxLookahead: p.maxLookahead }) as TokenType[][][];
      cache.set(key, v);
    }
    return v;
  };
  const actual = (): IToken[] => {
    const out: IToken[] = [];
    for (let i = 1; i <= p.maxLookahead; i++) out.push(p.LA(i));
    return out;
  };
  p.raiseNoAltException = function (occurrence, errMsgTypes) {
    const ruleName = p.getCurrRuleFullName();
    const previous = p.LA(0);
    const msg = p.errorMessageProvider.buildNoViableAltMessage({ expectedPathsPerAlt: paths('Alternation', occurrence, ruleName), actual: actual(), previous, customUserDescription: errMsgTypes, ruleName });
    throw p.SAVE_ERROR(new NoViableAltException(msg, p.LA(1), previous));
  };
  p.raiseEarlyExitException = function (occurrence, prodType, userDefinedErrMsg) {
    const ruleName = p.getCurrRuleFullName();
    const name = PROD_NAMES[prodType] ?? 'RepetitionMandatory';
    const msg = p.errorMessageProvider.buildEarlyExitMessage({ expectedIterationPaths: paths(name, occurrence, ruleName)[0], actual: actual(), previous: p.LA(0), customUserDescription: userDefinedErrMsg, ruleName });
    throw p.SAVE_ERROR(new EarlyExitException(msg, p.LA(1), p.LA(0)));
  };
}
