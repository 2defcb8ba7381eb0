#!/usr/bin/env python3
"""The Python baseline of `npm run bench`: scripts/bench/plan.comp written by hand with the
standard library's `decimal` (exact decimals, rounded half away from zero to cents on each payout
line only). It knows the data shapes of the workload (scripts/bench/scale.mjs) and nothing else.

    python3 scripts/bench/baseline.py DATA_DIR > lines.csv      (rep,period,kind,name,amount)
"""
import csv
import datetime
import os
import sys
from decimal import Decimal, ROUND_HALF_UP, getcontext

getcontext().prec = 60
CENT = Decimal('0.01')
ZERO = Decimal(0)
QUARTERS = ['2017-Q1', '2017-Q2', '2017-Q3', '2017-Q4']


def rows(d, name):
    with open(os.path.join(d, name), newline='') as f:
        r = csv.reader(f)
        next(r)
        yield from r


def quarter_of(iso):
    return '%s-Q%d' % (iso[:4], (int(iso[5:7]) - 1) // 3 + 1)


def day_no(iso):
    return datetime.date(int(iso[:4]), int(iso[5:7]), int(iso[8:10])).toordinal()


def cents(x):
    return x.quantize(CENT, rounding=ROUND_HALF_UP)


def main(d):
    reps = {}
    for rid, manager, role, _office, _hire, q in rows(d, 'reps.csv'):
        reps[rid] = (role, manager, Decimal(q) * 3)
    series = {p: s for p, s, _ in rows(d, 'products.csv')}
    csat = {(r, q): Decimal(s) for r, q, s in rows(d, 'csat_quarterly.csv')}
    splits = {}
    for deal, rep, share, overlay in rows(d, 'splits.csv'):
        splits.setdefault(deal, []).append((rep, Decimal(share[:-1]) / 100, overlay == 'yes'))

    credits = {}
    for f in rows(d, 'sales_pipeline.csv'):
        if f[4] != 'Won':
            continue
        deal, date, value = f[0], f[6], Decimal(f[7])
        product = 'GTX Pro' if f[2] == 'GTXPro' else f[2]
        gtk = series.get(product) == 'GTK'
        spiff = product == 'GTX Plus Pro' and '2017-06-01' <= date <= '2017-08-31'
        q = quarter_of(date)
        sp = splits.get(deal, [])
        ordinary = [s for s in sp if not s[2]]
        if not ordinary:
            credits.setdefault((f[1], q), []).append((deal, date, value, gtk, spiff))
        else:
            for rep, share, _ in ordinary:
                credits.setdefault((rep, q), []).append((deal, date, value * share, gtk, spiff))
        for rep, share, overlay in sp:
            if overlay:
                credits.setdefault((rep, q), []).append((deal, date, value * share, gtk, spiff))

    cancels = {}
    for deal, date, _ in rows(d, 'cancellations.csv'):
        if deal not in cancels or date < cancels[deal]:
            cancels[deal] = date
    cancels_by_q = {}
    for deal, date in sorted(cancels.items(), key=lambda x: (x[1], x[0])):
        cancels_by_q.setdefault(quarter_of(date), []).append((deal, date))
    team = {}
    for rid, (_role, manager, _q) in reps.items():
        if manager:
            team.setdefault(manager, []).append(rid)

    out = []
    owed = {}
    paid_on = {}
    for q in QUARTERS:
        for rid in sorted(reps):
            role, _manager, quota = reps[rid]
            cs = credits.get((rid, q), [])
            earned = ZERO

            def line(kind, name, amount):
                out.append('%s,%s,%s,%s,%s' % (rid, q, kind, name, amount))

            def period_total(name, exact, total):
                c = cents(exact)
                line('component', name, c)
                for cr in cs:
                    paid_on[(name, rid, cr[0])] = [cr[1], ZERO if total == 0 else exact * cr[2] / total, False]
                return c

            if role == 'AE':
                C = sum((c[2] for c in cs), ZERO)
                earned += period_total('commission', min(C, quota) * Decimal('0.06'), C)
                hi = quota * Decimal('1.5')
                acc = max(ZERO, min(C, hi) - quota) * Decimal('0.09') + max(ZERO, C - hi) * Decimal('0.12')
                if csat[(rid, q)] < Decimal('3.5'):
                    acc = ZERO
                earned += period_total('accelerator', min(acc, Decimal(20000)), C)
                kick = cents(sum((c[2] * Decimal('0.02') for c in cs if c[3]), ZERO))
                line('component', 'kicker', kick)
                spiff = cents(Decimal(150) * sum(1 for c in cs if c[4]))
                line('component', 'spiff', spiff)
                earned += kick + spiff
            elif role == 'SE':
                c = cents(sum((c[2] for c in cs), ZERO) * Decimal('0.03'))
                line('component', 'overlay', c)
                earned += c
            elif role == 'Manager':
                tc = ZERO
                tq = ZERO
                for m in team.get(rid, []):
                    tc += sum((c[2] for c in credits.get((m, q), [])), ZERO)
                    tq += reps[m][2]
                c = cents(min(tc, tq) * Decimal('0.01') + max(ZERO, tc - tq) * Decimal('0.02'))
                line('component', 'override', c)
                earned += c

            clawed = ZERO
            if role == 'AE':
                for name in ('commission', 'accelerator'):
                    for deal, date in cancels_by_q.get(q, []):
                        a = paid_on.get((name, rid, deal))
                        if not a or a[2] or date < a[0] or day_no(date) - day_no(a[0]) > 90:
                            continue
                        a[2] = True
                        if a[1] == 0:
                            continue
                        c = cents(-a[1])
                        line('clawback', name, c)
                        clawed -= c
            net = earned - clawed - owed.get(rid, ZERO)
            paid = max(net, ZERO)
            owed[rid] = -net if net < 0 else ZERO
            if paid != earned - clawed:
                line('balance', 'balance', cents(paid - (earned - clawed)))
    sys.stdout.write('\n'.join(out) + '\n')


if __name__ == '__main__':
    main(sys.argv[1])
