// `BENCH=bigcsv npm run bench`: a ~1 GB CSV streams. The bench workload's pipeline with two free-
// text columns the plan does not read (scripts/bench/scale.mjs --wide: ~950 bytes a row, 120
// copies make ~1 GB, past V8's ~512 MB string limit, so it can only be read in chunks) is run
// with `comp run`, next to the same workload without them, in the same run: CPU (user + system),
// wall, peak RSS. Both must write the same bytes. Then the same wide run on a terminal
// (`script`), counting the progress lines it shows on stderr while it reads and checks.
// Not part of the default `npm run bench` (it writes ~1 GB and takes minutes).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../lsp/client.js';
import { measure } from './scale.js';

const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);

/** The progress lines a run shows on a terminal (stdout to /dev/null, stderr to the pty). */
function progressOnTty(args: string[]): string[] | undefined {
  if (spawnSync('script', ['--version']).status !== 0) return undefined;
  const cmd = [process.execPath, ...args].map((a) => `'${a}'`).join(' ') + ' > /dev/null';
  const r = spawnSync('script', ['-qfec', cmd, '/dev/null'], { cwd: ROOT, encoding: 'latin1', maxBuffer: 1 << 26 });
  return r.stdout
    .split(/\r\x1b\[K/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function bigCsvBench(copies = Number(process.env.BENCH_BIG_COPIES ?? '120')): void {
  const dirs = { narrow: join(ROOT, 'dist', 'bench', `crm-x${copies}`), wide: join(ROOT, 'dist', 'bench', `crm-x${copies}-wide`) };
  for (const [kind, dir] of Object.entries(dirs)) {
    if (existsSync(join(dir, 'sales_pipeline.csv'))) continue;
    const args = ['scripts/bench/scale.mjs', '--copies', String(copies), '--out', dir, ...(kind === 'wide' ? ['--wide'] : [])];
    spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
  }
  const run = (dir: string) => ['bin/comp.js', 'run', 'scripts/bench/plan.comp', '--data', dir, '--format', 'csv', '--max-input-size', '4GB'];
  console.log('| pipeline file | size MB | comp run CPU s | wall s | peak RSS MB | RSS / file size |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  const out: Record<string, string> = {};
  for (const [kind, dir] of Object.entries(dirs)) {
    const file = join(dir, 'sales_pipeline.csv');
    const mb = statSync(file).size / (1024 * 1024);
    const m = measure([process.execPath, ...run(dir)], join(dir, 'out-comp.csv'));
    out[kind] = readFileSync(m.out, 'utf8');
    console.log(`| ${kind} x${copies} (${(copies * 8800).toLocaleString('en-US')} rows) | ${f1(mb)} | ${f2(m.cpu)} | ${f2(m.wall)} | ${f1(m.rssMb)} | ${f2(m.rssMb / mb)} |`);
  }
  const same = out.narrow === out.wide;
  console.log(`same output bytes, wide vs narrow: ${same ? 'yes' : 'NO'} (${out.wide!.split('\n').length - 2} lines)`);
  const lines = progressOnTty(run(dirs.wide));
  if (!lines) console.log('progress on a terminal: not measured (no `script`)');
  else {
    const reading = lines.filter((l) => l.startsWith('reading ')).length;
    const checking = lines.filter((l) => l.startsWith('checking ')).length;
    console.log(`progress on a terminal: ${lines.length} updates (${reading} while reading, ${checking} while checking); last: ${lines[lines.length - 1] ?? '-'}`);
  }
  if (!same) throw new Error('the wide and the narrow pipeline do not pay the same');
}

if (process.argv[1]?.endsWith('bigcsv.js')) bigCsvBench();
