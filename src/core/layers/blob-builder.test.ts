import { describe, expect, it } from 'vitest';
import { noise, sameBytes } from '../testing/bytes.ts';
import { BlobBuilder } from './blob-builder.ts';

describe('BlobBuilder', () => {
  it('joins chunks of any size across parts into the same bytes', async () => {
    const data = noise(100_000, 3);
    const b = new BlobBuilder(Infinity, 4096);
    for (let at = 0, step = 1; at < data.length; at += step, step = (step * 7) % 5000 || 1)
      b.add(data.subarray(at, Math.min(data.length, at + step)));
    const blob = b.build()!;
    expect(b.size).toBe(data.length);
    expect(sameBytes(new Uint8Array(await blob.arrayBuffer()), data)).toBe(true);
  });

  it('copies each chunk, so a producer may reuse its buffer', async () => {
    const b = new BlobBuilder(Infinity, 16);
    const buf = new Uint8Array(10);
    for (let i = 0; i < 5; i++) {
      buf.fill(i);
      b.add(buf);
    }
    const out = new Uint8Array(await b.build()!.arrayBuffer());
    expect([...out]).toEqual([0, 1, 2, 3, 4].flatMap((i) => Array(10).fill(i)));
  });

  it('gives up past its limit and builds null', () => {
    const b = new BlobBuilder(25, 8);
    b.add(new Uint8Array(20));
    expect(b.gaveUp).toBe(false);
    b.add(new Uint8Array(10));
    expect(b.gaveUp).toBe(true);
    expect(b.build()).toBeNull();
  });

  it('builds an empty Blob from nothing', () => {
    expect(new BlobBuilder().build()!.size).toBe(0);
  });
});
