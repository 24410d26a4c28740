import { describe, expect, it } from 'vitest';
import { loadGraph } from '../core/graph/load-graph.ts';
import { inspectJson } from './inspect.ts';
import { openPath, useNodeHasher } from './node-io.ts';
import { listFixtures, type Expected } from './testing/fixtures.ts';

useNodeHasher();

const fmtPlatform = (p: NonNullable<Expected['images']>[number]['platform']): string | null =>
  p ? [p.os, p.architecture, p.variant].filter(Boolean).join('/') : null;

/** Map each expected-error sentence to the problem code that must carry its digest. */
function matcher(sentence: string): { code: string; needle: string } {
  const m = /^(missing blob|size mismatch) (\S+)$/.exec(sentence);
  if (m) return { code: m[1] === 'missing blob' ? 'blob-missing' : 'size-mismatch', needle: m[2]! };
  if (sentence === 'manifest.json is not a list')
    return { code: 'docker-manifest-not-list', needle: 'manifest.json' };
  throw new Error(`no matcher for expected error "${sentence}"`);
}

const fixtures = listFixtures();

describe('inspect matches every fixture in the shared corpus', () => {
  it('finds the corpus', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(30);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))('%s', async (_name, f) => {
    const input = await openPath(f.input);
    const graph = await loadGraph(input);
    const out = inspectJson(input, graph);
    const exp = f.expected;

    // Images: each manifest once, in the order of first appearance (nested indexes followed).
    const wantImages = (exp.images ?? []).filter((im) => !im.error);
    const firstSeen = new Map<string, (typeof wantImages)[number]>();
    for (const im of wantImages)
      if (!firstSeen.has(im.manifestDigest)) firstSeen.set(im.manifestDigest, im);
    if (exp.repositories && !exp.dockerImages) {
      // Pre-1.10 docker save: one image per repository tag, named repo:tag.
      const refs = Object.entries(exp.repositories).flatMap(([repo, tags]) =>
        Object.keys(tags).map((t) => `${repo}:${t}`),
      );
      expect(out.format).toBe('docker-archive-v1');
      expect(out.images.map((im) => im.refName)).toEqual(refs);
    } else if (exp.dockerImages && exp.dockerImages.length > 0 && wantImages.length === 0) {
      expect(out.images.map((im) => im.config?.digest)).toEqual(
        exp.dockerImages.map((d) => d.configSha256),
      );
      exp.dockerImages.forEach((d, i) => {
        const got = out.images[i]!;
        expect(got.layers.map((l) => l.diffId)).toEqual(d.diffIds);
        expect(got.tags).toEqual(d.repoTags ?? []);
      });
    } else {
      expect(out.images.map((im) => im.manifest)).toEqual([...firstSeen.keys()]);
      for (const got of out.images) {
        const want = firstSeen.get(got.manifest)!;
        expect(got.refName).toBe(want.refName);
        expect(got.platform).toBe(fmtPlatform(want.platform));
        if (want.manifestMediaType) expect(got.mediaType).toBe(want.manifestMediaType);
        if (want.configDigest) expect(got.config?.digest).toBe(want.configDigest);
        if (want.configMediaType) expect(got.config?.mediaType).toBe(want.configMediaType);
        if (want.artifactType) expect(got.artifactType).toBe(want.artifactType);
        if (want.layers) {
          expect(got.layers.map((l) => [l.digest, l.mediaType, l.size])).toEqual(
            want.layers.map((l) => [l.digest, l.mediaType, l.size]),
          );
        }
        if (want.diffIds) expect(got.layers.map((l) => l.diffId)).toEqual(want.diffIds);
      }
    }

    // Problems: every expected error is reported, and no other error.
    const errors = out.problems.filter((p) => p.severity === 'error');
    for (const sentence of exp.expectedErrors) {
      const { code, needle } = matcher(sentence);
      expect(
        errors.some(
          (p) => p.code === code && (p.message.includes(needle) || p.where.includes(needle)),
        ),
        `${sentence} in ${JSON.stringify(errors)}`,
      ).toBe(true);
    }
    expect(errors.map((p) => `${p.code} ${p.where}`)).toHaveLength(exp.expectedErrors.length);
  });
});
