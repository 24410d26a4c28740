import { describe, expect, it } from 'vitest';
import { buildFilesystem } from '../core/fs/merged-filesystem.ts';
import { treeRows, type FsRow, type TreeMode } from '../core/fs/fs-rows.ts';
import { tarEntry, tarLayer } from '../core/fs/test-support.ts';
import { TreeModel } from '../core/fs/tree-model.ts';
import { decodeTree, encodeTree, treeBuffers } from './tree-codec.ts';

// Three layers with every kind of row: files, folders (declared and implied), links, devices,
// a sparse file, an opaque folder, whiteouts and a file replacing a folder, owners past 2^31,
// a name holding a byte that was not UTF-8 (a lone surrogate) and one outside the BMP.
const fs = buildFilesystem([
  {
    name: 'base',
    entries: [
      ...tarLayer(
        'etc/',
        'etc/motd:10',
        'etc/passwd:20',
        'usr/bin/sh -> dash',
        'usr/bin/dash:900',
        'usr/bin/rsh => usr/bin/dash',
        'dev/null!char',
        'a/',
        'a/old:3',
        'gone/',
        'gone/x:1',
        'caf\udce9:4',
        'emoji-😀/f:2',
      ),
      tarEntry('var/disk.img', 20, {
        size: 4096,
        sparse: true,
        sparseMap: [{ offset: 1024, length: 9 }],
      }),
      tarEntry('srv/big-owner', 21, { uid: 3_000_000_000, gid: 4_000_000_000, mode: 0o4755 }),
    ],
  },
  {
    name: 'two',
    entries: tarLayer('etc/passwd:25', 'etc/.wh.motd', 'a/', 'a/.wh..wh..opq', 'a/new:7'),
  },
  { name: 'three', entries: tarLayer('gone:5', 'opt/deep/er/file:11') },
]);

const MODES: [string, TreeMode, boolean][] = [
  ['merged, with deleted rows', { kind: 'merged', upTo: 2 }, true],
  ['merged up to layer 2', { kind: 'merged', upTo: 1 }, false],
  ["layer 2's own changes", { kind: 'layer', layer: 1 }, true],
  ["layer 3's own changes", { kind: 'layer', layer: 2 }, true],
];

/** Encode, move by transfer as the worker does, decode as the page does. */
function throughWorker(model: TreeModel<FsRow>): TreeModel<FsRow> {
  const enc = encodeTree(model, (r) => r);
  const moved = structuredClone(enc, { transfer: treeBuffers(enc) });
  expect(enc.text.byteLength).toBe(0);
  return decodeTree(moved);
}

describe('the tree as columns, from the worker to the page', () => {
  it.each(MODES)('%s: every node reads as the model built from the rows', (_, mode, deleted) => {
    const rows = treeRows(fs, mode, deleted);
    // Two models: moving the columns empties the one they came from.
    const built = TreeModel.build(rows);
    const page = throughWorker(TreeModel.build(rows));
    expect(page.size).toBe(built.size);
    for (let id = 0; id < built.size; id++) {
      expect(page.pathOf(id)).toBe(built.pathOf(id));
      expect(page.nameOf(id)).toBe(built.nameOf(id));
      expect(page.entryOf(id)).toEqual(built.entryOf(id));
      expect([page.parentOf(id), page.depthOf(id), page.isDir(id)]).toEqual([
        built.parentOf(id),
        built.depthOf(id),
        built.isDir(id),
      ]);
      expect([page.totalOf(id), page.sizeOf(id)]).toEqual([built.totalOf(id), built.sizeOf(id)]);
      for (const sort of ['name', 'size'] as const) {
        expect(page.children(id, sort)).toEqual(built.children(id, sort));
        expect(page.positionOf(id, sort)).toBe(built.positionOf(id, sort));
      }
      // Found by path (a binary search over the path order on the page).
      expect(page.idOf(built.pathOf(id))).toBe(id);
    }
    for (const missing of ['/nope', '/etc/motd/x', '', '/a/old/']) {
      expect(page.idOf(missing)).toBe(built.idOf(missing));
    }
  });

  it('keeps the fields the tree and viewer show, exactly', () => {
    const page = throughWorker(TreeModel.build(treeRows(fs, { kind: 'merged', upTo: 2 }, true)));
    const row = (path: string) => page.entryOf(page.idOf(path)!)!;
    expect(row('/srv/big-owner')).toMatchObject({
      uid: 3_000_000_000,
      gid: 4_000_000_000,
      mode: 0o4755,
    });
    expect(row('/var/disk.img').content?.sparseMap).toEqual([{ offset: 1024, length: 9 }]);
    expect(row('/usr/bin/rsh')).toMatchObject({ type: 'hardlink', linkTarget: '/usr/bin/dash' });
    expect(row('/usr/bin/rsh').content).toMatchObject({ layer: 0, size: 900 });
    expect(row('/usr/bin/sh').linkTarget).toBe('dash');
    expect(row('/caf\udce9').path).toBe('/caf\udce9');
    expect(row('/emoji-😀/f').size).toBe(2);
    expect(row('/etc/motd')).toMatchObject({
      change: 'deleted',
      removedBy: { path: '/etc/.wh.motd', layer: 1 },
    });
    expect(row('/gone')).toMatchObject({ type: 'file', size: 5, change: 'modified' });
    expect(row('/opt/deep')).toMatchObject({ type: 'dir', implicit: true, index: -1 });
    // In a layer's own changes, a folder its rows only imply has no row.
    const layer2 = throughWorker(TreeModel.build(treeRows(fs, { kind: 'layer', layer: 1 }, true)));
    expect(layer2.entryOf(layer2.idOf('/etc')!)).toBeNull();
    expect(layer2.entryOf(layer2.idOf('/a')!)).toMatchObject({ opaque: true });
  });

  it('makes a row once, when first asked', () => {
    const page = throughWorker(TreeModel.build(treeRows(fs, { kind: 'merged', upTo: 2 })));
    const id = page.idOf('/etc/passwd')!;
    expect(page.entryOf(id)).toBe(page.entryOf(id));
  });

  it('sends an empty tree', () => {
    const page = throughWorker(TreeModel.build<FsRow>([]));
    expect(page.size).toBe(1);
    expect(page.pathOf(0)).toBe('/');
    expect(page.idOf('/')).toBe(0);
  });
});
