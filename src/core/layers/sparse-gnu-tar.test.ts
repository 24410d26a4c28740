import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { blobOf } from '../testing/bytes.ts';
import { readLayerFile, streamFileRange } from './read-file.ts';
import type { TarEntry } from './tar-entry.ts';
import { TarReader } from './tar-reader.ts';

// Sparse archives written by GNU tar itself, in each of its sparse formats, read back and
// compared with what `tar -x` extracts: the holes must read as zeros and the size be the real one.
const work = mkdtempSync(join(tmpdir(), 'oci-explorer-sparse-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** A file with holes: `regions` bytes of data at the given offsets, the rest never written. */
function holey(name: string, size: number, at: number[]): string {
  const path = join(work, 'src', name);
  mkdirSync(join(work, 'src'), { recursive: true });
  execFileSync('truncate', ['-s', String(size), path]);
  const fd = openSync(path, 'r+');
  for (const [i, off] of at.entries()) {
    const data = Buffer.alloc(4096 + i * 7, `data ${i} `);
    writeSync(fd, data, 0, data.length, off);
  }
  closeSync(fd);
  return path;
}

function gnuTar(name: string, args: string[]): { tar: Uint8Array; extracted: Uint8Array } {
  const out = join(work, `${name}-${args.join('_').replace(/[^a-z0-9.]/gi, '')}`);
  mkdirSync(out, { recursive: true });
  const tarFile = `${out}.tar`;
  execFileSync('tar', ['--sparse', ...args, '-cf', tarFile, '-C', join(work, 'src'), name]);
  execFileSync('tar', ['-xf', tarFile, '-C', out]);
  return { tar: readFileSync(tarFile), extracted: readFileSync(join(out, name)) };
}

function entriesOf(tar: Uint8Array): { entries: TarEntry[]; problems: unknown[] } {
  const entries: TarEntry[] = [];
  const r = new TarReader({ onEntry: (e) => entries.push(e) });
  // Odd chunk sizes so headers, maps and extension blocks straddle chunks.
  for (let i = 0; i < tar.length; i += 777) r.push(tar.subarray(i, i + 777));
  r.finish();
  return { entries, problems: r.problems };
}

const FORMATS: [string, string[]][] = [
  ['old GNU (S type)', ['--format=gnu']],
  ['PAX 0.0', ['--format=posix', '--sparse-version=0.0']],
  ['PAX 0.1', ['--format=posix', '--sparse-version=0.1']],
  ['PAX 1.0', ['--format=posix', '--sparse-version=1.0']],
];

// Few regions (fit in the old GNU header), many (need extension blocks, and a PAX 1.0 map over
// one block), a file that ends in a hole, and one that is all hole.
const FILES: [string, number, number[]][] = [
  ['few.img', 3 << 20, [0, 1 << 20, (3 << 20) - 8192]],
  ['many.img', 8 << 20, Array.from({ length: 60 }, (_, i) => i * 131072 + 8192)],
  ['tail-hole.img', 5 << 20, [65536]],
  ['empty.img', 1 << 20, []],
];

describe.each(FORMATS)('GNU tar sparse, %s', (_format, args) => {
  it.each(FILES)('%s reads as tar -x extracts it', async (name, size, at) => {
    holey(name, size, at);
    const { tar, extracted } = gnuTar(name, args);
    expect(extracted.length).toBe(size);
    const { entries, problems } = entriesOf(tar);
    expect(problems).toEqual([]);
    const files = entries.filter((e) => e.type === 'file');
    expect(files).toHaveLength(1);
    const e = files[0]!;
    expect(e.path).toBe(name);
    expect(e.size).toBe(size);
    expect(e.sparse).toBe(true);
    expect(e.sparseMap).toBeDefined();
    const layer = { blob: blobOf(tar), compression: 'tar' as const };
    const bytes = await readLayerFile(layer, e);
    expect(bytes.length).toBe(size);
    expect(sha(bytes)).toBe(sha(extracted));
    // A window in the middle: a hole and data around a region's edge read the same way.
    const from = at[1] !== undefined ? at[1] - 100 : size >> 1;
    const parts: Uint8Array[] = [];
    const r = streamFileRange(layer, e, from, 5000).getReader();
    for (;;) {
      const { done, value } = await r.read();
      if (done) break;
      parts.push(value);
    }
    expect(sha(Buffer.concat(parts))).toBe(sha(extracted.subarray(from, from + 5000)));
  });
});
