// Issue 8, rule 6: hierarchies. Roll-ups through every level (`team credit at level N`, `at all
// levels`), an override per level (one component per level), a second hierarchy on the same roster
// (`team credit by product_lead`), and a hierarchy with effective dates (the roster's
// `assignments from`). docs/language.md section 23. Figures worked by hand in the comments.
import { describe, expect, it } from 'vitest';
import { codes, paid, run, stmt } from './helpers-g2.js';

const plan = (components: string): string => `plan "Org"
currency USD
periods monthly from 2026-01 to 2026-02

roster reps from "reps.csv" {
  id: text key
  manager: rep optional
  product_lead: rep optional
  team by manager
  assignments from moves
}

table moves from "moves.csv" {
  rep: rep
  manager: rep optional
  start: date
  end: date optional
}

table deals from "deals.csv" {
  id: text key
  owner: rep
  close_date: date
  amount: money
}

credit deals
  amount deal.amount
  date deal.close_date
  to deal.owner

${components}
`;

const components = `component level1 "Override, level 1" {
  on team credit at level 1
  rate 3%
}
component level2 "Override, level 2" {
  on team credit at level 2
  rate 2%
}
component vp "VP roll-up" {
  for rep.id = "vp"
  on team credit at all levels
  rate 1%
}
component overlay "Product overlay" {
  on team credit by product_lead
  rate 5%
}`;

// vp > dir > m1 > a1, a2; from February a2 reports to dir (moves.csv). spec leads a1's products.
const files = {
  'reps.csv': 'id,manager,product_lead\nvp,,\ndir,vp,\nm1,dir,\na1,m1,spec\na2,m1,\nspec,,',
  'moves.csv': 'rep,manager,start,end\na2,dir,2026-02-01,',
  'deals.csv': 'id,owner,close_date,amount\nj1,a1,2026-01-10,10000\nj2,a2,2026-01-12,20000\nf1,a1,2026-02-10,10000\nf2,a2,2026-02-12,20000',
};

describe('roll-ups through every level, an override per level, two hierarchies, dated moves', () => {
  const text = plan(components);

  it('checks clean', () => {
    expect(codes(text)).toEqual([]);
  });

  it('pays each level its own override', () => {
    const r = run(text, files);
    // January: m1 level 1 = a1 + a2 = 30,000 x 3% = 900.00; dir level 2 = the same 30,000 x 2% =
    // 600.00; vp all levels = 30,000 x 1% = 300.00 (level 1 dir and level 2 m1 have no credit);
    // spec (overlay, a1 only) = 10,000 x 5% = 500.00
    expect(paid(r, 'm1', ['2026-01'])).toEqual(['900.00']);
    expect(paid(r, 'dir', ['2026-01'])).toEqual(['600.00']);
    expect(paid(r, 'vp', ['2026-01'])).toEqual(['300.00']);
    expect(paid(r, 'spec', ['2026-01'])).toEqual(['500.00']);
    expect(paid(r, 'a1', ['2026-01'])).toEqual(['0.00']);
  });

  it('follows the hierarchy in force in the period (a2 moved under dir in February)', () => {
    const r = run(text, files);
    // m1: a1 10,000 x 3% = 300.00
    // dir: level 1 m1 + a2 = 20,000 x 3% = 600.00; level 2 a1 = 10,000 x 2% = 200.00 -> 800.00
    // vp: all levels 30,000 x 1% = 300.00; level 2 (m1, a2) 20,000 x 2% = 400.00 -> 700.00
    expect(paid(r, 'm1', ['2026-02'])).toEqual(['300.00']);
    expect(paid(r, 'dir', ['2026-02'])).toEqual(['800.00']);
    expect(paid(r, 'vp', ['2026-02'])).toEqual(['700.00']);
    expect(paid(r, 'spec', ['2026-02'])).toEqual(['500.00']);
  });

  it('explains which reps\' deals each roll-up took', () => {
    const r = run(text, files);
    const vp = stmt(r, 'vp', '2026-02').trace.flatMap(function all(n): string[] {
      return [n.text, ...(n.children ?? []).flatMap(all)];
    });
    expect(vp).toContain('on team credit at all levels: 30,000.00 from 2 deals');
  });

  it('reports a hierarchy field that is not a rep, a level below 1', () => {
    expect(codes(plan('component c {\n  on team credit by id\n  rate 1%\n}'))).toContain('COMP3012');
    expect(codes(plan('component c {\n  on team credit by boss\n  rate 1%\n}'))).toContain('COMP2003');
    expect(codes(plan('component c {\n  on team credit at level 0\n  rate 1%\n}'))).toContain('COMP3001');
    expect(codes(plan('component c {\n  on credit at level 2\n  rate 1%\n}'))).toContain('COMP2012');
    // a roll-up to date is paid (COMP5254 is retired): below
    expect(codes(plan('component c {\n  basis year to date\n  on team credit at all levels\n  rate 1%\n}'))).toEqual([]);
  });
});

