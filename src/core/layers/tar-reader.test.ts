import { flip } from '../testing/bytes.ts';
import { describe, expect, it } from 'vitest';
import { concat, makeTar, type TarSpec, type TarOptions } from '../testing/tar-writer.ts';
import type { TarEntry } from './tar-entry.ts';
import { TarReader } from './tar-reader.ts';

const enc = new TextEncoder();
const long = `${'deep/'.repeat(30)}file-with-a-long-name.txt`; // 175 bytes
const bin = new Uint8Array([0x01, 0x00, 0x00, 0x02, 0xc0, 0xff, 0xfe, 0x00]);

/** Read a tar given as bytes, pushed in chunks of `chunk` bytes. */
function read(bytes: Uint8Array, chunk = 1 << 16, maxMetaBytes?: number) {
  const entries: TarEntry[] = [];
  const trailing: TarEntry[] = [];
  const r = new TarReader({
    onEntry: (e) => entries.push(e),
    onTrailingEntry: (e) => trailing.push(e),
    maxMetaBytes,
  });
  for (let i = 0; i < bytes.length; i += chunk) r.push(bytes.subarray(i, i + chunk));
  r.finish();
  return { entries, trailing, problems: r.problems, reader: r };
}

function one(specs: TarSpec[], opts?: TarOptions): TarEntry {
  const { entries, problems } = read(makeTar(specs, opts));
  expect(problems).toEqual([]);
  expect(entries).toHaveLength(1);
  return entries[0]!;
}

