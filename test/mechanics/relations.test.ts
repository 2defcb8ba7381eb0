// Issue 8, rules 7 and 10 (part 2): aggregates over related rows (`sum`, `count`, `min`, `max`
// with `where`), lets shown as `comp run` columns (`show`), and ancestor tests on
// self-referencing tables (`within`), docs/language.md sections 22 and 24. Figures by hand.
import { describe, expect, it } from 'vitest';
import { formatCsv, formatTable } from '../../compiler/cli/report.js';
import { analyze } from '../../compiler/analysis.js';
import { codes, paid, plan, run, stmt, traceTexts } from './helpers-g2.js';

const deals = '  units: integer\n  margin: money\n  product: products';
const products = `table products from "products.csv" {
  id: text key
  parent: products optional
}`;
const expenses = `table expenses from "expenses.csv" {
  id: text key
  rep: rep
  spent_on: date
  category: text
  cost: money
}`;
const files = {
  'reps.csv': 'id\nada\nben',
  'products.csv': 'id,parent\nFurniture,\nChairs,Furniture\nOffice chairs,Chairs\nDesks,Furniture\nLamps,',
  // ada, January: d1 3 units 1,000 margin (Office chairs), d2 2 units 500 margin (Lamps);
  // February: d3 4 units 2,000 margin (Desks). ben: d4 in January, 1 unit.
  'deals.csv': `id,owner,close_date,amount,units,margin,product
    d1,ada,2026-01-10,10000,3,1000,Office chairs
    d2,ada,2026-01-20,5000,2,500,Lamps
    d3,ada,2026-02-05,20000,4,2000,Desks
    d4,ben,2026-01-15,8000,1,300,Chairs`,
  'expenses.csv': `id,rep,spent_on,category,cost
    e1,ada,2026-01-31,travel,400
    e2,ada,2026-02-01,travel,100
    e3,ada,2026-01-05,meals,50
    e4,ben,2026-01-07,travel,70`,
};

const body = `${products}
${expenses}
let units = sum(deal.units)
let furniture_deals = count(deal where deal.product within "Furniture")
let biggest_margin = max(deal.margin) otherwise USD 0
let travel = sum(expenses.cost where expenses.category = "travel")
let first_close = min(deal.close_date) otherwise 2026-12-31
show units, travel

component unit_bonus "Unit bonus" {
  pays USD 10 * units
}
component margin_share "Margin share" {
  pays (sum(deal.margin) - travel) * 10%
}`;

describe('aggregates over related rows', () => {
  const text = plan(body, { deals });

  it('checks clean (the lets not shown nor paid on are only unused)', () => {
    expect(codes(text).filter((c) => c !== 'COMP2014')).toEqual([]);
  });

  it('sums, counts, and takes the min and max per rep and period, with where', () => {
    const r = run(text, files);
    const jan = stmt(r, 'ada', '2026-01');
    // units 3 + 2 = 5; furniture: d1 (Office chairs < Chairs < Furniture), not d2 (Lamps) = 1;
    // max margin 1,000; travel: e1 (2026-01-31, in January) 400, not e2 (February), not e3 (meals)
    expect(jan.values).toMatchObject({ units: '5', furniture_deals: '1', biggest_margin: '1000', travel: '400', first_close: '2026-01-10' });
    // unit bonus 5 x 10 = 50.00; margin share (1,500 - 400) x 10% = 110.00
    expect(paid(r, 'ada', ['2026-01', '2026-02'])).toEqual(['160.00', '230.00']);
    // February: 4 units -> 40.00; (2,000 - 100) x 10% = 190.00; a desk is furniture
    expect(stmt(r, 'ada', '2026-02').values).toMatchObject({ units: '4', furniture_deals: '1', travel: '100' });
    // March: no rows: sum 0, count 0, max falls back to its `otherwise`
    expect(stmt(r, 'ada', '2026-03').values).toMatchObject({ units: '0', furniture_deals: '0', biggest_margin: '0', travel: '0', first_close: '2026-12-31' });
    expect(stmt(r, 'ben', '2026-01').values).toMatchObject({ units: '1', furniture_deals: '1', travel: '70' });
  });

  it('explains each aggregate with the rows it read', () => {
    const r = run(text, files);
    const notes = traceTexts(stmt(r, 'ada', '2026-01'), 'aggregate');
    expect(notes).toContain('sum(deal.units) = 5 (2 rows: d1, d2)');
    expect(notes).toContain('sum(expenses.cost where expenses.category = "travel") = 400 (1 row: e1)');
  });

  it('shows the lets the plan lists as columns of the table and value rows of the CSV', () => {
    const a = analyze('plan.comp', text);
    const r = run(text, files);
    const table = formatTable(r.result!, a.ir);
    expect(table.split('\n')[2]).toMatch(/^Rep\s+Period\s+units\s+travel\s+Unit bonus/);
    expect(table).toMatch(/ada\s+2026-01\s+5\s+400\.00\s+50\.00/);
    const csv = formatCsv(r.result!, { ir: a.ir });
    expect(csv).toContain('ada,2026-01,value,units,units,5,5');
    expect(csv).toContain('ada,2026-01,value,travel,travel,400,400');
  });

  it('reports aggregates without rows, over a table without a rep or a date, and `show` of a non-let', () => {
    expect(codes(plan('let x = sum(rep.id)\ncomponent c { pays USD 1 * x }', { deals }))).toContain('COMP2251');
    expect(codes(plan(`${products}\nlet x = count(products)\ncomponent c { pays USD 1 * x }`, { deals }))).toContain('COMP5252');
    expect(codes(plan(`${products}\nlet x = sum(deal.product)\ncomponent c { pays USD 1 * x }`, { deals }))).toContain('COMP3001');
    expect(codes(plan('let x = sum(deal.units)\nshow x, y\ncomponent c { pays USD 1 * x }', { deals }))).toContain('COMP2250');
    expect(codes(plan('let x = abs(1 where true)\ncomponent c { pays USD 1 * x }', { deals }))).toContain('COMP3001');
  });
});

