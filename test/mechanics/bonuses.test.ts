// Bonuses (docs/language.md section 22): SPIFFs per deal and per unit in a date window, team
// pools split equally or by credit share with the remainder rule, minimum commission, mentor
// bonuses on a mentee's attainment, and the diagnostics of their misuse.
import { describe, expect, it } from 'vitest';
import { codes, line, nodes, run, stmt } from './bonus-helpers.js';

const BASE = `plan "Bonuses"
currency USD
periods monthly from 2026-01 to 2026-02

roster reps from "reps.csv" {
  id: text key
  role: text
  manager: rep optional
  mentor: rep optional
  monthly_quota: money positive
  team by manager
}

table deals from "deals.csv" {
  id: text key
  owner: rep
  product: text
  units: integer
  close_date: date
  amount: money
}

table cancellations from "cancellations.csv" {
  deal: deals
  date: date
}

credit deals
  amount deal.amount
  date deal.close_date
  to deal.owner

let quota = rep.monthly_quota
let attainment = credit / quota
`;

const REPS = `id,role,manager,mentor,monthly_quota
m1,Manager,,,10000
a1,AE,m1,,10000
a2,AE,m1,a1,10000
a3,AE,m1,a1,10000`;

const DEALS = `id,owner,product,units,close_date,amount
D0,a1,GTX Pro,4,2026-01-31,1000
D1,a1,GTX Pro,3,2026-02-01,8750
D2,a2,Basic,5,2026-02-12,10000
D3,a3,GTX Pro,1,2026-02-28,2000`;

const files = (cancellations = 'deal,date') => ({ 'reps.csv': REPS, 'deals.csv': DEALS, 'cancellations.csv': cancellations });

describe('SPIFFs', () => {
  const plan = `${BASE}
component spiff "GTX SPIFF" {
  pays USD 500 per deal where deal.product = "GTX Pro" and deal.close_date >= 2026-02-01 and deal.close_date <= 2026-02-28
  clawback cancellations within 90 days full
}

component units "Units SPIFF" {
  pays USD 20 per unit of deal.units where deal.product = "GTX Pro"
}
`;
  it('pays per deal inside the window, both ends included', () => {
    const r = run(plan, files());
    // D0 closed 2026-01-31, the day before the window: 0
    expect(line(stmt(r, 'a1', '2026-01'), 'spiff')).toBe('0.00');
    // D1 on 2026-02-01 (first day): 500
    expect(line(stmt(r, 'a1', '2026-02'), 'spiff')).toBe('500.00');
    // D3 on 2026-02-28 (last day): 500; D2 is Basic: a2 gets 0
    expect(line(stmt(r, 'a3', '2026-02'), 'spiff')).toBe('500.00');
    expect(line(stmt(r, 'a2', '2026-02'), 'spiff')).toBe('0.00');
  });
  it('pays per unit', () => {
    const r = run(plan, files());
    // D0: 4 units x 20 = 80; D1: 3 x 20 = 60; D3: 1 x 20 = 20; D2 is not GTX Pro
    expect(line(stmt(r, 'a1', '2026-01'), 'units')).toBe('80.00');
    expect(line(stmt(r, 'a1', '2026-02'), 'units')).toBe('60.00');
    expect(line(stmt(r, 'a3', '2026-02'), 'units')).toBe('20.00');
    expect(line(stmt(r, 'a2', '2026-02'), 'units')).toBe('0.00');
    expect(nodes(stmt(r, 'a1', '2026-02').trace, 'pays').map((n) => n.text)).toContain(
      'pays USD 20 per unit of deal.units where deal.product = "GTX Pro": 1 deal qualify, 60.00',
    );
  });
  it('a SPIFF paid on a deal is clawed back with the deal', () => {
    const r = run(plan, files('deal,date\nD3,2026-02-28'));
    // D3 paid 500 in February and cancelled the same day: -500
    const s = stmt(r, 'a3', '2026-02');
    expect(s.lines.filter((l) => l.kind === 'clawback').map((l) => l.amount)).toEqual(['-500.00']);
  });
});