describe('a roll-up below level 1 with basis year to date', () => {
  const text = plan(`component level2 "Level 2 to date" {
  for rep.id = "dir"
  basis year to date
  on team credit at level 2
  rate retroactive {
    from USD 0      to USD 35,000 pays 2%
    from USD 35,000               pays 4%
  }
}`);

  it('adds up each period\'s roll-up, from the hierarchy in force in that period', () => {
    const r = run(text, files);
    // January (a2 reports to m1): dir's level 2 is a1 + a2 = 30,000 -> 2% = 600.00
    // February (a2 reports to dir): level 2 is a1 only, 10,000. To date: 30,000 (January's
    // hierarchy) + 10,000 = 40,000 -> 4% on all = 1,600.00 owed - 600.00 paid = 1,000.00.
    // (February's hierarchy for both months would give 20,000 -> 2% = 400.00: nothing more to pay.)
    expect(paid(r, 'dir', ['2026-01', '2026-02'])).toEqual(['600.00', '1000.00']);
    const trace = stmt(r, 'dir', '2026-02').trace.flatMap(function all(n): string[] {
      return [n.text, ...(n.children ?? []).flatMap(all)];
    });
    expect(trace).toContain('on team credit at level 2: 40,000.00 from 3 deals');
  });
});

describe('team quota and team attainment of a roll-up below level 1', () => {
  const text = plan(`let quota = USD 10,000
let q2 = team quota at level 2
let qall = team quota at all levels
let a2 = team attainment at level 2 otherwise 0%
show q2, qall, a2
component bonus "Level 2 bonus" {
  for rep.id = "dir"
  pays USD 1,000 * a2
}`);

  it('sums the quotas of the reps of that roll-up, from the hierarchy in force', () => {
    expect(codes(text)).toEqual([]);
    const r = run(text, files);
    // January: dir's level 2 is a1, a2: team quota 2 x 10,000 = 20,000; their credit 30,000:
    //   150%; all levels (m1, a1, a2) 30,000. The bonus: 1,000 x 150% = 1,500.00
    // February: a2 reports to dir, level 2 is a1 only: 10,000, credit 10,000: 100% -> 1,000.00
    expect(stmt(r, 'dir', '2026-01').values).toMatchObject({ q2: '20000', qall: '30000', a2: '1.5' });
    expect(stmt(r, 'dir', '2026-02').values).toMatchObject({ q2: '10000', a2: '1' });
    expect(paid(r, 'dir', ['2026-01', '2026-02'])).toEqual(['1500.00', '1000.00']);
  });

  it('checks the roll-up as team credit is checked', () => {
    expect(codes(plan('let quota = USD 1\nlet x = team quota at level 0\ncomponent c {\n  pays x\n}'))).toContain('COMP3001');
    expect(codes(plan('let quota = USD 1\nlet x = team quota by boss\ncomponent c {\n  pays x\n}'))).toContain('COMP2003');
  });
});
