// `comp explain` evaluates only the rep asked for and the reps below it in the team
// (runtime/engine/reps.ts: repsToEvaluate; EvaluateOptions.onlyReps): the statement and its
// explanation are the ones a full evaluation builds, on a plan with a manager override on team
// credit and split / overlay credit, and fewer reps are evaluated.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../compiler/analysis.js';
import { loadDataset } from '../../compiler/data/load.js';
import { formatExplain } from '../../compiler/cli/report.js';
import { compilePlan, evaluate, repsToEvaluate } from '../../runtime/evaluate.js';
import type { PlanIR } from '../../runtime/ir.js';

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
