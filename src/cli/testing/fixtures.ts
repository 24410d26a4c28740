import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The built CLI's entry point (`npm run prepare` builds what it runs). */
export const cliBin = resolve(repoRoot, 'bin/oci-explorer.js');

/** The third-party fixtures carried in tests/fixtures, overridable with OCI_FIXTURES. */
export const fixturesDir = process.env['OCI_FIXTURES'] ?? resolve(repoRoot, 'tests/fixtures');

/** One fixture: its expected facts and the input they describe (a folder or a tar). */
export interface Fixture {
  name: string;
  input: string;
  expected: Expected;
}

/** The fields of `*.expected.json` the tests read. */
export interface Expected {
  images?: {
    manifestDigest: string;
    manifestMediaType?: string;
    platform: { os: string; architecture: string; variant?: string } | null;
    refName: string | null;
    configDigest?: string;
    configMediaType?: string;
    artifactType?: string | null;
    diffIds?: string[];
    error?: string;
    layers?: {
      digest: string;
      mediaType: string;
      size: number;
      diffId?: string;
      compression?: string;
    }[];
  }[];
  repositories?: Record<string, Record<string, string>>;
  dockerImages?: { configSha256: string; repoTags: string[] | null; diffIds: string[] }[];
  expectedErrors: string[];
}

/** Every fixture with an `*.expected.json`, found recursively. */
export function listFixtures(): Fixture[] {
  if (!existsSync(fixturesDir))
    throw new Error(`fixtures not found at ${fixturesDir} (set OCI_FIXTURES)`);
  const out: Fixture[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.expected.json')) {
        const base = full.slice(0, -'.expected.json'.length);
        const input = existsSync(base) ? base : `${base}.tar`;
        out.push({
          name: relative(fixturesDir, base),
          input,
          expected: JSON.parse(readFileSync(full, 'utf8')) as Expected,
        });
      }
    }
  };
  walk(fixturesDir);
  return out;
}
