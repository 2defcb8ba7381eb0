// `npm run fuzz`: many inputs through parse, check, format, lowering and evaluation on small
// generated data (test/fuzz/harness.ts). Reports the counts of inputs, evaluated plans, throws and
// internal errors; exits 1 if any throw or internal error was found (and prints the first few).
//   FUZZ_INPUTS=1000000 (default) FUZZ_SEED=1 npm run fuzz
//   FUZZ_FAILURES=dir: every failing input is written there (one .comp file per failure, with its
//   stage and problem in a leading comment) so that it can become a regression fixture.
// Inputs are generated in chunks of 10,000 (chunk n uses seed FUZZ_SEED * 1,000,003 + n), so a
// long run holds one chunk in memory and a chunk can be replayed on its own:
//   FUZZ_FIRST_CHUNK=2 FUZZ_INPUTS=10000 npm run fuzz   (inputs 20,001 to 30,000 of seed 1)
// and a long run can be split into ranges run one after another or on several machines.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { exercise, type Failure } from './harness.js';
import { corpus, mutate } from './mutate.js';
import { mutationArb } from './arbitraries.js';

const total = Number(process.env.FUZZ_INPUTS ?? 1_000_000);
const seed = Number(process.env.FUZZ_SEED ?? 1);
const failuresDir = process.env.FUZZ_FAILURES;
const CHUNK = 10_000;
const firstChunk = Number(process.env.FUZZ_FIRST_CHUNK ?? 0);
const seeds = corpus();
let inputs = 0;
let evaluated = 0;
let throws = 0;
let internal = 0;
const examples: { text: string; failure: Failure }[] = [];
const started = Date.now();
const gen = fc.tuple(fc.nat(seeds.length - 1), fc.array(mutationArb, { minLength: 1, maxLength: 4 }));
if (failuresDir) mkdirSync(failuresDir, { recursive: true });
for (let chunk = firstChunk; inputs < total; chunk++) {
  const n = Math.min(CHUNK, total - inputs);
  for (const [i, muts] of fc.sample(gen, { seed: seed * 1_000_003 + chunk, numRuns: n })) {
    const text = mutate(seeds[i]!, muts);
    const o = exercise(text);
    inputs++;
    if (o.evaluated) evaluated++;
    for (const f of o.failures) {
      if (f.kind === 'throw') throws++;
      else internal++;
      if (examples.length < 5) examples.push({ text, failure: f });
      if (failuresDir) {
        const head = `// fuzz seed ${seed} chunk ${chunk} input ${chunk * CHUNK + ((inputs - 1) % CHUNK) + 1}: ${f.stage} ${f.kind}: ${f.problem.replace(/\s+/g, ' ').slice(0, 300)}\n`;
        writeFileSync(join(failuresDir, `failure-${chunk * CHUNK + ((inputs - 1) % CHUNK) + 1}-${f.stage}.comp`), head + text);
      }
    }
  }
  if (inputs % 10_000 === 0) process.stderr.write(`${inputs} inputs (to chunk ${chunk}), ${evaluated} evaluated, ${throws} throws, ${internal} internal errors (${Math.round((Date.now() - started) / 1000)} s)\n`);
}
for (const e of examples) process.stdout.write(`--- ${e.failure.stage} ${e.failure.kind}: ${e.failure.problem}\n${e.text}\n`);
process.stdout.write(JSON.stringify({ inputs, evaluated, throws, internalErrors: internal, seconds: Math.round((Date.now() - started) / 1000) }) + '\n');
process.exitCode = throws + internal ? 1 : 0;
