import { describe, expect, it } from 'vitest';
import { applyFilter, compileFilter, globToRegExp } from './tree-filter.ts';
import { TreeModel, type SortKey, type TreeEntry } from '../../../../core/fs/tree-model.ts';
import {
  collapseRow,
  expandForFilter,
  expandRow,
  revealPath,
  rowAt,
  visibleRows,
  type RowOptions,
} from './tree-rows.ts';

/** Entries in a compact notation: `etc/` a directory, `etc/passwd:120` a 120-byte file, `x~` deleted. */
function entries(...specs: string[]): TreeEntry[] {
  return specs.map((s) => {
    const deleted = s.endsWith('~');
    const spec = deleted ? s.slice(0, -1) : s;
    const dir = spec.endsWith('/');
    const [path, size] = (dir ? spec.slice(0, -1) : spec).split(':');
    const type = dir ? 'dir' : path!.includes('->') ? 'symlink' : 'file';
    return {
      path: `/${path!.split('->')[0]!.trim()}`,
      type,
      size: Number(size ?? 0),
      ...(deleted ? { change: 'deleted' as const } : {}),
    };
  });
}

/** Visible rows as indented names: `etc/` open folders end in `/`, closed ones in `/+`. */
function show(model: TreeModel, opts: RowOptions): string[] {
  const rows = visibleRows(model, opts);
  return Array.from({ length: rows.length }, (_, i) => {
    const r = rowAt(model, rows, i, opts);
    const suffix = r.isDir ? (r.hasChildren && !r.expanded ? '/+' : '/') : '';
    return `${'  '.repeat(r.depth)}${r.name}${suffix}`;
  });
}

const sample = TreeModel.build(
  entries(
    'usr/bin/app:300',
    'etc/',
    'etc/passwd:120',
    'etc/Group:40',
    'bin -> usr/bin',
    'usr/',
    'usr/lib/libc.so:5000',
    'usr/share/doc/README:10',
    'zzz:9000',
    'var/cache/old:700~',
  ),
);
const opts = (expanded: string[], sort: SortKey = 'name', filter?: string): RowOptions => {
  const f = filter === undefined ? null : compileFilter(filter);
  return { sort, expanded: new Set(expanded), filter: f ? applyFilter(sample, f) : null };
};

describe('TreeModel', () => {
  it('creates the parents a listing leaves out', () => {
    // 10 entries, the root, and the implied /usr/bin /usr/lib /usr/share /usr/share/doc /var /var/cache
    expect(sample.size).toBe(17);
    const doc = sample.idOf('/usr/share/doc')!;
    expect(sample.entryOf(doc)).toBeNull();
    expect(sample.isDir(doc)).toBe(true);
    expect(sample.depthOf(doc)).toBe(2);
    expect(sample.pathOf(sample.parentOf(doc))).toBe('/usr/share');
  });

  it.each([
    ['/', 120 + 40 + 300 + 5000 + 10 + 9000],
    ['/usr', 5310],
    ['/usr/share', 10],
    ['/etc', 160],
    ['/var', 0], // deleted rows count no bytes
    ['/zzz', 9000],
    ['/bin', 0],
  ])('total of %s is %i', (path, total) => {
    expect(sample.sizeOf(sample.idOf(path)!)).toBe(total);
  });

  it.each<[SortKey, string[]]>([
    ['name', ['etc', 'usr', 'var', 'bin', 'zzz']],
    ['size', ['zzz', 'usr', 'etc', 'var', 'bin']], // equal sizes: folders first
  ])('sorts the top level by %s', (sort, names) => {
    expect([...sample.children(0, sort)].map((id) => sample.nameOf(id))).toEqual(names);
  });

  it('gives the same tree for unsorted input, and for a listed file that also has rows below it', () => {
    const listing = entries('b/x:1', 'a:5', 'b/', 'a/old:3~', 'c/d/e:2');
    const model = TreeModel.build(listing);
    const sorted = TreeModel.build([...listing].sort((x, y) => (x.path < y.path ? -1 : 1)));
    for (const m of [model, sorted]) {
      expect(m.size).toBe(8); // root, a, a/old, b, b/x, c, c/d, c/d/e
      const a = m.idOf('/a')!;
      expect(m.isDir(a)).toBe(false);
      expect(m.childCount(a)).toBe(1);
      expect(m.entryOf(m.idOf('/b')!)?.type).toBe('dir');
      expect(m.pathOf(m.parentOf(m.idOf('/c/d/e')!))).toBe('/c/d');
      expect(m.sizeOf(0)).toBe(8);
    }
  });

  it('finds files and folders by path', () => {
    expect(sample.nameOf(sample.idOf('/usr/lib/libc.so')!)).toBe('libc.so');
    expect(sample.idOf('/usr/lib')).toBeDefined();
    expect(sample.idOf('/nope')).toBeUndefined();
    expect(sample.idOf('/')).toBe(0);
  });

  it('sorts names case-insensitively, directories first', () => {
    const etc = sample.idOf('/etc')!;
    expect([...sample.children(etc)].map((id) => sample.nameOf(id))).toEqual(['Group', 'passwd']);
  });
});

