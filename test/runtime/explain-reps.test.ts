// `comp explain` evaluates only the rep asked for and the reps below it in the team
// (runtime/engine/reps.ts: repsToEvaluate; EvaluateOptions.onlyReps): the statement and its
// explanation are the ones a full evaluation builds, on a plan with a manager override on team
// credit and split / overlay credit, and fewer reps are evaluated.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../compiler/analysis.js';
import { loadDataset } from '../../compiler/data/load.js';
import { formatExplain } from '../../compiler/cli/report.js';
import { compilePlan, evaluate, repsToEvaluate } from '../../runtime/evaluate.js';
import { readsOtherReps } from '../../runtime/engine/reps.js';
import type { ComponentIR, Expr, PlanIR } from '../../runtime/ir.js';

const PLAN = `plan "Override and splits"
currency USD
periods monthly from 2026-03 to 2026-04

roster reps from "reps.csv" {
  id: text key
  name: text
  role: text
  manager: rep optional
  team by manager
}

table deals from "deals.csv" {
  id: text key
  owner: rep
  close_date: date
  amount: money
}

table splits from "splits.csv" {
  deal: deals
  rep: rep
  share: percent
  overlay: boolean
}

credit deals
  amount deal.amount
  date deal.close_date
  to deal.owner
  split by splits

component commission "Commission" {
  for rep.role = "AE"
  on credit
  basis period total
  rate 10%
}

component overlay "Overlay commission" {
  for rep.role = "Specialist"
  on credit
  basis period total
  rate 5%
}

component override "Manager override" {
  for rep.role = "Manager"
  on team credit
  basis period total
  rate 2%
}
`;

const FILES: Record<string, string> = {
  'reps.csv': 'id,name,role,manager\nmia,Mia,Manager,\nvic,Vic,Manager,mia\nada,Ada,AE,mia\nben,Ben,AE,vic\ncy,Cy,Specialist,\nzed,Zed,AE,\n',
  'deals.csv': 'id,owner,close_date,amount\nD1,ada,2026-03-12,"200,000"\nD2,zed,2026-03-18,"50,000"\nD3,ben,2026-04-02,"90,000"\nD4,zed,2026-04-20,"10,000"\n',
  'splits.csv': 'deal,rep,share,overlay\nD1,ada,70%,false\nD1,zed,30%,false\nD1,cy,25%,true\nD3,ben,50%,false\nD3,ada,50%,false\n',
};

function load() {
  const dir = mkdtempSync(join(tmpdir(), 'explain-reps-'));
  for (const [f, text] of Object.entries(FILES)) writeFileSync(join(dir, f), text);
  const a = analyze(join(dir, 'plan.comp'), PLAN);
  if (!a.ir) throw new Error(JSON.stringify(a.diagnostics));
  const { dataset, errors } = loadDataset(a.ir, [dir]);
  expect(errors.filter((e) => e.severity === 'error')).toEqual([]);
  return { ir: a.ir, dataset };
}

describe('explain evaluates only the reps its answer needs', () => {
  it('chooses the rep and everyone below it in the team', () => {
    const { ir, dataset } = load();
    expect([...repsToEvaluate(ir, dataset, 'mia')!].sort()).toEqual(['ada', 'ben', 'mia', 'vic']);
    expect([...repsToEvaluate(ir, dataset, 'vic')!].sort()).toEqual(['ben', 'vic']);
    expect([...repsToEvaluate(ir, dataset, 'cy')!]).toEqual(['cy']);
  });

  it('falls back to everyone for plans reading other reps another way', () => {
    const { ir, dataset } = load();
    const withAssignments: PlanIR = { ...ir, assignments: { table: 'reps', repField: 'id', startField: 'x', fields: [] } };
    expect(repsToEvaluate(withAssignments, dataset, 'mia')).toBeUndefined();
    const withRepLet: PlanIR = { ...ir, lets: [...ir.lets, { name: 'x', expr: { k: 'repLet', of: { k: 'ctx', name: 'rep' }, name: 'y' } } as unknown as PlanIR['lets'][number]] };
    expect(repsToEvaluate(withRepLet, dataset, 'ada')).toBeUndefined();
  });

  it('builds the same statement and explanation as a full evaluation, from fewer reps', () => {
    const { ir, dataset } = load();
    const plan = compilePlan(ir);
    const full = evaluate(plan, dataset).result!;
    expect(full.statements).toHaveLength(12);
    for (const rep of ['mia', 'vic', 'ada', 'ben', 'cy', 'zed']) {
      const only = repsToEvaluate(ir, dataset, rep)!;
      const part = evaluate(plan, dataset, { onlyReps: only }).result!;
      // fewer reps evaluated: statements only for the chosen reps, in both periods
      expect(part.statements.map((s) => s.rep).sort()).toEqual([...only, ...only].sort());
      expect(part.statements.length).toBeLessThan(full.statements.length);
      for (const period of ['2026-03', '2026-04']) {
        const a = full.statements.find((s) => s.rep === rep && s.period === period)!;
        const b = part.statements.find((s) => s.rep === rep && s.period === period)!;
        expect(b).toEqual(a);
        expect(formatExplain(part, b)).toBe(formatExplain(full, a));
      }
    }
    // the manager's override reads the split credit of its whole tree
    const mia = full.statements.find((s) => s.rep === 'mia' && s.period === '2026-03')!;
    expect(mia.lines.find((l) => l.name === 'override')!.amount).toBe('2800.00');
  });
});

