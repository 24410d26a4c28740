import { describe, expect, it } from 'vitest';
import { digestOf } from './digest.ts';
import { MediaType } from './media-types.ts';
import {
  formatPlatform,
  isArtifact,
  isAttestationManifest,
  matchPlatform,
  parsePlatform,
  selectManifest,
} from './platform.ts';
import type { Descriptor, ImageManifest, Platform } from './types.ts';

const p = (text: string): Platform => parsePlatform(text)!;
const desc = (mediaType: string, extra: Partial<Descriptor> = {}): Descriptor => ({
  mediaType,
  digest: digestOf(`sha256:${'a'.repeat(64)}`),
  size: 1,
  ...extra,
});

describe('platform text', () => {
  it.each([
    ['linux/amd64', { os: 'linux', architecture: 'amd64' }],
    ['linux/arm/v7', { os: 'linux', architecture: 'arm', variant: 'v7' }],
    ['linux/arm64/v8', { os: 'linux', architecture: 'arm64', variant: 'v8' }],
  ])('%s round-trips', (text, platform) => {
    expect(parsePlatform(text)).toEqual(platform);
    expect(formatPlatform(platform)).toBe(text);
  });

  it.each(['linux', 'linux/', '/amd64', 'linux/arm/v7/x', ''])('rejects %j', (text) => {
    expect(parsePlatform(text)).toBeUndefined();
  });
});

describe('matchPlatform', () => {
  const candidates = [
    'linux/amd64',
    'linux/arm/v6',
    'linux/arm/v7',
    'linux/arm64',
    'windows/amd64',
    'linux/arm64/v8',
  ].map(p);
  it.each([
    ['linux/amd64', 0],
    ['linux/arm', 1], // no variant wanted: the first arm wins
    ['linux/arm/v7', 2],
    ['linux/arm/7', 2],
    ['linux/arm64/v8', 3], // arm64 without a variant is v8
    ['linux/aarch64', 3],
    ['Linux/x86_64', 0],
    ['linux/arm64/v9', -1],
    ['linux/386', -1],
    ['windows/amd64', 4],
  ])('%s → candidate %i', (wanted, index) => {
    expect(matchPlatform(p(wanted), candidates)).toBe(index);
  });

  it('skips candidates without a platform', () => {
    expect(matchPlatform(p('linux/amd64'), [undefined, p('linux/amd64')])).toBe(1);
  });

  it('selectManifest skips attestation manifests', () => {
    const attestation = desc(MediaType.ociManifest, { platform: p('unknown/unknown') });
    const image = desc(MediaType.ociManifest, { platform: p('linux/amd64') });
    expect(selectManifest([attestation, image], p('linux/amd64'))).toBe(image);
    expect(selectManifest([attestation], p('unknown/unknown'))).toBeUndefined();
  });
});

describe('isAttestationManifest', () => {
  it.each([
    [
      'unknown/unknown platform',
      desc(MediaType.ociManifest, { platform: p('unknown/unknown') }),
      true,
    ],
    [
      'attestation annotation',
      desc(MediaType.ociManifest, {
        annotations: {
          'vnd.docker.reference.type': 'attestation-manifest',
          'vnd.docker.reference.digest': `sha256:${'b'.repeat(64)}`,
        },
      }),
      true,
    ],
    ['an image', desc(MediaType.ociManifest, { platform: p('linux/amd64') }), false],
    ['no platform', desc(MediaType.ociManifest), false],
    ['unknown os only', desc(MediaType.ociManifest, { platform: p('unknown/amd64') }), false],
  ])('%s → %s', (_, d, want) => {
    expect(isAttestationManifest(d)).toBe(want);
  });
});

describe('isArtifact', () => {
  const manifest = (config: string, extra: Partial<ImageManifest> = {}): ImageManifest => ({
    kind: 'manifest',
    schemaVersion: 2,
    mediaType: MediaType.ociManifest,
    config: desc(config),
    layers: [],
    ...extra,
  });
  it.each([
    ['an OCI image', manifest(MediaType.ociConfig), false],
    [
      'a Docker image',
      manifest(MediaType.dockerConfig, { mediaType: MediaType.dockerManifest }),
      false,
    ],
    [
      'artifactType set',
      manifest(MediaType.ociConfig, { artifactType: 'application/vnd.example' }),
      true,
    ],
    ['the empty config', manifest(MediaType.ociEmpty), true],
    ['a Helm chart config', manifest('application/vnd.cncf.helm.config.v1+json'), true],
    [
      'octet-stream config in a Docker manifest (early Hub pushes)',
      manifest('application/octet-stream', { mediaType: MediaType.dockerManifest }),
      false,
    ],
    ['octet-stream config in an OCI manifest', manifest('application/octet-stream'), true],
  ])('%s → %s', (_, m, want) => {
    expect(isArtifact(m)).toBe(want);
  });
});
