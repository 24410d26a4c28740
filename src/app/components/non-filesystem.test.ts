import { describe, expect, it } from 'vitest';
import type { ImageSummary } from '../../core/graph/model.ts';
import { digestOf } from '../../core/oci/digest.ts';
import { nonFilesystemReason } from './non-filesystem.ts';

const D = `sha256:${'a'.repeat(64)}`;
const desc = (mediaType: string) => ({ mediaType, digest: digestOf(D), size: 1 });
function image(patch: Partial<ImageSummary>, layerTypes: string[]): ImageSummary {
  return {
    manifest: D,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    platform: null,
    refName: null,
    tags: [],
    artifactType: null,
    attestation: false,
    config: desc('application/vnd.oci.image.config.v1+json'),
    configDocument: null,
    layers: layerTypes.map((t) => ({ descriptor: desc(t), diffId: null })),
    ...patch,
  } as ImageSummary;
}

const GZ = 'application/vnd.oci.image.layer.v1.tar+gzip';
const cases: [string, ImageSummary, RegExp | null][] = [
  ['an image', image({}, [GZ, GZ]), null],
  ['an image with no layers', image({}, []), null],
  ['an attestation', image({ attestation: true }, ['application/vnd.in-toto+json']), /attestation/],
  [
    'a cosign signature',
    image({}, ['application/vnd.dev.cosign.simplesigning.v1+json']),
    /signature/,
  ],
  [
    'a notary signature artifact',
    image({ artifactType: 'application/vnd.cncf.notary.signature' }, ['application/jose+json']),
    /signature/,
  ],
  [
    'an SBOM artifact',
    image({ artifactType: 'application/spdx+json' }, ['application/spdx+json']),
    /artifact of type application\/spdx\+json/,
  ],
  ['an artifact with tar layers', image({ artifactType: 'application/x.thing' }, [GZ]), null],
  ['a manifest of unknown blobs', image({}, ['application/octet-stream']), /None of/],
];

describe('nonFilesystemReason', () => {
  it.each(cases)('%s', (_, img, want) => {
    const got = nonFilesystemReason(img);
    if (want === null) expect(got).toBeNull();
    else expect(got).toMatch(want);
  });
});
