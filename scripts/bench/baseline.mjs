#!/usr/bin/env node
// The JavaScript baseline of `npm run bench`: scripts/bench/plan.comp written by hand, as an
// engineer would in an afternoon, with exact scaled integers (money in cents; rates applied in
// 1/10,000 of a unit; BigInt only for the divisions of a clawed-back share). It knows the data
// shapes of the workload (scripts/bench/scale.mjs) and nothing else.
//
//   node scripts/bench/baseline.mjs DATA_DIR > lines.csv      (rep,period,kind,name,amount)
import { readFileSync } from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
const lines = (name) => {
  const text = readFileSync(path.join(dir, name), 'utf8');
  const out = text.split('\n');
  out.shift();
  if (out[out.length - 1] === '') out.pop();
  return out;
};

/** '1054' / '12.5' / '70%' -> integer hundredths. */
function hundredths(s) {
  const i = s.indexOf('.');
  if (i < 0) return Number(s) * 100;
  const frac = (s.slice(i + 1) + '00').slice(0, 2);
  if (s.length - i - 1 > 2) throw new Error(`more than 2 places: ${s}`);
  return Number(s.slice(0, i)) * 100 + (s[0] === '-' ? -1 : 1) * Number(frac);
}

/** Days since 1970-01-01 of 'YYYY-MM-DD'. */
const dayNo = (iso) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86400000;
const quarterOf = (iso) => `${iso.slice(0, 4)}-Q${Math.floor((+iso.slice(5, 7) - 1) / 3) + 1}`;
const QUARTERS = ['2017-Q1', '2017-Q2', '2017-Q3', '2017-Q4'];

