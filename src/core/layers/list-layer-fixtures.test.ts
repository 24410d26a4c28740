import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { archiveMember, FIXTURES, fixtureBlob } from '../testing/fixtures.ts';
import { listLayer } from './list-layer.ts';
import type { TarEntry } from './tar-entry.ts';

/** The facts an `*.expected.json` records about one layer (read independently with Python). */
interface ExpectedLayer {
  file?: string;
  resolvesTo?: string;
  digest?: string;
  compression?: string;
  diffId?: string;
  sha256Uncompressed?: string;
  uncompressedSize?: number;
  entryCount?: number;
  countsByType?: Record<string, number>;
  hardlinks?: { path: string; target: string }[];
  symlinks?: { path: string; target: string }[];
  entries?: { path: string; type: string; size?: number; mode: string; linkTarget?: string }[];
  error?: string;
  note?: string;
}

interface Case {
  name: string;
  open: () => Promise<Blob>;
  want: ExpectedLayer;
}

function findCases(): Case[] {
  const cases = new Map<string, Case>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.expected.json')) addCases(full);
    }
  };
  const addCases = (file: string): void => {
    const base = file.slice(0, -'.expected.json'.length);
    const doc = JSON.parse(readFileSync(file, 'utf8')) as {
      images?: { layers?: ExpectedLayer[] }[];
      dockerImages?: { layers?: ExpectedLayer[] }[];
    };
    const rel = relative(FIXTURES, base);
    const archive = `${rel}.tar`;
    for (const img of doc.dockerImages ?? []) {
      for (const l of img.layers ?? []) {
        const member = l.resolvesTo ?? l.file!;
        cases.set(`${rel} ${member}`, {
          name: `${rel} ${member}`,
          open: async () => archiveMember(await fixtureBlob(archive), member),
          want: l,
        });
      }
    }
    for (const img of doc.images ?? []) {
      for (const l of img.layers ?? []) {
        if (l.note || !l.digest) continue;
        const blobPath = `blobs/sha256/${l.digest.slice('sha256:'.length)}`;
        const inDir = join(base, blobPath);
        if (existsSync(base) && statSync(base).isDirectory() && !existsSync(inDir)) continue;
        cases.set(`${rel} ${l.digest}`, {
          name: `${rel} ${l.digest.slice(0, 19)}`,
          open: async () =>
            existsSync(inDir)
              ? fixtureBlob(relative(FIXTURES, inDir))
              : archiveMember(await fixtureBlob(archive), blobPath),
          want: l,
        });
      }
    }
  };
  if (existsSync(FIXTURES)) walk(FIXTURES);
  return [...cases.values()];
}

/** Paths as the expected files write them: no `./` prefix, no trailing slash. */
function clean(p: string): string {
  return p.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
}

function countByType(entries: TarEntry[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of entries) {
    // The expected files count whiteout markers apart (they are regular files in the tar).
    const type = /(^|\/)\.wh\./.test(clean(e.path)) ? 'whiteout' : e.type;
    out[type] = (out[type] ?? 0) + 1;
  }
  return out;
}

const cases = findCases();

describe('listLayer agrees with every fixture layer in tests/fixtures', () => {
  it('finds the fixture layers', () => {
    expect(cases.length).toBeGreaterThan(40);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const blob = await c.open();
    const got = await listLayer(blob, { verifyDigest: true });
    const w = c.want;
    if (w.error) {
      expect(got.problems.filter((p) => p.severity === 'error').length).toBeGreaterThan(0);
      return;
    }
    expect(got.problems).toEqual([]);
    expect(got.compression).toBe(w.compression === 'none' ? 'tar' : w.compression);
    expect(got.diffId).toBe(w.diffId ?? w.sha256Uncompressed);
    if (w.digest) expect(got.digest).toBe(w.digest);
    if (w.uncompressedSize !== undefined) expect(got.uncompressedSize).toBe(w.uncompressedSize);
    expect(got.entries.length).toBe(w.entryCount);
    if (w.countsByType) expect(countByType(got.entries)).toEqual(w.countsByType);
    const links = (type: string) =>
      got.entries
        .filter((e) => e.type === type)
        .map((e) => ({
          path: clean(e.path),
          target: type === 'hardlink' ? clean(e.linkTarget!) : e.linkTarget,
        }));
    if (w.hardlinks) expect(links('hardlink')).toEqual(w.hardlinks);
    if (w.symlinks) expect(links('symlink')).toEqual(w.symlinks);
    if (w.entries) {
      expect(
        got.entries.map((e) => ({
          path: clean(e.path),
          type: e.type,
          ...(e.type === 'file' ? { size: e.size } : {}),
          mode: e.mode.toString(8).padStart(4, '0'),
          ...(e.linkTarget !== undefined ? { linkTarget: e.linkTarget } : {}),
        })),
      ).toEqual(w.entries);
    }
  });
});
