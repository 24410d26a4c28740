import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { noise } from '../testing/bytes.ts';
import { streamDigest } from './stream-digest.ts';

const hex = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** Feed `bytes` in `size`-byte chunks through one reused buffer, as the inflater hands them out. */
function feed(d: { update(c: Uint8Array): void }, bytes: Uint8Array, size = 1000): void {
  const scratch = new Uint8Array(size);
  for (let o = 0; o < bytes.length; o += size) {
    const n = Math.min(size, bytes.length - o);
    scratch.set(bytes.subarray(o, o + n));
    d.update(scratch.subarray(0, n));
    scratch.fill(0xee); // the caller reuses its memory at once
  }
}

describe('streamDigest', () => {
  const bytes = noise(50_000, 4);

  it('hashes a stream of the told size whole, by WebCrypto, copying each chunk as it comes', async () => {
    const d = await streamDigest({ size: bytes.length });
    expect(d.how).toBe('whole');
    feed(d, bytes);
    const got = d.digest();
    expect(got).toBeInstanceOf(Promise);
    expect(await got).toBe(hex(bytes));
  });

  it('a wrong stream gives another digest on each path (nothing is taken on trust)', async () => {
    const other = bytes.slice();
    other[12_345]! ^= 1;
    for (const size of [other.length, 10, null]) {
      const d = await streamDigest({ size });
      feed(d, other);
      const got = await d.digest();
      expect(got).toBe(hex(other));
      expect(got).not.toBe(hex(bytes));
    }
  });

  it('a stream shorter than told is hashed as far as it went', async () => {
    const d = await streamDigest({ size: bytes.length + 4096 });
    feed(d, bytes);
    expect(d.how).toBe('whole');
    expect(await d.digest()).toBe(hex(bytes));
  });

  it('a stream longer than told (a lying size) goes on streaming, from its first byte', async () => {
    for (const told of [0, 1, 999, 1000, 1001, 30_000, bytes.length - 1]) {
      const d = await streamDigest({ size: told });
      expect(d.how).toBe('whole');
      feed(d, bytes);
      expect(d.how).toBe('streaming');
      const got = d.digest();
      expect(typeof got).toBe('string');
      expect(got).toBe(hex(bytes));
    }
  });

  it('streams from the start when no size is told, or one past the most it may buffer', async () => {
    for (const opts of [{ size: null }, { size: bytes.length, max: bytes.length - 1 }]) {
      const d = await streamDigest(opts);
      expect(d.how).toBe('streaming');
      feed(d, bytes);
      expect(d.digest()).toBe(hex(bytes));
    }
    for (const size of [-1, 0.5, Number.MAX_SAFE_INTEGER + 2])
      expect((await streamDigest({ size })).how).toBe('streaming');
  });

  it('hands a whole buffer to another hasher when given one, which takes it as it is', async () => {
    for (const size of [bytes.length, bytes.length + 4096]) {
      const d = await streamDigest({ size });
      feed(d, bytes);
      const taken: Uint8Array[] = [];
      const got = d.digest((b) => {
        taken.push(b);
        return crypto.subtle.digest('SHA-256', b);
      });
      expect(taken).toHaveLength(1);
      // Only what was fed (a stream shorter than told is hashed as far as it went).
      expect(taken[0]!.length).toBe(bytes.length);
      expect(await got).toBe(hex(bytes));
    }
  });

  it('a stream that spilled to the incremental hasher never goes elsewhere', async () => {
    const d = await streamDigest({ size: 10 });
    feed(d, bytes);
    let asked = false;
    const got = d.digest(() => {
      asked = true;
      return Promise.reject(new Error('not this'));
    });
    expect(got).toBe(hex(bytes));
    expect(asked).toBe(false);
  });

  it('an empty stream hashes to the empty digest both ways', async () => {
    for (const size of [0, null]) {
      const d = await streamDigest({ size });
      expect(await d.digest()).toBe(hex(new Uint8Array(0)));
    }
  });
});
