import { describe, expect, it } from 'vitest';
import type { ImageConfig } from '../oci/types.ts';
import { chooseImage, defaultImage, isRunnable } from './choose-image.ts';
import type { ImageSummary } from './model.ts';

const config = { os: 'linux', architecture: 'amd64' } as ImageConfig;

function image(name: string, extra: Partial<ImageSummary> = {}): ImageSummary {
  return {
    manifest: `sha256:${name.repeat(64).slice(0, 64)}`,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    platform: null,
    refName: null,
    tags: [],
    artifactType: null,
    attestation: false,
    config: null,
    configDocument: config,
    layers: [],
    ...extra,
  };
}

const att = image('a', { attestation: true, platform: 'unknown/unknown' });
const art = image('b', { artifactType: 'application/x-sbom' });
const noConfig = image('c', { configDocument: null });
const amd = image('d', { platform: 'linux/amd64' });
const arm = image('e', { platform: 'linux/arm64/v8' });
const cfgArm = image('f', {
  configDocument: { os: 'linux', architecture: 'arm', variant: 'v7' } as ImageConfig,
});

describe('isRunnable', () => {
  it.each([
    ['an image with a config', amd, true],
    ['an attestation', att, false],
    ['an artifact', art, false],
    ['a manifest whose config could not be read', noConfig, false],
  ])('%s', (_, im, want) => expect(isRunnable(im)).toBe(want));
});

describe('defaultImage: the first runnable image, else the first', () => {
  it.each([
    ['none', [], null],
    ['attestation first', [att, amd, arm], amd],
    ['artifact and no config first', [art, noConfig, arm], arm],
    ['nothing runnable', [att, art], att],
  ] as const)('%s', (_, images, want) => expect(defaultImage(images)).toBe(want));
});

describe('chooseImage', () => {
  const all = [att, amd, arm, cfgArm];
  it.each([
    ['nothing asked', {}, amd],
    ['a platform from the index', { platform: 'linux/arm64' }, arm],
    ['a platform with its variant', { platform: 'linux/arm64/v8' }, arm],
    ['a platform from the config', { platform: 'linux/arm/v7' }, cfgArm],
    ['a digest', { digest: amd.manifest }, amd],
    ['a digest prefix without its algorithm', { digest: 'eee' }, arm],
    ['an attestation by digest', { digest: att.manifest }, att],
  ])('%s', (_, by, want) => {
    const got = chooseImage(all, by);
    expect(got.ok && got.image).toBe(want);
    expect(got.ok && got.runnable).toEqual([amd, arm, cfgArm]);
  });

  it.each([
    ['no images', [], {}, { ok: false, why: 'no-images' }],
    [
      'an unknown digest',
      all,
      { digest: '9999' },
      { ok: false, why: 'digest-not-unique', matches: 0 },
    ],
    ['a bad platform', all, { platform: 'linux' }, { ok: false, why: 'platform-invalid' }],
    [
      'an absent platform',
      all,
      { platform: 'windows/amd64' },
      {
        ok: false,
        why: 'platform-absent',
        available: ['linux/amd64', 'linux/arm64/v8', '(no platform)'],
      },
    ],
  ] as const)('%s: says why', (_, images, by, want) => {
    expect(chooseImage(images, by)).toEqual(want);
  });

  it('counts every image a digest prefix matches', () => {
    const twins = [image('1', { manifest: 'sha256:ab1' }), image('2', { manifest: 'sha256:ab2' })];
    expect(chooseImage(twins, { digest: 'ab' })).toEqual({
      ok: false,
      why: 'digest-not-unique',
      matches: 2,
    });
  });
});
