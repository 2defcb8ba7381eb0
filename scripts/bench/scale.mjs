#!/usr/bin/env node
// The benchmark workload: samples/crm scaled K times, deterministically.
//
//   node scripts/bench/scale.mjs --copies K --out DIR [--wide]
//
// --wide: the pipeline gets two more columns the plan does not read (a CRM export's free text:
// `description`, ~680 bytes of words with commas, quotes and accented letters, and `notes`, a
// quoted value over three lines), about 960 bytes a row: 120 copies make a 1.0 GB CSV that pays
// exactly what the narrow one pays (BENCH=bigcsv, test/bench/bigcsv.ts).
//
// Copy 1 is the sample itself; copy c > 1 repeats every rep, manager, deal, split and
// cancellation with new names and ids (`Anna Snelling` -> `Anna Snelling #c`, deal `1C1I7A6R` ->
// `1C1I7A6R-c`), pointing at the copies of its rep, manager and deal, so each copy pays exactly
// what the original pays. Products and accounts are shared. The quarterly plan of
// scripts/bench/plan.comp reads a satisfaction score per rep and quarter (`csat_quarterly.csv`),
// made here from a hash of the original rep's id and the quarter (3.3 to 5.0), so the copies
// share it too. No randomness and no clock: the same K writes the same bytes.
import { closeSync, copyFileSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SRC = path.join(ROOT, 'samples', 'crm', 'data');

function arg(name, dflt) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
}

/** 32-bit FNV-1a then murmur3's finalizer (as samples/crm/make-inputs.mjs). */
export function h(s) {
  let x = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    x ^= s.charCodeAt(i);
    x = Math.imul(x, 0x01000193) >>> 0;
  }
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b) >>> 0;
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35) >>> 0;
  x ^= x >>> 16;
  return x >>> 0;
}

const WORDS = ['renewal', 'pilot', 'Zoë', 'Ünal', 'café', 'procurement', 'budget, Q3', '"urgent"', 'legal review', 'expansion', '€ pricing', 'champion', 'security questionnaire', 'multi-year', 'discount', 'Łódź office', 'integration', 'decision maker', 'next steps', 'POC'];

/** A deal's free text (description, notes), from a hash of its id: the same id, the same text. */
function freeText(id) {
  let x = h(id);
  const words = (n) => {
    const out = [];
    for (let k = 0; k < n; k++) {
      x = h(`${x}`);
      out.push(WORDS[x % WORDS.length]);
    }
    return out.join(' ');
  };
  return [words(58), `${words(9)}\n${words(9)}\r\n${words(9)}`.replace(/\r/g, '')];
}

const QUARTERS = ['2017-Q1', '2017-Q2', '2017-Q3', '2017-Q4'];

/** Writes the workload of K copies into `out`; returns the number of pipeline rows. */
export function scale(copies, out, wide = false) {
  mkdirSync(out, { recursive: true });
  const read = (name) => readFileSync(path.join(SRC, name), 'utf8');
  const rows = (name) => parse(read(name), { columns: true });
  const csv = (v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const rep = (id, c) => (id === '' || c === 1 ? id : `${id} #${c}`);
  const deal = (id, c) => (c === 1 ? id : `${id}-${c}`);
  copyFileSync(path.join(SRC, 'products.csv'), path.join(out, 'products.csv'));
  copyFileSync(path.join(SRC, 'accounts.csv'), path.join(out, 'accounts.csv'));

  const write = (name, header, each) => {
    const lines = [header];
    for (let c = 1; c <= copies; c++) each(c, lines);
    writeFileSync(path.join(out, name), lines.join('\n') + '\n');
  };
  const reps = rows('reps.csv');
  write('reps.csv', 'id,manager,role,office,hire_date,monthly_quota', (c, out) => {
    for (const r of reps) out.push([rep(r.id, c), rep(r.manager, c), r.role, r.office, r.hire_date, r.monthly_quota].map(csv).join(','));
  });
  const splits = rows('splits.csv');
  write('splits.csv', 'deal,rep,share,overlay', (c, out) => {
    for (const s of splits) out.push([deal(s.deal, c), rep(s.rep, c), s.share, s.overlay].map(csv).join(','));
  });
  const cancels = rows('cancellations.csv');
  write('cancellations.csv', 'deal,date,reason', (c, out) => {
    for (const s of cancels) out.push([deal(s.deal, c), s.date, s.reason].map(csv).join(','));
  });
  write('csat_quarterly.csv', 'rep,quarter,score', (c, out) => {
    for (const r of reps) {
      if (r.role === 'Manager') continue;
      for (const q of QUARTERS) {
        const tenths = 33 + (h(`${r.id}|${q}`) % 18);
        out.push([rep(r.id, c), q, `${Math.floor(tenths / 10)}.${tenths % 10}`].map(csv).join(','));
      }
    }
  });
  // the pipeline, written as it is made: it is the large file (past V8's ~512 MB string limit when --wide)
  const pipeline = rows('sales_pipeline.csv');
  let n = 0;
  const fd = openSync(path.join(out, 'sales_pipeline.csv'), 'w');
  let chunks = [`opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value${wide ? ',description,notes' : ''}\n`];
  let size = 0;
  for (let c = 1; c <= copies; c++) {
    for (const p of pipeline) {
      const cells = [deal(p.opportunity_id, c), rep(p.sales_agent, c), p.product, p.account, p.deal_stage, p.engage_date, p.close_date, p.close_value];
      if (wide) cells.push(...freeText(deal(p.opportunity_id, c)));
      const line = cells.map(csv).join(',') + '\n';
      chunks.push(line);
      size += line.length;
      n++;
      if (size > 1 << 22) {
        writeSync(fd, chunks.join(''));
        chunks = [];
        size = 0;
      }
    }
  }
  writeSync(fd, chunks.join(''));
  closeSync(fd);
  return n;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const copies = Number(arg('copies', '1'));
  const wide = process.argv.includes('--wide');
  const out = arg('out', path.join(ROOT, 'dist', 'bench', `crm-x${copies}${wide ? '-wide' : ''}`));
  if (!Number.isInteger(copies) || copies < 1) throw new Error('--copies K: a positive integer');
  const n = scale(copies, out, wide);
  console.log(`${out}: ${copies} copies, ${n} pipeline rows`);
}
