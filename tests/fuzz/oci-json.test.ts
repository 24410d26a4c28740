import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/core/oci/parse-config.ts';
import { parseDocument } from '../../src/core/oci/parse-document.ts';
import { parseIndex } from '../../src/core/oci/parse-index.ts';
import { parseManifest } from '../../src/core/oci/parse-manifest.ts';
import type { Problem } from '../../src/core/oci/problem.ts';
import { fuzzOptions, fuzzTimeout } from './fuzz-runs.ts';

// The document parsers take any bytes and any JSON: they never throw, every problem is well
// formed, and the number of problems stays proportional to the input.

const enc = new TextEncoder();
const D = `sha256:${'a'.repeat(64)}`;
const desc = { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: D, size: 32 };
const TEMPLATES: unknown[] = [
  {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { ...desc, mediaType: 'application/vnd.oci.image.config.v1+json' },
    layers: [desc, desc],
    annotations: { 'org.opencontainers.image.created': '2024-01-01T00:00:00Z' },
  },
  {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      {
        ...desc,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
      },
    ],
  },
  {
    architecture: 'amd64',
    os: 'linux',
    created: '2024-01-01T00:00:00Z',
    config: { Env: ['PATH=/bin'], Entrypoint: ['/bin/sh'], ExposedPorts: { '80/tcp': {} } },
    rootfs: { type: 'layers', diff_ids: [D] },
    history: [{ created_by: 'RUN x' }, { empty_layer: true }],
  },
  {
    schemaVersion: 1,
    name: 'x',
    tag: 'y',
    fsLayers: [{ blobSum: D }],
    history: [{ v1Compatibility: '{}' }],
  },
];
const HINTS = [
  undefined,
  { mediaType: 'application/vnd.oci.image.manifest.v1+json' },
  { mediaType: 'application/vnd.oci.image.index.v1+json' },
  { mediaType: 'application/vnd.oci.image.config.v1+json' },
  { mediaType: 'application/vnd.docker.distribution.manifest.v2+json' },
];

function wellFormed(problems: readonly Problem[], inputSize: number): void {
  for (const p of problems) {
    expect(['error', 'warning']).toContain(p.severity);
    expect(p.code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(typeof p.message).toBe('string');
    expect(p.message.length).toBeGreaterThan(0);
  }
  expect(problems.length).toBeLessThanOrEqual(8 + inputSize);
}

/** Replace the value at a random path of a JSON value with another value. */
function replaceAt(doc: unknown, picks: number[], value: unknown): unknown {
  if (picks.length === 0 || doc === null || typeof doc !== 'object') return value;
  const [pick, ...rest] = picks;
  if (Array.isArray(doc)) {
    if (doc.length === 0) return value;
    const i = pick! % doc.length;
    return doc.map((v, k) => (k === i ? replaceAt(v, rest, value) : v));
  }
  const keys = Object.keys(doc);
  if (keys.length === 0) return value;
  const key = keys[pick! % keys.length]!;
  return {
    ...(doc as Record<string, unknown>),
    [key]: replaceAt((doc as Record<string, unknown>)[key], rest, value),
  };
}

describe('fuzz: OCI JSON parsers', () => {
  it(
    'any JSON value through every parser',
    () => {
      fc.assert(
        fc.property(fc.jsonValue(), (v) => {
          const size = JSON.stringify(v)?.length ?? 0;
          for (const parse of [parseManifest, parseIndex, parseConfig])
            wellFormed(parse(v, 'doc').problems, size);
        }),
        fuzzOptions(150),
      );
    },
    fuzzTimeout(),
  );

  it(
    'real documents with one value swapped for any JSON',
    () => {
      fc.assert(
        fc.property(
          fc.nat(),
          fc.array(fc.nat(), { maxLength: 5 }),
          fc.jsonValue({ maxDepth: 3 }),
          fc.nat(),
          (t, picks, value, h) => {
            const doc = replaceAt(TEMPLATES[t % TEMPLATES.length], picks, value);
            const bytes = enc.encode(JSON.stringify(doc));
            const got = parseDocument(bytes, 'doc', HINTS[h % HINTS.length]);
            wellFormed(got.problems, bytes.length);
          },
        ),
        fuzzOptions(150),
      );
    },
    fuzzTimeout(),
  );

  it(
    'real documents with bytes flipped or cut',
    () => {
      fc.assert(
        fc.property(
          fc.nat(),
          fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
          fc.option(fc.nat()),
          fc.nat(),
          (t, flips, cut, h) => {
            const bytes = enc.encode(JSON.stringify(TEMPLATES[t % TEMPLATES.length]));
            for (const [at, v] of flips) bytes[at % bytes.length] = v;
            const input = cut === null ? bytes : bytes.subarray(0, cut % (bytes.length + 1));
            wellFormed(parseDocument(input, 'doc', HINTS[h % HINTS.length]).problems, input.length);
          },
        ),
        fuzzOptions(150),
      );
    },
    fuzzTimeout(),
  );

  it.each([
    ['an array 100,000 deep', '['.repeat(100_000) + ']'.repeat(100_000)],
    [
      'an annotation 5,000 deep',
      `{"schemaVersion":2,"annotations":{"a":${'['.repeat(5000)}${']'.repeat(5000)}}}`,
    ],
    [
      'a config label 5,000 deep',
      `{"os":"linux","architecture":"amd64","config":{"Labels":{"a":${'{"b":'.repeat(5000)}1${'}'.repeat(5000)}}}}`,
    ],
  ])('%s: no throw', (_name, text) => {
    for (const hint of HINTS)
      wellFormed(parseDocument(enc.encode(text), 'doc', hint).problems, text.length);
  });
});
