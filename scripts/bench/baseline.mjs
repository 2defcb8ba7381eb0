#!/usr/bin/env node
// The JavaScript baseline of `npm run bench`: scripts/bench/plan.comp written by hand, as a
// competent engineer would in an afternoon, with exact scaled integers: credits in 1/10,000 of a
// unit (cents x share %), rated amounts in 1/1,000,000 of a unit (credit x rate %), all JS
// integers checked to stay below 2^53, and BigInt only for the divisions of a clawed-back share.
// One pass over the deals aggregates per rep and quarter (credit, GTK credit, SPIFF count); only
// credits on cancelled deals are kept line by line (the clawbacks need them). It knows the data
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

/** '1054' / '12.5' / '70' -> integer hundredths. */
function hundredths(s) {
  const i = s.indexOf('.');
  if (i < 0) return Number(s) * 100;
  if (s.length - i - 1 > 2) throw new Error(`more than 2 places: ${s}`);
  const frac = (s.slice(i + 1) + '00').slice(0, 2);
  return Number(s.slice(0, i)) * 100 + (s[0] === '-' ? -1 : 1) * Number(frac);
}
const safe = (x) => {
  if (!Number.isSafeInteger(x)) throw new Error(`out of exact integer range: ${x}`);
  return x;
};

/** Days since 1970-01-01 of 'YYYY-MM-DD'. */
const dayNo = (iso) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86400000;
/** 0..3 for 2017-Q1..Q4, -1 outside the plan year. */
const quarterNo = (iso) => (iso.startsWith('2017-') ? Math.floor((+iso.slice(5, 7) - 1) / 3) : -1);
const QUARTERS = ['2017-Q1', '2017-Q2', '2017-Q3', '2017-Q4'];