/** Round x (in 1/10,000 of a unit, i.e. 1/100 of a cent) to cents, half away from zero. */
const toCents = (x) => (x >= 0 ? Math.floor((x + 50) / 100) : -Math.floor((-x + 50) / 100));
const money = (cents) => {
  const neg = cents < 0;
  const a = Math.abs(cents);
  return `${neg ? '-' : ''}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
};

// ---- inputs
const reps = new Map(); // id -> { role, manager, quotaCents }
for (const l of lines('reps.csv')) {
  const [id, manager, role, , , q] = l.split(',');
  reps.set(id, { role, manager, quota: hundredths(q) * 3 });
}
const series = new Map();
for (const l of lines('products.csv')) {
  const [p, s] = l.split(',');
  series.set(p, s);
}
const csat = new Map();
for (const l of lines('csat_quarterly.csv')) {
  const [rep, q, score] = l.split(',');
  csat.set(`${rep}|${q}`, hundredths(score));
}
const splits = new Map(); // deal -> [rep, sharePct, overlay]
for (const l of lines('splits.csv')) {
  const [deal, rep, share, overlay] = l.split(',');
  let list = splits.get(deal);
  if (!list) splits.set(deal, (list = []));
  list.push([rep, hundredths(share.slice(0, -1)) / 100, overlay === 'yes']);
}

// ---- credits per rep and quarter: [deal, date, cents, gtk, spiff]
const credits = new Map(); // `${rep}|${q}` -> credits
const credit = (rep, q, c) => {
  const k = `${rep}|${q}`;
  let list = credits.get(k);
  if (!list) credits.set(k, (list = []));
  list.push(c);
};
for (const l of lines('sales_pipeline.csv')) {
  const f = l.split(',');
  if (f[4] !== 'Won') continue;
  const deal = f[0];
  const date = f[6];
  const value = hundredths(f[7]);
  const product = f[2] === 'GTXPro' ? 'GTX Pro' : f[2];
  const gtk = series.get(product) === 'GTK';
  const spiff = product === 'GTX Plus Pro' && date >= '2017-06-01' && date <= '2017-08-31';
  const q = quarterOf(date);
  const sp = splits.get(deal);
  const ordinary = sp ? sp.filter((s) => !s[2]) : [];
  if (ordinary.length === 0) credit(f[1], q, [deal, date, value, gtk, spiff]);
  else for (const [rep, pct] of ordinary) credit(rep, q, [deal, date, (value * pct) / 100, gtk, spiff]);
  if (sp) for (const [rep, pct, overlay] of sp) if (overlay) credit(rep, q, [deal, date, (value * pct) / 100, gtk, spiff]);
}
const cancels = new Map(); // deal -> date
for (const l of lines('cancellations.csv')) {
  const [deal, date] = l.split(',');
  if (!cancels.has(deal) || date < cancels.get(deal)) cancels.set(deal, date);
}
const team = new Map(); // manager -> reports
for (const [id, r] of reps) {
  if (!r.manager) continue;
  let t = team.get(r.manager);
  if (!t) team.set(r.manager, (t = []));
  t.push(id);
}

// ---- per quarter, per rep: earn, claw back, settle
const cancelsByQ = new Map();
const out = [];
const owed = new Map();
/** Attributions of a period-total component: [deal, date, amount * credit, total credit] per credit. */
const paidOn = new Map(); // `${comp}|${rep}|${deal}` -> { date, num: amount(1e-4) * credit(cents), den: credit total (cents) }
const sum = (cs) => cs.reduce((t, c) => t + c[2], 0);
const repIds = [...reps.keys()].sort();
for (const q of QUARTERS) {
  for (const id of repIds) {
    const r = reps.get(id);
    const cs = credits.get(`${id}|${q}`) ?? [];
    let earned = 0;
    const line = (kind, name, cents) => out.push(`${id},${q},${kind},${name},${money(cents)}`);
    const periodTotal = (name, exact, C) => {
      const cents = toCents(exact);
      line('component', name, cents);
      earned += cents;
      for (const c of cs) paidOn.set(`${name}|${id}|${c[0]}`, { date: c[1], num: BigInt(exact) * BigInt(c[2]), den: BigInt(C) });
    };
    if (r.role === 'AE') {
      const C = sum(cs);
      const Q = r.quota;
      periodTotal('commission', Math.min(C, Q) * 6, C);
      const score = csat.get(`${id}|${q}`);
      let acc = Math.max(0, Math.min(C, (Q * 3) / 2) - Q) * 9 + Math.max(0, C - (Q * 3) / 2) * 12;
      if (score < 350) acc = 0;
      periodTotal('accelerator', Math.min(acc, 20000 * 10000), C);
      let kick = 0;
      let spiffs = 0;
      for (const c of cs) {
        if (c[3]) kick += c[2] * 2;
        if (c[4]) spiffs++;
      }
      line('component', 'kicker', toCents(kick));
      earned += toCents(kick);
      line('component', 'spiff', spiffs * 15000);
      earned += spiffs * 15000;
    } else if (r.role === 'SE') {
      const cents = toCents(sum(cs) * 3);
      line('component', 'overlay', cents);
      earned += cents;
    } else if (r.role === 'Manager') {
      let TC = 0;
      let TQ = 0;
      for (const m of team.get(id) ?? []) {
        TC += sum(credits.get(`${m}|${q}`) ?? []);
        TQ += reps.get(m).quota;
      }
      const cents = toCents(Math.min(TC, TQ) * 1 + Math.max(0, TC - TQ) * 2);
      line('component', 'override', cents);
      earned += cents;
    }
    // clawbacks: cancellations dated in this quarter, within 90 days of the credit, full
    let clawed = 0;
    if (r.role === 'AE') {
      const due = [];
      for (const name of ['commission', 'accelerator']) {
        for (const [deal, date] of cancelsIn(q)) {
          const a = paidOn.get(`${name}|${id}|${deal}`);
          if (!a || a.clawed || date < a.date || dayNo(date) - dayNo(a.date) > 90) continue;
          a.clawed = true;
          if (a.num === 0n) continue;
          // round(-num / den) to cents, half away from zero (num is in 1/100 cent)
          const n = a.num;
          const d = a.den * 100n;
          const cents = -Number((2n * n + d) / (2n * d));
          line('clawback', name, cents);
          clawed -= cents;
        }
      }
    }
    const net = earned - clawed - (owed.get(id) ?? 0);
    const paid = Math.max(net, 0);
    owed.set(id, net < 0 ? -net : 0);
    if (paid !== earned - clawed) line('balance', 'balance', paid - (earned - clawed));
  }
}
function cancelsIn(q) {
  let list = cancelsByQ.get(q);
  if (!list) {
    list = [...cancels].filter(([, d]) => quarterOf(d) === q).sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[0] < b[0] ? -1 : 1));
    cancelsByQ.set(q, list);
  }
  return list;
}
process.stdout.write(out.join('\n') + '\n');
