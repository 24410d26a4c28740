import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { concat, makeTar, type TarSpec } from '../testing/tar-writer.ts';
import type { TarEntry } from './tar-entry.ts';
import { TarReader } from './tar-reader.ts';

// Archives the reference readers (Go's archive/tar, Python's tarfile, GNU tar) read in a
// particular way, built here byte by byte as their test archives are.
const work = mkdtempSync(join(tmpdir(), 'oci-explorer-quirks-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const enc = new TextEncoder();

function read(tar: Uint8Array): {
  entries: TarEntry[];
  problems: { code: string; severity: string; message: string }[];
} {
  const entries: TarEntry[] = [];
  const r = new TarReader({ onEntry: (e) => entries.push(e) });
  r.push(tar);
  r.finish();
  return { entries, problems: r.problems };
}

/** Rewrite the first header's magic to GNU's and fix its checksum, as Go 1.7's writer left it. */
function asGo17(tar: Uint8Array): Uint8Array {
  const out = tar.slice();
  out.set(enc.encode('ustar  \0'), 257);
  out.fill(32, 148, 156);
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += out[i]!;
  out.set(enc.encode(`${sum.toString(8).padStart(6, '0')}\0 `), 148);
  return out;
}

const A = 'a'.repeat(116);

describe('Go 1.7 headers (GNU magic with a ustar prefix)', () => {
  // Go's testdata/invalid-go17.tar: a uid too large for octal made Go 1.7 pick the GNU format
  // but still write the long name's prefix; Go and Python read "aaaa…/foo".
  const tar = asGo17(
    makeTar([{ path: `${A}/foo`, longNameStyle: 'prefix', uid: 0o10000000, content: '' }]),
  );

  it('joins the prefix, as Go and Python do', () => {
    const { entries, problems } = read(tar);
    expect(problems).toEqual([]);
    expect(entries.map((e) => [e.path, e.uid])).toEqual([[`${A}/foo`, 0o10000000]]);
  });

  it("agrees with Python's tarfile on the same bytes", () => {
    const file = join(work, 'go17.tar');
    writeFileSync(file, tar);
    const names = execFileSync('python3', [
      '-c',
      'import sys,tarfile; print("\\n".join(m.name for m in tarfile.open(sys.argv[1])))',
      file,
    ]).toString();
    expect(names.trim()).toBe(`${A}/foo`);
  });

  it.each<[string, TarSpec[], string]>([
    // A real GNU archive keeps atime/ctime there: octal digits, never a prefix.
    ['GNU atime and ctime', [{ path: 'plain' }], 'plain'],
  ])('leaves %s alone', (_name, specs, want) => {
    const tar = makeTar(specs, { format: 'gnu' });
    tar.set(enc.encode('14507161414\0'), 345);
    tar.set(enc.encode('14507161415\0'), 357);
    const fixed = asGo17(tar);
    expect(read(fixed).entries[0]!.path).toBe(want);
  });

  it('does not take non-ASCII bytes for a prefix', () => {
    const tar = makeTar([{ path: 'name' }], { format: 'gnu' });
    tar.set([0xff, 0x61, 0x62], 345);
    expect(read(asGo17(tar)).entries[0]!.path).toBe('name');
  });
});

describe('PAX records with a NUL where the format forbids it', () => {
  // Go's testdata/pax-nul-xattrs.tar and pax-nul-path.tar: Go rejects both headers (ErrHeader).
  it.each<[string, Record<string, string | Uint8Array>, string]>([
    [
      'in an xattr name',
      { 'SCHILY.xattr.null\0null': 'fizzbuzz' },
      '"SCHILY.xattr.null\\u0000null"',
    ],
    ['in the path', { path: 'null\0.txt' }, '"path"'],
    ['in linkpath', { linkpath: 'x\0y' }, '"linkpath"'],
    ['in uname', { uname: 'ro\0ot' }, '"uname"'],
  ])('%s: an error on the layer, the record ignored, the rest read', (_name, pax, key) => {
    const { entries, problems } = read(
      makeTar([{ path: 'f.txt', pax, content: 'hi' }, { path: 'after.txt' }]),
    );
    expect(problems.map((p) => [p.code, p.severity])).toEqual([['tar-pax-nul', 'error']]);
    expect(problems[0]!.message).toContain(key);
    expect(entries.map((e) => e.path)).toEqual(['f.txt', 'after.txt']);
    expect(entries[0]!.xattrs).toBeUndefined();
  });

  it('accepts a NUL inside an xattr value (binary values are allowed)', () => {
    const { entries, problems } = read(
      makeTar([{ path: 'cap', xattrs: { 'security.capability': new Uint8Array([1, 0, 2]) } }]),
    );
    expect(problems).toEqual([]);
    expect(entries[0]!.xattrs?.['security.capability']).toEqual(new Uint8Array([1, 0, 2]));
  });
});

describe('sparse maps that cannot be right', () => {
  const sparse = (pax: Record<string, string>, content: Uint8Array | string = 'abcd'): TarSpec => ({
    path: 'GNUSparseFile.0/s',
    content,
    pax: { 'GNU.sparse.name': 's', ...pax },
  });
  it.each<[string, TarSpec, RegExp]>([
    [
      'a region past the real size',
      sparse({ 'GNU.sparse.realsize': '10', 'GNU.sparse.map': '8,4' }),
      /runs past/,
    ],
    [
      'overlapping regions',
      sparse({ 'GNU.sparse.size': '100', 'GNU.sparse.map': '0,2,1,2' }),
      /overlaps/,
    ],
    [
      'lengths that do not add up',
      sparse({ 'GNU.sparse.size': '100', 'GNU.sparse.map': '0,3' }),
      /hold 3 bytes/,
    ],
    ['an odd map', sparse({ 'GNU.sparse.size': '100', 'GNU.sparse.map': '0,4,9' }), /odd number/],
    [
      'a word in the map',
      sparse({ 'GNU.sparse.size': '100', 'GNU.sparse.map': '0,four' }),
      /not a number/,
    ],
    [
      'a PAX 1.0 map with letters',
      sparse(
        { 'GNU.sparse.major': '1', 'GNU.sparse.minor': '0', 'GNU.sparse.realsize': '9' },
        concat([enc.encode('1\nx\n'), new Uint8Array(508)]),
      ),
      /not a decimal digit/,
    ],
    [
      'a PAX 1.0 map longer than the data',
      sparse(
        { 'GNU.sparse.major': '1', 'GNU.sparse.minor': '0', 'GNU.sparse.realsize': '9' },
        enc.encode(`${'1000\n'.repeat(102)}10`),
      ),
      /runs past the end/,
    ],
    [
      'a PAX 1.0 map claiming a million regions',
      sparse(
        { 'GNU.sparse.major': '1', 'GNU.sparse.minor': '0', 'GNU.sparse.realsize': '9' },
        concat([enc.encode('1000000\n'), new Uint8Array(504)]),
      ),
      /more than the 65536/,
    ],
    [
      'a PAX 1.0 map with a 40-digit number',
      sparse(
        { 'GNU.sparse.major': '1', 'GNU.sparse.minor': '0', 'GNU.sparse.realsize': '9' },
        concat([enc.encode(`1\n${'9'.repeat(40)}\n`), new Uint8Array(470)]),
      ),
      /more than 16 digits/,
    ],
  ])(
    '%s: tar-sparse-invalid, the member listed without a map, the next read',
    (_name, spec, why) => {
      const { entries, problems } = read(makeTar([spec, { path: 'next' }]));
      expect(problems.map((p) => p.code)).toEqual(['tar-sparse-invalid']);
      expect(problems[0]!.message).toMatch(why);
      expect(entries.map((e) => e.path)).toEqual(['s', 'next']);
      expect(entries[0]!.sparse).toBe(true);
      expect(entries[0]!.sparseMap).toBeUndefined();
    },
  );
});
