import { describe, expect, it } from 'vitest';
import { listImage } from '../core/fs/list-image.ts';
import { loadGraph } from '../core/graph/load-graph.ts';
import type { TarEntry } from '../core/layers/tar-entry.ts';
import { analysisJson } from './analysis-json.ts';
import { openPath, useNodeHasher } from './node-io.ts';
import { listFixtures } from './testing/fixtures.ts';

useNodeHasher();

interface ExpLayer {
  compression?: string;
  diffId?: string;
  sha256Uncompressed?: string;
  entries?: { path: string; type: string; size?: number; mode: string }[];
  hardlinks?: { path: string; target: string }[];
  pathsRemovedFromLowerLayers?: string[];
  error?: string;
  note?: string;
}
interface ExpImage {
  manifestDigest?: string;
  configSha256?: string;
  error?: string;
  layers?: ExpLayer[];
  mergedFs?: { entryCount: number; countsByType: Record<string, number>; paths?: string[] };
}

/** Raw member name as the fixture facts write it: no `./`, no leading or trailing `/`. */
const rel = (p: string): string =>
  p
    .replace(/^(\.\/)+/, '')
    .replace(/^\/+/, '')
    .replace(/\/+$/, '')
    .replace(/^\.$/, '');
const oct = (m: number): string => m.toString(8).padStart(4, '0');
const compressionName = (c: string): string => (c === 'tar' ? 'none' : c);

const cases = listFixtures().flatMap((f) => {
  const images: ExpImage[] = [
    ...((f.expected.images ?? []) as ExpImage[]),
    ...((f.expected.dockerImages ?? []) as ExpImage[]),
  ];
  const seen = new Set<string>();
  return images
    .filter((im) => !im.error && im.layers && im.layers.length > 0)
    .filter((im) => {
      const id = im.manifestDigest ?? im.configSha256!;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    })
    .map(
      (im) =>
        [`${f.name} ${(im.manifestDigest ?? im.configSha256!).slice(7, 19)}`, f.input, im] as const,
    );
});

describe('layer engine matches every fixture layer and merged filesystem', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(30);
  });

  it.each(cases)('%s', async (_name, input, want) => {
    const opened = await openPath(input);
    const graph = await loadGraph(opened);
    const image = graph.images.find(
      (im) => im.manifest === want.manifestDigest || im.config?.digest.value === want.configSha256,
    );
    expect(image, 'image found').toBeDefined();
    const indexed = await listImage(opened.store, image!);

    want.layers!.forEach((wl, i) => {
      const got = indexed.layers[i]!;
      if (wl.note) {
        expect(got.skipped).toBe('not a filesystem layer');
        return;
      }
      if (wl.error) {
        expect(got.index?.problems.some((p) => p.severity === 'error')).toBe(true);
        return;
      }
      const idx = got.index!;
      expect(idx, `layer ${i} indexed`).toBeTruthy();
      if (wl.compression) expect(compressionName(idx.compression)).toBe(wl.compression);
      const diffId = wl.diffId ?? wl.sha256Uncompressed;
      if (diffId) expect(idx.diffId).toBe(diffId);
      expect(idx.problems.filter((p) => p.severity === 'error')).toEqual([]);
      if (wl.entries) {
        const mine = idx.entries.map((e: TarEntry) => {
          const type = e.type === 'hardlink' ? 'file' : e.type;
          return {
            path: rel(e.path),
            type,
            ...(type === 'file' ? { size: e.type === 'hardlink' ? 0 : e.size } : {}),
            mode: oct(e.mode),
          };
        });
        const theirs = wl.entries.map((e) => ({
          path: e.path,
          type: e.type,
          ...(e.type === 'file' ? { size: e.size ?? 0 } : {}),
          mode: e.mode,
        }));
        expect(mine).toEqual(theirs);
      }
      if (wl.hardlinks) {
        const links = idx.entries
          .filter((e) => e.type === 'hardlink')
          .map((e) => ({ path: rel(e.path), target: rel(e.linkTarget ?? '') }));
        expect(links).toEqual(wl.hardlinks);
      }
      if (wl.pathsRemovedFromLowerLayers) {
        const removed = indexed.fs.pathsRemovedFromLowerLayers(i).map(rel).sort();
        expect(removed).toEqual([...wl.pathsRemovedFromLowerLayers].map(rel).sort());
      }
    });

    if (want.mergedFs) {
      const merged = indexed.fs.listMerged();
      const counts: Record<string, number> = {};
      for (const e of merged) {
        const t = e.type === 'hardlink' ? 'file' : e.type;
        counts[t] = (counts[t] ?? 0) + 1;
      }
      expect(merged.length).toBe(want.mergedFs.entryCount);
      expect(counts).toEqual(want.mergedFs.countsByType);
      if (want.mergedFs.paths) {
        expect(merged.map((e) => `${e.path.slice(1)}${e.type === 'dir' ? '/' : ''}`)).toEqual(
          want.mergedFs.paths,
        );
      }
    }
  });
});

describe('pre-1.10 docker save (facts from the fixtures README)', () => {
  it.each([
    ['moby/emptyLayer.tar', ['/tmp', '/tmp/foo'], { '/tmp': 0o1777 }],
    [
      'go-containerregistry/tarball/no_manifest.tar',
      ['/foo', '/foo/baz', '/foo/foo', '/foo/hey'],
      {},
    ],
  ] as const)('%s merges to its files', async (name, paths, modes) => {
    const fixture = listFixtures().find((f) => f.input.endsWith(name))!;
    const opened = await openPath(fixture.input);
    const graph = await loadGraph(opened);
    expect(opened.format).toBe('docker-archive-v1');
    const indexed = await listImage(opened.store, graph.images[0]!);
    expect(indexed.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const merged = indexed.fs.listMerged();
    expect(merged.map((e) => e.path)).toEqual(paths);
    for (const [path, mode] of Object.entries(modes))
      expect(merged.find((e) => e.path === path)?.mode).toBe(mode);
  });
});

describe('inspect --layers: waste and efficiency as dive reports them', () => {
  it('dive test image: 32025 wasted bytes, efficiency 0.98442 (dive’s own test numbers)', async () => {
    const fixture = listFixtures().find((f) => f.input.endsWith('dive/test-docker-image.tar'))!;
    const opened = await openPath(fixture.input);
    const graph = await loadGraph(opened);
    const a = analysisJson(await listImage(opened.store, graph.images[0]!));
    expect(a.image.wastedBytes).toBe(32025);
    expect(a.image.efficiency).toBeCloseTo(0.9844212134184309, 12);
    expect(a.layers).toHaveLength(14);
    expect(a.layers[9]!.netBytes).toBe(0);
  });
});
