import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TarEntry } from '../../src/core/layers/tar-entry.ts';
import { TarReader } from '../../src/core/layers/tar-reader.ts';
import { makeTar, type TarSpec } from '../../src/core/testing/tar-writer.ts';
import { fuzzOptions, fuzzTimeout } from './fuzz-runs.ts';

// The tar reader takes any bytes: it never throws, lists at most one entry per 512-byte block,
// reports a bounded number of problems, and reads the same whatever the chunking.

function read(bytes: Uint8Array, chunk: number): { entries: TarEntry[]; problems: unknown[] } {
  const entries: TarEntry[] = [];
  const r = new TarReader({ onEntry: (e) => entries.push(e), onTrailingEntry: () => undefined });
  for (let i = 0; i < bytes.length; i += chunk) r.push(bytes.subarray(i, i + chunk));
  r.finish();
  return { entries, problems: r.problems };
}

function check(bytes: Uint8Array, chunk: number): void {
  const whole = read(bytes, Math.max(1, bytes.length));
  const split = read(bytes, chunk);
  const blocks = Math.ceil(bytes.length / 512);
  expect(whole.entries.length).toBeLessThanOrEqual(blocks);
  // One problem per block at most, plus one for the end of the stream.
  expect(whole.problems.length).toBeLessThanOrEqual(blocks + 1);
  for (const e of whole.entries) {
    expect(Number.isSafeInteger(e.size) && e.size >= 0).toBe(true);
    expect(e.dataOffset).toBeLessThanOrEqual(bytes.length + 512 * 2);
    expect(e.path.length).toBeLessThanOrEqual(1 << 20);
  }
  expect(JSON.stringify(split)).toBe(JSON.stringify(whole));
}

// Names with an escape byte and a non-ASCII letter, as hostile images have them.
// eslint-disable-next-line no-control-regex -- a control character in names is the point
const name = fc.stringMatching(/^[a-z./\u00e9\x1b]{1,40}$/);
const bytes = fc.uint8Array({ maxLength: 300 });
const spec: fc.Arbitrary<TarSpec> = fc.oneof(
  fc.record({ path: name, content: bytes }),
  fc.record({ path: name, type: fc.constant('dir' as const) }),
  fc.record({ path: name, type: fc.constant('symlink' as const), linkTarget: name }),
  fc.record({ path: name, type: fc.constant('hardlink' as const), linkTarget: name }),
  fc.record({
    path: fc.stringMatching(/^[a-z/]{101,180}$/),
    content: bytes,
    longNameStyle: fc.constantFrom('pax' as const, 'gnu' as const),
  }),
  fc.record({
    path: name,
    content: bytes,
    xattrs: fc.dictionary(fc.stringMatching(/^[a-z.]{1,12}$/), bytes, { maxKeys: 3 }),
  }),
  fc.record({
    path: name,
    type: fc.constant('sparse' as const),
    content: bytes,
    sparseRealSize: fc.nat({ max: 1 << 20 }),
  }),
  fc.record({
    path: name,
    content: bytes,
    pax: fc.constantFrom<Record<string, string>>(
      { 'GNU.sparse.major': '1', 'GNU.sparse.minor': '0', 'GNU.sparse.realsize': '900' },
      { 'GNU.sparse.size': '900', 'GNU.sparse.map': '0,3,800,4' },
      { size: '12' },
      { mtime: '1.5' },
    ),
  }),
);
const tar = fc
  .tuple(
    fc.array(spec, { minLength: 1, maxLength: 6 }),
    fc.constantFrom('ustar' as const, 'gnu' as const, 'v7' as const),
  )
  .map(([specs, format]) => makeTar(specs, { format }));

/** A real tar with some bytes changed, cut short, or with bytes spliced in. */
const mutated = fc
  .tuple(
    tar,
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
    fc.option(fc.nat()),
    fc.integer({ min: 1, max: 2000 }),
  )
  .map(([t, flips, cut, chunk]) => {
    const out = t.slice();
    for (const [at, v] of flips) out[at % out.length] = v;
    return { bytes: cut === null ? out : out.subarray(0, cut % (out.length + 1)), chunk };
  });

describe('fuzz: tar reader', () => {
  it(
    'random bytes',
    () => {
      fc.assert(
        fc.property(
          fc.uint8Array({ maxLength: 4096 }),
          fc.integer({ min: 1, max: 1024 }),
          (b, chunk) => check(b, chunk),
        ),
        fuzzOptions(200),
      );
    },
    fuzzTimeout(),
  );

  it(
    'mutated archives from the tar writer',
    () => {
      fc.assert(
        fc.property(mutated, ({ bytes: b, chunk }) => check(b, chunk)),
        fuzzOptions(300),
      );
    },
    fuzzTimeout(),
  );

  it(
    'unmutated archives read without problems, one entry per member',
    () => {
      fc.assert(
        fc.property(fc.array(spec, { minLength: 1, maxLength: 5 }), (specs) => {
          const plain = specs.filter((s) => s.pax === undefined && s.type !== 'sparse');
          const { entries, problems } = read(makeTar(plain), 512);
          expect(problems).toEqual([]);
          expect(entries).toHaveLength(plain.length);
        }),
        fuzzOptions(100),
      );
    },
    fuzzTimeout(),
  );
});
