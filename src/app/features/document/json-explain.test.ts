import { describe, expect, it } from 'vitest';
import { explainToken, nextItem, shapeTitle } from './json-explain.ts';
import { tokenizeJson } from './json-tokens.ts';

describe('nextItem', () => {
  // Items on lines: 0 0 | 1 | 2 2 2 | 4
  const lines = [0, 0, 1, 2, 2, 2, 4];
  it.each([
    ['ArrowDown', 0, 2],
    ['ArrowDown', 1, 2],
    ['ArrowDown', 2, 3],
    ['ArrowDown', 4, 6],
    ['ArrowDown', 6, 6],
    ['ArrowUp', 6, 3],
    ['ArrowUp', 4, 2],
    ['ArrowUp', 2, 0],
    ['ArrowUp', 1, 1],
    ['ArrowRight', 1, 2],
    ['ArrowRight', 6, 6],
    ['ArrowLeft', 0, 0],
    ['ArrowLeft', 3, 2],
    ['Home', 4, 0],
    ['End', 1, 6],
    ['a', 1, null],
  ] as const)('%s from %i → %s', (key, from, want) => {
    expect(nextItem(key, from, lines)).toBe(want);
  });

  it('has nowhere to go in an empty document', () => {
    expect(nextItem('ArrowDown', 0, [])).toBeNull();
  });
});

describe('explainToken', () => {
  const t = tokenizeJson(
    '{"history":[{"created_by":"RUN x"}],"config":{"Labels":{"org.opencontainers.image.title":"t","mine":"m"}}}',
  ).tokens;
  const key = (k: string) => t.find((x) => x.kind === 'key' && x.key === k)!;
  it.each([
    ['created_by', 'config', /history\[\]\.created_by/],
    ['Labels', 'config', /config\.Labels/],
    ['org.opencontainers.image.title', 'config', /org\.opencontainers\.image\.title/],
  ] as const)('%s in a %s', (k, kind, title) => {
    expect(explainToken(key(k), kind)?.title).toMatch(title);
  });
  it('explains nothing an image made up', () => {
    expect(explainToken(key('mine'), 'config')).toBeNull();
    expect(
      explainToken(
        t.find((x) => x.value === 'RUN x')!,
        'config',
      ),
    ).toBeNull();
  });
  it('reads a shape as people write it', () => {
    expect(shapeTitle('manifests/*/platform/os')).toBe('manifests[].platform.os');
  });
});
