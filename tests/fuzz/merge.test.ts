import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tarEntry } from '../../src/core/fs/test-support.ts';
import { buildFilesystem } from '../../src/core/fs/merged-filesystem.ts';
import { resolvePath } from '../../src/core/fs/resolve-path.ts';
import type { TarEntry } from '../../src/core/layers/tar-entry.ts';
import { fuzzOptions, fuzzTimeout } from './fuzz-runs.ts';

// The merge takes any layers of any entries (whiteouts, opaque markers, `..`, links in loops,
// hardlinks to anything): it never throws, every problem is well formed, and the merged tree
// stays proportional to the input (at most every path plus its parents).

const part = fc.constantFrom(
  'a',
  'b',
  'c',
  '..',
  '.',
  '',
  '.wh.a',
  '.wh.b',
  '.wh..wh..opq',
  'x\0y',
);
const path = fc.array(part, { minLength: 1, maxLength: 4 }).map((p) => p.join('/'));
const entry: fc.Arbitrary<TarEntry> = fc
  .tuple(
    fc.oneof(
      path,
      path.map((p) => `${p}/`),
      fc.tuple(path, path).map(([p, t]) => `${p} -> ${t}`),
      fc.tuple(path, path).map(([p, t]) => `/${p} -> /${t}`),
      fc.tuple(path, path).map(([p, t]) => `${p} => ${t}`),
      fc.tuple(path, fc.nat({ max: 100 })).map(([p, n]) => `${p}:${n}`),
      path.map((p) => `${p}!fifo`),
    ),
    fc.nat({ max: 50 }),
  )
  .map(([spec, i]) => tarEntry(spec, i));
const layers = fc.array(fc.array(entry, { maxLength: 12 }), { minLength: 1, maxLength: 5 });

describe('fuzz: merge', () => {
  it(
    'random layers merge without throwing, into a tree no larger than the input allows',
    () => {
      fc.assert(
        fc.property(layers, (ls) => {
          const fs = buildFilesystem(ls.map((entries) => ({ entries })));
          const total = ls.reduce((n, l) => n + l.length, 0);
          for (let n = 0; n < ls.length; n++) {
            const listed = fs.listMerged(n);
            // Each entry adds its path and at most 4 parents.
            expect(listed.length).toBeLessThanOrEqual(total * 5);
            for (const e of listed) {
              expect(e.path.startsWith('/')).toBe(true);
              expect(e.path.split('/')).not.toContain('..');
            }
            fs.listLayer(n);
            fs.layerProblems(n);
          }
          for (const p of fs.problems) expect(p.code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
          // Every listed path resolves (symlink loops end in a reported loop, not a hang).
          const view = fs.view();
          for (const e of fs.listMerged()) resolvePath(view, e.path);
          fs.waste();
          fs.layerSizes();
        }),
        fuzzOptions(150),
      );
    },
    fuzzTimeout(),
  );
});
