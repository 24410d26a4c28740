import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MediaType } from './media-types.ts';
import { parseDocument, type DocumentKind } from './parse-document.ts';
import { parseLayoutHeader } from './parse-layout.ts';

const FIXTURES = new URL('../../../tests/fixtures/', import.meta.url);
const MANIFESTS = new URL('containers-image/manifests/', FIXTURES);
const utf8 = (v: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(v));

// containers/image internal/manifest/testdata: every file, the kind it must be read as, and
// whether a value comes out (the artifacts have `"digest": ""` and `"layers": null`).
const CONTAINERS_IMAGE: Record<string, [DocumentKind, boolean]> = {
  'non-json.manifest.json': ['unknown', false],
  'oci1.index.everything.json': ['index', true],
  'oci1.index.zstd-selection.json': ['index', true],
  'oci1.index.zstd-selection2.json': ['index', true],
  'oci1index.json': ['index', true],
  'ocilist-variants.json': ['index', true],
  'ociv1.artifact.json': ['manifest', false],
  'ociv1.image.index.json': ['index', true],
  'ociv1.manifest.json': ['manifest', true],
  'ociv1nomime.artifact.json': ['manifest', false],
  'ociv1nomime.image.index.json': ['index', true],
  'ociv1nomime.manifest.json': ['manifest', true],
  'schema2-to-schema1-by-docker.json': ['manifest-schema1', true],
  'schema2list-variants.json': ['index', true],
  'schema2list.json': ['index', true],
  'unknown-version.manifest.json': ['unknown', false],
  'v2list.everything.json': ['index', true],
  'v2list.manifest.json': ['index', true],
  'v2s1-invalid-signatures.manifest.json': ['manifest-schema1', true],
  'v2s1-unsigned.manifest.json': ['manifest-schema1', true],
  'v2s1.manifest.json': ['manifest-schema1', true],
  'v2s2.manifest.json': ['manifest', true],
  'v2s2nomime.manifest.json': ['manifest', true],
};

describe('parseDocument on containers/image manifests', () => {
  it('covers every file of the fixture folder', () => {
    expect(readdirSync(MANIFESTS).sort()).toEqual(Object.keys(CONTAINERS_IMAGE).sort());
  });

  it.each(Object.entries(CONTAINERS_IMAGE))('%s → %j', (file, [kind, hasValue]) => {
    const doc = parseDocument(readFileSync(new URL(file, MANIFESTS)), file);
    expect(doc.kind).toBe(kind);
    expect(doc.value !== undefined).toBe(hasValue);
    if (doc.value) expect(doc.value.kind).toBe(kind);
    if (!hasValue) expect(doc.problems.some((p) => p.severity === 'error')).toBe(true);
    if (kind === 'manifest-schema1')
      expect(doc.problems.map((p) => p.code)).toContain('manifest-schema1-unsupported');
  });
});

describe('parseDocument kind decision', () => {
  const dockerManifest = {
    schemaVersion: 2,
    mediaType: MediaType.dockerManifest,
    config: { mediaType: MediaType.dockerConfig, size: 330, digest: `sha256:${'9'.repeat(64)}` },
    layers: [
      { mediaType: MediaType.dockerLayerGzip, size: 165, digest: `sha256:${'3'.repeat(64)}` },
    ],
  };
  const bareIndex = { schemaVersion: 2, manifests: [] };
  const config = { architecture: 'arm64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] } };

  it.each([
    {
      name: 'the hint wins',
      json: dockerManifest,
      hint: MediaType.dockerManifest,
      kind: 'manifest',
      codes: [],
    },
    {
      name: 'the document type when there is no hint',
      json: dockerManifest,
      hint: undefined,
      kind: 'manifest',
      codes: [],
    },
    {
      name: 'the shape for a bare index',
      json: bareIndex,
      hint: undefined,
      kind: 'index',
      codes: ['media-type-missing'],
    },
    {
      name: "the descriptor type as a manifest's type (go-containerregistry test_index)",
      json: dockerManifest,
      hint: MediaType.ociDescriptor,
      kind: 'manifest',
      codes: ['media-type-generic'],
    },
    {
      name: 'OCI hint over Docker content',
      json: dockerManifest,
      hint: MediaType.ociManifest,
      kind: 'manifest',
      codes: ['media-type-differs'],
    },
    {
      name: 'an index hint over a manifest',
      json: dockerManifest,
      hint: MediaType.ociIndex,
      kind: 'index',
      codes: ['media-type-mismatch', 'media-type-mismatch', 'field-missing'],
    },
    { name: 'a config hint', json: config, hint: MediaType.ociConfig, kind: 'config', codes: [] },
    { name: 'a config by shape', json: config, hint: undefined, kind: 'config', codes: [] },
    {
      name: 'an unknown artifact config',
      json: {},
      hint: 'application/vnd.cncf.helm.config.v1+json',
      kind: 'unknown',
      codes: [],
    },
    {
      name: 'an unknown object without a hint',
      json: { a: 1 },
      hint: undefined,
      kind: 'unknown',
      codes: ['document-kind-unknown'],
    },
    {
      name: 'a v2 hint over schema 1 content',
      json: { schemaVersion: 1, fsLayers: [] },
      hint: MediaType.dockerManifest,
      kind: 'manifest-schema1',
      codes: ['manifest-schema1-unsupported'],
    },
  ])('$name', ({ json, hint, kind, codes }) => {
    const doc = parseDocument(
      utf8(json),
      'doc',
      hint === undefined ? undefined : { mediaType: hint },
    );
    expect(doc.kind).toBe(kind);
    expect(doc.problems.map((p) => p.code)).toEqual(codes);
    expect(doc.json).toEqual(json);
  });

  it('reports bytes that are not JSON, with no value', () => {
    const doc = parseDocument(new TextEncoder().encode('{"schemaVersion": 2,'), 'sha256:x', {
      mediaType: MediaType.ociManifest,
    });
    expect(doc).toEqual({
      kind: 'unknown',
      problems: [expect.objectContaining({ code: 'json-invalid', where: 'sha256:x' })],
    });
  });
});

describe('parseLayoutHeader', () => {
  it.each([
    { json: { imageLayoutVersion: '1.0.0' }, codes: [], version: '1.0.0' },
    { json: { imageLayoutVersion: '1.0.0', extra: true }, codes: [], version: '1.0.0' },
    {
      json: { imageLayoutVersion: '1.1.0' },
      codes: ['layout-version-unsupported'],
      version: '1.1.0',
    },
    { json: { imageLayoutVersion: 1 }, codes: ['field-type-invalid'], version: undefined },
    { json: {}, codes: ['field-missing'], version: undefined },
    { json: null, codes: ['field-type-invalid'], version: undefined },
  ])('$json', ({ json, codes, version }) => {
    const r = parseLayoutHeader(json, 'oci-layout');
    expect(r.problems.map((p) => p.code)).toEqual(codes);
    expect(r.value?.imageLayoutVersion).toBe(version);
  });
});
