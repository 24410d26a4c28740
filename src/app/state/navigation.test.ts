import { describe, expect, it } from 'vitest';
import { hashFor, parseHash } from './navigation.ts';

describe('view state in the hash', () => {
  it('round-trips a node and an image, keeping digests readable', () => {
    const h = hashFor({ node: 'sha256:abc', image: 'sha256:def' }, '');
    expect(h).toBe('#node=sha256:abc&image=sha256:def');
    expect(parseHash(h)).toEqual({ node: 'sha256:abc', image: 'sha256:def' });
  });

  it('keeps keys it does not know (for later views) and removes cleared ones', () => {
    expect(hashFor({ node: 'index.json', image: null }, '#image=sha256:x&path=/etc')).toBe(
      '#path=%2Fetc&node=index.json',
    );
  });

  it('reads an empty hash as nothing selected', () => {
    expect(parseHash('')).toEqual({ node: null, image: null });
  });
});
