import { describe, expect, it } from 'vitest';
import { MediaType } from './media-types.ts';
import { parseIndex } from './parse-index.ts';
import { parseManifest } from './parse-manifest.ts';

const hex = (c: string): string => `sha256:${c.repeat(64)}`;
const desc = (
  mediaType: string,
  c: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> => ({
  mediaType,
  digest: hex(c),
  size: 10,
  ...extra,
});
const EMPTY = {
  mediaType: MediaType.ociEmpty,
  digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
  size: 2,
};
const manifest = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  schemaVersion: 2,
  mediaType: MediaType.ociManifest,
  config: desc(MediaType.ociConfig, 'c'),
  layers: [desc(MediaType.ociLayerGzip, 'a')],
  ...extra,
});

const codes = (ps: { severity: string; code: string }[], severity: string): string[] =>
  ps.filter((p) => p.severity === severity).map((p) => p.code);

describe('parseManifest', () => {
  it.each([
    { name: 'an OCI image', extra: {}, errors: [], warnings: [] },
    {
      name: 'a Docker schema 2 manifest',
      extra: {
        mediaType: MediaType.dockerManifest,
        config: desc(MediaType.dockerConfig, 'c'),
        layers: [desc(MediaType.dockerLayerGzip, 'a')],
      },
      errors: [],
      warnings: [],
    },
    {
      name: 'no mediaType (SHOULD)',
      extra: { mediaType: undefined },
      errors: [],
      warnings: ['media-type-missing'],
    },
    {
      name: 'an index media type',
      extra: { mediaType: MediaType.ociIndex },
      errors: ['media-type-mismatch'],
      warnings: [],
    },
    {
      name: 'schemaVersion 3',
      extra: { schemaVersion: 3 },
      errors: ['schema-version-invalid'],
      warnings: [],
    },
    {
      name: 'schemaVersion "2"',
      extra: { schemaVersion: '2' },
      errors: ['schema-version-invalid'],
      warnings: [],
    },
    {
      name: 'an OCI image with no layers',
      extra: { layers: [] },
      errors: ['layers-empty'],
      warnings: [],
    },
    {
      name: 'a Docker image with no layers',
      extra: {
        mediaType: MediaType.dockerManifest,
        config: desc(MediaType.dockerConfig, 'c'),
        layers: [],
      },
      errors: [],
      warnings: ['layers-empty'],
    },
    {
      name: 'an artifact with no layers',
      extra: { artifactType: 'application/vnd.example', config: EMPTY, layers: [] },
      errors: [],
      warnings: ['layers-empty'],
    },
    {
      name: 'the empty config without artifactType',
      extra: { config: EMPTY },
      errors: ['artifact-type-missing'],
      warnings: [],
    },
    {
      name: 'a layer of unknown type in an image',
      extra: { layers: [desc('application/vnd.example', 'a')] },
      errors: [],
      warnings: ['layer-media-type-unknown'],
    },
    {
      name: 'a subject',
      extra: { subject: desc(MediaType.ociManifest, 'b') },
      errors: [],
      warnings: [],
    },
    {
      name: 'a subject that is not a descriptor',
      extra: { subject: 'nope' },
      errors: ['field-type-invalid'],
      warnings: [],
    },
    { name: 'layers null', extra: { layers: null }, errors: ['field-type-invalid'], warnings: [] },
    { name: 'unknown fields', extra: { 'x-extra': [1, 2] }, errors: [], warnings: [] },
  ])('$name', ({ extra, errors, warnings }) => {
    const r = parseManifest(manifest(extra), 'm');
    expect(codes(r.problems, 'error')).toEqual(errors);
    expect(codes(r.problems, 'warning')).toEqual(warnings);
  });

  it('expects statements, not filesystems, as the layers of an attestation manifest', () => {
    const layers = [desc('application/vnd.in-toto+json', 'a')];
    const attestation = parseManifest(manifest({ layers }), 'm', { attestation: true });
    expect(attestation.problems).toEqual([]);
    expect(codes(parseManifest(manifest({ layers }), 'm').problems, 'warning')).toEqual([
      'layer-media-type-unknown',
    ]);
  });

  it('says where a layer problem is: document and JSON path', () => {
    const layers = [
      desc(MediaType.ociLayerGzip, 'a'),
      desc(MediaType.ociLayerGzip, 'b'),
      desc(MediaType.ociLayerGzip, 'd', { size: 5e12 }),
    ];
    const r = parseManifest(manifest({ layers }), 'sha256:abcd');
    expect(r.problems).toEqual([
      expect.objectContaining({
        code: 'size-implausible',
        severity: 'warning',
        where: 'sha256:abcd $.layers[2].size',
        rule: expect.stringContaining('descriptor.md'),
      }),
    ]);
    expect(r.value?.kind === 'manifest' && r.value.layers[2]?.size).toBe(5e12);
  });

  it('gives no value when a layer is unusable, since layers pair with diff_ids by position', () => {
    const r = parseManifest(
      manifest({
        layers: [desc(MediaType.ociLayerGzip, 'a'), { mediaType: MediaType.ociLayerGzip, size: 1 }],
      }),
      'm',
    );
    expect(r.value).toBeUndefined();
    expect(r.problems.map((p) => p.where)).toEqual(['m $.layers[1].digest']);
  });

  it('reads schemaVersion 1 as schema 1, reported as unsupported', () => {
    const r = parseManifest(
      {
        schemaVersion: 1,
        name: 'a/b',
        tag: 't',
        architecture: 'amd64',
        fsLayers: [{ blobSum: hex('a') }],
        signatures: [{}],
      },
      'm',
    );
    expect(r.value).toEqual({
      kind: 'manifest-schema1',
      schemaVersion: 1,
      name: 'a/b',
      tag: 't',
      architecture: 'amd64',
      fsLayers: [hex('a')],
      signed: true,
    });
    expect(r.problems.map((p) => [p.severity, p.code])).toEqual([
      ['error', 'manifest-schema1-unsupported'],
    ]);
  });
});

