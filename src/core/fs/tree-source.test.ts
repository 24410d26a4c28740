import { describe, expect, it } from 'vitest';
import { SHOW_ALL, filterChanges, type ChangeFilter } from './change-filter.ts';
import { treeRows, type TreeMode } from './fs-rows.ts';
import { buildFilesystem } from './merged-filesystem.ts';
import { tarLayer } from './test-support.ts';
import { treeSource } from './tree-source.ts';

// Layer 2 modifies, adds, deletes and makes a folder opaque; layer 3 replaces a folder by a file.
const fs = buildFilesystem([
  { entries: tarLayer('etc/', 'etc/motd:10', 'etc/passwd:20', 'a/', 'a/old', 'd/', 'd/x:1') },
  { entries: tarLayer('etc/passwd:25', 'etc/.wh.motd', 'a/', 'a/.wh..wh..opq', 'a/new:7') },
  { entries: tarLayer('d:5', 'opt/new:3') },
]);

const FILTERS: [string, ChangeFilter][] = [
  ['everything', SHOW_ALL],
  ['no deleted rows', { ...SHOW_ALL, deleted: false }],
  ['changes only', { ...SHOW_ALL, unmodified: false }],
  ['added only', { ...SHOW_ALL, modified: false, deleted: false, unmodified: false }],
  ['deleted only', { ...SHOW_ALL, added: false, modified: false, unmodified: false }],
  ['folders only', { ...SHOW_ALL, dirsOnly: true }],
];
const MODES: TreeMode[] = [
  { kind: 'merged', upTo: 0 },
  { kind: 'merged', upTo: 1 },
  { kind: 'merged', upTo: 2 },
  { kind: 'layer', layer: 1 },
  { kind: 'layer', layer: 2 },
];

describe('treeSource: the tree’s entries, rows made when asked', () => {
  for (const mode of MODES)
    it.each(FILTERS)(
      `${JSON.stringify(mode)}, %s: the rows filterChanges(treeRows) gives`,
      (_, f) => {
        const source = treeSource(fs, mode, f);
        const want = filterChanges(treeRows(fs, mode, f.deleted), f);
        expect(source.entries.map((e) => source.rowOf(e))).toEqual(want);
      },
    );

  it('hands out the merged view’s own entries, not copies', () => {
    const source = treeSource(fs, { kind: 'merged', upTo: 2 }, SHOW_ALL);
    expect(source.entries[0]).toBe(fs.listMerged(2)[0]);
    const passwd = source.entries.find((e) => e.path === '/etc/passwd')!;
    expect(source.rowOf(passwd)).toMatchObject({ change: null, opaque: false, size: 25 });
  });

  it('is empty for a filesystem of no layers', () => {
    expect(treeSource(buildFilesystem([]), { kind: 'merged', upTo: 0 }, SHOW_ALL).entries).toEqual(
      [],
    );
  });
});
