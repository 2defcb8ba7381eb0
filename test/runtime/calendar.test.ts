import { describe, expect, it } from 'vitest';
import {
  addMonths,
  daysBetween,
  enumeratePeriods,
  mondayOnOrBefore,
  monthsBetween,
  monthsSince,
  periodFromKey,
  periodOf,
} from '../../runtime/calendar.js';

describe('calendar', () => {
  it('enumerates months, quarters and years with keys and bounds', () => {
    const m = enumeratePeriods({ frequency: 'month', every: 1 }, '2026-01-01', '2026-03-15');
    expect(m.map((p) => [p.key, p.start, p.end])).toEqual([
      ['2026-01', '2026-01-01', '2026-01-31'],
      ['2026-02', '2026-02-01', '2026-02-28'],
      ['2026-03', '2026-03-01', '2026-03-31'],
    ]);
    const q = enumeratePeriods({ frequency: 'quarter', every: 1 }, '2025-11-20', '2026-04-01');
    expect(q.map((p) => p.key)).toEqual(['2025-Q4', '2026-Q1', '2026-Q2']);
    expect(q[1]!.end).toBe('2026-03-31');
    const y = enumeratePeriods({ frequency: 'year', every: 1 }, '2024-02-29', '2026-01-01');
    expect(y.map((p) => [p.key, p.end])).toEqual([
      ['2024', '2024-12-31'],
      ['2025', '2025-12-31'],
      ['2026', '2026-12-31'],
    ]);
  });

  it('cuts every-N-weeks periods from the start date, keyed by their start', () => {
    const spec = { frequency: 'week' as const, every: 2, anchor: '2026-01-05' };
    const w = enumeratePeriods(spec, '2026-01-05', '2026-03-01');
    expect(w.map((p) => `${p.key}..${p.end}`)).toEqual([
      '2026-01-05..2026-01-18',
      '2026-01-19..2026-02-01',
      '2026-02-02..2026-02-15',
      '2026-02-16..2026-03-01',
    ]);
    expect(periodOf(spec, '2026-01-18').key).toBe('2026-01-05');
    expect(periodOf(spec, '2026-01-19').key).toBe('2026-01-19');
    // before the anchor: still aligned to it
    expect(periodOf(spec, '2026-01-04').key).toBe('2025-12-22');
    expect(periodOf({ frequency: 'week', every: 1, anchor: '2026-01-07' }, '2026-01-13').key).toBe('2026-01-07');
  });

  it('finds the period containing a date', () => {
    expect(periodOf({ frequency: 'month', every: 1 }, '2026-12-31').key).toBe('2026-12');
    expect(periodOf({ frequency: 'quarter', every: 1 }, '2026-07-01').key).toBe('2026-Q3');
    expect(periodOf({ frequency: 'year', every: 1 }, '2026-07-01').key).toBe('2026');
  });

  it('parses period keys', () => {
    expect(periodFromKey('2026-H2')).toMatchObject({ start: '2026-07-01', end: '2026-12-31' });
    expect(periodFromKey('2026-Q1')).toMatchObject({ start: '2026-01-01', end: '2026-03-31' });
    expect(periodFromKey('2024-02')).toMatchObject({ end: '2024-02-29' });
    expect(periodFromKey('2026-13')).toBeUndefined();
    expect(periodFromKey('2026-02-30')).toBeUndefined();
  });

  it('counts days and months', () => {
    expect(daysBetween('2026-01-15', '2026-04-15')).toBe(90);
    expect(daysBetween('2026-01-15', '2026-05-20')).toBe(125);
    expect(daysBetween('2026-04-15', '2026-01-15')).toBe(-90);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(monthsBetween('2026-03-31', '2026-04-01')).toBe(1);
    expect(monthsBetween('2025-11-15', '2026-02-01')).toBe(3);
    expect(monthsSince('2026-03-01', '2026-03-01')).toBe(1);
    expect(monthsSince('2026-03-20', '2026-03-01')).toBe(1);
    expect(monthsSince('2026-03-01', '2026-07-01')).toBe(5);
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(mondayOnOrBefore('2026-01-07')).toBe('2026-01-05');
    expect(mondayOnOrBefore('2026-01-05')).toBe('2026-01-05');
  });
});
