import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDataset, resolveSource } from '../../compiler/data/load.js';
import { Decimal } from '../../runtime/decimal.js';
import type { Dataset, PlanIR, RowValue } from '../../runtime/ir.js';
import { csat, deals, field, money, plan, products, reps, splits, table, testPlan, text } from './ir.js';

const fx = (name: string) => path.join('test', 'data', 'fixtures', name);

/** Errors as `file:line:column code`, the way tests compare them. */
function located(ir: PlanIR, inputs: string[]): string[] {
  return loadDataset(ir, inputs).errors.map((e) => `${path.basename(e.file)}:${e.line}:${e.column} ${e.code}`);
}

/** A dataset as plain JSON (Decimals as strings), keyed by table, rows sorted by key. */
function plain(ds: Dataset, sort = false): unknown {
  const out: Record<string, unknown> = {};
  for (const [t, rows] of Object.entries(ds)) {
    const rs = rows.map((r: RowValue) => ({ key: r.key, values: JSON.parse(JSON.stringify(r.values)) }));
    if (sort) rs.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
    out[t] = t === 'splits' || t === 'csat' ? rs.map((r) => r.values) : rs;
    if (sort && (t === 'splits' || t === 'csat')) (out[t] as unknown[]).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  }
  return out;
}

const tmp: string[] = [];
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'comp-load-'));
  tmp.push(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return dir;
}
afterAll(() => {
  for (const d of tmp) rmSync(d, { recursive: true, force: true });
});

describe('loadDataset: clean data', () => {
  const { dataset, errors } = loadDataset(testPlan, [fx('good')]);

  it('reports nothing', () => {
    expect(errors).toEqual([]);
  });

  it('reads every row with exact values', () => {
    expect(dataset.reps!.map((r) => r.key)).toEqual(['Ana', 'Ben', 'Cy']);
    const ana = dataset.reps![0]!.values;
    expect(ana.manager).toBeNull();
    expect((ana.monthly_quota as Decimal).toString()).toBe('100000');
    expect(ana.active).toBe(true);
    const ben = dataset.reps![1]!.values;
    expect((ben.monthly_quota as Decimal).toString()).toBe('15000.5');
    expect(ben.hire_date).toEqual({ kind: 'date', iso: '2016-03-01' });
    expect(dataset.reps![2]!.values.active).toBe(false);
  });

  it('applies aliases before checking references', () => {
    expect(dataset.deals![0]!.values.product).toBe('GTX Pro');
  });

  it('keeps decimals exact and reads percents as fractions', () => {
    const d4 = dataset.deals![3]!;
    expect(d4.key).toBe('D4, "big"');
    expect(d4.values.amount).toBeInstanceOf(Decimal);
    expect((d4.values.amount as Decimal).toString()).toBe('12345.678');
    expect((d4.values.discount as Decimal).toString()).toBe('0.125');
    expect((dataset.deals![1]!.values.discount as Decimal).toString()).toBe('0.05');
    expect(d4.values.close_date).toEqual({ kind: 'date', iso: '2016-02-29' });
  });

  it('reads empty optional cells as null', () => {
    const d3 = dataset.deals![2]!.values;
    expect(d3.close_date).toBeNull();
    expect(d3.amount).toBeNull();
  });

  it('reads periods with their bounds', () => {
    expect(dataset.csat!.map((r) => r.values.month)).toEqual([
      { kind: 'period', key: '2017-03', start: '2017-03-01', end: '2017-03-31' },
      { kind: 'period', key: '2017-Q1', start: '2017-01-01', end: '2017-03-31' },
      { kind: 'period', key: '2017-H2', start: '2017-07-01', end: '2017-12-31' },
    ]);
    expect((dataset.csat![2]!.values.score as Decimal).toString()).toBe('-0.25');
  });

  it('records where each row came from; keyless tables are keyed by position', () => {
    expect(dataset.deals![1]!.loc).toEqual({ file: path.join(fx('good'), 'deals.csv'), line: 3 });
    expect(dataset.splits!.map((r) => r.key)).toEqual(['1', '2', '3', '4']);
    expect(dataset.splits![2]!.values.overlay).toBe(true);
    expect(dataset.splits![3]!.values.overlay).toBeNull();
  });
});

