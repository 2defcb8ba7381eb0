#!/usr/bin/env node
// What one evaluation allocates (V8's sampling heap profiler, objects collected by GC included):
// a figure that does not depend on the machine's load, unlike CPU time. Loads the data once, then
// evaluates scripts/bench/plan.comp as `comp run --format csv` does (no traces, no deal lines).
//   node scripts/bench/alloc-evaluate.mjs REPO_ROOT DATA_DIR     (REPO_ROOT: the build to measure)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
const root = path.resolve(process.argv[2]); const dir = path.resolve(process.argv[3]);
const api = await import(`${root}/dist/compiler/api.js`);
const { compilePlan, evaluate } = await import(`${root}/dist/runtime/evaluate.js`);
const { ir } = api.compile('plan.comp', readFileSync(new URL('plan.comp', import.meta.url), 'utf8'));
const { dataset } = api.loadData(ir, [dir]);
const s = new Session(); s.connect();
await s.post('HeapProfiler.startSampling', { samplingInterval: 32768, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
const out = evaluate(compilePlan(ir), dataset, { traces: false, deals: false });
const { profile } = await s.post('HeapProfiler.stopSampling');
const self = new Map(); let total = 0;
(function walk(n) {
  const f = n.callFrame; const k = `${f.functionName || '(anon)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`;
  const sz = n.selfSize; self.set(k, (self.get(k) ?? 0) + sz); total += sz;
  for (const c of n.children) walk(c);
})(profile.head);
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${(v / 1e6).toFixed(1).padStart(7)} MB ${k}`);
console.log('total allocated in evaluate (sampled)', (total / 1e6).toFixed(0), 'MB; statements', out.result.statements.length);
