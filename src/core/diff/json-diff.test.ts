import { describe, expect, it } from 'vitest';
import { diffJson } from './json-diff.ts';
import { escapeToken, pointerTokens } from './json-pointer.ts';
import type { JsonChange } from './types.ts';

const c = (op: JsonChange['op'], pointer: string, a?: unknown, b?: unknown): JsonChange => ({
  op,
  pointer,
  ...(op !== 'added' ? { a } : {}),
  ...(op !== 'removed' ? { b } : {}),
  noise: false,
});

describe('diffJson', () => {
  it.each<[string, unknown, unknown, JsonChange[]]>([
    ['equal documents', { a: [1, { b: null }] }, { a: [1, { b: null }] }, []],
    ['a scalar changed', { x: 1 }, { x: 2 }, [c('changed', '/x', 1, 2)]],
    [
      'a key added and one removed',
      { x: 1, y: 2 },
      { x: 1, z: 3 },
      [c('removed', '/y', 2), c('added', '/z', undefined, 3)],
    ],
    [
      'array grows',
      { l: [1] },
      { l: [1, 2, 3] },
      [c('added', '/l/1', undefined, 2), c('added', '/l/2', undefined, 3)],
    ],
    ['array shrinks', [1, 2], [1], [c('removed', '/1', 2)]],
    [
      'object becomes array: one change',
      { v: { k: 1 } },
      { v: [1] },
      [c('changed', '/v', { k: 1 }, [1])],
    ],
    ['null versus object', { v: null }, { v: {} }, [c('changed', '/v', null, {})]],
    ['string "1" is not number 1', ['1'], [1], [c('changed', '/0', '1', 1)]],
    ['whole document replaced', 1, 'x', [c('changed', '', 1, 'x')]],
    [
      'RFC 6901 escapes ~ and /',
      { 'a/b': 1, 'm~n': 1 },
      { 'a/b': 2, 'm~n': 2 },
      [c('changed', '/a~1b', 1, 2), c('changed', '/m~0n', 1, 2)],
    ],
    [
      'nested change',
      { h: [{ t: 'x' }, { t: 'y' }] },
      { h: [{ t: 'x' }, { t: 'z' }] },
      [c('changed', '/h/1/t', 'y', 'z')],
    ],
    [
      'array indexes sort numerically',
      { l: Array(11).fill(0) },
      { l: [...Array(10).fill(0), 1].map((v, i) => (i === 2 ? 5 : v)) },
      [c('changed', '/l/2', 0, 5), c('changed', '/l/10', 0, 1)],
    ],
  ])('%s', (_, a, b, want) => {
    expect(diffJson(a, b)).toEqual(want);
  });

  it('marks the changes the noise test names, and keeps them', () => {
    const got = diffJson(
      { created: 1, os: 'linux' },
      { created: 2, os: 'windows' },
      (p) => p === '/created',
    );
    expect(got).toEqual([
      { ...c('changed', '/created', 1, 2), noise: true },
      c('changed', '/os', 'linux', 'windows'),
    ]);
  });

  it('walks a document nested deeper than the call stack', () => {
    let a: unknown = 1;
    let b: unknown = 2;
    for (let i = 0; i < 100_000; i++) {
      a = [a];
      b = [b];
    }
    const got = diffJson(a, b);
    expect(got).toHaveLength(1);
    expect(got[0]!.pointer).toBe('/0'.repeat(100_000));
  });
});

describe('JSON pointer tokens', () => {
  it.each([
    ['a/b~c', 'a~1b~0c'],
    ['~1', '~01'],
    ['', ''],
  ])('%s <-> %s', (token, escaped) => {
    expect(escapeToken(token)).toBe(escaped);
    expect(pointerTokens(`/x/${escaped}`)).toEqual(['x', token]);
  });
});