describe('visible rows', () => {
  it.each<[string, string[], SortKey, string[]]>([
    ['all closed', [], 'name', ['etc/+', 'usr/+', 'var/+', 'bin', 'zzz']],
    [
      'one folder open',
      ['/usr'],
      'name',
      ['etc/+', 'usr/', '  bin/+', '  lib/+', '  share/+', 'var/+', 'bin', 'zzz'],
    ],
    [
      'nested folders open, by size',
      ['/usr', '/usr/lib', '/usr/share'],
      'size',
      [
        'zzz',
        'usr/',
        '  lib/',
        '    libc.so',
        '  bin/+',
        '  share/',
        '    doc/+',
        'etc/+',
        'var/+',
        'bin',
      ],
    ],
    [
      'a child open under a closed parent stays hidden',
      ['/usr/lib'],
      'name',
      ['etc/+', 'usr/+', 'var/+', 'bin', 'zzz'],
    ],
  ])('%s', (_name, expanded, sort, want) => {
    expect(show(sample, opts(expanded, sort))).toEqual(want);
  });

  it('expanding and collapsing in place gives what a full rebuild gives', () => {
    let o = opts(['/usr']);
    let rows = visibleRows(sample, o);
    const lib = [...rows].indexOf(sample.idOf('/usr/lib')!);
    o = { ...o, expanded: new Set([...o.expanded, '/usr/lib']) };
    rows = expandRow(sample, rows, lib, o);
    expect([...rows]).toEqual([...visibleRows(sample, o)]);
    const usr = [...rows].indexOf(sample.idOf('/usr')!);
    rows = collapseRow(sample, rows, usr);
    o = { ...o, expanded: new Set(['/usr/lib']) };
    expect([...rows]).toEqual([...visibleRows(sample, o)]);
  });

  it('gives each row its level, position and set size', () => {
    const o = opts(['/usr']);
    const rows = visibleRows(sample, o);
    const lib = rowAt(sample, rows, 3, o);
    expect(lib).toMatchObject({ name: 'lib', depth: 1, posInSet: 2, setSize: 3, expanded: false });
    expect(rowAt(sample, rows, 1, o)).toMatchObject({ name: 'usr', expanded: true, size: 5310 });
  });

  it('reveals a deep path by opening its ancestors', () => {
    const expanded = revealPath(sample, new Set(), '/usr/share/doc/README');
    expect([...expanded].sort()).toEqual(['/usr', '/usr/share', '/usr/share/doc']);
  });
});

