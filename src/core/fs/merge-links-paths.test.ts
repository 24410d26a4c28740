import { describe, expect, it } from 'vitest';
import { buildFilesystem } from './merged-filesystem.ts';
import { notation, tarLayer } from './test-support.ts';

/** Merge layers written in the tarLayer notation and list the result in the same notation. */
function merged(layers: string[][]): string[] {
  return notation(buildFilesystem(layers.map((l) => ({ entries: tarLayer(...l) }))).listMerged());
}

describe('merge: hardlinks', () => {
  it('resolves a hardlink into a lower layer and reports the shared size', () => {
    const fs = buildFilesystem([
      { entries: tarLayer('bin/busybox:100') },
      { entries: tarLayer('bin/sh => bin/busybox') },
    ]);
    expect(notation(fs.listMerged())).toEqual(['bin/', 'bin/busybox:100', 'bin/sh => bin/busybox']);
    expect(fs.get('/bin/sh')).toMatchObject({
      layer: 1,
      size: 100,
      content: { layer: 0, index: 0, size: 100 },
    });
  });

  it('keeps the bytes of a hardlink whose target is deleted or replaced later', () => {
    const fs = buildFilesystem([
      { entries: tarLayer('f:10', 'g:20') },
      { entries: tarLayer('h => f', 'k => ./g') },
      { entries: tarLayer('.wh.f', 'g:99') },
    ]);
    // As in an unpacked rootfs: the links keep the inode, so they are regular files now.
    expect(notation(fs.listMerged())).toEqual(['g:99', 'h:10', 'k:20']);
    expect(fs.get('/h')).toMatchObject({ type: 'file', linkTarget: null, layer: 2 });
    expect(fs.get('/h')!.content).toMatchObject({ layer: 0, index: 0, size: 10 });
    expect(fs.get('/k')!.content).toMatchObject({ layer: 0, index: 1, size: 20 });
    // Before the target went, they were hardlinks; the history says when and why that changed.
    expect(notation(fs.listMerged(1))).toEqual(['f:10', 'g:20', 'h => f', 'k => g']);
    const history = fs.historyOf('/h');
    expect(history.map((e) => [e.layer, e.action, e.unlinked])).toEqual([
      [1, 'added', undefined],
      [2, 'modified', '/f'],
    ]);
    expect(fs.historyOf('/k').at(-1)).toMatchObject({ layer: 2, unlinked: '/g' });
    // Layer 2's own change set does not list the links (its tar has no entry for them).
    expect(fs.listLayer(2).map((e) => e.path)).not.toContain('/h');
  });

  it('leaves a hardlink alone when it was itself replaced before its target went', () => {
    const fs = buildFilesystem([
      { entries: tarLayer('f:10') },
      { entries: tarLayer('h => f') },
      { entries: tarLayer('h:3') },
      { entries: tarLayer('.wh.f') },
    ]);
    expect(notation(fs.listMerged())).toEqual(['h:3']);
    expect(fs.historyOf('/h').map((e) => e.unlinked)).toEqual([undefined, undefined]);
  });

  it('unlinks a hardlink whose target a later layer deletes through a symlinked parent', () => {
    const fs = buildFilesystem([
      { entries: tarLayer('real/', 'real/f:4', 'dir -> real') },
      { entries: tarLayer('h => dir/f') },
      { entries: tarLayer('real/.wh.f') },
    ]);
    expect(fs.get('/h')).toMatchObject({ type: 'file', size: 4 });
  });

  it('follows a hardlink to a hardlink to the file holding the bytes', () => {
    const fs = buildFilesystem([{ entries: tarLayer('a:5', 'b => a', 'c => b') }]);
    expect(fs.get('/c')!.content).toMatchObject({ layer: 0, index: 0, size: 5 });
  });

  it.each<[string, string[][], string]>([
    ['a missing path', [['a'], ['h => nowhere']], 'hardlink-target-missing'],
    [
      'a path deleted by a lower whiteout',
      [['a'], ['.wh.a'], ['h => a']],
      'hardlink-target-missing',
    ],
    ['a path later in the same layer', [['h => a', 'a']], 'hardlink-target-missing'],
    ['a directory', [['d/'], ['h => d']], 'hardlink-target-directory'],
  ])('reports a hardlink to %s and skips it', (_name, layers, code) => {
    const fs = buildFilesystem(layers.map((l) => ({ entries: tarLayer(...l) })));
    expect(fs.get('/h')).toBeUndefined();
    expect(fs.problems.map((p) => p.code)).toEqual([code]);
    expect(fs.layerProblems(layers.length - 1)).toHaveLength(1);
  });
});

