import { describe, expect, it } from 'vitest';
import { buildFilesystem } from '../../../../core/fs/merged-filesystem.ts';
import { tarEntry, tarLayer } from '../../../../core/fs/test-support.ts';
import type { TarEntry } from '../../../../core/layers/tar-entry.ts';
import { TreeModel } from '../../../../core/fs/tree-model.ts';
import { visibleRows } from './tree-rows.ts';
import { treeRows, type FsRow, type TreeMode } from '../../../../core/fs/fs-rows.ts';

const fs = buildFilesystem(
  [
    [
      'etc/',
      'etc/motd:10',
      'etc/passwd:20',
      'var/',
      'var/cache/',
      'var/cache/a:5',
      'bin -> usr/bin',
    ],
    ['etc/passwd:25', 'opt/', 'opt/model:1000'],
    ['etc/.wh.motd', 'var/cache/', 'var/cache/.wh..wh..opq', 'var/cache/b:1', 'opt/model:900'],
  ].map((specs) => ({ entries: tarLayer(...specs) })),
);

/** Rows as `path change (marker@layer)`. */
const show = (rows: FsRow[]) =>
  rows
    .map(
      (r) =>
        `${r.path}${r.change ? ` ${r.change}` : ''}` +
        (r.removedBy ? ` (${r.removedBy.path}@${r.removedBy.layer})` : ''),
    )
    .sort();

describe('treeRows', () => {
  it.each<[string, TreeMode, boolean, string[]]>([
    [
      'merged after the last layer, its changes marked',
      { kind: 'merged', upTo: 2 },
      false,
      [
        '/bin',
        '/etc',
        '/etc/passwd',
        '/opt',
        '/opt/model modified',
        '/var',
        '/var/cache modified',
        '/var/cache/b added',
      ],
    ],
    [
      'merged with the deleted paths greyed',
      { kind: 'merged', upTo: 2 },
      true,
      [
        '/bin',
        '/etc',
        '/etc/motd deleted (/etc/.wh.motd@2)',
        '/etc/passwd',
        '/opt',
        '/opt/model modified',
        '/var',
        '/var/cache modified',
        '/var/cache/a deleted (/var/cache/.wh..wh..opq@2)',
        '/var/cache/b added',
      ],
    ],
    [
      'merged after layer 1',
      { kind: 'merged', upTo: 1 },
      true,
      [
        '/bin',
        '/etc',
        '/etc/motd',
        '/etc/passwd modified',
        '/opt added',
        '/opt/model added',
        '/var',
        '/var/cache',
        '/var/cache/a',
      ],
    ],
    [
      "layer 2's own changes",
      { kind: 'layer', layer: 2 },
      false,
      [
        '/etc/motd deleted (/etc/.wh.motd@2)',
        '/opt/model modified',
        '/var/cache modified',
        '/var/cache/a deleted (/var/cache/.wh..wh..opq@2)',
        '/var/cache/b added',
      ],
    ],
  ])('%s', (_name, mode, showDeleted, want) => {
    expect(show(treeRows(fs, mode, showDeleted))).toEqual(want);
  });

  it('keeps what a deleted row was: its size and the layer that wrote it', () => {
    const motd = treeRows(fs, { kind: 'layer', layer: 2 }).find((r) => r.path === '/etc/motd')!;
    expect(motd).toMatchObject({ size: 10, layer: 0, change: 'deleted' });
    expect(motd.removedBy).toEqual({ kind: 'whiteout', path: '/etc/.wh.motd', layer: 2 });
  });

  it('builds a tree whose layer view implies the untouched parents', () => {
    const model = TreeModel.build(treeRows(fs, { kind: 'layer', layer: 2 }));
    const etc = model.idOf('/etc')!;
    expect(model.entryOf(etc)).toBeNull();
    expect(model.sizeOf(model.idOf('/var')!)).toBe(1); // deleted rows count no bytes
    expect(visibleRows(model, { sort: 'name', expanded: new Set() }).length).toBe(3);
  });
});

describe('tree totals agree with MergedView.dirSize at 100,000 entries', () => {
  it('for every top folder', () => {
    const layer: TarEntry[] = [];
    for (let d = 0; d < 2500; d++) {
      layer.push(tarEntry(`usr/share/pkg${d}/`, layer.length));
      for (let f = 0; f < 40; f++)
        layer.push(tarEntry(`usr/share/pkg${d}/f${f}:${f * 3 + 1}`, layer.length));
    }
    layer.push(tarEntry('usr/bin/x => usr/share/pkg0/f1', layer.length));
    const big = buildFilesystem([{ entries: layer }]);
    const view = big.view();
    const list = view.list();
    const t0 = performance.now();
    view.dirSize('/');
    const t1 = performance.now();
    const model = TreeModel.build(list);
    const t2 = performance.now();
    console.log(
      `100k: MergedView.dirSize (first call, all folders) ${(t1 - t0).toFixed(1)} ms; ` +
        `TreeModel.build with totals ${(t2 - t1).toFixed(1)} ms`,
    );
    for (const path of ['/', '/usr', '/usr/share', '/usr/share/pkg7', '/usr/bin']) {
      expect(model.sizeOf(model.idOf(path)!), path).toBe(view.dirSize(path));
    }
  });
});
