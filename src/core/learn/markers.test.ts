import { describe, expect, it } from 'vitest';
import { opaqueDirs, storedMarkerName } from './markers.ts';

describe('storedMarkerName', () => {
  it.each([
    ['whiteout', '/etc/motd', 'etc/.wh.motd'],
    ['whiteout', '/motd', '.wh.motd'],
    ['whiteout', 'a/b/c/', 'a/b/.wh.c'],
    ['opaque', '/var/cache/apk', 'var/cache/apk/.wh..wh..opq'],
    ['opaque', '/', '.wh..wh..opq'],
  ] as const)('%s %s → %s', (type, path, name) => {
    expect(storedMarkerName(type, path)).toBe(name);
  });
});

describe('opaqueDirs', () => {
  it('keeps only opaque markers', () => {
    expect([
      ...opaqueDirs([
        { type: 'opaque', path: '/var/cache' },
        { type: 'whiteout', path: '/etc/motd' },
        { type: 'dir', path: '/etc' },
      ]),
    ]).toEqual(['/var/cache']);
  });
});
