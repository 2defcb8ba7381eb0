// A progress line on stderr for long runs: shown only on a terminal, only once the run has taken
// about 2 s, rewritten in place at most 10 times a second, and erased before anything else is
// printed. `--quiet` (and any stderr that is not a terminal: a pipe, a file, CI) shows nothing.
// The loader and the evaluator call `step` from their loops (LoadOptions / EvaluateOptions
// `progress`): the run is synchronous, so no timer could print while it works.
import { performance } from 'node:perf_hooks';

export class Progress {
  private readonly t0 = performance.now();
  private shown = false;
  private last = 0;

  constructor(
    private readonly enabled: boolean,
    private readonly write: (s: string) => void = (s) => void process.stderr.write(s),
    private readonly after = 2000,
  ) {}

  /** On when stderr is a terminal and `--quiet` was not given. */
  static forRun(quiet: boolean | undefined): Progress {
    return new Progress(!quiet && process.stderr.isTTY === true);
  }

  /** What the run is doing now (`reading sales_pipeline.csv`, `evaluating 2017-Q2: rep 1,200 of 5,000`). */
  readonly step = (what: string): void => {
    if (!this.enabled) return;
    const now = performance.now();
    if (now - this.t0 < this.after || (this.shown && now - this.last < 100)) return;
    this.last = now;
    this.shown = true;
    const line = `${what} (${((now - this.t0) / 1000).toFixed(1)} s)`;
    this.write(`\r\x1b[K${line.length > 100 ? `${line.slice(0, 99)}…` : line}`);
  };

  /** Erases the line (before the output or any error is printed). */
  done(): void {
    if (!this.shown) return;
    this.shown = false;
    this.write('\r\x1b[K');
  }
}
