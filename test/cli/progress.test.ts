// The progress line of long runs (compiler/cli/progress.ts): off unless enabled (a terminal
// without --quiet), silent before its delay, rewritten in place and erased once.
import { describe, expect, it } from 'vitest';
import { Progress } from '../../compiler/cli/progress.js';

describe('progress line', () => {
  it('writes nothing when not on a terminal or with --quiet', () => {
    const out: string[] = [];
    const p = new Progress(false, (s) => out.push(s), 0);
    p.step('reading deals.csv');
    p.done();
    expect(out).toEqual([]);
    expect(Progress.forRun(true)).toBeInstanceOf(Progress);
  });

  it('writes nothing before its delay', () => {
    const out: string[] = [];
    const p = new Progress(true, (s) => out.push(s), 60_000);
    p.step('reading deals.csv');
    p.done();
    expect(out).toEqual([]);
  });

  it('rewrites one line in place and erases it once', () => {
    const out: string[] = [];
    const p = new Progress(true, (s) => out.push(s), 0);
    p.step('reading deals.csv');
    p.step('too soon: skipped');
    p.done();
    p.done();
    expect(out.length).toBe(2);
    expect(out[0]).toMatch(/^\r\x1b\[Kreading deals\.csv \(\d+\.\d s\)$/);
    expect(out[1]).toBe('\r\x1b[K');
  });
});
