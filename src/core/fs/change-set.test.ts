import { describe, expect, it } from 'vitest';
import { buildChangeSet } from './change-set.ts';
import { tarEntry, tarLayer } from './test-support.ts';

const brief = (specs: string[]) =>
  buildChangeSet(tarLayer(...specs), 'layer 0').entries.map((e) => ({
    path: e.path,
    type: e.type,
    ...(e.markerPath !== undefined ? { markerPath: e.markerPath } : {}),
    ...(e.linkTarget !== undefined ? { linkTarget: e.linkTarget } : {}),
  }));

describe('buildChangeSet', () => {
  it.each([
    ['a file', ['./etc/os-release'], [{ path: '/etc/os-release', type: 'file' }]],
    ['a directory', ['./etc/'], [{ path: '/etc', type: 'dir' }]],
    ['the root', ['./'], [{ path: '/', type: 'dir' }]],
    [
      'a whiteout (path = what it deletes)',
      ['etc/.wh.passwd'],
      [{ path: '/etc/passwd', type: 'whiteout', markerPath: '/etc/.wh.passwd' }],
    ],
    [
      'a whiteout at the root',
      ['.wh.tmp'],
      [{ path: '/tmp', type: 'whiteout', markerPath: '/.wh.tmp' }],
    ],
    [
      'an opaque marker (path = the directory), never a file named .wh..opq',
      ['a/.wh..wh..opq'],
      [{ path: '/a', type: 'opaque', markerPath: '/a/.wh..wh..opq' }],
    ],
    [
      'an opaque marker at the root',
      ['./.wh..wh..opq'],
      [{ path: '/', type: 'opaque', markerPath: '/.wh..wh..opq' }],
    ],
    [
      'a whiteout of a name with dots',
      ['.wh...hidden'],
      [{ path: '/..hidden', type: 'whiteout', markerPath: '/.wh...hidden' }],
    ],
    [
      'a symlink keeps its raw target',
      ['l -> ../x'],
      [{ path: '/l', type: 'symlink', linkTarget: '../x' }],
    ],
    [
      'a hardlink target made absolute',
      ['bin/sh => ./bin/['],
      [{ path: '/bin/sh', type: 'hardlink', linkTarget: '/bin/[' }],
    ],
    ['a device', ['dev/null!char'], [{ path: '/dev/null', type: 'char' }]],
  ])('%s', (_name, specs, expected) => {
    expect(brief(specs)).toEqual(expected);
  });

  it.each([
    ['../etc/passwd', 'path-escapes-root'],
    ['/../etc/passwd', 'path-escapes-root'],
    ['a/../../x', 'path-escapes-root'],
    ['a\0b', 'path-nul'],
    ['', 'path-empty'],
    ['x => ../outside', 'hardlink-target-escapes-root'],
    ['x => ', 'hardlink-target-empty'],
    ['.wh.', 'whiteout-invalid'],
    ['a/.wh..', 'whiteout-invalid'],
    ['a/.wh...', 'whiteout-invalid'],
    ['.wh..wh.plnk/', 'whiteout-meta-skipped'],
    ['.wh..wh.aufs', 'whiteout-meta-skipped'],
    ['a/.wh.b/c', 'whiteout-name-in-path'],
    ['x!unknown', 'entry-type-unknown'],
    ['./:5', 'root-not-directory'],
  ])('%j is skipped and reported as %s', (spec, code) => {
    const layer = tarLayer('ok', spec, 'ok2');
    const { entries, problems } = buildChangeSet(layer, 'sha256:abc');
    expect(entries.map((e) => e.path)).toEqual(['/ok', '/ok2']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      code,
      where: `sha256:abc entry 1 ${JSON.stringify(layer[1]!.path)}`,
    });
    expect(problems[0]!.message.length).toBeGreaterThan(10);
  });

  it('reads members handed one at a time (an iterator), naming a skipped one as from an array', () => {
    const layer = tarLayer('ok', 'a/../../x', 'ok2', '.wh.');
    const asked: number[] = [];
    function* oneByOne() {
      for (const [i, e] of layer.entries()) {
        asked.push(i);
        yield e;
      }
    }
    const fromArray = buildChangeSet(layer, 'l');
    const fromIterator = buildChangeSet(oneByOne(), 'l');
    expect(asked).toEqual([0, 1, 2, 3]);
    expect(fromIterator).toEqual(fromArray);
    expect(fromIterator.problems.map((p) => p.where)).toEqual([
      'l entry 1 "a/../../x"',
      'l entry 3 ".wh."',
    ]);
  });

  it('keeps size, mode bits, owner, mtime, data offset and the entry index', () => {
    const tar = [
      tarEntry('skip/../../x', 0),
      tarEntry('usr/bin/sudo:4096', 1, { mode: 0o104755, uid: 0, gid: 50, mtime: 42 }),
    ];
    expect(buildChangeSet(tar, 'l').entries).toEqual([
      {
        path: '/usr/bin/sudo',
        type: 'file',
        size: 4096,
        mode: 0o4755,
        uid: 0,
        gid: 50,
        mtime: 42,
        dataOffset: 1024 + 512,
        index: 1,
      },
    ]);
  });
});
