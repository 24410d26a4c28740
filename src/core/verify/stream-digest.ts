import { createHasher, hexOf, type Hasher } from './hasher.ts';

/**
 * The largest stream `streamDigest` hashes through WebCrypto in one call. The stream is held
 * once while it is read, and for a moment twice (WebCrypto takes its own copy when called, and
 * ours is released then); a longer stream, or one that outgrows its told size, streams through
 * the incremental hasher instead, which holds nothing.
 */
export const WHOLE_STREAM_MAX = 512 << 20;

/**
 * Hashes a whole buffer's sha256 elsewhere (another thread's WebCrypto), taking the bytes: it
 * may transfer their buffer away. Resolves to the digest's bytes.
 */
export type WholeHasher = (bytes: Uint8Array<ArrayBuffer>) => Promise<ArrayBuffer>;

/** A sha256 fed a stream's chunks in order, then read once. */
export interface StreamDigest {
  /** Take the next chunk; it is hashed or copied before this returns (the caller may reuse it). */
  update(chunk: Uint8Array): void;
  /**
   * The lowercase hex digest of everything fed: at once when streamed, later when hashed whole
   * (by `elsewhere` when given, which takes the buffer; else by this thread's WebCrypto).
   */
  digest(elsewhere?: WholeHasher): string | Promise<string>;
  /** Stop without a digest (the pass stopped short): any buffer is released. */
  drop(): void;
  /** How the bytes are being hashed: `whole` (buffered for WebCrypto) or `streaming`. */
  readonly how: 'whole' | 'streaming';
}

/** What `streamDigest` is told: the stream's size, if known, and the most it may buffer. */
export interface StreamDigestOptions {
  /** The stream's size as its container tells it (a gzip's ISIZE); may be wrong, never trusted. */
  size: number | null;
  /** Buffer for WebCrypto only up to this many bytes (default WHOLE_STREAM_MAX; 0: always stream). */
  max?: number;
}

/**
 * A sha256 of a stream, by the platform's WebCrypto in one call when the stream's size is told
 * ahead and small enough, else incrementally (`createHasher`: hash-wasm in a browser).
 *
 * Why: in a browser worker hash-wasm streams sha256 at ~180 MB/s, slower than our inflater
 * (~500 MB/s), so hashing a layer's diff_id as it is inflated held the whole pass to its pace;
 * WebCrypto uses the CPU's SHA instructions (several times faster) on its own thread, but takes
 * only whole buffers. So the chunks are copied into one buffer of the told size and hashed at
 * the end. The size is only a hint: a stream that turns out longer (a gzip's ISIZE is the size
 * mod 2^32, and a lying or multi-member one says anything) goes on through the incremental
 * hasher, fed what the buffer held first, and the buffer is released; a shorter one is hashed
 * as far as it went.
 */
export async function streamDigest(opts: StreamDigestOptions): Promise<StreamDigest> {
  const streaming = await createHasher('sha256');
  const max = opts.max ?? WHOLE_STREAM_MAX;
  const subtle = (globalThis as { crypto?: { subtle?: Subtle } }).crypto?.subtle;
  const size = opts.size;
  if (subtle && size !== null && Number.isSafeInteger(size) && size >= 0 && size <= max) {
    let buffer: Uint8Array<ArrayBuffer> | null = null;
    try {
      buffer = new Uint8Array(size);
    } catch {
      // Not this much memory to spare now: stream instead.
    }
    if (buffer) return new WholeDigest(buffer, subtle, streaming);
  }
  return new Streaming(streaming);
}

/** The part of WebCrypto used here (typed here: the core is built without the DOM's types). */
interface Subtle {
  digest(algorithm: 'SHA-256', data: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer>;
}

class Streaming implements StreamDigest {
  readonly how = 'streaming';

  constructor(private readonly hasher: Hasher) {}

  update(chunk: Uint8Array): void {
    this.hasher.update(chunk);
  }

  digest(): string {
    return this.hasher.digestHex();
  }

  drop(): void {}
}

class WholeDigest implements StreamDigest {
  private filled = 0;
  /** Set once the stream outgrew the buffer: every byte from then on goes here. */
  private spilled = false;

  constructor(
    private buffer: Uint8Array<ArrayBuffer> | null,
    private readonly subtle: Subtle,
    private readonly streaming: Hasher,
  ) {}

  get how(): 'whole' | 'streaming' {
    return this.spilled ? 'streaming' : 'whole';
  }

  update(chunk: Uint8Array): void {
    if (this.spilled) {
      this.streaming.update(chunk);
      return;
    }
    const buffer = this.buffer!;
    if (this.filled + chunk.length > buffer.length) {
      // Longer than told: hash what was kept, free it, and stream the rest.
      this.spilled = true;
      this.streaming.update(buffer.subarray(0, this.filled));
      this.drop();
      this.streaming.update(chunk);
      return;
    }
    buffer.set(chunk, this.filled);
    this.filled += chunk.length;
  }

  digest(elsewhere?: WholeHasher): string | Promise<string> {
    if (this.spilled) return this.streaming.digestHex();
    const bytes = this.buffer!.subarray(0, this.filled);
    if (elsewhere) {
      // Handed over whole (its buffer may be moved to the other thread): not released here.
      this.buffer = null;
      return elsewhere(bytes).then(hexOf);
    }
    // WebCrypto copies the bytes when called (the spec's "get a copy of the bytes"), so ours
    // can go at once: the stream is held twice only for that moment.
    const hashed = this.subtle.digest('SHA-256', bytes);
    this.drop();
    return hashed.then(hexOf);
  }

  drop(): void {
    const buffer = this.buffer;
    this.buffer = null;
    if (buffer) release(buffer.buffer);
  }
}

/**
 * Free a buffer's memory now rather than at the next garbage collection, where the platform can
 * (`ArrayBuffer.prototype.transfer` detaches it; Chromium 114+, Node 21+).
 */
function release(buffer: ArrayBuffer): void {
  const transfer = (buffer as { transfer?: (length: number) => ArrayBuffer }).transfer;
  transfer?.call(buffer, 0);
}
