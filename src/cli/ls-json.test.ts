import { describe, expect, it } from 'vitest';
import { lsJsonPieces } from './ls-json.ts';
import type { LsEntry } from './ls.ts';

const entry = (i: number): LsEntry => ({
  path: `/d/f${i}"\u2028`,
  type: 'file',
  size: i,
  mode: 0o644,
  uid: 0,
  gid: 0,
  linkTarget: i % 3 ? null : 'x',
  layer: i % 2,
  ...(i % 5 === 0 ? { sha256: null } : {}),
});

describe('lsJsonPieces', () => {
  it.each([
    ['no entries', { image: 'sha256:ab', layer: null, entries: [], problems: [] }],
    ['one entry and a layer', { image: 'sha256:ab', layer: 2, entries: [entry(1)], problems: [] }],
    [
      'more entries than a batch, with problems',
      {
        image: 'sha256:ab',
        layer: null,
        entries: Array.from({ length: 4321 }, (_, i) => entry(i)),
        problems: [{ severity: 'error', code: 'x', message: 'm', where: 'w' }],
      },
    ],
    ['no image', { image: undefined, layer: null, entries: [entry(0)], problems: [] }],
  ] as const)('%s: the same bytes as one JSON.stringify', (_name, doc) => {
    const pieces = [...lsJsonPieces(doc)];
    expect(pieces.join('')).toBe(`${JSON.stringify(doc)}\n`);
    if (doc.entries.length > 2000) expect(pieces.length).toBeGreaterThan(3);
  });
});
