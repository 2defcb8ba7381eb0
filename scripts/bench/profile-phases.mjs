#!/usr/bin/env node
// CPU of a `comp run` profile split by phase, inclusive (the first phase function on the stack):
//   node --cpu-prof --cpu-prof-dir=P dist/compiler/cli/main.js run scripts/bench/plan.comp --data dist/bench/crm-x120 --format csv --quiet --out x.csv
//   node scripts/bench/profile-phases.mjs P/*.cpuprofile ["phase2 earn"]   (a phase name: its top self-time entries)
import { readFileSync } from 'node:fs';
const prof = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const byId = new Map(prof.nodes.map((x) => [x.id, x]));
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const rules = [
  ['load', /^(loadDataset|loadTables|loadData.*|readDataFiles)$/],
  ['phase1 credit', /^(creditDeals|aggregateCredits)$/],
  ['credits into periods', /^intoPeriods$/],
  ['indices', /^(buildIndices|indexEvents)$/],
  ['phase2 earn', /^earnRepPeriod$/],
  ['phase2 settle', /^settleRepPeriod$/],
  ['evaluate other', /^evaluate$/],
  ['output', /^(writeCsv|toCsv|csvOf|renderTable|printResult|.*[Cc]sv.*|stringify)$/],
  ['compile', /^(compilePlan|analyze|check|parse|lowerToIR)$/],
];
const cache = new Map();
function cat(id) {
  if (cache.has(id)) return cache.get(id);
  const chain = [];
  for (let x = id; x !== undefined; x = parent.get(x)) chain.push(byId.get(x));
  chain.reverse();
  let r = 'other';
  const leaf = chain[chain.length - 1].callFrame.functionName;
  if (leaf === '(garbage collector)') r = 'gc';
  else if (leaf === '(idle)' || leaf === '(program)') r = leaf;
  else { outer: for (const n of chain) for (const [name, re] of rules) if (name !== 'evaluate other' && re.test(n.callFrame.functionName)) { r = name; break outer; } if (r === 'other' && chain.some((n) => n.callFrame.functionName === 'evaluate')) r = 'evaluate other'; }
  cache.set(id, r);
  return r;
}
const t = new Map(); let total = 0;
prof.samples.forEach((id, i) => { const d = prof.timeDeltas[i] ?? 0; const c = cat(id); t.set(c, (t.get(c) ?? 0) + d); total += d; });
for (const [k, v] of [...t].sort((a, b) => b[1] - a[1])) console.log(`${k.padEnd(16)} ${(v / 1000).toFixed(0).padStart(6)} ms ${((100 * v) / total).toFixed(1)}%`);
if (process.argv[3]) {
  const self = new Map();
  prof.samples.forEach((id, i) => { if (cat(id) !== process.argv[3]) return; const f = byId.get(id).callFrame; const k = `${f.functionName || '(anon)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`; self.set(k, (self.get(k) ?? 0) + (prof.timeDeltas[i] ?? 0)); });
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${(v / 1000).toFixed(0).padStart(6)} ms ${k}`);
}
