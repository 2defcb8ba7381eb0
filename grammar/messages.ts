// The parser's error messages: `compErrorMessageProvider` says each syntax error in the plan's
// words and encodes it as JSON `{code, args}`, which `compiler/syntax/parse.ts` turns into
// registry diagnostics (COMP1101/1103/1104).
import { EOF, type IParserErrorMessageProvider, type IToken, type TokenType } from 'chevrotain';
import * as T from './tokens.js';

export interface EncodedError {
  code: 'COMP1101' | 'COMP1103' | 'COMP1104';
  args: Record<string, string>;
}

const EXPR_RULES = new Set(['expression', 'orExpr', 'andExpr', 'notExpr', 'cmpExpr', 'addExpr', 'mulExpr', 'unaryExpr', 'postfix', 'primary', 'callArgs']);

/** How a found token is named in a message. */
export function describeFound(tok: IToken | undefined): string {
  if (!tok || tok.tokenType === EOF) return 'the end of the file';
  if (tok.tokenType === T.UnterminatedString || tok.tokenType === T.StringLiteral) return 'text `' + clip(tok.image) + '`';
  return '`' + clip(tok.image) + '`';
}

function clip(s: string): string {
  return s.length > 30 ? s.slice(0, 29) + '…' : s;
}

function label(t: TokenType): string {
  if (t === EOF) return 'the end of the file';
  return t.LABEL ?? t.name;
}

/** What is expected, said in the plan's words when the context is known. */
function expectedPhrase(expected: TokenType, rule: string, previous: IToken | undefined): string {
  const prev = previous?.image;
  switch (rule) {
    case 'band':
      if (expected === T.Pays) return "`pays` after the band's bounds";
      break;
    case 'tierTable':
      if (expected === T.RBrace) return 'a band (`from ... pays ...`) or `}`';
      if (expected === T.LBrace) return '`{` to open the bands';
      break;
    case 'componentDecl':
      if (expected === T.RBrace) return 'a clause (`for`, `on`, `basis`, `rate`, `gate`, `multiplier`, `cap`, `clawback`) or `}`';
      if (expected === T.LBrace) return "`{` to open the component's clauses";
      break;
    case 'tableDecl':
      if (expected === T.RBrace) return 'a field (`name: type`) or `}`';
      if (expected === T.LBrace) return "`{` to open the table's fields";
      break;
    case 'field':
      if (expected === T.Colon) return '`:` after the field name';
      if (expected === T.StringTok) return 'text in quotes for the alias';
      if (expected === T.Means) return '`means` between the two spellings';
      break;
    case 'header':
      if (expected === T.StringTok) return "the plan's name in quotes";
      break;
    case 'currencyDecl':
      if (expected === T.CurrencyCode) return 'a currency code such as `USD`';
      break;
    case 'letDecl':
      if (expected === T.Eq) return '`=` after the name';
      break;
    case 'roundingDecl':
      if (expected === T.To) return '`to` and the rounding place, e.g. `to 0.01`';
      if (expected === T.NumberLiteral) return 'the rounding place, e.g. `0.01`';
      if (expected === T.Per || expected === T.Payout || expected === T.Line) return '`per payout line`';
      break;
    case 'clause':
      if (expected === T.Within) return '`within` and a duration, e.g. `within 90 days`';
      if (expected === T.Per) return '`per deal` or `per period` after the cap amount';
      if (expected === T.At) return '`at` after `cap attainment`';
      break;
    case 'drawDecl':
      if (expected === T.Per || expected === T.Period) return '`per period` after the amount';
      if (expected === T.Recoverable) return '`recoverable` after `draw`';
      break;
    case 'duration':
      if (expected === T.NumberLiteral) return 'a number of days or months, e.g. `90 days`';
      break;
    case 'primary':
      if (expected === T.RParen) return '`)` to close the parenthesis';
      if (expected === T.Then) return '`then` after the condition';
      if (expected === T.Else) return '`else` and the value otherwise';
      if (expected === T.NumberLiteral && previous?.tokenType === T.CurrencyCode) return `an amount after \`${prev}\``;
      break;
    case 'callArgs':
      if (expected === T.RParen) return '`)` to close the arguments';
      break;
    case 'name':
      if (previous?.tokenType === T.Dot) return 'a field name after `.`';
      return 'a name';
    case 'plan':
      break;
  }
  if (expected === T.NameTok || expected === T.Identifier) return previous?.tokenType === T.Dot ? 'a field name after `.`' : 'a name';
  return label(expected);
}

function encode(e: EncodedError): string {
  return JSON.stringify(e);
}

export const compErrorMessageProvider: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual, previous, ruleName }) {
    if (ruleName === 'plan' && expected === EOF) {
      return encode({ code: 'COMP1104', args: { found: describeFound(actual) } });
    }
    return encode({ code: 'COMP1101', args: { expected: expectedPhrase(expected, ruleName, previous), found: describeFound(actual) } });
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return encode({ code: 'COMP1104', args: { found: describeFound(firstRedundant) } });
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual, previous, ruleName }) {
    const found = describeFound(actual[0]);
    if (EXPR_RULES.has(ruleName)) {
      if (ruleName === 'postfix' || previous?.tokenType === T.Dot) {
        return encode({ code: 'COMP1101', args: { expected: 'a field name after `.`', found } });
      }
      return encode({ code: 'COMP1103', args: { found } });
    }
    if (ruleName === 'item' || ruleName === 'plan') return encode({ code: 'COMP1104', args: { found } });
    if (ruleName === 'clawbackWindow') return encode({ code: 'COMP1101', args: { expected: '`within` and a duration, e.g. `within 90 days`, or `schedule { ... }`', found } });
    const firsts: string[] = [];
    for (const alt of expectedPathsPerAlt) {
      for (const path of alt) {
        const t = path[0];
        if (!t) continue;
        const l = t === T.NameTok ? 'a name' : label(t);
        if (!firsts.includes(l)) firsts.push(l);
      }
    }
    let expected: string;
    if (ruleName === 'clause' || (ruleName === 'componentDecl')) expected = 'a clause';
    else if (ruleName === 'rateValue') expected = 'a rate: a percent, a tiers name or `marginal { ... }`';
    else if (ruleName === 'periodsDecl') expected = '`monthly`, `quarterly`, `annual`, `weekly`, `every N weeks` or `from calendar NAME`';
    else if (ruleName === 'roundingMode') expected = 'a rounding mode: `half away from zero`, `half even`, `half up`, `half down`, `up` or `down`';
    else if (ruleName === 'tierTable') expected = '`marginal` or `retroactive`';
    else expected = firsts.length <= 1 ? firsts[0] ?? 'something else' : firsts.slice(0, -1).join(', ') + ' or ' + firsts[firsts.length - 1];
    return encode({ code: 'COMP1101', args: { expected, found } });
  },
  buildEarlyExitMessage({ actual, ruleName }) {
    const found = describeFound(actual[0]);
    if (EXPR_RULES.has(ruleName)) return encode({ code: 'COMP1103', args: { found } });
    return encode({ code: 'COMP1101', args: { expected: 'more here', found } });
  },
};
