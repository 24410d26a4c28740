import { describe, expect, it } from 'vitest';
import { noise } from '../testing/bytes.ts';
import { concat, gzip, makeTar } from '../testing/tar-writer.ts';
import { BELIEVABLE_RATIO, toldSize, zstdContentSize } from './told-size.ts';

const head = (b: Uint8Array): Uint8Array => b.subarray(0, 512);

describe('toldSize', () => {
  it("a gzip tells its ISIZE; several members tell the last member's size only", async () => {
    const tar = makeTar([{ path: 'a', content: noise(70_000, 1) }]);
    const gz = gzip(tar);
    expect(await toldSize(new Blob([gz]), 'gzip', head(gz))).toBe(tar.length);
    const two = concat([gzip(tar.subarray(0, 40_000)), gzip(tar.subarray(40_000))]);
    expect(await toldSize(new Blob([two]), 'gzip', head(two))).toBe(tar.length - 40_000);
  });

  it('a plain tar tells its own size', async () => {
    const tar = makeTar([{ path: 'a', content: noise(1000, 1) }]);
    expect(await toldSize(new Blob([tar]), 'tar', head(tar))).toBe(tar.length);
  });

  it('a size past a believable ratio to the compressed bytes is not believed', async () => {
    const gz = gzip(makeTar([{ path: 'a', content: noise(5000, 2) }]));
    const lying = gz.slice();
    const tell = (n: number) => new DataView(lying.buffer).setUint32(lying.length - 4, n, true);
    tell(4000 * gz.length);
    expect(await toldSize(new Blob([lying]), 'gzip', head(lying))).toBeNull();
    tell(BELIEVABLE_RATIO * gz.length + 1);
    expect(await toldSize(new Blob([lying]), 'gzip', head(lying))).toBeNull();
    tell(BELIEVABLE_RATIO * gz.length);
    expect(await toldSize(new Blob([lying]), 'gzip', head(lying))).toBe(
      BELIEVABLE_RATIO * gz.length,
    );
  });

  it('a gzip too short for a trailer tells nothing', async () => {
    const bytes = new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
    expect(await toldSize(new Blob([bytes]), 'gzip', bytes)).toBeNull();
  });
});

describe('zstdContentSize', () => {
  const frame = (fhd: number, ...rest: number[]) =>
    new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, fhd, ...rest]);

  it('reads each width of Frame_Content_Size, after the window and dictionary fields', () => {
    // Single segment, 1-byte size.
    expect(zstdContentSize(frame(0b0010_0000, 200))).toBe(200);
    // 2 bytes (plus 256), with a window descriptor.
    expect(zstdContentSize(frame(0b0100_0000, 0x50, 0x34, 0x12))).toBe(0x1234 + 256);
    // 4 bytes, single segment, a 1-byte dictionary id first.
    expect(zstdContentSize(frame(0b1010_0001, 7, 0x78, 0x56, 0x34, 0x12))).toBe(0x12345678);
    // 8 bytes, with a window descriptor and a 4-byte dictionary id.
    expect(zstdContentSize(frame(0b1100_0011, 0x50, 1, 2, 3, 4, 1, 0, 0, 0, 1, 0, 0, 0))).toBe(
      2 ** 32 + 1,
    );
  });

  it('tells nothing when the frame has no size, or is not a zstd frame', () => {
    expect(zstdContentSize(frame(0b0000_0000, 0x50))).toBeNull();
    expect(zstdContentSize(new Uint8Array([0x1f, 0x8b, 8, 0, 0]))).toBeNull();
    expect(zstdContentSize(frame(0b1000_0000, 0x50, 1))).toBeNull();
  });
});