describe('loadDataset: every error, located', () => {
  it('reports all errors with file, line and column, sorted', () => {
    expect(located(testPlan, [fx('bad')])).toEqual([
      'csat.csv:1:1 COMP6002',
      'deals.csv:3:8 COMP6005',
      'deals.csv:3:19 COMP6004',
      'deals.csv:3:42 COMP6003',
      'deals.csv:3:46 COMP6003',
      'deals.csv:4:1 COMP6008',
      'deals.csv:4:22 COMP6010',
      'deals.csv:5:4 COMP6005',
      'deals.csv:5:33 COMP6010',
      'reps.csv:1:48 COMP6014',
      'reps.csv:3:5 COMP6005',
      'reps.csv:3:13 COMP6004',
      'reps.csv:3:24 COMP6013',
      'reps.csv:3:26 COMP6009',
      'reps.csv:4:1 COMP6008',
      'reps.csv:4:23 COMP6010',
      'reps.csv:5:8 COMP6007',
      'reps.csv:5:20 COMP6010',
      'splits.csv:2:1 COMP6006',
      'splits.csv:7:1 COMP6005',
    ]);
  });

  const errors = loadDataset(testPlan, [fx('bad')]).errors;
  const find = (code: string, line?: number) => errors.find((e) => e.code === code && (line === undefined || e.line === line))!;

  it('COMP6002 missing column', () => {
    expect(find('COMP6002').message).toBe('column `month` of table `csat` is missing');
  });
  it('COMP6003 bad number: no exponent, no fraction in an integer, no trailing letters', () => {
    expect(find('COMP6003', 3).message).toBe('`1.5` is not a whole number');
    const d = loadDataset(plan([table('t', [field('n', { t: 'decimal' })])]), [folder({ 't.csv': 'n\n1e5\n12abc\n1.50\n' })]).errors;
    expect(d.map((e) => [e.line, e.code, e.message])).toEqual([
      [2, 'COMP6003', '`1e5` is not a number'],
      [3, 'COMP6003', '`12abc` is not a number'],
    ]);
  });
  it('COMP6004 bad date: real calendar dates only', () => {
    expect(errors.filter((e) => e.code === 'COMP6004').map((e) => e.message)).toEqual([
      '`2017-13-01` is not a date (YYYY-MM-DD)',
      '`2016-02-30` is not a date (YYYY-MM-DD)',
    ]);
  });
  it('COMP6005 unknown reference with a did-you-mean hint', () => {
    const e = errors.find((x) => x.code === 'COMP6005' && x.line === 3 && x.file.endsWith('deals.csv'))!;
    expect(e.message).toBe('`GTXPRo` is not a product in `products`');
    expect(e.hint).toContain('did you mean `GTX Pro`?');
    expect(e.hint).toContain('where "GTXPRo" means "GTX Pro"');
    const rep = errors.find((x) => x.code === 'COMP6005' && x.file.endsWith('reps.csv'))!;
    expect(rep.message).toBe('`Anna` is not a rep in `reps`');
    expect(rep.hint).toBe('did you mean `Ana`?');
  });
  it('COMP6005 without the alias, GTXPro is not a product', () => {
    const noAlias = plan([reps, products, { ...deals, fields: deals.fields.map((f) => (f.name === 'product' ? { ...f, aliases: undefined } : f)) }]);
    const e = loadDataset(noAlias, [fx('good')]).errors.filter((x) => x.code !== 'COMP6354');
    expect(e.map((x) => `${x.line}:${x.column} ${x.code} ${x.hint}`)).toEqual([
      '2:8 COMP6005 did you mean `GTX Pro`? If the data spells it `GTXPro`, say so in the plan: `product: products where "GTXPro" means "GTX Pro"`',
    ]);
  });
  it('COMP6006 splits naming the deal and the sum, at its first split row', () => {
    expect(find('COMP6006').message).toBe('the splits of deal `D1` sum to 90%, not 100%');
  });
  it('COMP6007 empty required value', () => {
    expect(find('COMP6007').message).toBe('`role` is empty and not declared optional');
  });
  it('COMP6008 duplicate key, naming the first line', () => {
    expect(find('COMP6008', 4).message).toMatch(/^`(Ben|D1)` appears twice in `(reps|deals)` \(first at line (3|2)\)$/);
    expect(errors.filter((e) => e.code === 'COMP6008').map((e) => e.message)).toEqual([
      '`D1` appears twice in `deals` (first at line 2)',
      '`Ben` appears twice in `reps` (first at line 3)',
    ]);
  });
  it('COMP6009 bad boolean', () => {
    expect(find('COMP6009').message).toBe('`maybe` is not true or false');
  });
  it('COMP6010 money in another currency, or not money', () => {
    expect(errors.filter((e) => e.code === 'COMP6010').map((e) => e.message)).toEqual([
      '`12abc` is not an amount in USD',
      '`EUR 100` is not an amount in USD',
      '`EUR 5000` is not an amount in USD',
      '`1e5` is not an amount in USD',
    ]);
  });
  it('COMP6011 bad period', () => {
    const t = plan([table('t', [field('p', { t: 'period' })])]);
    const e = loadDataset(t, [folder({ 't.csv': 'p\n2017-13\n2017-Q5\n2017-Q4\n2017-03-01\n' })]).errors;
    expect(e.map((x) => `${x.line}:${x.column} ${x.code}`)).toEqual(['2:1 COMP6011', '3:1 COMP6011', '5:1 COMP6011']);
    expect(e[0]!.message).toBe('`2017-13` is not a period (2026-01, 2026-Q1, 2026-H1, 2026, FY2027-Q1, a week\'s first day)');
  });
  it('COMP6013 not positive', () => {
    expect(find('COMP6013').message).toBe('`monthly_quota` must be greater than zero, found `0`');
  });
  it('COMP6014 undeclared column is a warning', () => {
    const w = find('COMP6014');
    expect(w.severity).toBe('warning');
    expect(w.message).toBe('column `nickname` is not declared in table `reps` and is not read');
    expect(errors.filter((e) => e.severity === 'warning')).toHaveLength(1);
  });
  it('COMP6001 missing file, naming the paths looked at', () => {
    const ir = plan([reps, table('targets', [field('id', text)], { key: 'id' })]);
    const e = loadDataset(ir, [fx('good')]).errors.filter((x) => x.code !== 'COMP6354');
    expect(e).toHaveLength(1);
    expect(e[0]).toMatchObject({ code: 'COMP6001', line: 1, column: 1, severity: 'error' });
    expect(e[0]!.message).toBe(
      `no file for table \`targets\` (looked for ${path.join(fx('good'), 'targets.csv')}, ${path.join(fx('good'), 'targets.json')}, ${path.join(fx('good'), 'targets.parquet')})`,
    );
  });
  it('COMP6012 malformed CSV and JSON, and every other row still checked', () => {
    expect(located(plan([reps, products, deals]), [fx('malformed')])).toEqual([
      'deals.json:2:69 COMP6012',
      'products.json:3:37 COMP6012',
      'products.json:4:3 COMP6012',
      'reps.csv:3:23 COMP6012',
      'reps.csv:4:1 COMP6012',
      'reps.csv:5:1 COMP6012',
      'reps.csv:6:5 COMP6012',
      'reps.csv:7:23 COMP6013',
    ]);
    const e = loadDataset(plan([reps, products, deals]), [fx('malformed')]).errors;
    expect(e.find((x) => x.line === 6)!.message).toBe('a quoted value is never closed with `"`');
    expect(e.find((x) => x.line === 4 && x.file.endsWith('reps.csv'))!.message).toBe('this row has 3 values, the header has 6 columns');
  });
});

