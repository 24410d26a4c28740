import { describe, expect, it } from 'vitest';
import { parseDescriptor } from './parse-descriptor.ts';

const SHA = 'sha256:5b0bcabd1ed22e9fb1310cf6c2dec7cdef19f0ad69efa1f392e94a4333501270';
const base = { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: SHA, size: 7682 };
const TB5 = 5 * 10 ** 12;

describe('parseDescriptor', () => {
  it.each([
    { name: 'a plain descriptor', input: base, errors: [], warnings: [], usable: true },
    {
      name: 'a 5 TB size',
      input: { ...base, size: TB5 },
      errors: [],
      warnings: ['size-implausible'],
      usable: true,
    },
    {
      name: 'a size above 2^53',
      input: { ...base, size: 2 ** 60 },
      errors: [],
      warnings: ['size-implausible'],
      usable: true,
    },
    {
      name: 'a size above int64',
      input: { ...base, size: 1e20 },
      errors: ['size-invalid'],
      warnings: [],
      usable: false,
    },
    {
      name: 'a fractional size',
      input: { ...base, size: 1.5 },
      errors: ['field-type-invalid'],
      warnings: [],
      usable: false,
    },
    {
      name: 'a negative size',
      input: { ...base, size: -1 },
      errors: ['size-negative'],
      warnings: [],
      usable: false,
    },
    {
      name: 'an unknown digest algorithm',
      input: { ...base, digest: 'blake3:abc' },
      errors: [],
      warnings: ['digest-unverifiable'],
      usable: true,
    },
    {
      name: 'a short sha256',
      input: { ...base, digest: 'sha256:abc' },
      errors: ['digest-invalid'],
      warnings: [],
      usable: false,
    },
    {
      name: 'a media type with parameters',
      input: { ...base, mediaType: 'text/plain; charset=utf-8' },
      errors: ['media-type-invalid'],
      warnings: [],
      usable: true,
    },
    {
      name: 'urls',
      input: { ...base, urls: ['https://example.com/a%20b', 'not a url'] },
      errors: ['url-invalid'],
      warnings: [],
      usable: true,
    },
    {
      name: 'null urls (Go nil slice)',
      input: { ...base, urls: null },
      errors: [],
      warnings: ['field-null'],
      usable: true,
    },
    {
      name: 'a non-string annotation',
      input: { ...base, annotations: { a: 'b', c: 1 } },
      errors: ['field-type-invalid'],
      warnings: [],
      usable: true,
    },
    {
      name: 'data without padding',
      input: { ...base, data: 'YQ' },
      errors: ['data-invalid'],
      warnings: [],
      usable: true,
    },
    {
      name: 'data with a URL-safe character',
      input: { ...base, data: 'a-8=' },
      errors: ['data-invalid'],
      warnings: [],
      usable: true,
    },
    {
      name: 'a platform without os',
      input: { ...base, platform: { architecture: 'arm64' } },
      errors: ['field-missing'],
      warnings: [],
      usable: true,
    },
    {
      name: 'a bad artifactType',
      input: { ...base, artifactType: 'nope' },
      errors: ['media-type-invalid'],
      warnings: [],
      usable: true,
    },
    {
      name: 'unknown fields',
      input: { ...base, 'com.example': { any: 1 } },
      errors: [],
      warnings: [],
      usable: true,
    },
    {
      name: 'not an object',
      input: [base],
      errors: ['field-type-invalid'],
      warnings: [],
      usable: false,
    },
  ])('$name', ({ input, errors, warnings, usable }) => {
    const r = parseDescriptor(input, 'doc');
    expect(r.problems.filter((p) => p.severity === 'error').map((p) => p.code)).toEqual(errors);
    expect(r.problems.filter((p) => p.severity === 'warning').map((p) => p.code)).toEqual(warnings);
    expect(r.value !== undefined).toBe(usable);
    for (const p of r.problems) expect(p.rule).toBeTruthy();
  });

  it('says where, with the document and JSON path', () => {
    const r = parseDescriptor({ ...base, size: TB5 }, 'sha256:abcd', '$.layers[2]');
    expect(r.problems[0]).toMatchObject({
      code: 'size-implausible',
      where: 'sha256:abcd $.layers[2].size',
    });
    expect(r.problems[0]?.message).toContain('4.5 TiB');
  });

  it('decodes data and keeps every optional field', () => {
    const r = parseDescriptor(
      {
        ...base,
        data: 'e30=',
        urls: ['https://example.com/x'],
        annotations: { k: 'v' },
        artifactType: 'application/vnd.example+type',
        platform: {
          os: 'windows',
          architecture: 'amd64',
          'os.version': '10.0.17763.1',
          'os.features': ['win32k'],
          variant: 'v3',
          features: ['sse4'],
        },
      },
      'doc',
    );
    expect(r.problems).toEqual([]);
    expect(r.value?.data).toEqual(new TextEncoder().encode('{}'));
    expect(r.value?.digest.value).toBe(SHA);
    expect(r.value?.platform).toEqual({
      os: 'windows',
      architecture: 'amd64',
      osVersion: '10.0.17763.1',
      osFeatures: ['win32k'],
      variant: 'v3',
      features: ['sse4'],
    });
  });

  it.each([
    ['', ''],
    ['YQ==', 'a'],
    ['YWI=', 'ab'],
    ['YWJj', 'abc'],
    ['aHR0cHM6Ly9naXRodWIuY29tL29wZW5jb250YWluZXJzCg==', 'https://github.com/opencontainers\n'],
  ])('decodes base64 %j', (data, text) => {
    expect(parseDescriptor({ ...base, data }, 'doc').value?.data).toEqual(
      new TextEncoder().encode(text),
    );
  });
});
