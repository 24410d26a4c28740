import { describe, expect, it } from 'vitest';
import { isEmptyHash, parseUrlState, urlHashFor, type UrlState } from './url-state.ts';

const NONE: UrlState = {
  node: null,
  image: null,
  path: null,
  mode: null,
  compare: null,
  part: 'files',
  strict: false,
};

describe('the URL state schema', () => {
  // [what, state patch, the hash it writes]
  const cases: [string, Partial<UrlState>, string][] = [
    ['nothing', {}, '#'],
    [
      'a node and an image, digests readable',
      { node: 'sha256:abc', image: 'sha256:def' },
      '#node=sha256:abc&image=sha256:def',
    ],
    ['the top document by name', { node: 'index.json' }, '#node=index.json'],
    ['a path, slashes readable', { path: '/etc/ssl/certs' }, '#path=/etc/ssl/certs'],
    [
      'one layer’s changes, counted from 1',
      { mode: { kind: 'layer', layer: 4 } },
      '#mode=layer&layer=5',
    ],
    ['merged up to a layer', { mode: { kind: 'merged', upTo: 0 } }, '#mode=merged&layer=1'],
    [
      'a compare view of two manifests',
      { image: 'sha256:a', compare: 'sha256:b' },
      '#image=sha256:a&compare=sha256:b',
    ],
    [
      'the compare view’s layers, without the noise filter',
      { compare: 'sha256:b', part: 'layers', strict: true },
      '#compare=sha256:b&part=layers&strict=1',
    ],
    ['the compare view’s documents', { part: 'documents' }, '#part=documents'],
    [
      'every key',
      {
        node: 'n',
        image: 'sha256:i',
        path: '/a b&c=d#e%f/ü',
        mode: { kind: 'merged', upTo: 2 },
      },
      '#node=n&image=sha256:i&path=/a+b%26c%3Dd%23e%25f/%C3%BC&mode=merged&layer=3',
    ],
  ];
  it.each(cases)('writes and reads back %s', (_what, patch, hash) => {
    expect(urlHashFor(patch, '')).toBe(hash);
    expect(parseUrlState(hash)).toEqual({ ...NONE, ...patch });
  });

  it('reads the links made before the schema, with or without the #', () => {
    expect(
      parseUrlState('#image=sha256:abc&view=fs&path=/etc/ssl/certs&mode=layer&layer=5'),
    ).toEqual({
      ...NONE,
      image: 'sha256:abc',
      path: '/etc/ssl/certs',
      mode: { kind: 'layer', layer: 4 },
    });
    // An encoded path (as `URLSearchParams` writes it) reads the same.
    expect(parseUrlState('view=fs&path=%2Fetc%2Fhostname').path).toBe('/etc/hostname');
    // A layer without `mode=layer` is the merged view up to it.
    expect(parseUrlState('#layer=2').mode).toEqual({ kind: 'merged', upTo: 1 });
  });

  it('reads a malformed key as absent', () => {
    for (const bad of ['0', '-1', '1.5', 'x', '', '1e3', '1234567'])
      expect(parseUrlState(`#view=fs&mode=layer&layer=${bad}`).mode).toBeNull();
    expect(parseUrlState('')).toEqual(NONE);
  });

  it('reads the compare keys’ malformed values as their defaults, and writes defaults as nothing', () => {
    expect(parseUrlState('#part=bogus&strict=yes')).toMatchObject({ part: 'files', strict: false });
    expect(urlHashFor({ part: 'files', strict: false }, '#part=layers&strict=1&x=1')).toBe('#x=1');
  });

  it('keeps keys it does not own, and removes a field set to null or its default', () => {
    // `view=fs` from older links is a key it does not own: both halves are always shown.
    const base = '#later=1&view=fs&path=/x&mode=layer&layer=1&node=n';
    expect(urlHashFor({ path: null, mode: null }, base)).toBe('#later=1&view=fs&node=n');
    expect(urlHashFor({ node: 'index.json', image: null }, '#image=sha256:x&path=/etc')).toBe(
      '#path=/etc&node=index.json',
    );
    // A field left out of the patch (or undefined) is kept as it is.
    expect(urlHashFor({ path: undefined }, '#path=/x')).toBe('#path=/x');
  });

  it('tells an empty hash from one holding any key', () => {
    expect(isEmptyHash('')).toBe(true);
    expect(isEmptyHash('#')).toBe(true);
    expect(isEmptyHash('#later=1')).toBe(false);
  });
});
