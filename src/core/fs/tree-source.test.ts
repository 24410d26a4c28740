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

  it('makes no entry for a path of the merged view: its path, type and size, the entry on asking', () => {
    const source = treeSource(fs, { kind: 'merged', upTo: 2 }, SHOW_ALL);
    const present = source.entries.filter((e) => e.change !== 'deleted');
    expect(present.map((e) => [e.path, e.type, e.size])).toEqual(
      fs.listMerged(2).map((e) => [e.path, e.type, e.size]),
    );
    expect(present[0]).not.toHaveProperty('mode');
    const passwd = source.entries.find((e) => e.path === '/etc/passwd')!;
    expect(source.rowOf(passwd)).toMatchObject({ change: null, opaque: false, size: 25 });
  });

  it('gives a hardlink the size it shares, and a link whose target went away the type of a file', () => {
    const linked = buildFilesystem([
      { entries: tarLayer('a:40', 'b => a', 'c:9', 'd => c') },
      { entries: tarLayer('.wh.c') },
    ]);
    for (const upTo of [0, 1]) {
      const source = treeSource(linked, { kind: 'merged', upTo }, SHOW_ALL);
      const present = source.entries.filter((e) => e.change !== 'deleted');
      expect(present.map((e) => [e.path, e.type, e.size])).toEqual(
        linked.listMerged(upTo).map((e) => [e.path, e.type, e.size]),
      );
    }
    const after = treeSource(linked, { kind: 'merged', upTo: 1 }, SHOW_ALL).entries;
    expect(after.find((e) => e.path === '/d')).toMatchObject({ type: 'file', size: 9 });
    expect(after.find((e) => e.path === '/b')).toMatchObject({ type: 'hardlink', size: 40 });
  });

  it('is empty for a filesystem of no layers', () => {
    expect(treeSource(buildFilesystem([]), { kind: 'merged', upTo: 0 }, SHOW_ALL).entries).toEqual(
      [],
    );
  });
});
