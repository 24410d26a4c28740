import { describe, expect, it } from 'vitest';
import type { TarEntry } from '../core/layers/tar-entry.ts';
import {
  decodeEach,
  decodeEntries,
  encodeEntries,
  entryBuffers,
  EntryEncoder,
} from './entry-codec.ts';

const base = {
  mode: 0o644,
  uid: 0,
  gid: 0,
  mtime: 1_700_000_000.5,
  headerOffset: 0,
  dataOffset: 512,
  format: 'ustar',
} as const;

const entries: TarEntry[] = [
  { ...base, path: 'etc/', type: 'dir', size: 0, uname: 'root', gname: 'root' },
  {
    ...base,
    path: 'etc/os-release',
    type: 'file',
    size: 123,
    uname: 'root',
    gname: 'root',
    headerOffset: 512,
    dataOffset: 1024,
  },
  { ...base, path: './usr/bin/sh', type: 'symlink', size: 0, linkTarget: 'dash', format: 'pax' },
  {
    ...base,
    path: 'usr/bin/ünïcødé 名前',
    type: 'hardlink',
    size: 0,
    linkTarget: 'etc/os-release',
    uname: 'app',
    format: 'gnu',
  },
  { ...base, path: 'dev/null', type: 'char', size: 0, devMajor: 1, devMinor: 3 },
  {
    ...base,
    path: 'bin/ping',
    type: 'file',
    size: 9,
    xattrs: { 'security.capability': new Uint8Array([1, 2, 3]) },
  },
  { ...base, path: 'empty-link', type: 'symlink', size: 0, linkTarget: '' },
  {
    ...base,
    path: 'disk.img',
    type: 'file',
    size: 1 << 20,
    sparse: true,
    sparseMap: [{ offset: 4096, length: 9 }],
  },
  // Bytes that were not UTF-8, kept by decodeName as lone surrogates (not U+FFFD).
  { ...base, path: 'caf\udce9', type: 'symlink', size: 0, linkTarget: 'x\udcff' },
];

describe('entry columns', () => {
  it('round-trips every field', () => {
    const enc = encodeEntries(entries);
    expect(enc.count).toBe(entries.length);
    expect(enc.names).toEqual(['root', 'app']);
    expect(decodeEntries(enc)).toEqual(entries);
  });

  // Whole numbers below 2^30 decode as small integers; the rest must come back unchanged too.
  it.each([
    0,
    1,
    0x3fffffff,
    0x40000000,
    2 ** 31,
    10 * 2 ** 30,
    2 ** 53 - 1,
    1.5,
    0x3fffffff + 0.5,
  ])('round-trips %d in every number column', (v) => {
    const e: TarEntry = {
      ...base,
      path: 'f',
      type: 'file',
      size: v,
      mtime: v,
      headerOffset: v,
      dataOffset: v,
    };
    expect(decodeEntries(encodeEntries([e]))).toEqual([e]);
  });

  it('survives a structured clone with its buffers transferred', () => {
    const enc = encodeEntries(entries);
    const copy = structuredClone(enc, { transfer: entryBuffers(enc) });
    expect(enc.text.byteLength).toBe(0);
    expect(decodeEntries(copy)).toEqual(entries);
  });

  it('decodes one entry at a time when asked one at a time', () => {
    const each = decodeEach(encodeEntries(entries));
    expect(each.next().value).toEqual(entries[0]);
    expect([...each]).toEqual(entries.slice(1));
  });

  it('encodes an empty listing', () => {
    expect(decodeEntries(encodeEntries([]))).toEqual([]);
  });

  it('grows past the room it was made with, one entry at a time', () => {
    // Room for 16 entries and 512 bytes of text at first: 9 × 40 entries with long names pass both.
    const many = Array.from({ length: 40 }, () => entries)
      .flat()
      .map((e, i) => ({ ...e, path: `${'long-folder-name/'.repeat(i % 7)}${e.path}` }));
    const encoder = new EntryEncoder(1);
    for (const e of many) encoder.add(e);
    const enc = encoder.finish();
    expect(enc.count).toBe(many.length);
    expect(decodeEntries(enc)).toEqual(many);
    expect(enc).toEqual(encodeEntries(many));
  });
});
