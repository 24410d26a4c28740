import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { noise } from '../core/testing/bytes.ts';
import { hashBlobCounted } from '../core/verify/hash-blob.ts';
import { FileBlob } from './file-blob.ts';
import { useNodeHasher } from './node-hasher.ts';

const work = mkdtempSync(join(tmpdir(), 'file-blob-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const MiB = 1 << 20;
const sha = (b: Uint8Array): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const openFiles = (): number => readdirSync('/proc/self/fd').length;

function file(name: string, bytes: Uint8Array): string {
  const path = join(work, name);
  writeFileSync(path, bytes);
  return path;
}

/** What forEachChunk hands out, copied (each chunk is only valid during its call). */
async function chunksOf(blob: FileBlob, signal?: AbortSignal): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  // A copy: a Buffer's own slice() is a view.
  const n = await blob.forEachChunk((c) => parts.push(Uint8Array.prototype.slice.call(c)), signal);
  const all = Buffer.concat(parts);
  expect(all.length).toBe(n);
  return all;
}

describe('FileBlob.forEachChunk (reads ahead into a second buffer)', () => {
  const bytes = noise(3 * MiB + 5, 7);
  const path = file('blob', bytes);

  it.each([0, 1, MiB - 1, MiB, MiB + 1, 2 * MiB, 3 * MiB + 5])(
    'hands out the first %i bytes in order, each byte once',
    async (size) => {
      const got = await chunksOf(FileBlob.of(path, size) as unknown as FileBlob);
      expect(Buffer.compare(got, bytes.subarray(0, size))).toBe(0);
    },
  );

  it('reads a slice of the file, not the whole file', async () => {
    const blob = FileBlob.of(path, bytes.length).slice(MiB - 3, 2 * MiB + 9);
    const got = await chunksOf(blob as unknown as FileBlob);
    expect(Buffer.compare(got, bytes.subarray(MiB - 3, 2 * MiB + 9))).toBe(0);
  });

  it('says where a file that is shorter than told ends, and closes it', async () => {
    const before = openFiles();
    const short = file('short', bytes.subarray(0, MiB + 10));
    await expect(chunksOf(FileBlob.of(short, 2 * MiB) as unknown as FileBlob)).rejects.toThrow(
      `${short} ended at byte ${MiB + 10}, before the expected ${2 * MiB}`,
    );
    expect(openFiles()).toBe(before);
  });

  it('stops when fn throws, and closes the file', async () => {
    const before = openFiles();
    let calls = 0;
    const blob = FileBlob.of(path, bytes.length) as unknown as FileBlob;
    await expect(
      blob.forEachChunk(() => {
        if (++calls === 2) throw new Error('stop here');
      }),
    ).rejects.toThrow('stop here');
    expect(calls).toBe(2);
    expect(openFiles()).toBe(before);
  });

  it('stops at an abort between chunks', async () => {
    const before = openFiles();
    const abort = new AbortController();
    let calls = 0;
    const blob = FileBlob.of(path, bytes.length) as unknown as FileBlob;
    await expect(
      blob.forEachChunk(() => {
        if (++calls === 1) abort.abort(new Error('aborted'));
      }, abort.signal),
    ).rejects.toThrow('aborted');
    expect(calls).toBe(1);
    expect(openFiles()).toBe(before);
  });

  it("is what the CLI's blob digest reads: the digest and count of the bytes", async () => {
    useNodeHasher();
    const progress: number[] = [];
    const got = await hashBlobCounted(FileBlob.of(path, bytes.length), 'sha256', {
      onProgress: (done) => progress.push(done),
    });
    expect(got).toEqual({ digest: sha(bytes), bytes: bytes.length });
    expect(progress).toEqual([MiB, 2 * MiB, 3 * MiB, 3 * MiB + 5]);
  });
});
