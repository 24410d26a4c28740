import { describe, expect, it } from 'vitest';
import { buildFilesystem } from './merged-filesystem.ts';
import { tarLayer } from './test-support.ts';
import { treeRows } from './fs-rows.ts';
import { TreeModel } from './tree-model.ts';
import { filterChanges, SHOW_ALL, type ChangeFilter } from './change-filter.ts';

// Layer 2 adds /opt/new, modifies /etc/passwd and deletes /etc/motd; the rest is unmodified.
const fs = buildFilesystem(
  [
    ['etc/', 'etc/motd:10', 'etc/passwd:20', 'var/', 'var/log/', 'var/log/a:5'],
    ['etc/passwd:25', 'etc/.wh.motd', 'opt/', 'opt/new:7'],
  ].map((specs) => ({ entries: tarLayer(...specs) })),
);
const rows = treeRows(fs, { kind: 'merged', upTo: 1 }, true);

const paths = (f: Partial<ChangeFilter>) =>
  filterChanges(rows, { ...SHOW_ALL, ...f })
    .map((r) => `${r.path}${r.change ? ` ${r.change}` : ''}`)
    .sort();

describe('filterChanges', () => {
  it('keeps every row (the same array) when nothing is hidden', () => {
    expect(filterChanges(rows, SHOW_ALL)).toBe(rows);
  });
  it.each<[string, Partial<ChangeFilter>, string[]]>([
    [
      'hide unmodified: only the changes',
      { unmodified: false },
      ['/etc/motd deleted', '/etc/passwd modified', '/opt added', '/opt/new added'],
    ],
    [
      'hide added',
      { added: false },
      ['/etc', '/etc/motd deleted', '/etc/passwd modified', '/var', '/var/log', '/var/log/a'],
    ],
    [
      'hide modified and deleted',
      { modified: false, deleted: false },
      ['/etc', '/opt added', '/opt/new added', '/var', '/var/log', '/var/log/a'],
    ],
    ['folders only', { dirsOnly: true }, ['/etc', '/opt added', '/var', '/var/log']],
    ['folders only, changed ones', { dirsOnly: true, unmodified: false }, ['/opt added']],
  ])('%s', (_name, f, want) => {
    expect(paths(f)).toEqual(want);
  });

  it('a hidden folder still leads to a kept change below it', () => {
    const kept = filterChanges(rows, { ...SHOW_ALL, unmodified: false });
    const model = TreeModel.build(kept);
    expect(model.idOf('/etc')).toBeDefined();
    expect(model.idOf('/etc/passwd')).toBeDefined();
    expect(model.idOf('/var')).toBeUndefined();
  });
});
