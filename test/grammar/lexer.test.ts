// Lexical rules and the token list `parse` returns (for highlighting and completion).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CompLexer, KEYWORD_WORDS, RESERVED, parseCst } from '../../grammar/index.js';
import { parse } from '../../compiler/syntax/parse.js';
import type { Expr, LetDecl } from '../../compiler/syntax/ast.js';

function lex(text: string): string[] {
  return CompLexer.tokenize(text).tokens.map((t) => `${t.tokenType.name}:${t.image}`);
}

function value(text: string): Expr {
  const r = parse(`let v = ${text}`);
  expect(r.diagnostics).toEqual([]);
  return (r.plan.items[0] as LetDecl).value!;
}

describe('lexer', () => {
  it('numbers with thousands groups of exactly 3 digits', () => {
    expect(lex('1,200,000.50')).toEqual(['NumberLiteral:1,200,000.50']);
    expect(lex('1,2')).toEqual(['NumberLiteral:1', 'Comma:,', 'NumberLiteral:2']);
    expect(lex('1,2345')).toEqual(['NumberLiteral:1', 'Comma:,', 'NumberLiteral:2345']);
    expect(lex('1, 200')).toEqual(['NumberLiteral:1', 'Comma:,', 'NumberLiteral:200']);
  });
  it('literals', () => {
    expect(lex('x1.2 12.5% USD 2026-01-15 2026-01 2026-Q1 2026-H1 "a\\"b"')).toEqual([
      'MultiplierLiteral:x1.2',
      'PercentLiteral:12.5%',
      'CurrencyCode:USD',
      'DateLiteral:2026-01-15',
      'PeriodLiteral:2026-01',
      'PeriodLiteral:2026-Q1',
      'PeriodLiteral:2026-H1',
      'StringLiteral:"a\\"b"',
    ]);
  });
  it('keywords are not prefixes of names', () => {
    expect(lex('periods period per perx x1y USDX')).toEqual(['Kw_periods:periods', 'Kw_period:period', 'Kw_per:per', 'Identifier:perx', 'Identifier:x1y', 'Identifier:USDX']);
  });
  it('comments are kept in their own group', () => {
    const r = CompLexer.tokenize('## doc\nlet a = 1 # note');
    expect(r.groups['comments']!.map((t) => t.image)).toEqual(['## doc', '# note']);
    expect(r.tokens.map((t) => t.image)).toEqual(['let', 'a', '=', '1']);
  });
  it('every keyword in the docs is a token; the reserved ones are a subset', () => {
    const doc = readFileSync(fileURLToPath(new URL('../../docs/language.md', import.meta.url)), 'utf8');
    const m = /Keywords \(reserved\): `([^`]+)`/.exec(doc);
    expect(m).not.toBeNull();
    expect([...KEYWORD_WORDS].sort()).toEqual(m![1]!.split(/\s+/).filter(Boolean).sort());
    for (const w of RESERVED) expect(KEYWORD_WORDS).toContain(w);
    for (const w of KEYWORD_WORDS) expect(lex(w)).toEqual([`Kw_${w}:${w}`]);
  });
  it('parseCst never throws and reports lexer errors', () => {
    const r = parseCst('let a = 1 @ 2');
    expect(r.lexErrors.length).toBe(1);
    expect(r.cst).toBeDefined();
  });
});

describe('literals in the AST', () => {
  it('money, percent, number, multiplier, duration keep their text', () => {
    expect(value('USD 15,000')).toMatchObject({ kind: 'MoneyLit', currency: 'USD', amount: '15000' });
    expect(value('EUR 99.90')).toMatchObject({ kind: 'MoneyLit', currency: 'EUR', amount: '99.90' });
    expect(value('12.5%')).toMatchObject({ kind: 'PercentLit', text: '12.5' });
    expect(value('1,200,000.50')).toMatchObject({ kind: 'NumberLit', text: '1200000.50', integer: false });
    expect(value('12345678901234567890123')).toMatchObject({ kind: 'NumberLit', text: '12345678901234567890123', integer: true });
    expect(value('x1.2')).toMatchObject({ kind: 'NumberLit', text: '1.2', span: { start: 8, end: 12 } });
    expect(value('90 days')).toMatchObject({ kind: 'DurationLit', amount: '90', unit: 'days', span: { start: 8, end: 15 } });
    expect(value('12 months')).toMatchObject({ kind: 'DurationLit', amount: '12', unit: 'months' });
    expect(value('2026-01-15')).toMatchObject({ kind: 'DateLit', text: '2026-01-15' });
    expect(value('2026-Q1')).toMatchObject({ kind: 'PeriodLit', text: '2026-Q1' });
    expect(value('"a \\"b\\" \\\\"')).toMatchObject({ kind: 'StringLit', value: 'a "b" \\' });
  });
  it('credit where in parentheses inside a larger expression', () => {
    const v = value('(credit where deal.product = "X") / credit otherwise 0%');
    expect(v).toMatchObject({
      kind: 'Otherwise',
      value: { kind: 'Binary', op: '/', left: { kind: 'CreditExpr', team: false, where: { kind: 'Binary', op: '=' } }, right: { kind: 'CreditExpr' } },
      fallback: { kind: 'PercentLit', text: '0' },
    });
  });
});

describe('tokens for highlighting', () => {
  it('soft keywords used as names are names', () => {
    const text = 'table t {\n  date: date\n}\nlet x = event.date';
    const r = parse(text);
    expect(r.diagnostics).toEqual([]);
    const shown = r.tokens.map((t) => `${text.slice(t.span.start, t.span.end)}:${t.category}${t.keyword ? '*' : ''}`);
    expect(shown).toEqual(['table:keyword*', 't:name', '{:punctuation', 'date:name*', '::punctuation', 'date:name*', '}:punctuation', 'let:keyword*', 'x:name', '=:operator', 'event:name', '.:punctuation', 'date:name*']);
  });
  it('categories of literals and comments', () => {
    const text = '# c\nlet x = USD 1 + 2% + 3 + "s" + 2026-01-01 + 2026-01 + x1.5';
    const cats = parse(text).tokens.map((t) => t.category);
    expect(cats).toEqual(['comment', 'keyword', 'name', 'operator', 'money', 'number', 'operator', 'percent', 'operator', 'number', 'operator', 'string', 'operator', 'date', 'operator', 'period', 'operator', 'number']);
  });
});

describe('parse never throws', () => {
  const inputs = ['', ' ', '\n\n', '#', '##', '"', '"\\', '{', '}', '(((((', ')))', 'let', 'let =', 'credit', 'team credit', 'rate', 'component {', 'tiers t marginal {', '\u0000\uffff\ud800', 'x'.repeat(10000), 'let a = ' + '('.repeat(2000), '1,', ',1', 'USD', 'plan plan plan'];
  for (const s of inputs) {
    it(JSON.stringify(s.slice(0, 20)), () => {
      const r = parse(s);
      expect(r.plan.kind).toBe('Plan');
      expect(r.plan.span).toEqual({ start: 0, end: s.length });
    });
  }
  it('non-string input becomes a diagnostic, not an exception', () => {
    const r = parse(undefined as unknown as string);
    expect(r.plan.items).toEqual([]);
  });
});
