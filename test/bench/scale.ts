// `npm run bench` (or `BENCH=scale npm run bench`): `comp run` on the CRM export scaled to about
// 1M pipeline rows (scripts/bench/scale.mjs) with the quarterly plan scripts/bench/plan.comp,
// against two hand-written programs of the same plan measured in the same run: a JavaScript one
// with exact scaled integers (scripts/bench/baseline.mjs) and a Python `decimal` one
// (scripts/bench/baseline.py). All three must pay the same cents on every line, or the bench
// fails. Figures: CPU (user + system, /usr/bin/time), wall, peak RSS, at 10%, 30% and 100%.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../lsp/client.js';

export interface Measured {
  cpu: number;
  wall: number;
  rssMb: number;
  out: string;
}

/** Runs a command under /usr/bin/time -v; stdout goes to a file (not counted in memory). */
export function measure(cmd: string[], outFile: string): Measured {
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %e %M', 'sh', '-c', `"$@" > '${outFile}'`, 'sh', ...cmd], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const m = /^([\d.]+) ([\d.]+) ([\d.]+) (\d+)$/.exec(last);
  if (r.status !== 0 || !m) throw new Error(`${cmd.join(' ')}: exit ${r.status}\n${r.stderr.slice(-2000)}`);
  return { cpu: Number(m[1]) + Number(m[2]), wall: Number(m[3]), rssMb: Number(m[4]) / 1024, out: outFile };
}

/** rep,period,kind,name,amount lines, sorted: what every program must agree on. */
function lines(file: string, fromComp: boolean): string[] {
  const text = readFileSync(file, 'utf8').trim().split('\n');
  if (!fromComp) return text.sort();
  text.shift();
  // comp's CSV: rep,period,kind,name,label,amount,exact (no field of this workload is quoted)
  return text.map((l) => {
    const f = l.split(',');
    return [f[0], f[1], f[2], f[3], f[f.length - 2]].join(',');
  }).sort();
}

function same(a: string[], b: string[]): string | undefined {
  if (a.length !== b.length) return `${a.length} lines vs ${b.length}`;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return `${a[i]} vs ${b[i]}`;
  return undefined;
}

const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);

export function scaleBench(copiesList = (process.env.BENCH_COPIES ?? '12,36,120').split(',').map(Number)): void {
  const python = spawnSync('python3', ['--version']).status === 0;
  console.log('| copies | pipeline rows | program | CPU s | wall s | peak RSS MB | CPU vs JS | CPU vs Python | same cents |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  const perRow: { copies: number; cpu: number; rss: number }[] = [];
  for (const copies of copiesList) {
    const dir = join(ROOT, 'dist', 'bench', `crm-x${copies}`);
    if (!existsSync(join(dir, 'sales_pipeline.csv'))) spawnSync(process.execPath, ['scripts/bench/scale.mjs', '--copies', String(copies), '--out', dir], { cwd: ROOT, stdio: 'inherit' });
    const rows = copies * 8800;
    const comp = measure([process.execPath, 'bin/comp.js', 'run', 'scripts/bench/plan.comp', '--data', dir, '--format', 'csv'], join(dir, 'out-comp.csv'));
    const js = measure([process.execPath, 'scripts/bench/baseline.mjs', dir], join(dir, 'out-js.csv'));
    const py = python ? measure(['python3', 'scripts/bench/baseline.py', dir], join(dir, 'out-py.csv')) : undefined;
    const c = lines(comp.out, true);
    const jsDiff = same(c, lines(js.out, false));
    const pyDiff = py ? same(c, lines(py.out, false)) : 'python3 missing';
    const row = (name: string, m: Measured, agree: string) =>
      console.log(`| ${copies} | ${rows.toLocaleString('en-US')} | ${name} | ${f2(m.cpu)} | ${f2(m.wall)} | ${f1(m.rssMb)} | ${f2(m.cpu / js.cpu)}x | ${py ? `${f2(m.cpu / py.cpu)}x` : '-'} | ${agree} |`);
    row('comp run', comp, '');
    row('JS baseline (scaled integers)', js, jsDiff ? `NO: ${jsDiff}` : `yes (${c.length} lines)`);
    if (py) row('Python baseline (decimal)', py, pyDiff ? `NO: ${pyDiff}` : `yes (${c.length} lines)`);
    if (jsDiff || (py && pyDiff)) throw new Error(`the programs disagree at ${copies} copies: JS ${jsDiff ?? 'ok'}, Python ${pyDiff ?? 'ok'}`);
    perRow.push({ copies, cpu: comp.cpu, rss: comp.rssMb });
  }
  if (perRow.length > 1) {
    const a = perRow[0]!;
    const b = perRow[perRow.length - 1]!;
    console.log(`comp run growth: ${f1(b.copies / a.copies)}x the rows -> ${f1(b.cpu / a.cpu)}x the CPU, ${f1(b.rss / a.rss)}x the peak memory`);
  }
  writeFileSync(join(ROOT, 'dist', 'bench', 'last.txt'), new Date().toISOString() + '\n');
}

if (process.argv[1]?.endsWith('scale.js')) scaleBench();