describe('team pools', () => {
  it('splits equally, the cent left to the first rep key on a tie', () => {
    const plan = `${BASE}
component pool "Pool" {
  for rep.role = "AE"
  pool USD 100 per team split equally
}
`;
    const r = run(plan, files());
    // 100 / 3 = 33.333..: each rounded down to 33.33 (99.99), the cent left goes to the largest
    // remainder; all are equal, so to the first key, a1: 33.34 + 33.33 + 33.33 = 100.00
    expect(line(stmt(r, 'a1', '2026-01'), 'pool')).toBe('33.34');
    expect(line(stmt(r, 'a2', '2026-01'), 'pool')).toBe('33.33');
    expect(line(stmt(r, 'a3', '2026-01'), 'pool')).toBe('33.33');
    // the manager is not a member (`for rep.role = "AE"`)
    expect(line(stmt(r, 'm1', '2026-01'), 'pool')).toBeUndefined();
  });
  it('splits by credit share, computed for the manager', () => {
    const plan = `${BASE}
component pool "Pool" {
  for rep.role = "AE"
  pool (if team credit >= USD 20,000 then USD 1,000 else USD 0) per team split by credit share
}
`;
    const r = run(plan, files());
    // January: team credit 1,000 < 20,000: the pool is 0
    expect(line(stmt(r, 'a1', '2026-01'), 'pool')).toBe('0.00');
    // February: team credit 8,750 + 10,000 + 2,000 = 20,750 >= 20,000: pool 1,000
    //   a1 1,000 x 8,750/20,750 = 421.6867..; a2 x 10,000/20,750 = 481.9277..; a3 x 2,000/20,750 = 96.3855..
    //   rounded down: 421.68 + 481.92 + 96.38 = 999.98; 2 cents left to the largest remainders
    //   (in cents): a2 (.77) and a1 (.67), not a3 (.55): 421.69 + 481.93 + 96.38 = 1,000.00
    expect(line(stmt(r, 'a1', '2026-02'), 'pool')).toBe('421.69');
    expect(line(stmt(r, 'a2', '2026-02'), 'pool')).toBe('481.93');
    expect(line(stmt(r, 'a3', '2026-02'), 'pool')).toBe('96.38');
  });
  it('needs team by (COMP5006)', () => {
    const plan = `${BASE.replace('  team by manager\n', '')}
component pool "Pool" {
  pool USD 100 per team split equally
}
`;
    expect(codes(plan)).toContain('COMP5006');
  });
});

describe('minimum commission', () => {
  const plan = `${BASE}
component commission "Commission" {
  for rep.role = "AE"
  rate 5%
  gate attainment >= 50%
  minimum USD 300 per period
}
`;
  it('tops the line up to the minimum, after the gate', () => {
    const r = run(plan, files());
    // a1 January: 1,000 x 5% = 50 but the gate fails (10%): 0, topped up to 300
    expect(line(stmt(r, 'a1', '2026-01'), 'commission')).toBe('300.00');
    // a1 February: 8,750 x 5% = 437.50 >= 300
    expect(line(stmt(r, 'a1', '2026-02'), 'commission')).toBe('437.50');
    // a3 February: 2,000 is 20%: gate fails, 300
    expect(line(stmt(r, 'a3', '2026-02'), 'commission')).toBe('300.00');
    // exactly the minimum: a2 with 6,000 x 5% = 300 would meet it; here a2 February: 10,000 x 5% = 500
    expect(line(stmt(r, 'a2', '2026-02'), 'commission')).toBe('500.00');
    expect(nodes(stmt(r, 'a1', '2026-01').trace, 'minimum')[0]!.text).toContain('topped up by 300.00');
  });
});

describe('mentor bonuses', () => {
  const plan = `${BASE}
component mentoring "Mentor bonus" {
  pays USD 1,000 per mentee where mentee.attainment >= 87.5%
}
`;
  it("pays per mentee on the mentee's attainment in the same period", () => {
    const r = run(plan, files());
    // February: a2 100% >= 87.5%: 1,000; a3 20%: no. January: a2 and a3 have no credit
    expect(line(stmt(r, 'a1', '2026-02'), 'mentoring')).toBe('1000.00');
    expect(line(stmt(r, 'a1', '2026-01'), 'mentoring')).toBe('0.00');
    expect(line(stmt(r, 'a2', '2026-02'), 'mentoring')).toBe('0.00');
  });
  it('at exactly the threshold', () => {
    // a1 mentors a2; a2 with exactly 8,750 in January = 87.5% meets `>= 87.5%`
    const r = run(plan, { ...files(), 'deals.csv': 'id,owner,product,units,close_date,amount\nD9,a2,Basic,1,2026-01-05,8750' });
    expect(line(stmt(r, 'a1', '2026-01'), 'mentoring')).toBe('1000.00');
  });
  it('needs a mentor field (COMP5103)', () => {
    expect(codes(plan.replace('  mentor: rep optional\n', ''))).toContain('COMP5103');
  });
  it("another rep's let that reads itself is a cycle (COMP2009)", () => {
    const p = `${BASE}
let chain = rep.mentor.chain + 1
component c "C" {
  pays USD 1 * chain
}
`;
    expect(codes(p)).toContain('COMP2009');
  });
});