describe('loadDataset: inputs', () => {
  it('reads JSON arrays of objects (.json in place of .csv) to the same dataset', () => {
    const csv = loadDataset(testPlan, [fx('good')]);
    const json = loadDataset(testPlan, [fx('json')]);
    expect(json.errors).toEqual([]);
    expect(plain(json.dataset)).toEqual(plain(csv.dataset));
  });

  it('locates JSON values by line and column', () => {
    const dir = folder({
      'products.json': '[\n  {"product": "GTX Pro", "price": 1e5},\n  {"product": "GTX Basic", "price": "USD 12.5", "colour": "red"}\n]\n',
    });
    const e = loadDataset(plan([products]), [dir]).errors;
    expect(e.map((x) => `${x.line}:${x.column} ${x.code} ${x.message}`)).toEqual([
      '2:35 COMP6010 `1e5` is not an amount in USD',
      '3:49 COMP6014 column `colour` is not declared in table `products` and is not read',
    ]);
    expect((loadDataset(plan([products]), [dir]).dataset.products![1]!.values.price as Decimal).toString()).toBe('12.5');
  });

  it('reports a key left out of a JSON object as empty, at the object', () => {
    const dir = folder({ 'products.json': '[{"product": "A", "price": 1},\n {"product": "B"}]' });
    const e = loadDataset(plan([products]), [dir]).errors;
    expect(e.map((x) => `${x.line}:${x.column} ${x.code}`)).toEqual(['2:2 COMP6007']);
  });

  it('finds files given one by one, by name', () => {
    const files = ['reps.csv', 'products.csv', 'deals.csv', 'splits.csv', 'csat.csv'].map((f) => path.join(fx('good'), f));
    expect(loadDataset(testPlan, files).errors).toEqual([]);
    expect(resolveSource(reps, [fx('json'), fx('good')]).file).toBe(path.join(fx('json'), 'reps.json'));
  });

  it('does not depend on row order', () => {
    const a = loadDataset(testPlan, [fx('good')]);
    const b = loadDataset(testPlan, [fx('shuffled')]);
    expect(b.errors).toEqual([]);
    expect(plain(b.dataset, true)).toEqual(plain(a.dataset, true));
  });

  it('checks split sums and references regardless of order', () => {
    const files = {
      'reps.csv': 'id,manager,role,hire_date,monthly_quota,active\nBen,Ana,AE,2016-03-01,1,yes\nAna,,M,2016-03-01,1,yes\n',
      'products.csv': 'product,price\nP,1\n',
      'deals.csv': 'id,owner,product,stage,close_date,amount,units,discount\nD1,Ben,P,Won,2017-01-01,10,,\n',
      'splits.csv': 'deal,rep,share,overlay\nD1,Ben,33.3%,\nD1,Ana,66.7%,\nD1,Ana,10%,yes\n',
      'csat.csv': 'rep,month,score\n',
    };
    expect(loadDataset(testPlan, [folder(files)]).errors).toEqual([]);
    const off = { ...files, 'splits.csv': 'deal,rep,share,overlay\nD1,Ana,66.7%,\nD1,Ben,33.29%,\n' };
    const e = loadDataset(testPlan, [folder(off)]).errors;
    expect(e.map((x) => `${x.line}:${x.column} ${x.message}`)).toEqual(['2:1 the splits of deal `D1` sum to 99.99%, not 100%']);
  });

  it('never coerces: trailing text, thousands groups and bad booleans are errors', () => {
    const t = plan([table('t', [field('m', money), field('i', { t: 'integer' }), field('b', { t: 'boolean' })])]);
    const e = loadDataset(t, [folder({ 't.csv': 'm,i,b\n"1,00",1,YES\n15000 USD,"1,000",No\n"15,000.50",01,1\n' })]).errors;
    expect(e.map((x) => `${x.line}:${x.column} ${x.code}`)).toEqual(['2:1 COMP6010', '3:1 COMP6010', '4:16 COMP6009']);
  });

  it('locates cells in CRLF files, after a BOM, and after a value spanning lines', () => {
    const t = plan([table('t', [field('note', text), field('d', { t: 'date' })])]);
    const crlf = loadDataset(t, [folder({ 't.csv': '\ufeffnote,d\r\nok,2017-01-01\r\n"two\r\nlines",2017-02-30\r\nx,bad\r\n' })]);
    expect(crlf.errors.map((x) => `${x.line}:${x.column} ${x.code}`)).toEqual(['4:8 COMP6004', '5:3 COMP6004']);
    expect(crlf.dataset.t!.map((r) => r.values.note)).toEqual(['ok', 'two\r\nlines', 'x']);
    expect(crlf.dataset.t!.map((r) => r.loc.line)).toEqual([2, 3, 5]);
  });

  it('reads a header-only file as no rows, and reports an empty file', () => {
    const t = plan([table('t', [field('n', text)])]);
    expect(loadDataset(t, [folder({ 't.csv': 'n\n' })])).toMatchObject({ errors: [], dataset: { t: [] } });
    const e = loadDataset(t, [folder({ 't.csv': '' })]).errors;
    expect(e.map((x) => `${x.line}:${x.column} ${x.code} ${x.message}`)).toEqual(['1:1 COMP6012 the file is empty: a CSV input needs a header row']);
  });

  it('keeps text exactly as written, and only typed values may have spaces around them', () => {
    const t = plan([table('t', [field('name', text), field('n', { t: 'integer' }, { positive: true })])]);
    const r = loadDataset(t, [folder({ 't.csv': 'name,n\n  Ann , 12 \nBo,-3\n' })]);
    expect(r.dataset.t![0]!.values.name).toBe('  Ann ');
    expect((r.dataset.t![0]!.values.n as Decimal).toString()).toBe('12');
    expect(r.errors.map((x) => `${x.line}:${x.column} ${x.code}`)).toEqual(['3:4 COMP6013']);
  });
});