describe('which plans read other reps: a walk over the IR (runtime/engine/reps.ts readsOtherReps)', () => {
  const base = () => load().ir;
  const withLet = (ir: PlanIR, expr: Expr): PlanIR => ({ ...ir, lets: [...ir.lets, { name: 'x', type: 'decimal', expr, text: 'x' }] });
  const withComponent = (ir: PlanIR, f: (c: ComponentIR) => ComponentIR): PlanIR => ({ ...ir, components: ir.components.map((c, i) => (i === 0 ? f(c) : c)) });
  const repLet: Expr = { k: 'repLet', of: { k: 'ctx', name: 'rep' }, name: 'y' };
  const num = (value: string): Expr => ({ k: 'num', value, unit: 'decimal' });

  it('finds other-rep reads however deep they sit', () => {
    const ir = base();
    expect(readsOtherReps(ir)).toBeUndefined();
    // in a gate of a component of a version
    const c = { ...ir.components[0]!, gates: [{ cond: { k: 'bin', op: '>', l: repLet, r: num('0') } as Expr, text: 'g' }] };
    expect(readsOtherReps({ ...ir, versions: [{ name: 'H2', effective: '2026-04-01', lets: ir.lets, components: [c], draws: [] }] })).toBe("another rep's let");
    // in a scorecard metric inside an `otherwise` inside a multiplier
    const card: Expr = { k: 'scorecard', card: { name: 's', text: 's', metrics: [{ name: 'm', weight: '1', actual: repLet, target: num('1'), direction: 'higher', text: 'm' }] } };
    expect(readsOtherReps(withComponent(ir, (x) => ({ ...x, multipliers: [{ factor: { k: 'otherwise', e: card, fallback: num('1') }, text: 'm' }] })))).toBe("another rep's let");
    // in a curve's argument in a draw
    const curve: Expr = { k: 'curve', curve: { name: 'c', mode: 'linear', points: [], above: { k: 'capped' }, text: 'c' }, arg: repLet };
    expect(readsOtherReps({ ...ir, draws: [{ recoverable: false, amount: curve, text: 'd' }] })).toBe("another rep's let");
    // in a clawback schedule's share, a hold-back condition, an opening balance, the payout currency
    const cb = { events: 'e', dealField: 'd', dateField: 'x', within: { amount: 3, unit: 'months' as const }, mode: 'full' as const, schedule: [{ within: { amount: 3, unit: 'months' as const }, share: repLet, text: 's' }], text: 'c' };
    expect(readsOtherReps(withComponent(ir, (x) => ({ ...x, clawbacks: [cb] })))).toBe("another rep's let");
    expect(readsOtherReps(withComponent(ir, (x) => ({ ...x, holdback: { share: num('0.2'), until: repLet, untilDate: false, text: 'h' } })))).toBe("another rep's let");
    expect(readsOtherReps({ ...ir, balances: { openingOwed: { expr: repLet, text: 'o' } } })).toBe("another rep's let");
    expect(readsOtherReps({ ...ir, payoutCurrency: { expr: { k: 'if', c: { k: 'bool', value: true }, t: { k: 'text', value: 'EUR' }, e: repLet }, text: 'p' } })).toBe("another rep's let");
  });

  it('names each construct that evaluates everyone', () => {
    const ir = base();
    expect(readsOtherReps(withLet(ir, { k: 'within', e: { k: 'ctx', name: 'row' }, ancestor: { k: 'ctx', name: 'rep' }, table: 'reps', parentField: 'manager' }))).toBe('`within`');
    expect(readsOtherReps(withLet(ir, { k: 'credit', team: true, hierarchy: { by: 'manager', level: 2 } }))).toBe('team credit by a field at a level');
    expect(readsOtherReps(withLet(ir, { k: 'team', what: 'attainment', hierarchy: { by: 'manager', level: 'all' } }))).toBe('team quota or attainment by a field at a level');
    expect(readsOtherReps(withComponent(ir, (c) => ({ ...c, measure: { ...c.measure, team: true, hierarchy: { by: 'manager', level: 1 } } })))).toBe('team credit by a field at a level');
    expect(readsOtherReps(withComponent(ir, (c) => ({ ...c, bonus: { pool: { amount: num('100'), rule: 'equally', text: 'p' } } })))).toBe('a pool shared between reps');
    expect(readsOtherReps(withComponent(ir, (c) => ({ ...c, bonus: { pays: { amount: num('100'), per: 'mentee', mentorField: 'mentor', text: 'p' } } })))).toBe('`per mentee`');
    expect(readsOtherReps({ ...ir, assignments: { table: 'reps', repField: 'id', startField: 'x', fields: [] } })).toBe('assignments with a team');
    // team credit and team attainment along `team by` are safe: the members are evaluated too
    expect(readsOtherReps(withLet(ir, { k: 'team', what: 'attainment' }))).toBeUndefined();
    expect(readsOtherReps(withLet(ir, { k: 'credit', team: true }))).toBeUndefined();
  });

  it('is not fooled by names and texts (the substring test it replaces was)', () => {
    const { ir, dataset } = load();
    const named: PlanIR = { ...withLet(ir, { k: 'text', value: '"k":"repLet" "pool": "hierarchy": "per":"mentee"' }), lets: [...ir.lets, { name: 'ranking', type: 'text', expr: { k: 'text', value: 'rank' }, text: '"rank' }] };
    expect(readsOtherReps(named)).toBeUndefined();
    expect([...repsToEvaluate(named, dataset, 'vic')!].sort()).toEqual(['ben', 'vic']);
    // assignments without a team: nobody moves between teams, the rep alone is evaluated
    const noTeam: PlanIR = { ...ir, teamBy: undefined, assignments: { table: 'reps', repField: 'id', startField: 'x', fields: [] } };
    expect(readsOtherReps(noTeam)).toBeUndefined();
    expect([...repsToEvaluate(noTeam, dataset, 'mia')!]).toEqual(['mia']);
  });

  it('evaluates everyone for exactly the samples and docs examples that read other reps; the others give the full run\'s statements', () => {
    const root = join(import.meta.dirname, '..', '..');
    const everyone: string[] = [];
    let plans = 0;
    let checked = 0;
    for (const dir of ['samples', 'docs/examples']) {
      for (const name of readdirSync(join(root, dir)).sort()) {
        const file = join(root, dir, name, 'plan.comp');
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch {
          continue;
        }
        const a = analyze(file, text);
        if (!a.ir) continue;
        plans++;
        if (readsOtherReps(a.ir)) {
          everyone.push(`${dir}/${name}`);
          continue;
        }
        // the restricted run gives the full run's statements, for a rep with reports and one without
        const { dataset, errors } = loadDataset(a.ir, [join(root, dir, name, 'data')]);
        if (errors.some((e) => e.severity === 'error')) continue;
        const plan = compilePlan(a.ir);
        const full = evaluate(plan, dataset, { traces: true }).result;
        if (!full) continue;
        const roster = dataset[a.ir.roster] ?? [];
        const boss = a.ir.teamBy ? roster.find((r) => roster.some((m) => m.values[a.ir!.teamBy!] === r.key)) : undefined;
        for (const rep of new Set([roster[0]?.key, boss?.key].filter((r): r is string => !!r))) {
          const part = evaluate(plan, dataset, { onlyReps: repsToEvaluate(a.ir, dataset, rep)! }).result!;
          expect(part.statements.filter((s) => s.rep === rep), `${dir}/${name} ${rep}`).toEqual(full.statements.filter((s) => s.rep === rep));
          checked++;
        }
      }
    }
    expect(plans).toBeGreaterThan(40);
    expect(checked).toBeGreaterThan(40);
    expect(everyone).toEqual([
      'samples/bonuses',
      'samples/global-team',
      'samples/manager-plan',
      'docs/examples/bonuses',
      'docs/examples/hierarchies',
      'docs/examples/reference-data',
      'docs/examples/rep-assignments',
    ]);
  });
});
