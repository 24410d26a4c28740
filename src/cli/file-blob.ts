import { closeSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';

const CHUNK = 1 << 20;

/**
 * A Blob-shaped view of a byte range of a file on disk. Node's `fs.openAsBlob` streams in
 * 64 KiB chunks and hashed the bench image's blobs ~3.7x slower than `openssl dgst`; async
 * `FileHandle.read` into fresh buffers was ~3.5x slower too (the fresh pages cost more than
 * the reads), while positional 1 MiB reads into a reused buffer ran at openssl's speed
 * (measured; see README). `stream` reads synchronously (its reader takes each chunk before
 * asking for the next); `forEachChunk`, which hashes whole files, reads ahead into a second
 * reused buffer. The core only uses `size`, `type`, `slice`, `stream` and `arrayBuffer`,
 * which this implements.
 */
export class FileBlob {
  readonly type = '';

  constructor(
    private readonly path: string,
    private readonly start: number,
    private readonly end: number,
  ) {}

  /** A FileBlob over a whole file of the given size. */
  static of(path: string, size: number): Blob {
    return new FileBlob(path, 0, size) as unknown as Blob;
  }

  get size(): number {
    return this.end - this.start;
  }

  slice(start = 0, end = this.size): Blob {
    const clamp = (v: number): number =>
      Math.max(0, Math.min(this.size, v < 0 ? this.size + v : v));
    const s = clamp(start);
    const e = Math.max(s, clamp(end));
    return new FileBlob(this.path, this.start + s, this.start + e) as unknown as Blob;
  }

  stream(): ReadableStream<Uint8Array> {
    const { path, end } = this;
    let pos = this.start;
    let fd: number | undefined;
    const close = (): void => {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    };
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        fd ??= openSync(path, 'r');
        if (pos >= end) {
          close();
          controller.close();
          return;
        }
        const buf = Buffer.allocUnsafe(Math.min(CHUNK, end - pos));
        const n = readSync(fd, buf, 0, buf.length, pos);
        if (n === 0) {
          close();
          controller.error(new Error(`${path} ended at byte ${pos}, before the expected ${end}`));
          return;
        }
        pos += n;
        controller.enqueue(n === buf.length ? buf : buf.subarray(0, n));
      },
      cancel: close,
    });
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const buf = new Uint8Array(this.size);
    if (buf.length === 0) return buf.buffer;
    const fd = openSync(this.path, 'r');
    try {
      let done = 0;
      while (done < buf.length) {
        const n = readSync(fd, buf, done, buf.length - done, this.start + done);
        if (n === 0) throw new Error(`${this.path} is shorter than expected`);
        done += n;
      }
    } finally {
      closeSync(fd);
    }
    return buf.buffer;
  }

  /** The file and byte range this blob covers (how a worker thread opens the same bytes). */
  location(): { path: string; start: number; end: number } {
    return { path: this.path, start: this.start, end: this.end };
  }

  /**
   * Read up to `buf.length` bytes at `pos` (relative to the blob) into `buf` and return how many
   * were read (0 at the end). The file stays open until `close()`: one open per pass, not per read.
   */
  reader(): { read(buf: Uint8Array, pos: number): number; close(): void } {
    let fd: number | undefined;
    return {
      read: (buf, pos) => {
        const want = Math.min(buf.length, this.size - pos);
        if (want <= 0) return 0;
        fd ??= openSync(this.path, 'r');
        const n = readSync(fd, buf, 0, want, this.start + pos);
        if (n === 0)
          throw new Error(
            `${this.path} ended at byte ${this.start + pos}, before the expected ${this.end}`,
          );
        return n;
      },
      close: () => {
        if (fd !== undefined) closeSync(fd);
        fd = undefined;
      },
    };
  }

  /**
   * Feed the bytes to `fn` in order (a chunk is valid only during its call). Two buffers, reused:
   * the next chunk is read on Node's I/O threads while `fn` takes this one, so hashing a file
   * takes the longer of the reads and the hashing rather than their sum (one after the other,
   * the bench image's blobs read in ~80 ms and hashed in ~125).
   */
  async forEachChunk(fn: (chunk: Uint8Array) => void, signal?: AbortSignal): Promise<number> {
    if (this.size === 0) return 0;
    const length = Math.min(CHUNK, this.size);
    const buffers = [Buffer.allocUnsafe(length), Buffer.allocUnsafe(length)] as const;
    const file = await open(this.path, 'r');
    const readAt = (i: 0 | 1, pos: number): Promise<number> =>
      file
        .read(buffers[i], 0, Math.min(length, this.end - pos), pos)
        .then(({ bytesRead }) => bytesRead);
    let pos = this.start;
    let i: 0 | 1 = 0;
    let pending: Promise<number> | null = readAt(0, pos);
    try {
      while (pending) {
        const n = await pending;
        pending = null;
        signal?.throwIfAborted();
        if (n === 0)
          throw new Error(`${this.path} ended at byte ${pos}, before the expected ${this.end}`);
        const next = pos + n;
        if (next < this.end) pending = readAt(i === 0 ? 1 : 0, next);
        fn(buffers[i].subarray(0, n));
        pos = next;
        i = i === 0 ? 1 : 0;
      }
    } finally {
      // A read still in flight (fn threw) ends before its file is closed.
      await pending?.catch(() => undefined);
      await file.close();
    }
    return pos - this.start;
  }

  async text(): Promise<string> {
    return new TextDecoder().decode(await this.arrayBuffer());
  }
}
