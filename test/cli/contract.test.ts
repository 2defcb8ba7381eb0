// The machine contract: JSON output of check, run and the ledger validates against the versioned
// schemas in schemas/ (ajv); with --format json every failure is one JSON document on stdout
// with its code and location; SARIF and JUnit output; the exit status of every command.
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { FX, ROOT, comp } from './helpers.js';

const ajv = new Ajv({ allErrors: true, strict: true });
for (const f of readdirSync(path.join(ROOT, 'schemas'))) ajv.addSchema(JSON.parse(readFileSync(path.join(ROOT, 'schemas', f), 'utf8')));
function valid(schema: string, doc: unknown): void {
  const v = ajv.getSchema(`comp-lang/schemas/${schema}`)!;
  expect(v, schema).toBeDefined();
  expect(v(doc) ? [] : v.errors, `${schema}`).toEqual([]);
}

const tmp = mkdtempSync(path.join(tmpdir(), 'comp-contract-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
cpSync(path.join(ROOT, FX, 'split'), path.join(tmp, 'split'), { recursive: true });
const PLAN = path.join(tmp, 'split', 'plan.comp');
const DATA = path.join(tmp, 'split', 'data');
const LEDGER = path.join(tmp, 'pay.ledger');
const BAD = `${FX}/plans/nested/bad.comp`;

interface Doc {
  kind: string;
  exitCode?: number;
  problems?: { code: string; file: string | null; line: number | null; column: number | null }[];
}

describe('JSON output validates against schemas/', { timeout: 180_000 }, () => {
  it('check', () => {
    const r = comp(['check', `${FX}/plans`, '--format', 'json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    valid('check.v1.json', doc);
    expect(doc.diagnostics.length).toBeGreaterThan(1);
  });

  it('run, and run with a ledger (closed statements, adjustment lines), and the ledger export', () => {
    const r = comp(['run', PLAN, '--data', DATA, '--format', 'json']);
    expect(r.code).toBe(0);
    valid('run.v1.json', JSON.parse(r.stdout));
    expect(comp(['close', PLAN, '--data', DATA, '--period', '2026-03', '--ledger', LEDGER, '--by', 'ci']).code).toBe(0);
    const deals = path.join(DATA, 'deals.csv');
    writeFileSync(deals, readFileSync(deals, 'utf8') + 'D9,ada,Won,2026-03-30,"1,000"\n');
    const l = comp(['run', PLAN, '--data', DATA, '--format', 'json', '--ledger', LEDGER]);
    expect(l.code).toBe(0);
    const doc = JSON.parse(l.stdout);
    valid('run.v1.json', doc);
    expect(doc.statements.some((s: { lines: { kind: string }[] }) => s.lines.some((x) => x.kind === 'adjustment'))).toBe(true);
    const e = comp(['ledger', 'export', LEDGER]);
    expect(e.code).toBe(0);
    valid('ledger.v1.json', JSON.parse(e.stdout));
  });
});

describe('--format json: every failure is one JSON document on stdout, with code and location', { timeout: 180_000 }, () => {
  it.each([
    ['usage (commander)', ['run', PLAN, '--format', 'json'], 2, 'COMP8304', false],
    ['usage (no such plan)', ['run', 'nope.comp', '--data', DATA, '--format', 'json'], 2, 'COMP8304', false],
    ['usage (check: no such folder)', ['check', 'no/such', '--format', 'json'], 2, 'COMP8304', false],
    ['plan', ['run', BAD, '--data', DATA, '--format', 'json'], 1, 'COMP2001', true],
    ['data', ['run', `${FX}/split/plan.comp`, '--data', `${FX}/baddata`, '--format', 'json'], 1, 'COMP6004', true],
    ['evaluation', ['run', `${FX}/zero-quota/plan.comp`, '--data', `${FX}/zero-quota/data`, '--format', 'json'], 1, 'COMP7001', true],
    ['ledger', ['ledger', 'show', PLAN, '--format', 'json'], 1, 'COMP9300', false],
  ])('%s', (_name, args, code, problem, located) => {
    const r = comp(args as string[]);
    expect(r.code).toBe(code);
    const doc = JSON.parse(r.stdout) as Doc;
    valid('errors.v1.json', doc);
    expect(doc.exitCode).toBe(code);
    const p = doc.problems!.find((x) => x.code === problem)!;
    expect(p, JSON.stringify(doc.problems)).toBeDefined();
    if (located) {
      expect(typeof p.file).toBe('string');
      expect(p.line).toBeGreaterThan(0);
      expect(p.column).toBeGreaterThan(0);
    }
  });
});

describe('comp check --format sarif and junit', { timeout: 180_000 }, () => {
  it('SARIF 2.1.0 with the fields GitHub code scanning requires', () => {
    const r = comp(['check', `${FX}/plans`, '--format', 'sarif']);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('comp');
    const ids = run.tool.driver.rules.map((x: { id: string }) => x.id);
    expect(ids).toEqual(['COMP2001', 'COMP3010']);
    for (const res of run.results) {
      expect(ids[res.ruleIndex]).toBe(res.ruleId);
      expect(['error', 'warning', 'note']).toContain(res.level);
      expect(res.message.text.length).toBeGreaterThan(0);
      const loc = res.locations[0].physicalLocation;
      expect(loc.artifactLocation.uri).toMatch(/^test\/cli\/fixtures\/plans\/[\w/]+\.comp$/);
      expect(loc.region.startLine).toBeGreaterThan(0);
      expect(loc.region.startColumn).toBeGreaterThan(0);
      expect(typeof res.partialFingerprints.primaryLocationLineHash).toBe('string');
    }
    expect(run.results[0]).toMatchObject({ ruleId: 'COMP2001', level: 'error', locations: [{ physicalLocation: { region: { startLine: 39, startColumn: 8, endLine: 39, endColumn: 18 } } }] });
  });

  it('JUnit: a test case per file, failed on errors', () => {
    const r = comp(['check', `${FX}/plans`, '--format', 'junit']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="comp check" tests="3" failures="1" errors="0">/);
    expect(r.stdout.match(/<testcase /g)).toHaveLength(3);
    expect(r.stdout).toContain('<failure message="1 error: COMP2001 `acelerator` is not defined" type="COMP2001">');
  });
});

// Exit status of every command: 0 success, 1 errors in the inputs, 2 usage. Never 70.
describe('exit codes', { timeout: 240_000 }, () => {
  const GOOD = `${FX}/plans/good.comp`;
  writeFileSync(path.join(tmp, 'broken.comp'), 'plan "broken"\ncomponent c {\n');
  it.each([
    ['check', ['check', GOOD], 0],
    ['check', ['check', BAD], 1],
    ['check', ['check', '--format', 'yaml', GOOD], 2],
    ['run', ['run', `${FX}/split/plan.comp`, '--data', `${FX}/split/data`, '--format', 'csv'], 0],
    ['run', ['run', `${FX}/split/plan.comp`, '--data', `${FX}/baddata`], 1],
    ['run', ['run', `${FX}/split/plan.comp`, '--data', 'no/such'], 2],
    ['explain', ['explain', `${FX}/split/plan.comp`, '--data', `${FX}/split/data`, '--rep', 'ada', '--period', '2026-03'], 0],
    ['explain', ['explain', BAD, '--data', `${FX}/split/data`, '--rep', 'ada', '--period', '2026-03'], 1],
    ['explain', ['explain', `${FX}/split/plan.comp`, '--data', `${FX}/split/data`, '--rep', 'zed', '--period', '2026-03'], 2],
    ['fmt', ['fmt', '--check', GOOD], 0],
    ['fmt', ['fmt', '--check', path.join(tmp, 'broken.comp')], 1],
    ['fmt', ['fmt'], 2],
    ['close', ['close', BAD, '--data', `${FX}/split/data`, '--period', '2026-03', '--ledger', path.join(tmp, 'x.ledger')], 1],
    ['close', ['close', `${FX}/split/plan.comp`, '--data', `${FX}/split/data`, '--ledger', path.join(tmp, 'x.ledger')], 2],
    ['ledger show', ['ledger', 'show', LEDGER], 0],
    ['ledger verify', ['ledger', 'verify', `${FX}/split/plan.comp`], 1],
    ['ledger export', ['ledger', 'export', path.join(tmp, 'none.ledger')], 2],
    ['ledger', ['ledger', 'frobnicate'], 2],
    ['(none)', ['frobnicate'], 2],
  ])('%s %j', (_name, args, code) => {
    const r = comp(args as string[]);
    expect(r.code, r.stderr).toBe(code);
    expect(r.stderr).not.toContain('internal error');
  });
});
