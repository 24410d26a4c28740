import { describe, expect, it } from 'vitest';
import { buildFilesystem } from '../fs/merged-filesystem.ts';
import { tarEntry, tarLayer } from '../fs/test-support.ts';
import type { TarEntry } from '../layers/tar-entry.ts';
import { diffFilesystems, type FsSide, type Side } from './diff-filesystems.ts';
import { dirDeltas } from './dir-deltas.ts';
import type { DiffOptions, FileDiff } from './types.ts';

const merged = (layers: TarEntry[][]): FsSide['entries'] =>
  buildFilesystem(layers.map((entries) => ({ entries }))).listMerged();

/** A fake content hash: a path's "bytes" from the table (hardlinks resolve to their target), else `same`. */
function fakeHash(contents: Partial<Record<Side, Record<string, string | null>>>, calls: string[]) {
  return (side: Side, path: string): Promise<string | null> => {
    calls.push(`${side}:${path}`);
    const c = contents[side]?.[path];
    return Promise.resolve(c === undefined ? 'same' : c);
  };
}

/** A FileDiff as one short line: `C /path fields`. */
const line = (f: FileDiff): string =>
  `${f.kind} ${f.path}${f.fields?.length ? ` ${f.fields.join(',')}` : ''}`;

const dirs = (...p: string[]): TarEntry[] => p.map((s, i) => tarEntry(`${s}/`, 50 + i));

