// docs/api.md: compile a plan, load rows held in memory, compute payouts.
// Run from a project that depends on comp-lang: `node example.mjs`.
import { compile, loadRows, evaluate } from 'comp-lang';

const plan = `
plan "API example"
currency USD
periods monthly from 2026-03 to 2026-04

roster reps from "reps.csv" {
  id: text key
  name: text
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

component commission "Commission" {
  on credit
  basis period total
  rate 10%
}
`;

const { ir, diagnostics } = compile('example.comp', plan);
if (!ir) {
  for (const d of diagnostics) console.error(`${d.code}: ${d.message}`);
  process.exit(1);
}

const { dataset, errors } = loadRows(ir, {
  reps: [
    { id: 'ada', name: 'Ada Osei' },
    { id: 'ben', name: 'Ben Lindqvist' },
  ],
  deals: [
    { id: 'D1', owner: 'ada', close_date: '2026-03-12', amount: '120000.50' },
    { id: 'D2', owner: 'ben', close_date: '2026-04-02', amount: '80000' },
  ],
});
if (errors.some((e) => e.severity === 'error')) {
  for (const e of errors) console.error(`${e.file}:${e.line}:${e.column}: ${e.code}: ${e.message}`);
  process.exit(1);
}

const out = evaluate(ir, dataset);
if (!out.result) {
  for (const e of out.errors) console.error(`${e.code}: ${e.message}`);
  process.exit(1);
}
for (const s of out.result.statements) console.log(`${s.rep} ${s.period} paid ${s.paid}`);
console.log(`total ${out.result.summary.totalPaid} ${out.result.currency}`);
