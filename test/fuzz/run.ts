// `npm run fuzz`: many inputs through parse, check, format, lowering and evaluation on small
// generated data (test/fuzz/harness.ts). Reports the counts of inputs, evaluated plans, throws and
// internal errors; exits 1 if any throw or internal error was found (and prints the first few).
//   FUZZ_INPUTS=1000000 (default) FUZZ_SEED=1 npm run fuzz
import fc from 'fast-check';
import { exercise, type Failure } from './harness.js';
import { corpus, mutate } from './mutate.js';
import { mutationArb } from './arbitraries.js';

const total = Number(process.env.FUZZ_INPUTS ?? 1_000_000);
const seed = Number(process.env.FUZZ_SEED ?? 1);
const seeds = corpus();
let inputs = 0;
let evaluated = 0;
let throws = 0;
let internal = 0;
const examples: { text: string; failure: Failure }[] = [];
const started = Date.now();
const gen = fc.tuple(fc.nat(seeds.length - 1), fc.array(mutationArb, { minLength: 1, maxLength: 4 }));
for (const [i, muts] of fc.sample(gen, { seed, numRuns: total })) {
  const text = mutate(seeds[i]!, muts);
  const o = exercise(text);
  inputs++;
  if (o.evaluated) evaluated++;
  for (const f of o.failures) {
    if (f.kind === 'throw') throws++;
    else internal++;
    if (examples.length < 5) examples.push({ text, failure: f });
  }
  if (inputs % 10_000 === 0) process.stderr.write(`${inputs} inputs, ${evaluated} evaluated, ${throws} throws, ${internal} internal errors (${Math.round((Date.now() - started) / 1000)} s)\n`);
}
for (const e of examples) process.stdout.write(`--- ${e.failure.stage} ${e.failure.kind}: ${e.failure.problem}\n${e.text}\n`);
process.stdout.write(JSON.stringify({ inputs, evaluated, throws, internalErrors: internal, seconds: Math.round((Date.now() - started) / 1000) }) + '\n');
process.exitCode = throws + internal ? 1 : 0;
