import { describe, expect, it } from 'vitest';
import { buildFilesystem } from './merged-filesystem.ts';
import { treeRows } from './fs-rows.ts';
import { tarLayer } from './test-support.ts';

// Layer 1 puts files in /a and /b; layer 2 makes /a opaque and adds /a/new.
const fs = buildFilesystem([
  { name: 'layer 1', entries: tarLayer('a/', 'a/old', 'b/', 'b/keep') },
  { name: 'layer 2', entries: tarLayer('a/', 'a/.wh..wh..opq', 'a/new') },
]);
const opaqueOf = (rows: ReturnType<typeof treeRows>) =>
  rows.filter((r) => r.opaque).map((r) => r.path);

describe('treeRows: opaque folders', () => {
  it.each([
    [
      'merged up to layer 2: /a is made opaque by the shown layer',
      { kind: 'merged', upTo: 1 },
      ['/a'],
    ],
    ['merged up to layer 1: nothing is opaque yet', { kind: 'merged', upTo: 0 }, []],
    ["layer 2's own changes: /a", { kind: 'layer', layer: 1 }, ['/a']],
    ["layer 1's own changes: none", { kind: 'layer', layer: 0 }, []],
  ] as const)('%s', (_name, mode, want) => {
    expect(opaqueOf(treeRows(fs, mode))).toEqual(want);
  });

  it('hides what lower layers put in the opaque folder', () => {
    const paths = treeRows(fs, { kind: 'merged', upTo: 1 }).map((r) => r.path);
    expect(paths).toContain('/a/new');
    expect(paths).not.toContain('/a/old');
    expect(paths).toContain('/b/keep');
  });
});
