// What scripts/engines/setup.sh (npm test's pretest) found usable on this machine: Spark (Java +
// pyspark in a venv) and a PostgreSQL server. A missing engine is never a silent skip: the tests
// name the reason in a test called "SKIPPED: ...".
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const ENGINES_CACHE = process.env.COMP_ENGINES_CACHE ?? join(homedir(), '.cache', 'comp-engines');

export interface EnginesStatus {
  spark?: { python: string };
  sparkReason?: string;
  postgres?: { bin: string; psql: string };
  postgresReason?: string;
}

export function enginesStatus(): EnginesStatus {
  const file = join(ENGINES_CACHE, 'status');
  if (!existsSync(file)) {
    const why = `${file} is missing: scripts/engines/setup.sh has not run (npm test runs it first; run it by hand before npx vitest)`;
    return { sparkReason: why, postgresReason: why };
  }
  const kv = new Map<string, string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const i = line.indexOf('=');
    if (i > 0) kv.set(line.slice(0, i), line.slice(i + 1));
  }
  const out: EnginesStatus = {};
  if (kv.get('spark') === 'ok' && existsSync(kv.get('spark_python') ?? '')) out.spark = { python: kv.get('spark_python')! };
  else out.sparkReason = kv.get('spark_reason') ?? `pyspark is not installed in ${ENGINES_CACHE}/venv`;
  const bin = kv.get('postgres_bin');
  const psql = kv.get('psql');
  if (kv.get('postgres') === 'ok' && bin && psql && existsSync(join(bin, 'postgres')) && existsSync(psql)) out.postgres = { bin, psql };
  else out.postgresReason = kv.get('postgres_reason') ?? 'no PostgreSQL server found';
  return out;
}
