import { describe, expect, it } from 'vitest';
import { referencedDigests } from './load-preview.ts';

const bytes = (v: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(v));

describe('referencedDigests', () => {
  it.each([
    [
      'a manifest',
      { config: { digest: 'c' }, layers: [{ digest: 'l1' }, { digest: 'l2' }] },
      ['c', 'l1', 'l2'],
    ],
    ['a layer shared twice', { config: { digest: 'c' }, layers: [{ digest: 'c' }] }, ['c']],
    ['an index', { manifests: [{ digest: 'm' }] }, []],
    ['odd shapes', { config: 'c', layers: [null, 3, { digest: 7 }] }, []],
    ['an array', [{ digest: 'x' }], []],
  ])('%s', (_what, doc, want) => expect(referencedDigests(bytes(doc))).toEqual(want));

  it('reads nothing from bytes that are not JSON', () => {
    expect(referencedDigests(new Uint8Array([0xff, 0x00]))).toEqual([]);
  });
});
