// docs/diagnostics.md documents exactly the codes of the registry (compiler/diagnostics/codes.ts).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allCodes, docsAnchor } from '../../compiler/diagnostics/codes.js';

const root = resolve(import.meta.dirname, '..', '..');
const doc = readFileSync(join(root, 'docs', 'diagnostics.md'), 'utf8');

/** Anchors defined in the page: explicit `<a id="...">` and GitHub-style heading slugs. */
function anchors(markdown: string): Set<string> {
  const out = new Set<string>();
  for (const m of markdown.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) out.add(m[1]!);
  for (const m of markdown.matchAll(/^#{1,6}\s+(.+)$/gm)) {
    const slug = m[1]!
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    out.add(slug);
  }
  return out;
}

describe('docs/diagnostics.md', () => {
  const defined = anchors(doc);
  const registry = allCodes();
  const known = new Set(registry.map((d) => d.code));

  it('documents every code of the registry under its anchor', () => {
    const missing = registry.filter((d) => !defined.has(d.code.toLowerCase())).map((d) => d.code);
    expect(missing, 'codes without a #compNNNN anchor in docs/diagnostics.md').toEqual([]);
  });

  it('gives each code a section with a heading naming it', () => {
    const missing = registry.filter((d) => !new RegExp(`^#{2,3} ${d.code}\\b`, 'm').test(doc)).map((d) => d.code);
    expect(missing, 'codes without a `## COMPnnnn` heading').toEqual([]);
  });

  it('states each code with its registry severity', () => {
    const wrong: string[] = [];
    for (const d of registry) {
      const start = doc.indexOf(`<a id="${d.code.toLowerCase()}"></a>`);
      const end = doc.indexOf('<a id="comp', start + 1);
      const section = doc.slice(start, end === -1 ? undefined : end);
      if (!new RegExp(`\\*\\*Severity:\\*\\* ${d.severity}\\b`).test(section)) wrong.push(`${d.code} (${d.severity})`);
    }
    expect(wrong, 'sections whose **Severity:** line differs from the registry').toEqual([]);
  });

  it('lists the codes in code order', () => {
    const order = [...doc.matchAll(/<a id="(comp\d{4})"><\/a>/g)].map((m) => m[1]!);
    expect(order).toEqual(registry.map((d) => d.code.toLowerCase()));
  });

  it('mentions no code that is absent from the registry', () => {
    const mentioned = new Set([...doc.matchAll(/COMP\d{4}/gi)].map((m) => m[0].toUpperCase()));
    const unknown = [...mentioned].filter((c) => !known.has(c)).sort();
    expect(unknown, 'codes mentioned in docs/diagnostics.md but not in codes.ts').toEqual([]);
  });

  it('matches the anchors that diagnostics link to (docsAnchor)', () => {
    for (const d of registry) {
      const [file, anchor] = docsAnchor(d.code).split('#');
      expect(file).toBe('docs/diagnostics.md');
      expect(defined.has(anchor!)).toBe(true);
    }
  });
});