describe('bonus diagnostics', () => {
  it('COMP5101: one way to pay', () => {
    expect(codes(`${BASE}\ncomponent c "C" {\n  rate 5%\n  pays USD 10\n}\n`)).toContain('COMP5101');
    expect(codes(`${BASE}\ncomponent c "C" {\n  pays USD 10\n  pool USD 10 per team split equally\n}\n`)).toContain('COMP5101');
  });
  it('COMP5105: clauses that do not apply', () => {
    expect(codes(`${BASE}\ncomponent c "C" {\n  pays USD 10\n  basis per deal\n}\n`)).toContain('COMP5105');
    expect(codes(`${BASE}\ncomponent c "C" {\n  pays USD 10\n  clawback cancellations within 90 days full\n}\n`)).toContain('COMP5105');
    expect(codes(`${BASE}\ncomponent c "C" {\n  pays USD 10 per deal\n  cap USD 5 per deal\n}\n`)).toContain('COMP5105');
  });
  it('pays is money in the plan currency', () => {
    expect(codes(`${BASE}\ncomponent c "C" {\n  pays 10%\n}\n`)).toContain('COMP3001');
    expect(codes(`${BASE}\ncomponent c "C" {\n  pays EUR 10\n}\n`)).toContain('COMP3004');
    expect(codes(`${BASE}\ncomponent c "C" {\n  minimum 10% per period\n  rate 5%\n}\n`)).toContain('COMP3001');
  });
  it('a component with pays needs no rate', () => {
    expect(codes(`${BASE}\ncomponent c "C" {\n  pays USD 10\n}\n`)).not.toContain('COMP5001');
  });
  it('`deal` exists only per deal', () => {
    expect(codes(`${BASE}\ncomponent c "C" {\n  pays USD 10 where deal.units > 1\n}\n`)).toContain('COMP2012');
  });
});

describe('bonuses sample (samples/bonuses)', () => {
  it('pays the hand-computed figures and matches expected/payouts.csv', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    const dir = join(import.meta.dirname, '..', '..', 'samples', 'bonuses');
    const text = readFileSync(join(dir, 'plan.comp'), 'utf8');
    const files: Record<string, string> = {};
    for (const f of readdirSync(join(dir, 'data'))) files[f] = readFileSync(join(dir, 'data', f), 'utf8');
    const r = run(text, files);
    const a1 = stmt(r, 'a1', '2026-01');
    // a1 January, quota 10,000, credit 8,750 = 87.5%:
    //   curve: 25% + 75% x 37.5/50 = 81.25% x 1,000 = 812.50
    //   mbo: retention 99/90 = 110% (cap 120%) x 60% + churn 5/4 = 125% (cap 150%) x 40% = 116% -> 1,160
    //   SPIFF D1 GTX Pro 500; units (January deal, window from February) 0; commission 437.50;
    //   mentor: a2 at 100% -> 1,000 (a3 at 0%: no); pool 1,000 x 8,750/18,750 = 466.67
    //   total 812.50 + 1,160 + 500 + 0 + 437.50 + 1,000 + 466.67 = 4,376.67
    expect(a1.lines.filter((l) => l.kind === 'component').map((l) => l.amount)).toEqual(['812.50', '1160.00', '500.00', '0.00', '437.50', '1000.00', '466.67']);
    expect(a1.paid).toBe('4376.67');
    // a3 January: retention 40/90 = 44.4% < 50%: the card is 0; no credit: commission topped up to 300
    expect(stmt(r, 'a3', '2026-01').paid).toBe('300.00');
    // a3 February: credit 20,000 = 200%: curve 200% + 1.5 x 50% = 275% -> 2,750; mbo 100% -> 1,000;
    //   SPIFF 500; units 1 x 20; commission 1,000; pool 1,000 x 20,000/21,000 = 952.38 -> 6,222.38
    expect(stmt(r, 'a3', '2026-02').paid).toBe('6222.38');
    expect(r.summary.totalPaid).toBe('18420.00');
    const csv = readFileSync(join(dir, 'expected', 'payouts.csv'), 'utf8');
    for (const s of r.statements) for (const l of s.lines) expect(csv).toContain(`${s.rep},${s.period},${l.kind},${l.name},${l.label},${l.amount},`);
  });
});