describe('merge: hostile and odd paths', () => {
  it('skips and reports paths that climb out of the root or hold NUL, and lists the rest', () => {
    const fs = buildFilesystem([
      { entries: tarLayer('ok', '../etc/passwd', 'a/../../b', '/../c', 'x\0y', 'a/../fine') },
    ]);
    expect(notation(fs.listMerged())).toEqual(['fine', 'ok']);
    expect(fs.problems.map((p) => p.code)).toEqual([
      'path-escapes-root',
      'path-escapes-root',
      'path-escapes-root',
      'path-nul',
    ]);
  });

  it('resolves a parent symlink inside the root, as containerd does (usrmerge: lib -> usr/lib)', () => {
    expect(merged([['usr/lib/x', 'lib -> usr/lib'], ['lib/y']])).toEqual([
      'lib -> usr/lib',
      'usr/',
      'usr/lib/',
      'usr/lib/x',
      'usr/lib/y',
    ]);
  });

  it('keeps a parent symlink that climbs with .. inside the root', () => {
    expect(merged([['d/', 'd/up -> ../../../../t'], ['d/up/x']])).toEqual([
      'd/',
      'd/up -> ../../../../t',
      't/',
      't/x',
    ]);
  });

  it.each<[string, string[][], string]>([
    ['a symlink loop', [['a -> b', 'b -> a'], ['a/x']], 'symlink-loop'],
    ['a self loop', [['a -> a'], ['a/x']], 'symlink-loop'],
    ['a parent that is a file', [['a'], ['a/b']], 'parent-not-directory'],
  ])('reports %s in a parent path and skips the entry', (_name, layers, code) => {
    const fs = buildFilesystem(layers.map((l) => ({ entries: tarLayer(...l) })));
    expect(fs.problems.map((p) => p.code)).toEqual([code]);
    expect(fs.listMerged().some((e) => e.path.endsWith('/x') || e.path === '/a/b')).toBe(false);
  });

  it('names the layer in problems when given a name', () => {
    const fs = buildFilesystem([{ entries: tarLayer('../x'), name: 'sha256:1234' }]);
    expect(fs.problems[0]!.where).toBe('sha256:1234 entry 0 "../x"');
  });
});

describe('merge: attributes', () => {
  it('a directory over a directory takes the new attributes', () => {
    const fs = buildFilesystem([
      { entries: tarLayer('d/', 'd/x') },
      { entries: [{ ...tarLayer('d/')[0]!, mode: 0o700, uid: 1000 }] },
    ]);
    expect(fs.get('/d')).toMatchObject({
      type: 'dir',
      mode: 0o700,
      uid: 1000,
      layer: 1,
      implicit: false,
    });
    expect(fs.get('/d/x')).toMatchObject({ layer: 0 });
  });

  it('implicit directories are 0755 root-owned and marked implicit', () => {
    const fs = buildFilesystem([{ entries: tarLayer('a/b/c') }]);
    expect(fs.get('/a/b')).toMatchObject({
      type: 'dir',
      mode: 0o755,
      uid: 0,
      gid: 0,
      implicit: true,
      index: -1,
    });
  });

  it('produces the ls --json fields', () => {
    const fs = buildFilesystem([
      { entries: tarLayer('etc/', 'etc/os-release:289', 'l -> /etc/os-release') },
    ]);
    const [etc, osRelease, link] = fs.listMerged();
    expect(etc).toMatchObject({
      path: '/etc',
      type: 'dir',
      size: 0,
      mode: 0o755,
      linkTarget: null,
      layer: 0,
    });
    expect(osRelease).toMatchObject({
      path: '/etc/os-release',
      type: 'file',
      size: 289,
      mode: 0o644,
      uid: 0,
      gid: 0,
    });
    expect(link).toMatchObject({ path: '/l', type: 'symlink', linkTarget: '/etc/os-release' });
  });
});
