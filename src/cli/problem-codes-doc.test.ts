import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROBLEM_CODES, problemCodes, type ProblemCodeInfo } from '../core/oci/problem-codes.ts';
import { repoRoot } from './testing/fixtures.ts';

// docs/cli.md promises a table of every problem code; PROBLEM_CODES is the one definition.
function docTable(): Map<string, string[]> {
  const text = readFileSync(resolve(repoRoot, 'docs/cli.md'), 'utf8');
  const section = text.split(/^## Problem codes$/m)[1];
  if (section === undefined) throw new Error('docs/cli.md has no "## Problem codes" section');
  const rows = new Map<string, string[]>();
  for (const line of section.split('\n')) {
    const cells = line
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map((c) => c.trim());
    const code = /^`([a-z0-9-]+)`$/.exec(cells[0] ?? '')?.[1];
    if (code) rows.set(code, cells.slice(1));
  }
  return rows;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

// Codes built from a family prefix and a PathError (change-set.ts): `path-${error}`.
const FAMILIES = ['path-', 'hardlink-target-'];
const PATH_ERRORS = ['empty', 'nul', 'escapes-root'];

describe('problem codes', () => {
  const doc = docTable();
  const sources = sourceFiles(resolve(repoRoot, 'src'))
    .filter((f) => !f.endsWith('problem-codes.ts'))
    .map((f) => readFileSync(f, 'utf8'));

  it('docs/cli.md lists every code once, with its severity, meaning and rule', () => {
    expect([...doc.keys()].sort()).toEqual([...problemCodes].sort());
    for (const code of problemCodes) {
      const { severity, meaning, rule } = PROBLEM_CODES[code] as ProblemCodeInfo;
      expect([code, ...doc.get(code)!]).toEqual([code, severity, meaning, rule ?? '']);
    }
  });

  it.each(problemCodes)('%s is kebab-case and reported somewhere in src', (code) => {
    expect(code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$/);
    const family = FAMILIES.find(
      (f) => code.startsWith(f) && PATH_ERRORS.includes(code.slice(f.length)),
    );
    const needle = family ? `\`${family}\${` : `'${code}'`;
    expect(sources.some((s) => s.includes(needle))).toBe(true);
  });
});