/** Round x (in 1/1,000,000 of a unit) to cents, half away from zero. */
const toCents = (x) => (x >= 0 ? Math.floor((safe(x) + 5000) / 10000) : -Math.floor((-safe(x) + 5000) / 10000));
const money = (cents) => {
  const neg = cents < 0;
  const a = Math.abs(cents);
  return `${neg ? '-' : ''}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
};

// ---- inputs
const repIndex = new Map(); // id -> index
const ids = [];
const role = [];
const quota = []; // cents x 100 (1/10,000)
const managerOf = [];
for (const l of lines('reps.csv')) {
  const [id, manager, r, , , q] = l.split(',');
  repIndex.set(id, ids.length);
  ids.push(id);
  role.push(r);
  managerOf.push(manager);
  quota.push(hundredths(q) * 3 * 100);
}
const R = ids.length;
const series = new Map();
for (const l of lines('products.csv')) {
  const [p, s] = l.split(',');
  series.set(p, s);
}
const csat = new Array(R * 4); // score in hundredths
for (const l of lines('csat_quarterly.csv')) {
  const [rep, q, score] = l.split(',');
  csat[repIndex.get(rep) * 4 + (+q.slice(6) - 1)] = hundredths(score);
}
const splits = new Map(); // deal -> [[repIndex, share %, overlay]]
for (const l of lines('splits.csv')) {
  const [deal, rep, share, overlay] = l.split(',');
  let list = splits.get(deal);
  if (!list) splits.set(deal, (list = []));
  const pct = Number(share.slice(0, -1));
  if (!Number.isInteger(pct)) throw new Error(`share not a whole percent: ${share}`);
  list.push([repIndex.get(rep), pct, overlay === 'yes']);
}
const cancels = new Map(); // deal -> earliest cancellation date
for (const l of lines('cancellations.csv')) {
  const [deal, date] = l.split(',');
  if (!cancels.has(deal) || date < cancels.get(deal)) cancels.set(deal, date);
}

// ---- one pass over the deals: per rep and quarter, credit, GTK credit and SPIFF deals
const credit = new Array(R * 4).fill(0); // 1/10,000
const gtkCredit = new Array(R * 4).fill(0);
const spiffs = new Array(R * 4).fill(0);
const onCancelled = new Map(); // `${rep}|${deal}` -> { rep, deal, date, q, amount } (the last credit wins)
const add = (rep, q, deal, date, amount, gtk, spiff) => {
  const k = rep * 4 + q;
  credit[k] += amount;
  if (gtk) gtkCredit[k] += amount;
  if (spiff) spiffs[k]++;
  if (cancels.has(deal)) onCancelled.set(`${rep}|${deal}`, { rep, deal, date, q, amount });
};
for (const l of lines('sales_pipeline.csv')) {
  const f = l.split(',');
  if (f[4] !== 'Won') continue;
  const deal = f[0];
  const date = f[6];
  const q = quarterNo(date);
  if (q < 0) continue;
  const value = hundredths(f[7]); // cents
  const product = f[2] === 'GTXPro' ? 'GTX Pro' : f[2];
  const gtk = series.get(product) === 'GTK';
  const spiff = product === 'GTX Plus Pro' && date >= '2017-06-01' && date <= '2017-08-31';
  const sp = splits.get(deal);
  let ordinary = 0;
  if (sp) for (const s of sp) if (!s[2]) ordinary++;
  if (ordinary === 0) add(repIndex.get(f[1]), q, deal, date, value * 100, gtk, spiff);
  else for (const [rep, pct, overlay] of sp) if (!overlay) add(rep, q, deal, date, value * pct, gtk, spiff);
  if (sp) for (const [rep, pct, overlay] of sp) if (overlay) add(rep, q, deal, date, value * pct, gtk, spiff);
}
for (const x of credit) safe(x);
// clawable credits per rep, by the quarter of their deal's cancellation
const clawable = new Map(); // rep * 4 + cancel quarter -> records
for (const c of onCancelled.values()) {
  const date = cancels.get(c.deal);
  const cq = quarterNo(date);
  if (cq < 0 || date < c.date || dayNo(date) - dayNo(c.date) > 90) continue;
  const k = c.rep * 4 + cq;
  let list = clawable.get(k);
  if (!list) clawable.set(k, (list = []));
  list.push(c);
}
const team = new Map(); // manager index -> report indices
for (let i = 0; i < R; i++) {
  if (!managerOf[i]) continue;
  const m = repIndex.get(managerOf[i]);
  let t = team.get(m);
  if (!t) team.set(m, (t = []));
  t.push(i);
}

// ---- per quarter, per rep: earn, claw back, settle
const out = [];
const owed = new Array(R).fill(0);
const exactPaid = { commission: new Array(R * 4).fill(0), accelerator: new Array(R * 4).fill(0) }; // 1/1,000,000
const order = [...ids.keys()].sort((a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0));
for (let q = 0; q < 4; q++) {
  for (const i of order) {
    const k = i * 4 + q;
    const id = ids[i];
    let earned = 0;
    const line = (kind, name, cents) => out.push(`${id},${QUARTERS[q]},${kind},${name},${money(cents)}`);
    const pay = (name, exact) => {
      if (exactPaid[name]) exactPaid[name][k] = exact;
      const cents = toCents(exact);
      line('component', name, cents);
      earned += cents;
    };
    const C = credit[k];
    if (role[i] === 'AE') {
      const Q = quota[i];
      pay('commission', Math.min(C, Q) * 6);
      let acc = Math.max(0, Math.min(C, (Q * 3) / 2) - Q) * 9 + Math.max(0, C - (Q * 3) / 2) * 12;
      if (csat[k] < 350) acc = 0;
      pay('accelerator', Math.min(acc, 20000 * 1000000));
      pay('kicker', gtkCredit[k] * 2);
      const spiff = spiffs[k] * 15000;
      line('component', 'spiff', spiff);
      earned += spiff;
    } else if (role[i] === 'SE') {
      pay('overlay', C * 3);
    } else if (role[i] === 'Manager') {
      let TC = 0;
      let TQ = 0;
      for (const m of team.get(i) ?? []) {
        TC += credit[m * 4 + q];
        TQ += quota[m];
      }
      pay('override', Math.min(TC, TQ) * 1 + Math.max(0, TC - TQ) * 2);
    }
    // clawbacks: cancellations dated in this quarter, within 90 days of the credit, full
    let clawed = 0;
    const due = role[i] === 'AE' ? clawable.get(k) : undefined;
    if (due) {
      for (const name of ['commission', 'accelerator']) {
        for (const c of due) {
          const rk = i * 4 + c.q;
          const exact = BigInt(exactPaid[name][rk]);
          const num = exact * BigInt(c.amount);
          if (num === 0n) continue;
          // round(-exact * amount / credit) to cents, half away from zero (exact in 1/1,000,000)
          const d = BigInt(credit[rk]) * 10000n;
          const cents = -Number((2n * num + d) / (2n * d));
          line('clawback', name, cents);
          clawed -= cents;
        }
      }
    }
    const net = earned - clawed - owed[i];
    const paid = Math.max(net, 0);
    owed[i] = net < 0 ? -net : 0;
    if (paid !== earned - clawed) line('balance', 'balance', paid - (earned - clawed));
  }
}
process.stdout.write(out.join('\n') + '\n');
