#!/usr/bin/env node
// Generates the inputs the CRM export lacks (reps.csv, splits.csv, csat.csv, cancellations.csv)
// from the export itself, deterministically: every choice is a function of a 32-bit hash (FNV-1a with murmur3's finalizer)
// of ids and names, never of randomness or the clock. Running it twice gives the same bytes.
//
//   node samples/crm/make-inputs.mjs          (writes into samples/crm/data/)
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

const DATA = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');
const read = (name) => parse(readFileSync(path.join(DATA, name), 'utf8'), { columns: true });

/** 32-bit FNV-1a of a string, then murmur3's finalizer so low bits mix: the only source of variation. */
function h(s) {
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

const field = (v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
function write(name, header, rows) {
  const text = [header, ...rows].map((r) => r.map(field).join(',')).join('\n') + '\n';
  writeFileSync(path.join(DATA, name), text);
  console.log(`${name}: ${rows.length} rows`);
}

const pad = (n) => String(n).padStart(2, '0');
const iso = (d) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const addDays = (isoDate, n) => iso(new Date(Date.parse(isoDate + 'T00:00:00Z') + n * 86400000));

const teams = read('sales_teams.csv');
const deals = read('sales_pipeline.csv');
const won = deals.filter((d) => d.deal_stage === 'Won');
const owners = new Set(deals.map((d) => d.sales_agent));

// ---------------------------------------------------------------- reps.csv
// Agents who own deals are account executives (AE); the five listed agents who own none are
// solutions engineers (SE), credited as overlays. Managers are roster rows too (role Manager).
const OFFICE_BASE = { Central: 30000, East: 28000, West: 32000 };
const firstEngage = new Map();
for (const d of deals) {
  if (!d.engage_date) continue;
  const prev = firstEngage.get(d.sales_agent);
  if (!prev || d.engage_date < prev) firstEngage.set(d.sales_agent, d.engage_date);
}
const reps = [];
const quotaOf = new Map();
for (const t of teams) {
  const role = owners.has(t.sales_agent) ? 'AE' : 'SE';
  // Quota: the office's base +/- up to 5,000 in steps of 1,000; SEs carry a 10,000 overlay quota.
  const quota = role === 'AE' ? OFFICE_BASE[t.regional_office] + ((h(`quota:${t.sales_agent}`) % 11) - 5) * 1000 : 10000;
  quotaOf.set(t.sales_agent, quota);
  // Hired 30 to 729 days before their first engagement (or before 2016-10-01 for SEs).
  const start = firstEngage.get(t.sales_agent) ?? '2016-10-01';
  const hire = addDays(start, -(30 + (h(`hire:${t.sales_agent}`) % 700)));
  reps.push([t.sales_agent, t.manager, role, t.regional_office, hire, quota]);
}
const managers = [...new Set(teams.map((t) => t.manager))];
for (const m of managers) {
  const team = teams.filter((t) => t.manager === m && owners.has(t.sales_agent));
  const office = team[0]?.regional_office ?? teams.find((t) => t.manager === m).regional_office;
  const quota = team.reduce((a, t) => a + quotaOf.get(t.sales_agent), 0);
  const hire = addDays('2014-01-01', -(h(`hire:${m}`) % 1500));
  reps.push([m, '', 'Manager', office, hire, quota]);
}
write('reps.csv', ['id', 'manager', 'role', 'office', 'hire_date', 'monthly_quota'], reps);

// ---------------------------------------------------------------- splits.csv
// Team splits: 1 in 25 won deals (by hash of the opportunity id) is shared 70/30 between its owner
// and another AE of the same manager. Overlays: every GTK 500 deal and 1 in 10 GTX Plus Pro deals
// credit the SE of the owner's office 50% on top (the owner keeps 100%, or 70/30 when also split).
const aesByManager = new Map();
for (const t of teams) if (owners.has(t.sales_agent)) aesByManager.set(t.manager, [...(aesByManager.get(t.manager) ?? []), t.sales_agent]);
const teamOf = new Map(teams.map((t) => [t.sales_agent, t]));
const seByOffice = new Map();
for (const t of [...teams].sort((a, b) => (a.sales_agent < b.sales_agent ? -1 : 1)))
  if (!owners.has(t.sales_agent) && !seByOffice.has(t.regional_office)) seByOffice.set(t.regional_office, t.sales_agent);
const splits = [];
for (const d of won) {
  const id = d.opportunity_id;
  const split = h(`split:${id}`) % 25 === 0;
  const overlay = d.product === 'GTK 500' || (d.product === 'GTX Plus Pro' && h(`overlay:${id}`) % 10 === 0);
  if (!split && !overlay) continue;
  if (split) {
    const mates = aesByManager.get(teamOf.get(d.sales_agent).manager).filter((a) => a !== d.sales_agent);
    const mate = mates[h(`mate:${id}`) % mates.length];
    splits.push([id, d.sales_agent, '70%', 'no'], [id, mate, '30%', 'no']);
  } else {
    splits.push([id, d.sales_agent, '100%', 'no']);
  }
  if (overlay) splits.push([id, seByOffice.get(teamOf.get(d.sales_agent).regional_office), '50%', 'yes']);
}
write('splits.csv', ['deal', 'rep', 'share', 'overlay'], splits);

// ---------------------------------------------------------------- csat.csv
// One score per AE and SE per month of the plan, 3.3 to 5.0 in steps of 0.1.
const months = ['2017-03', '2017-04', '2017-05', '2017-06', '2017-07', '2017-08', '2017-09', '2017-10', '2017-11', '2017-12'];
const csat = [];
for (const m of months)
  for (const t of teams) {
    const n = 33 + (h(`csat:${t.sales_agent}:${m}`) % 18);
    csat.push([t.sales_agent, m, `${Math.floor(n / 10)}.${n % 10}`]);
  }
write('csat.csv', ['rep', 'month', 'score'], csat);

// ---------------------------------------------------------------- cancellations.csv
// 1 in 200 won deals closed before November is cancelled 20 to 159 days after it closed (some
// inside the 90-day clawback window, some after it); cancellations after 2017-12-31 are left out.
const cancellations = [];
for (const d of won) {
  if (d.close_date >= '2017-11-01' || h(`cancel:${d.opportunity_id}`) % 200 !== 0) continue;
  const date = addDays(d.close_date, 20 + (h(`when:${d.opportunity_id}`) % 140));
  if (date > '2017-12-31') continue;
  const reason = h(`why:${d.opportunity_id}`) % 2 === 0 ? 'customer cancelled' : 'not paid';
  cancellations.push([d.opportunity_id, date, reason]);
}
write('cancellations.csv', ['deal', 'date', 'reason'], cancellations);