describe('within: ancestor tests on a self-referencing table', () => {
  it('is true for the row itself and every row below it, false elsewhere', () => {
    const text = plan(`${products}
component furniture "Furniture SPIFF" {
  pays USD 100 per deal where deal.product within "Furniture"
}
component chairs "Chair SPIFF" {
  pays USD 10 per deal where deal.product within "Chairs"
}`, { deals });
    const r = run(text, { ...files, 'expenses.csv': 'id,rep,spent_on,category,cost' });
    // ada January: d1 Office chairs (Furniture and Chairs) 110; d2 Lamps 0 -> 110.00
    // ada February: d3 Desks (Furniture) -> 100.00; ben: d4 Chairs -> 110.00
    expect(paid(r, 'ada', ['2026-01', '2026-02'])).toEqual(['110.00', '100.00']);
    expect(paid(r, 'ben', ['2026-01'])).toEqual(['110.00']);
  });

  it('needs a table with one field referencing itself, and a key or row on the right', () => {
    expect(codes(plan('component c { pays USD 1 per deal where deal.owner within "x" }', { deals }))).toContain('COMP3250');
    expect(codes(plan(`${products}\ncomponent c { pays USD 1 per deal where deal.product within true }`, { deals }))).toContain('COMP3001');
  });
});

describe('field bounds in table declarations', () => {
  const text = plan(`table splits from "splits.csv" {
  deal: deals
  rep: rep
  share: percent in 0%..100%
}
component c { rate 10% }`, { deals: '  units: integer in 0..1,000\n  signed: date optional in 2026-01-01..2026-12-31', roster: '' });

  it('accepts values on the bounds (both included)', () => {
    const r = run(text, {
      'reps.csv': 'id\nada',
      'deals.csv': 'id,owner,close_date,amount,units,signed\nd1,ada,2026-01-10,100,0,2026-01-01\nd2,ada,2026-01-11,100,1000,2026-12-31\nd3,ada,2026-01-12,100,5,',
      'splits.csv': 'deal,rep,share\nd1,ada,100%',
    });
    expect(r.errors).toEqual([]);
  });

  it('reports every cell outside its bounds with file, line and column', () => {
    const r = run(text, {
      'reps.csv': 'id\nada',
      'deals.csv': 'id,owner,close_date,amount,units,signed\nd1,ada,2026-01-10,100,-1,2026-01-01\nd2,ada,2026-01-11,100,1001,2027-01-01',
      'splits.csv': 'deal,rep,share\nd1,ada,100.5%',
    });
    expect(r.errors.map((e) => `${e.code} ${e.file.split('/').pop()}:${e.line}:${e.column}`)).toEqual([
      // columns are characters: `d1,ada,2026-01-10,100,` is 22 characters, so units start at 23
      'COMP6250 deals.csv:2:23',
      'COMP6250 deals.csv:3:23',
      'COMP6250 deals.csv:3:28',
      'COMP6250 splits.csv:2:8',
    ]);
    expect(r.errors[0]!.message).toBe('`-1` is outside the bounds of `units` (0..1,000)');
  });

  it('checks the bounds against the field type and their order', () => {
    expect(codes(plan('component c { rate 10% }', { deals: '  units: integer in 0%..100%' }))).toContain('COMP3001');
    expect(codes(plan('component c { rate 10% }', { deals: '  units: integer in 10..1' }))).toContain('COMP5253');
    expect(codes(plan('component c { rate 10% }', { deals: '  region: text in 1..2' }))).toContain('COMP3251');
  });

  it('reports a parent chain that comes back to itself', () => {
    const t = plan(`${products}\ncomponent c { pays USD 1 per deal where deal.product within "Furniture" }`, { deals: '  product: products' });
    const r = run(t, {
      'reps.csv': 'id\nada',
      'products.csv': 'id,parent\nFurniture,Desks\nDesks,Furniture\nLamps,',
      'deals.csv': 'id,owner,close_date,amount,product\nd1,ada,2026-01-10,100,Lamps',
    });
    expect(r.errors.map((e) => `${e.code} ${e.line}:${e.column} ${e.message}`)).toEqual(['COMP6251 2:11 the `parent` chain of `Furniture` in `products` comes back to itself: Furniture -> Desks -> Furniture']);
  });
});