describe('filter', () => {
  it.each<[string, string, string[], string[]]>([
    // [pattern, description, matching paths, non-matching paths]
    ['*.so', 'star within a name', ['/usr/lib/libc.so', '/a.so'], ['/usr/lib/libc.so.6', '/x/so']],
    ['lib?.so', 'one character', ['/libc.so'], ['/lib.so', '/libcc.so']],
    ['[pg]*', 'a class', ['/etc/passwd', '/etc/group'], ['/etc/hosts']],
    ['[!pg]*', 'a negated class', ['/etc/hosts'], ['/etc/passwd']],
    ['[a-c]?', 'a range', ['/b1'], ['/d1', '/b12']],
    [
      '/usr/**',
      'everything under /usr',
      ['/usr/bin', '/usr/share/doc/README'],
      ['/usr', '/etc/usr/x'],
    ],
    ['**/*.md', 'any depth', ['/README.md', '/usr/share/doc/a.md'], ['/x.mdx']],
    [
      'share/*/README',
      'a relative path at any component',
      ['/usr/share/doc/README'],
      ['/usr/myshare/doc/README'],
    ],
    ['/etc/*', 'anchored at the root', ['/etc/passwd'], ['/x/etc/passwd', '/etc/ssl/certs']],
    ['a\\*b', 'an escaped star', ['/a*b'], ['/axb']],
    ['[x', 'an unclosed bracket is literal', ['/[x'], ['/x']],
    ['*.PNG', 'smart case: upper case is exact', ['/A.PNG'], ['/a.png']],
    ['*.png', 'smart case: lower case ignores case', ['/A.PNG', '/a.png'], []],
  ])('glob %s (%s)', (pattern, _what, yes, no) => {
    const f = compileFilter(pattern)!;
    expect(f.kind).toBe('glob');
    const test = (p: string) => f.test(p.slice(p.lastIndexOf('/') + 1), p);
    for (const p of yes) expect(test(p), p).toBe(true);
    for (const p of no) expect(test(p), p).toBe(false);
  });

  it.each([
    ['', null],
    ['  ', null],
    ['pass', 'substring'],
    ['etc/pa', 'substring'],
    ['*', 'glob'],
  ])('compiles %j as %s', (pattern, kind) => {
    expect(compileFilter(pattern)?.kind ?? null).toBe(kind);
  });

  it('reports a bad range instead of throwing, and matches nothing', () => {
    const f = compileFilter('[z-a]*')!;
    expect(f.error).toMatch(/character class/);
    expect(f.test('zebra', '/zebra')).toBe(false);
  });

  it('builds a RegExp that never matches across / with one star', () => {
    expect(globToRegExp('a*b').test('a/b')).toBe(false);
    expect(globToRegExp('a/**/b').test('/a/b')).toBe(true);
    expect(globToRegExp('a/**/b').test('/a/x/y/b')).toBe(true);
  });

  it.each<[string, string[]]>([
    ['pass', ['etc/', '  passwd']],
    ['*.so', ['usr/', '  lib/', '    libc.so']],
    ['READ', ['usr/', '  share/', '    doc/', '      README']],
    ['old', ['var/', '  cache/', '    old']],
    ['nothing-matches', []],
    // A matching folder shows closed, its contents unfiltered once opened.
    ['share', ['usr/', '  share/+']],
  ])('%s shows the matches with their parents, opened', (pattern, want) => {
    const base = opts([], 'name', pattern);
    const expanded = expandForFilter(base.expanded, base.filter!);
    expect(show(sample, { ...base, expanded })).toEqual(want);
  });

  it('marks matching rows, not their parents', () => {
    const base = opts([], 'name', 'pass');
    const o = { ...base, expanded: expandForFilter(base.expanded, base.filter!) };
    const rows = visibleRows(sample, o);
    expect(rowAt(sample, rows, 0, o)).toMatchObject({ name: 'etc', match: false, setSize: 1 });
    expect(rowAt(sample, rows, 1, o)).toMatchObject({
      name: 'passwd',
      match: true,
      posInSet: 1,
      setSize: 1,
    });
  });
});

/** A Debian-like listing: `dirs` folders of `files` files under /usr/share, 1 file in 7 under a deeper folder. */
function bigListing(dirs: number, files: number): TreeEntry[] {
  const out: TreeEntry[] = [];
  for (let d = 0; d < dirs; d++) {
    out.push({ path: `/usr/share/pkg${d}`, type: 'dir', size: 0 });
    for (let f = 0; f < files; f++) {
      const sub = f % 7 === 0 ? '/doc' : '';
      out.push({
        path: `/usr/share/pkg${d}${sub}/file-${f}.txt`,
        type: 'file',
        size: (f + 1) * 10,
      });
    }
  }
  return out;
}

describe('scale', () => {
  it('builds, sizes, sorts, filters and lists 100,000 entries', () => {
    const listing = bigListing(2500, 40); // 102,500 entries (+ implied /doc folders)
    // Best of three, each on a fresh model: the first run also pays for the JIT warming up.
    const best: Record<string, number> = {};
    const time = <T>(name: string, f: () => T): T => {
      const t0 = performance.now();
      const out = f();
      best[name] = Math.min(best[name] ?? Infinity, performance.now() - t0);
      return out;
    };
    let model!: TreeModel;
    let top!: Int32Array;
    let match!: ReturnType<typeof applyFilter>;
    let rows!: Int32Array;
    let filtered!: Int32Array;
    for (let run = 0; run < 3; run++) {
      model = time('build+sizes', () => TreeModel.build(listing));
      top = time('sort by name', () => model.children(model.idOf('/usr/share')!, 'name'));
      time('sort by size', () => model.children(0, 'size'));
      match = time('glob filter', () => applyFilter(model, compileFilter('**/doc/*-3?.txt')!));
      const all = new Set<string>();
      for (let id = 1; id < model.size; id++)
        if (model.childCount(id) > 0) all.add(model.pathOf(id));
      rows = time('all rows expanded', () => visibleRows(model, { sort: 'name', expanded: all }));
      filtered = time('filtered rows', () =>
        visibleRows(model, {
          sort: 'name',
          expanded: expandForFilter(new Set(), match),
          filter: match,
        }),
      );
    }
    console.log(
      `100k tree (best of 3): ${Object.entries(best)
        .map(([k, v]) => `${k} ${v.toFixed(1)} ms`)
        .join(', ')}`,
    );
    expect(top.length).toBe(2500);
    expect(model.sizeOf(0)).toBe(2500 * ((40 * 41) / 2) * 10);
    expect(rows.length).toBe(model.size - 1);
    expect(match.matches).toBe(2500); // file-35.txt is each package's only /doc file in 30..39
    expect(filtered.length).toBe(2 + 2500 * 3);
  });
});