describe('TarReader: entry kinds and header formats', () => {
  const cases: [string, TarSpec[], TarOptions | undefined, Partial<TarEntry>][] = [
    [
      'regular file',
      [
        {
          path: 'a.txt',
          content: 'hello',
          mode: 0o640,
          uid: 1000,
          gid: 1000,
          uname: 'u',
          gname: 'g',
        },
      ],
      undefined,
      {
        path: 'a.txt',
        type: 'file',
        size: 5,
        mode: 0o640,
        uid: 1000,
        gid: 1000,
        uname: 'u',
        gname: 'g',
        format: 'ustar',
      },
    ],
    [
      'directory',
      [{ path: 'd/', type: 'dir' }],
      undefined,
      { path: 'd/', type: 'dir', size: 0, mode: 0o755 },
    ],
    [
      'symlink',
      [{ path: 'dev/stdin', type: 'symlink', linkTarget: '/proc/self/fd/0' }],
      undefined,
      { type: 'symlink', linkTarget: '/proc/self/fd/0', mode: 0o777 },
    ],
    [
      'hardlink',
      [{ path: 'bin/ls', type: 'hardlink', linkTarget: 'bin/[' }],
      undefined,
      { type: 'hardlink', linkTarget: 'bin/[', size: 0 },
    ],
    [
      'char device',
      [{ path: 'dev/null', type: 'char', devMajor: 1, devMinor: 3 }],
      undefined,
      { type: 'char', devMajor: 1, devMinor: 3 },
    ],
    [
      'block device',
      [{ path: 'dev/sda', type: 'block', devMajor: 8, devMinor: 0 }],
      undefined,
      { type: 'block', devMajor: 8, devMinor: 0 },
    ],
    ['fifo', [{ path: 'run/p', type: 'fifo' }], undefined, { type: 'fifo' }],
    [
      'contiguous file (7)',
      [{ path: 'c', typeflag: '7', content: 'x' }],
      undefined,
      { type: 'file', size: 1 },
    ],
    ['unknown typeflag', [{ path: 'q', typeflag: 'Q' }], undefined, { type: 'unknown' }],
    [
      'ustar prefix + name',
      [{ path: long, longNameStyle: 'prefix' }],
      undefined,
      { path: long, format: 'ustar' },
    ],
    [
      'GNU long name (L)',
      [{ path: long, longNameStyle: 'gnu' }],
      undefined,
      { path: long, format: 'gnu' },
    ],
    [
      'GNU long link (K)',
      [{ path: 'l', type: 'symlink', linkTarget: long, longNameStyle: 'gnu' }],
      undefined,
      { linkTarget: long, format: 'gnu' },
    ],
    [
      'PAX path and linkpath',
      [{ path: long, type: 'symlink', linkTarget: `/${long}` }],
      undefined,
      { path: long, linkTarget: `/${long}`, format: 'pax' },
    ],
    [
      'PAX numbers and names',
      [
        {
          path: 'p',
          content: 'abc',
          pax: { mtime: '1700000000.25', uid: '70000', gid: '70001', uname: 'üser', gname: 'grp' },
        },
      ],
      undefined,
      { mtime: 1700000000.25, uid: 70000, gid: 70001, uname: 'üser', gname: 'grp', size: 3 },
    ],
    [
      'PAX global header applies to later members',
      [{ path: 'g' }],
      { globalPax: { uname: 'global-user' } },
      { uname: 'global-user', format: 'ustar' },
    ],
    [
      'base-256 uid and negative mtime',
      [{ path: 'b', uid: 1 << 24, mtime: -3600 }],
      undefined,
      { uid: 1 << 24, mtime: -3600 },
    ],
    [
      'non-ASCII name in a plain header',
      [{ path: 'dossier/été/日本.txt' }],
      undefined,
      { path: 'dossier/été/日本.txt', format: 'ustar' },
    ],
    ['GNU format header', [{ path: 'x', uid: 5 }], { format: 'gnu' }, { format: 'gnu', uid: 5 }],
    [
      'v7 header, directory by trailing slash',
      [{ path: 'olddir/', typeflag: '\u0000' }],
      { format: 'v7' },
      { type: 'dir', format: 'v7' },
    ],
    [
      'GNU sparse (S)',
      [{ path: 'sparse.img', type: 'sparse', content: 'data', sparseRealSize: 1 << 20 }],
      undefined,
      {
        type: 'file',
        sparse: true,
        size: 1 << 20,
        format: 'gnu',
        sparseMap: [{ offset: 0, length: 4 }],
      },
    ],
    [
      'PAX GNU sparse 1.0',
      [
        {
          path: 'GNUSparseFile.0/s',
          // The map (1 region: 3 bytes at 4093) fills the first block of the data.
          content: concat([enc.encode('1\n4093\n3\n'), new Uint8Array(503), enc.encode('abc')]),
          pax: {
            'GNU.sparse.major': '1',
            'GNU.sparse.minor': '0',
            'GNU.sparse.name': 's',
            'GNU.sparse.realsize': '4096',
          },
        },
      ],
      undefined,
      { path: 's', sparse: true, size: 4096, sparseMap: [{ offset: 4093, length: 3 }] },
    ],
    [
      'eStargz landmark',
      [{ path: '.prefetch.landmark', content: new Uint8Array([0xf]) }],
      undefined,
      { estargz: 'prefetch-landmark' },
    ],
    [
      'eStargz no-prefetch landmark',
      [{ path: './.no.prefetch.landmark', content: new Uint8Array([0xf]) }],
      undefined,
      { estargz: 'no-prefetch-landmark' },
    ],
  ];
  it.each(cases)('%s', (_name, specs, opts, want) => {
    expect(one(specs, opts)).toMatchObject(want);
  });

  it('keeps binary xattr values as bytes', () => {
    const e = one([{ path: 'cap', xattrs: { 'security.capability': bin, 'user.note': 'plain' } }]);
    expect(e.xattrs?.['security.capability']).toEqual(bin);
    expect(new TextDecoder().decode(e.xattrs?.['user.note'])).toBe('plain');
    expect(e.format).toBe('pax');
  });

  it('PAX size overrides the header size for the data that follows', () => {
    const tar = makeTar([
      { path: 'big', content: 'x'.repeat(700), declaredSize: 5, pax: { size: '700' } },
      { path: 'next' },
    ]);
    const { entries, problems } = read(tar);
    expect(problems).toEqual([]);
    expect(entries.map((e) => [e.path, e.size])).toEqual([
      ['big', 700],
      ['next', 0],
    ]);
  });
});

