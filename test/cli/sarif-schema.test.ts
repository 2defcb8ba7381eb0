// `comp check --format sarif` validates against the official SARIF 2.1.0 JSON schema (OASIS,
// vendored in test/vendor/sarif-2.1.0 with its licence note), for plans with errors, warnings,
// syntax errors, many diagnostics and none.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { FX, ROOT, comp } from './helpers.js';

/** The draft-04 schema read as draft-07 (`id` -> `$id`): the only difference this schema meets. */
function sarifSchema(): object {
  const text = readFileSync(path.join(ROOT, 'test', 'vendor', 'sarif-2.1.0', 'sarif-schema-2.1.0.json'), 'utf8');
  const s = JSON.parse(text) as Record<string, unknown>;
  expect(s.$schema).toBe('http://json-schema.org/draft-04/schema#');
  expect(text).not.toMatch(/exclusiveM(in|ax)imum/);
  const { id, $schema: _draft4, ...rest } = s;
  return { $schema: 'http://json-schema.org/draft-07/schema#', $id: id, ...rest };
}

const ajv = new Ajv({ allErrors: true, strict: false });
// the formats the schema names, checked (ajv-formats is not a dependency)
ajv.addFormat('uri', (v: string) => /^[a-z][a-z0-9+.-]*:[^\s]*$/i.test(v));
ajv.addFormat('uri-reference', (v: string) => !/[\s\\]/.test(v));
ajv.addFormat('date-time', (v: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i.test(v) && !Number.isNaN(Date.parse(v)));
const validate = ajv.compile(sarifSchema());

function sarifOf(args: string[]): { code: number | null; log: unknown } {
  const r = comp(['check', ...args, '--format', 'sarif']);
  return { code: r.code, log: JSON.parse(r.stdout) };
}

describe('SARIF output against the official SARIF 2.1.0 schema', { timeout: 180_000 }, () => {
  it('the schema itself rejects a broken log (the validator is live)', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
    expect(validate({ version: '2.0.0', runs: [] })).toBe(false);
  });

  it.each([
    ['errors and warnings in a folder', [`${FX}/plans`], 1],
    ['a clean plan (no results)', [`${FX}/plans/good.comp`], 0],
    ['80 syntax errors', ['test/fuzz/regressions/errors-80.comp'], 1],
    ['limits (COMP1350) and hostile names', ['test/fuzz/regressions/nested-parens-160.comp', 'test/fuzz/regressions/field-type-tostring.comp'], 1],
    ['every sample', ['samples'], 0],
  ])('%s', (_name, args, code) => {
    const r = sarifOf(args as string[]);
    expect(r.code).toBe(code);
    expect(validate(r.log) ? [] : validate.errors).toEqual([]);
  });
});