describe('parseIndex', () => {
  const index = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    schemaVersion: 2,
    mediaType: MediaType.ociIndex,
    manifests: [
      desc(MediaType.ociManifest, 'a', { platform: { os: 'linux', architecture: 'amd64' } }),
    ],
    ...extra,
  });

  it.each([
    { name: 'an OCI index', extra: {}, errors: [], warnings: [] },
    {
      name: 'a Docker manifest list',
      extra: {
        mediaType: MediaType.dockerManifestList,
        manifests: [desc(MediaType.dockerManifest, 'a')],
      },
      errors: [],
      warnings: [],
    },
    {
      name: 'nested indexes',
      extra: {
        manifests: [desc(MediaType.ociIndex, 'a'), desc(MediaType.dockerManifestList, 'b')],
      },
      errors: [],
      warnings: [],
    },
    {
      name: '"manifests": null (docker save 25)',
      extra: { manifests: null },
      errors: [],
      warnings: ['index-manifests-null'],
    },
    {
      name: 'no manifests',
      extra: { manifests: undefined },
      errors: ['field-missing'],
      warnings: [],
    },
    {
      name: 'an entry of a non-manifest type',
      extra: { manifests: [desc(MediaType.ociDescriptor, 'a')] },
      errors: [],
      warnings: ['index-entry-media-type-unknown'],
    },
    {
      name: 'a manifest media type',
      extra: { mediaType: MediaType.ociManifest },
      errors: ['media-type-mismatch'],
      warnings: [],
    },
    {
      name: 'artifactType and subject',
      extra: { artifactType: 'application/vnd.example', subject: desc(MediaType.ociManifest, 'b') },
      errors: [],
      warnings: [],
    },
  ])('$name', ({ extra, errors, warnings }) => {
    const r = parseIndex(index(extra), 'index.json');
    expect(codes(r.problems, 'error')).toEqual(errors);
    expect(codes(r.problems, 'warning')).toEqual(warnings);
    expect(r.value?.kind).toBe('index');
  });

  it('drops unusable entries and keeps the rest in order', () => {
    const r = parseIndex(
      index({
        manifests: [
          desc(MediaType.ociManifest, 'a'),
          { mediaType: MediaType.ociManifest },
          desc(MediaType.ociManifest, 'b'),
        ],
      }),
      'index.json',
    );
    expect(r.value?.manifests.map((m) => m.digest.value)).toEqual([hex('a'), hex('b')]);
    expect(r.problems.map((p) => p.where)).toEqual([
      'index.json $.manifests[1].digest',
      'index.json $.manifests[1].size',
    ]);
  });
});