describe('TarReader: offsets and chunking', () => {
  const specs: TarSpec[] = [
    { path: 'a', content: 'first file' },
    { path: long, content: 'x'.repeat(513), longNameStyle: 'gnu' },
    { path: 'pax', content: 'p'.repeat(1024), xattrs: { 'user.x': bin } },
    { path: 'dir/', type: 'dir' },
    { path: 'z', content: 'last' },
  ];
  const tar = makeTar(specs);
  it.each([1, 7, 100, 511, 512, 513, 4096, 1 << 20])(
    'gives the same entries in %i-byte chunks',
    (chunk) => {
      const { entries, problems, reader } = read(tar, chunk);
      expect(problems).toEqual([]);
      expect(reader.ended).toBe(true);
      expect(entries.map((e) => e.path)).toEqual(specs.map((s) => s.path));
      for (const [i, e] of entries.entries()) {
        const content = specs[i]!.content ?? '';
        const bytes = typeof content === 'string' ? enc.encode(content) : content;
        expect(tar.subarray(e.dataOffset, e.dataOffset + e.size)).toEqual(bytes);
      }
      // The GNU long name's own header is where that member starts.
      expect(entries[1]!.headerOffset).toBe(entries[0]!.dataOffset + 512);
      expect(entries[1]!.dataOffset - entries[1]!.headerOffset).toBe(3 * 512);
    },
  );

  it('stops at the end marker, drains what follows, and lists it apart (eStargz TOC)', () => {
    const after = makeTar([{ path: 'stargz.index.json', content: '{"version":1}' }]);
    const bytes = makeTar([{ path: 'README.md', content: 'hi' }], { trailing: after });
    const { entries, trailing, problems, reader } = read(bytes, 100);
    expect(problems).toEqual([]);
    expect(entries.map((e) => e.path)).toEqual(['README.md']);
    expect(trailing).toMatchObject([
      { path: 'stargz.index.json', estargz: 'toc', headerOffset: 2048 },
    ]);
    expect(reader.offset).toBe(bytes.length);
  });

  it('an empty stream is an empty layer without problems', () => {
    expect(read(new Uint8Array(0))).toMatchObject({ entries: [], problems: [] });
  });
});

describe('TarReader: bad input', () => {
  const good = makeTar([
    { path: 'a', content: 'aaaa' },
    { path: 'b', content: 'b'.repeat(2000) },
    { path: 'c' },
  ]);
  const badSum = flip(good, 1024 + 10, 0x20); // inside the name of the second header
  const cases: [string, Uint8Array, string[], string[], RegExp][] = [
    [
      'bad header checksum',
      badSum,
      ['a'],
      ['tar-bad-checksum'],
      /header at byte 1024 has a bad checksum/,
    ],
    [
      'member longer than the stream',
      good.subarray(0, 1024 + 512 + 1000),
      ['a', 'b'],
      ['tar-truncated'],
      /"b" declares 2000 bytes of data but the stream ends after 1000/,
    ],
    [
      'stream ends inside a header',
      good.subarray(0, 1024 + 100),
      ['a'],
      ['tar-truncated'],
      /ends inside a tar header at byte 1024 \(100 of 512 bytes present\)/,
    ],
    [
      'no end-of-archive blocks',
      makeTar([{ path: 'a' }], { end: false }),
      ['a'],
      ['tar-no-end-marker'],
      /without the two zero blocks/,
    ],
    [
      'a lone zero block',
      concat([makeTar([{ path: 'a' }], { end: false }), new Uint8Array(512)]),
      ['a'],
      ['tar-lone-zero-block'],
      /single zero block/,
    ],
    [
      'malformed PAX record',
      makeTar([{ path: 'm', pax: { ok: 'yes' } }]).map((b, i) => (i === 512 ? 0x37 : b)),
      ['m'],
      ['tar-pax-malformed'],
      /malformed record/,
    ],
    [
      'invalid PAX number',
      makeTar([{ path: 'n', uid: 7, pax: { uid: 'seven' } }]),
      ['n'],
      ['tar-pax-invalid'],
      /uid="seven"/,
    ],
  ];
  it.each(cases)('%s', (_name, bytes, paths, codes, message) => {
    const { entries, problems } = read(bytes, 333);
    expect(entries.map((e) => e.path)).toEqual(paths);
    expect(problems.map((p) => p.code)).toEqual(codes);
    expect(problems.map((p) => p.message).join('\n')).toMatch(message);
  });

  it('never allocates what a PAX header claims: 10 GB declared, capped and reported', () => {
    const tar = makeTar([{ path: 'x', typeflag: 'x', declaredSize: 10 * 2 ** 30, content: '' }], {
      end: false,
    });
    const { problems } = read(tar);
    expect(problems.map((p) => p.code)).toEqual(['tar-meta-too-large', 'tar-truncated']);
    expect(problems[0]!.message).toMatch(
      /declares 10737418240 bytes, more than the 1048576-byte limit/,
    );
  });

  it('skips an oversized long name and keeps reading', () => {
    const tar = makeTar([{ path: 'n'.repeat(3000), longNameStyle: 'gnu' }, { path: 'after' }]);
    const { entries, problems } = read(tar, 4096, 1024);
    expect(problems.map((p) => [p.code, p.severity])).toEqual([['tar-meta-too-large', 'error']]);
    expect(entries.map((e) => e.path)).toEqual(['n'.repeat(100), 'after']);
  });
});
