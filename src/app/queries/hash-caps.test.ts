import { describe, expect, it } from 'vitest';
import { wholeHashCaps } from '../../worker/layer-job.ts';
import type { LoadedImage } from '../state/loaded-image.ts';
import { poolHashCaps } from './hash-caps.ts';
import { withRawHashing } from './jobs.ts';
import type { LayerClaim } from './layer-progress.ts';

const MiB = 1 << 20;

/** An image whose layer blobs have these sizes (only what withRawHashing reads). */
function image(format: string, sizes: number[]): { image: LoadedImage; layers: LayerClaim[] } {
  const layers = sizes.map((_, i) => ({
    digest: `sha256:${String(i).repeat(64)}`,
    diffId: null,
    mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
  }));
  const store = new Map(layers.map((l, i) => [l.digest, { blob: { size: sizes[i] } }]));
  return { image: { format, store } as unknown as LoadedImage, layers };
}

describe("the pool's share of whole hashing", () => {
  it('counts the spare worker beside the pool', () => {
    expect(poolHashCaps({ size: 2 }, 8)).toEqual(wholeHashCaps(8, 3));
    expect(poolHashCaps({ size: 7 }, 4)).toEqual(wholeHashCaps(4, 8));
  });

  it('has listings hash raw bytes only of blobs within the raw cap', () => {
    const { raw } = poolHashCaps({ size: 2 });
    const { image: img, layers } = image('oci-layout', [raw + 1, raw, 10 * MiB]);
    expect(withRawHashing(img, { size: 2 }, layers).map((l) => l.hashRaw === true)).toEqual([
      false,
      true,
      true,
    ]);
  });

  it('leaves the raw bytes to their own hash with fewer layers than workers, or from a registry', () => {
    const few = image('oci-layout', [MiB]);
    expect(withRawHashing(few.image, { size: 2 }, few.layers)).toEqual(few.layers);
    const remote = image('registry', [MiB, MiB, MiB]);
    expect(withRawHashing(remote.image, { size: 2 }, remote.layers)).toEqual(remote.layers);
  });
});