describe('diffFilesystems', () => {
  it.each<{
    name: string;
    a: TarEntry[][];
    b: TarEntry[][];
    contents?: Partial<Record<Side, Record<string, string | null>>>;
    opts?: DiffOptions;
    want: string[];
    hashed?: string[];
  }>([
    {
      name: 'the same tree',
      a: [tarLayer('e/', 'e/f:5')],
      b: [tarLayer('e/', 'e/f:5')],
      want: [],
      hashed: ['a:/e/f', 'b:/e/f'],
    },
    {
      name: 'same size, different bytes: content, found by hash',
      a: [tarLayer('f:5')],
      b: [tarLayer('f:5')],
      contents: { a: { '/f': 'x' }, b: { '/f': 'y' } },
      want: ['content /f'],
    },
    {
      name: 'different sizes: content, never hashed',
      a: [tarLayer('f:5')],
      b: [tarLayer('f:6')],
      want: ['content /f'],
      hashed: [],
    },
    {
      name: 'added and removed',
      a: [tarLayer('old')],
      b: [tarLayer('new')],
      want: ['added /new', 'removed /old'],
    },
    {
      name: 'mode, uid and gid: metadata',
      a: [[tarEntry('f', 0)]],
      b: [[tarEntry('f', 0, { mode: 0o600, uid: 1, gid: 2 })]],
      want: ['metadata /f mode,uid,gid'],
    },
    {
      name: 'content and mode both changed: content, with the metadata fields',
      a: [[tarEntry('f:3', 0)]],
      b: [[tarEntry('f:4', 0, { mode: 0o755 })]],
      want: ['content /f mode'],
    },
    {
      name: 'symlink retargeted: metadata',
      a: [tarLayer('l -> x')],
      b: [tarLayer('l -> y')],
      want: ['metadata /l linkTarget'],
    },
    { name: 'file to directory: type', a: [tarLayer('p')], b: [tarLayer('p/')], want: ['type /p'] },
    {
      name: 'file to symlink: type',
      a: [tarLayer('p')],
      b: [tarLayer('p -> q')],
      want: ['type /p'],
    },
    { name: 'file to fifo: type', a: [tarLayer('p')], b: [tarLayer('p!fifo')], want: ['type /p'] },
    {
      name: 'a hardlink and a copy of the same bytes are the same file',
      a: [tarLayer('t:4', 'h => t')],
      b: [tarLayer('t:4', 'h:4')],
      want: [],
    },
    {
      name: 'a hardlink whose shared bytes differ: content',
      a: [tarLayer('t:4', 'h => t')],
      b: [tarLayer('t:4', 'h => t')],
      contents: { a: { '/h': 'x', '/t': 'x' }, b: { '/h': 'y', '/t': 'y' } },
      want: ['content /h', 'content /t'],
    },
    {
      name: 'a whiteout in an upper layer: removed',
      a: [tarLayer('d/', 'd/x', 'd/y')],
      b: [tarLayer('d/', 'd/x', 'd/y'), tarLayer('d/.wh.x')],
      want: ['removed /d/x'],
    },
    {
      name: 'an opaque directory: the lower files removed, its new ones added',
      a: [tarLayer('d/', 'd/x', 'd/sub/', 'd/sub/y')],
      b: [tarLayer('d/', 'd/x', 'd/sub/', 'd/sub/y'), tarLayer('d/', 'd/.wh..wh..opq', 'd/z')],
      want: ['removed /d/sub', 'removed /d/sub/y', 'removed /d/x', 'added /d/z'].sort((p, q) =>
        p.split(' ')[1]! < q.split(' ')[1]! ? -1 : 1,
      ),
    },
    {
      name: 'mtimes alone: equal with the noise filter',
      a: [[tarEntry('d/', 0), tarEntry('d/f:2', 1)]],
      b: [[tarEntry('d/', 0, { mtime: 1 }), tarEntry('d/f:2', 1, { mtime: 1 })]],
      want: [],
    },
    {
      name: 'mtimes with strict: metadata',
      a: [[tarEntry('d/', 0), tarEntry('d/f:2', 1)]],
      b: [[tarEntry('d/', 0, { mtime: 1 }), tarEntry('d/f:2', 1, { mtime: 1 })]],
      opts: { strict: true },
      want: ['metadata /d mtime', 'metadata /d/f mtime'],
    },
    {
      name: 'ignoreMetadata: mode and link target left out, content still counts',
      a: [[tarEntry('f', 0), tarEntry('l -> x', 1), tarEntry('g:1', 2)]],
      b: [[tarEntry('f', 0, { mode: 0o600 }), tarEntry('l -> y', 1), tarEntry('g:2', 2)]],
      opts: { ignoreMetadata: true, strict: true },
      want: ['content /g'],
    },
    {
      name: 'bytes that cannot be read are not taken as equal',
      a: [tarLayer('f:5')],
      b: [tarLayer('f:5')],
      contents: { b: { '/f': null } },
      want: ['content /f'],
    },
    {
      name: 'the layer that wrote a path does not count',
      a: [tarLayer('f:5')],
      b: [tarLayer('g'), tarLayer('f:5')],
      want: ['added /g'],
    },
    {
      name: 'hashes given with or without the sha256: prefix compare equal',
      a: [tarLayer('f:5')],
      b: [tarLayer('f:5')],
      contents: { a: { '/f': 'sha256:ab' }, b: { '/f': 'ab' } },
      want: [],
    },
  ])('$name', async ({ a, b, contents = {}, opts, want, hashed }) => {
    const calls: string[] = [];
    const r = await diffFilesystems(
      { entries: merged(a) },
      { entries: merged(b) },
      fakeHash(contents, calls),
      opts,
    );
    expect(r.files.map(line)).toEqual(want);
    if (hashed) expect(calls.sort()).toEqual(hashed);
  });

  it('does not hash a file both sides read from the same offset of the same layer', async () => {
    const calls: string[] = [];
    const layers = [tarLayer('f:5', 'g:7')];
    const side = (): FsSide => ({ entries: merged(layers), layerIds: ['sha256:same'] });
    const r = await diffFilesystems(side(), side(), fakeHash({}, calls));
    expect(r.files).toEqual([]);
    expect(calls).toEqual([]);
    // Another layer id: the files are hashed.
    await diffFilesystems(side(), { ...side(), layerIds: ['sha256:other'] }, fakeHash({}, calls));
    expect(calls.sort()).toEqual(['a:/f', 'a:/g', 'b:/f', 'b:/g']);
  });

  it('compares xattrs when the caller can look them up', async () => {
    const x = (v: string): Record<string, Uint8Array> => ({
      'user.k': new TextEncoder().encode(v),
    });
    const entries = merged([tarLayer('f', 'g')]);
    const r = await diffFilesystems(
      { entries, xattrs: (e) => (e.path === '/f' ? x('1') : undefined) },
      { entries, xattrs: (e) => (e.path === '/f' ? x('2') : x('3')) },
      fakeHash({}, []),
    );
    expect(r.files.map(line)).toEqual(['metadata /f xattrs', 'metadata /g xattrs']);
  });

  it('compares the numbers of character and block devices', async () => {
    const entries = merged([tarLayer('dev/', 'dev/null!char', 'dev/sda!block', 'dev/p!fifo')]);
    const nums = (n: string) => (e: { type: string }) => (e.type === 'fifo' ? 'x' : n);
    const r = await diffFilesystems(
      { entries, device: nums('1:3') },
      { entries, device: nums('1:5') },
      fakeHash({}, []),
    );
    expect(r.files.map(line)).toEqual(['metadata /dev/null device', 'metadata /dev/sda device']);
  });

  it('gives both sides of a content change with their hashes, sizes and layers', async () => {
    const r = await diffFilesystems(
      { entries: merged([tarLayer('f:5')]) },
      { entries: merged([tarLayer('x'), tarLayer('f:5')]) },
      fakeHash({ a: { '/f': 'sha256:aa' }, b: { '/f': 'sha256:bb' } }, []),
    );
    expect(r.files.find((f) => f.path === '/f')).toMatchObject({
      kind: 'content',
      a: { type: 'file', size: 5, sha256: 'aa', layer: 0 },
      b: { type: 'file', size: 5, sha256: 'bb', layer: 1 },
    });
  });
});

describe('dirDeltas', () => {
  it('sums regular-file bytes per directory, up to the root, largest change first', () => {
    const a = merged([[...dirs('u', 'u/l', 'e'), ...tarLayer('u/l/a:100', 'e/c:10')]]);
    const b = merged([[...dirs('u', 'u/l', 'e'), ...tarLayer('u/l/a:40', 'e/c:15', 'e/h => e/c')]]);
    expect(dirDeltas(a, b)).toEqual(
      [
        { path: '/', bytesA: 110, bytesB: 55, delta: -55 },
        { path: '/u', bytesA: 100, bytesB: 40, delta: -60 },
        { path: '/u/l', bytesA: 100, bytesB: 40, delta: -60 },
        { path: '/e', bytesA: 10, bytesB: 15, delta: 5 },
      ].sort((p, q) => Math.abs(q.delta) - Math.abs(p.delta) || (p.path < q.path ? -1 : 1)),
    );
  });
});
