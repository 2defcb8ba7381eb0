#!/usr/bin/env python3
"""The Python baseline of `npm run bench`: scripts/bench/plan.comp written by hand with the
standard library's `decimal` (exact decimals, rounded half away from zero to cents on each payout
line only). One pass over the deals keeps per rep and quarter the credit lines' amounts; the
exact share of a payout on a deal is worked out only for deals that are cancelled (the clawbacks
read nothing else), and each rep's clawbacks look only at that rep's cancelled deals. It knows the
data shapes of the workload (scripts/bench/scale.mjs) and nothing else.

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

    cancels = {}
    for deal, date, _ in rows(d, 'cancellations.csv'):
        if deal not in cancels or date < cancels[deal]:
            cancels[deal] = date

    credits = {}    # (rep, quarter) -> [credit amounts]
    gtk_credit = {}  # (rep, quarter) -> [GTK credit amounts]
    spiffs = {}     # (rep, quarter) -> SPIFF deals
    cancelled = {}  # (rep, deal) -> (quarter, date, amount): credits on cancelled deals, the last wins

    def add(rep, q, deal, date, amount, gtk, spiff):
        key = (rep, q)
        credits.setdefault(key, []).append(amount)
        if gtk:
            gtk_credit.setdefault(key, []).append(amount)
        if spiff:
            spiffs[key] = spiffs.get(key, 0) + 1
        if deal in cancels:
            cancelled[(rep, deal)] = (q, date, amount)

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
            add(f[1], q, deal, date, value, gtk, spiff)
        else:
            for rep, share, _ in ordinary:
                add(rep, q, deal, date, value * share, gtk, spiff)
        for rep, share, overlay in sp:
            if overlay:
                add(rep, q, deal, date, value * share, gtk, spiff)

    # per rep and quarter of the cancellation: the credits it may claw back, in date order
    clawable = {}
    for (rep, deal), (q, date, amount) in cancelled.items():
        cdate = cancels[deal]
        if cdate < date or day_no(cdate) - day_no(date) > 90:
            continue
        clawable.setdefault((rep, quarter_of(cdate)), []).append((cdate, deal, q, amount))
    for v in clawable.values():
        v.sort()
    team = {}
    for rid, (_role, manager, _q) in reps.items():
        if manager:
            team.setdefault(manager, []).append(rid)

    out = []
    owed = {}
    paid_exact = {}  # (component, rep, quarter) -> (exact payout, credit)
    for q in QUARTERS:
        for rid in sorted(reps):
            role, _manager, quota = reps[rid]
            cs = credits.get((rid, q), [])
            earned = ZERO

            def line(kind, name, amount):
                out.append('%s,%s,%s,%s,%s' % (rid, q, kind, name, amount))

            if role == 'AE':
                C = sum(cs, ZERO)
                exact = min(C, quota) * Decimal('0.06')
                paid_exact[('commission', rid, q)] = (exact, C)
                c = cents(exact)
                line('component', 'commission', c)
                earned += c
                hi = quota * Decimal('1.5')
                acc = max(ZERO, min(C, hi) - quota) * Decimal('0.09') + max(ZERO, C - hi) * Decimal('0.12')
                if csat[(rid, q)] < Decimal('3.5'):
                    acc = ZERO
                exact = min(acc, Decimal(20000))
                paid_exact[('accelerator', rid, q)] = (exact, C)
                c = cents(exact)
                line('component', 'accelerator', c)
                earned += c
                kick = cents(sum(gtk_credit.get((rid, q), []), ZERO) * Decimal('0.02'))
                line('component', 'kicker', kick)
                spiff = cents(Decimal(150) * spiffs.get((rid, q), 0))
                line('component', 'spiff', spiff)
                earned += kick + spiff
            elif role == 'SE':
                c = cents(sum(cs, ZERO) * Decimal('0.03'))
                line('component', 'overlay', c)
                earned += c
            elif role == 'Manager':
                tc = ZERO
                tq = ZERO
                for m in team.get(rid, []):
                    tc += sum(credits.get((m, q), []), ZERO)
                    tq += reps[m][2]
                c = cents(min(tc, tq) * Decimal('0.01') + max(ZERO, tc - tq) * Decimal('0.02'))
                line('component', 'override', c)
                earned += c

            clawed = ZERO
            if role == 'AE':
                for name in ('commission', 'accelerator'):
                    for _cdate, _deal, cq, amount in clawable.get((rid, q), []):
                        exact, total = paid_exact[(name, rid, cq)]
                        if total == 0 or exact * amount == 0:
                            continue
                        c = cents(-(exact * amount / total))
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
