import { describe, expect, it } from 'vitest';
import {
  fieldEntry,
  lookupField,
  type FieldDocumentKind,
  type JsonPathSegment,
} from './field-dictionary.ts';
import { IMAGE_SPEC, ruleHref } from './spec-links.ts';

const cases: [FieldDocumentKind, JsonPathSegment[], RegExp, string][] = [
  ['config', ['rootfs', 'diff_ids'], /uncompressed tar/, 'config.md#layer-diffid'],
  ['config', ['config', 'Cmd'], /arguments to the entrypoint/, 'config.md#properties'],
  ['config', ['config', 'Env'], /environment/, 'config.md#properties'],
  ['config', ['history', 3, 'created_by'], /command/, 'config.md#properties'],
  ['config', ['history', 0, 'empty_layer'], /changed no file/, 'config.md#properties'],
  ['config', ['os.version'], /version of the operating system/, 'config.md#properties'],
  ['config', ['container_config', 'Cmd'], /build container/, 'config.md#properties'],
  ['config', ['config', 'Hostname'], /Host name/, 'docker-image-spec/blob/v1.3.1/spec.md'],
  ['manifest', ['layers', 2, 'digest'], /compressed blob/, 'descriptor.md#digests'],
  ['manifest', ['config', 'size'], /size/, 'descriptor.md#properties'],
  ['manifest', ['subject'], /refers to/, 'manifest.md#image-manifest-property-descriptions'],
  ['manifest', ['config', 'data'], /base64/, 'descriptor.md#embedded-content'],
  ['index', ['manifests', 0, 'platform', 'os.features'], /features/, 'image-index.md#'],
  ['index', ['manifests', 1, 'platform', 'variant'], /variant/, 'image-index.md#platform-variants'],
  ['index', ['schemaVersion'], /version of the index/, 'image-index.md#'],
  ['layout', ['imageLayoutVersion'], /1\.0\.0/, 'image-layout.md#oci-layout-file'],
  ['docker-archive-manifest', [0, 'RepoTags'], /names/, 'combined-image-json--filesystem'],
  ['docker-archive-manifest', [0, 'LayerSources', 'sha256:ab', 'size'], /size/, 'descriptor.md'],
  ['manifest-schema1', ['fsLayers', 0, 'blobSum'], /compressed/, 'deprecated-schema-v1.md'],
  ['descriptor', ['urls'], /downloaded/, 'descriptor.md#properties'],
];

describe('lookupField', () => {
  it.each(cases)('%s %j', (kind, path, text, href) => {
    const e = fieldEntry(kind, path);
    expect(e?.text).toMatch(text);
    expect(e?.href).toContain(href);
  });

  it('links the image-spec at its release tag, never at main', () => {
    expect(fieldEntry('config', ['rootfs', 'diff_ids'])?.href).toBe(
      `https://github.com/opencontainers/image-spec/blob/v1.1.1/config.md#layer-diffid`,
    );
  });

  it.each([
    ['config', ['config', 'Labels', 'com.example.x']],
    ['config', ['config', 'ExposedPorts', '80/tcp']],
    ['manifest', ['annotations', 'org.opencontainers.image.created']],
    ['index', ['manifests', 0, 'annotations', 'x']],
    ['docker-repositories', ['busybox', 'latest']],
    ['manifest-schema1', ['signatures', 0, 'header', 'jwk', 'crv']],
  ] as [FieldDocumentKind, JsonPathSegment[]][])('%s %j is free-form', (kind, path) => {
    expect(lookupField(kind, path)).toMatchObject({ entry: null, freeForm: true });
  });

  it.each([
    ['config', ['config', 'NoSuchKey']],
    ['manifest', ['layers', 0, 'bogus']],
    ['index', ['rootfs']],
  ] as [FieldDocumentKind, JsonPathSegment[]][])('%s %j is unknown', (kind, path) => {
    expect(lookupField(kind, path)).toMatchObject({ entry: null, freeForm: false });
  });
});

describe('ruleHref', () => {
  it.each([
    ['image-spec descriptor.md#digests', `${IMAGE_SPEC}/descriptor.md#digests`],
    [
      'image-spec descriptor.md#properties (mediaType, RFC 6838 §4.2)',
      `${IMAGE_SPEC}/descriptor.md#properties`,
    ],
    ['image-spec layer.md', `${IMAGE_SPEC}/layer.md`],
    ['image-spec image-layout.md#indexjson-file', `${IMAGE_SPEC}/image-layout.md#indexjson-file`],
    [
      'distribution deprecated-schema-v1.md',
      'https://github.com/distribution/distribution/blob/v3.1.1/docs/content/spec/deprecated-schema-v1.md',
    ],
    ['GNU tar', null],
    [undefined, null],
  ])('%s → %s', (rule, want) => {
    expect(ruleHref(rule)).toBe(want);
  });
});
