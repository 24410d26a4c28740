import { describe, expect, it } from 'vitest';
import { isNoise, type DocumentKind } from './noise.ts';

describe('the noise filter', () => {
  it.each<[DocumentKind, string, boolean]>([
    ['config', '/created', true],
    ['config', '/history/3/created', true],
    ['config', '/history/3/created_by', false],
    ['config', '/config/Labels/org.opencontainers.image.created', true],
    ['config', '/config/Labels/org.label-schema.build-date', true],
    ['config', '/config/Labels/org.example.version', false],
    ['config', '/rootfs/diff_ids/0', true],
    ['config', '/architecture', false],
    ['config', '/config/Env/0', false],
    ['manifest', '/annotations/org.opencontainers.image.created', true],
    ['manifest', '/annotations/moby.buildkit.cache.v0', true],
    ['manifest', '/annotations/org.opencontainers.image.version', false],
    ['manifest', '/config/digest', true],
    ['manifest', '/config/size', true],
    ['manifest', '/config/mediaType', false],
    ['manifest', '/layers/2/digest', true],
    ['manifest', '/layers/2/mediaType', false],
    ['manifest', '/layers/2', false],
    ['index', '/manifests/0/digest', true],
    ['index', '/manifests/0/platform/architecture', false],
    ['index', '/manifests/0/annotations/org.opencontainers.image.created', true],
    ['index', '/created', false],
  ])('%s %s -> %s', (doc, pointer, want) => {
    expect(isNoise(doc, pointer)).toBe(want);
  });
});