describe('loadDataset: tables read per rep', () => {
  const reps2 = 'id,manager,role,hire_date,monthly_quota,active\nAna,,AE,2016-01-01,1000,true\nBen,Ana,AE,2016-01-01,1000,true\n';
  const csatCsv = 'rep,month,score\nAna,2017-03,4.5\nBen,2017-03,4.0\nAna,2017-04,4.1\nAna,2017-03,3.9\n';
  const readsCsat = plan([reps, csat], {
    lets: [{ name: 'score', type: 'decimal', expr: { k: 'lookup', table: 'csat', field: 'score' }, text: 'let score = csat.score' }],
  });

  it('rejects a second row for the same rep and period when the plan reads the table per rep', () => {
    const dir = folder({ 'reps.csv': reps2, 'csat.csv': csatCsv });
    const { errors } = loadDataset(readsCsat, [dir]);
    expect(errors.map((e) => `${path.basename(e.file)}:${e.line}:${e.column} ${e.code}`)).toEqual(['csat.csv:5:1 COMP6008']);
    expect(errors[0]!.message).toContain('Ana / 2017-03');
    expect(errors[0]!.message).toContain('line 2');
  });

  it('allows repeated reps in a table the plan does not read per rep', () => {
    const dir = folder({ 'reps.csv': reps2, 'csat.csv': csatCsv });
    expect(loadDataset(plan([reps, csat]), [dir]).errors).toEqual([]);
  });
});
