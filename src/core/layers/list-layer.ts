import { problem, type Problem } from '../oci/problem.ts';
import { streamDigest, type StreamDigest, type WholeHasher } from '../verify/stream-digest.ts';
import { decompressStream, type GzipEngine } from './decompress.ts';
import { DecompressError } from './decompress-error.ts';
import { CheckpointList, type GzipCheckpoint } from './gzip-checkpoints.ts';
import type { HostInflate } from './host-inflate.ts';
import {
  firstBytesHex,
  isReadable,
  sniffCompression,
  SNIFF_BYTES,
  type Compression,
} from './sniff-compression.ts';
import type { TarEntry } from './tar-entry.ts';
import { TarReader } from './tar-reader.ts';
import { toldSize } from './told-size.ts';

/** Progress of `listLayer`, in bytes. */
export interface LayerProgress {
  compressedBytes: number;
  uncompressedBytes: number;
  totalCompressed: number;
}

/** Options for `listLayer`. */
export interface ListLayerOptions {
  /** Stops the work promptly; the promise then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Called about every MiB of output, and once at the end. */
  onProgress?: (p: LayerProgress) => void;
  /** Also hash the raw (compressed) bytes into `digest`. */
  verifyDigest?: boolean;
  /**
   * With `verifyDigest`: blobs up to this many bytes have their raw bytes copied into one buffer
   * as they are read and hashed by WebCrypto at the end (like `diffIdWholeMax`; default 0: streamed).
   */
  digestWholeMax?: number;
  /** Stop, with a `layer-too-large` problem, once the uncompressed stream passes this many bytes. */
  maxUncompressedBytes?: number;
  /**
   * gzip only: keep a checkpoint every this many uncompressed bytes so `readLayerFile` can start
   * near a file (0: none). Default: `CHECKPOINT_EVERY` for blobs of `CHECKPOINT_MIN_BLOB` or more.
   */
  checkpointEvery?: number;
  /** gzip engine (default: our WebAssembly inflater, see `gzipEngineFor` in decompress.ts). */
  gzipEngine?: GzipEngine;
  /** Names the layer in problems (e.g. its digest). */
  where?: string;
  /**
   * Receives the uncompressed stream as it is read (awaited, so a slow sink slows the pass), for a
   * caller that keeps a copy (OPFS file, temp file) and passes it to `readLayerFile` as
   * `uncompressed`: the one way to fast random reads in zstd layers, which cannot resume mid-frame.
   */
  onUncompressed?: (chunk: Uint8Array, offset: number) => void | Promise<void>;
  /**
   * Called with each member as its header is read, before its data streams past `onUncompressed`
   * (how a caller hashes every file's bytes in the same pass).
   */
  onEntry?: (entry: TarEntry) => void;
  /**
   * Awaited (when it returns a promise) before each chunk is read: how a scheduler pauses a
   * background pass while work the user waits for needs the CPU.
   */
  beforeChunk?: () => Promise<void> | undefined;
  /**
   * Hash the uncompressed stream into `diffId` (default true). Hashing roughly halves a browser
   * worker's throughput, so a viewer may list first and verify in a later pass.
   */
  diffId?: boolean;
  /**
   * Hash the diff_id by the platform's WebCrypto in one call at the end, when the layer tells
   * its uncompressed size (a gzip's ISIZE, see told-size.ts) and it is at most this many bytes:
   * the stream is copied into one buffer of that size as it is read (see stream-digest.ts).
   * Default 0: hash as it streams (the CLI's node:crypto needs no buffer).
   */
  diffIdWholeMax?: number;
  /**
   * Return as soon as the tar is read: a diff_id or digest hashed whole (`diffIdWholeMax`,
   * `digestWholeMax`) is then hashed from the next task on and comes in `diffIdLater` or
   * `digestLater`, so the listing need not wait for it.
   */
  diffIdLater?: boolean;
  /** With `diffIdLater`: awaited before the whole hashing starts (default: the next task). */
  hashLaterAfter?: () => Promise<void>;
  /**
   * With `diffIdLater` and a raw digest hashed whole: asked as the hashing starts for a hasher on
   * another thread. When it gives one, the raw bytes' buffer goes to it first and is hashed
   * there beside the diff_id, instead of after it on this thread (WebCrypto hashes on the
   * calling thread in Chromium); undefined: both are hashed here, the diff_id first.
   */
  hashRawElsewhere?: () => WholeHasher | undefined;
  /**
   * Takes each member as it is read, instead of `entries` (which then stays empty): a caller
   * that encodes the listing as it comes, or only counts it, never holds a layer's worth of
   * entry objects at once (300,000 of them are ~75 MB of heap).
   */
  takeEntry?: (entry: TarEntry) => void;
  /** The host's own decoder (the CLI's node:zlib), used when it takes the compression; see host-inflate.ts. */
  inflate?: HostInflate;
}

/** What one pass over a layer found. */
export interface LayerListing {
  /** What the magic bytes say (the media type is not trusted). */
  compression: Compression;
  /** Members in archive order, up to the end-of-archive marker. */
  entries: TarEntry[];
  /** How many members were read (also when `takeEntry` took them instead of `entries`). */
  entryCount: number;
  /** Members after the end-of-archive marker (eStargz's `stargz.index.json`): not filesystem entries. */
  trailingEntries: TarEntry[];
  /** Bytes of the uncompressed stream (including anything after the end-of-archive marker). */
  uncompressedSize: number;
  compressedSize: number;
  /** `sha256:<hex>` of the raw blob, when `verifyDigest` was asked. */
  digest?: string;
  /** With `diffIdLater`, when the raw digest is hashed whole after the listing ends (as `diffIdLater`). */
  digestLater?: Promise<string | undefined>;
  /** `sha256:<hex>` of the whole uncompressed stream; absent when it could not be read to its end. */
  diffId?: string;
  /**
   * With `diffIdLater`, when the diff_id is hashed after the listing ends: resolves to what
   * `diffId` would have held (undefined: not computed).
   */
  diffIdLater?: Promise<string | undefined>;
  problems: Problem[];
  /** gzip resume points for `readLayerFile` (empty when none were made; at most 256, ~8 MiB). */
  checkpoints: GzipCheckpoint[];
}

// Why checkpoints (measured on a 337 MB layer, README.md): reading its last file took up to 3.9 s
// (Node) / 6.1 s (Chromium) inflating from the start, and at most 35 / 79 ms from a checkpoint
// every 4 MiB; the price is a pako index pass, 25-40 % slower than native inflate.
/** Default checkpoint spacing: resuming then inflates at most this much before the wanted byte. */
export const CHECKPOINT_EVERY = 4 << 20;
/** Below this compressed size, inflating from the start is fast enough and checkpoints are skipped. */
export const CHECKPOINT_MIN_BLOB = 4 << 20;

const PROGRESS_STEP = 1 << 20;

// A bomb warning needs both: deflate tops out near 1032:1 and real layers compress 2-10x (a 337 MB
// /usr tar: 2.4x gzip, 2.5x zstd; text and zero-padded files 20-50x), so 100x is far past any
// ordinary layer; 64 MiB spares small, very compressible ones (an empty disk image of a few MB).
/** Inflated-to-compressed ratio above which a layer is flagged `layer-ratio-suspicious`. */
export const SUSPICIOUS_RATIO = 100;
/** ...once it has inflated to more than this many bytes. */
export const SUSPICIOUS_MIN_BYTES = 64 << 20;

/**
 * List a layer in one streaming pass: sniff, decompress, hash (diff_id always, digest if asked),
 * and list its tar members without keeping their contents. Bad data never throws: it becomes
 * problems, with the entries read so far kept. Only an abort rejects.
 */
export async function listLayer(blob: Blob, opts: ListLayerOptions = {}): Promise<LayerListing> {
  const { signal } = opts;
  signal?.throwIfAborted();
  const where = opts.where ?? 'layer';
  const head = new Uint8Array(await blob.slice(0, SNIFF_BYTES).arrayBuffer());
  // A 0-byte layer.tar (old `docker save`) is an empty layer, as Docker reads it.
  const compression = blob.size === 0 ? 'tar' : sniffCompression(head);
  const result: LayerListing = {
    compression,
    entries: [],
    entryCount: 0,
    trailingEntries: [],
    uncompressedSize: 0,
    compressedSize: blob.size,
    problems: [],
    checkpoints: [],
  };
  const raw = opts.verifyDigest
    ? new RawHash(blob, await streamDigest({ size: blob.size, max: opts.digestWholeMax ?? 0 }))
    : undefined;
  if (!isReadable(compression)) {
    result.problems.push(notLayer(compression, head, where));
    if (raw) result.digest = await raw.finish(signal);
    return result;
  }

  const wholeMax = opts.diffIdWholeMax ?? 0;
  const diff: StreamDigest | undefined =
    opts.diffId === false
      ? undefined
      : await streamDigest({
          size: wholeMax > 0 ? await toldSize(blob, compression, head) : null,
          max: wholeMax,
        });
  const tar = new TarReader({
    onEntry: (e) => {
      result.entryCount++;
      opts.onEntry?.(e);
      if (opts.takeEntry) opts.takeEntry(e);
      else result.entries.push(e);
    },
    onTrailingEntry: (e) => result.trailingEntries.push(e),
    where,
  });
  let compressedBytes = 0;
  const see = (chunk: Uint8Array, pos: number): void => {
    raw?.update(chunk, pos);
    compressedBytes = Math.max(compressedBytes, pos + chunk.length);
  };
  const tap = (): ReadableStream<Uint8Array> => tapStream(blob.stream(), see);
  const every =
    opts.checkpointEvery ??
    (compression === 'gzip' && blob.size >= CHECKPOINT_MIN_BLOB ? CHECKPOINT_EVERY : 0);
  const checkpoints = every > 0 ? new CheckpointList(every) : undefined;
  const host = checkpoints
    ? null
    : (opts.inflate?.(blob, compression, {
        see,
        fallback: () => decompressStream(tap(), compression, signal),
        ...(signal ? { signal } : {}),
      }) ?? null);
  const reader: AsyncIterator<Uint8Array, unknown> = host
    ? host[Symbol.asyncIterator]()
    : chunksOf(
        decompressStream(tap(), compression, signal, {
          gzipEngine: opts.gzipEngine,
          checkpoints,
          reopen: tap,
          // Each chunk is hashed and parsed before the next is read (the tar reader keeps
          // none), so the inflater may reuse its output buffer, unless a sink takes the bytes.
          reuseOutput: !opts.onUncompressed,
        }),
      );
  const limit = opts.maxUncompressedBytes ?? Infinity;
  const progress = (): void =>
    opts.onProgress?.({
      compressedBytes,
      uncompressedBytes: result.uncompressedSize,
      totalCompressed: blob.size,
    });
  let nextProgress = PROGRESS_STEP;
  let complete = false;
  try {
    for (;;) {
      const gate = opts.beforeChunk?.();
      if (gate) await gate;
      signal?.throwIfAborted();
      const { done, value } = await reader.next();
      if (done) {
        complete = true;
        break;
      }
      if (result.uncompressedSize + value.length > limit) {
        result.problems.push(tooLarge(limit, compressedBytes, blob.size, where));
        await reader.return?.().catch(() => undefined);
        break;
      }
      diff?.update(value);
      tar.push(value);
      await opts.onUncompressed?.(value, result.uncompressedSize);
      result.uncompressedSize += value.length;
      if (result.uncompressedSize >= nextProgress) {
        nextProgress = result.uncompressedSize + PROGRESS_STEP;
        progress();
      }
    }
  } catch (e) {
    if (signal?.aborted) {
      raw?.drop();
      throw signal.reason;
    }
    result.problems.push(unreadable(e, compression, where));
  } finally {
    // The diff_id's buffer, if any, is released unless the stream was read to its end.
    if (!complete) diff?.drop();
  }
  if (signal?.aborted) {
    diff?.drop();
    raw?.drop();
    throw signal.reason;
  }
  if (compression !== 'tar') {
    const suspicious = ratioProblem(result.uncompressedSize, compressedBytes || blob.size, where);
    if (suspicious) result.problems.push(suspicious);
  }
  // After a decompression failure the tar is cut short by that, not by itself: say it once.
  if (complete) tar.finish();
  result.problems.push(...tar.problems);
  // Hashing a whole stream holds this thread a while (Chromium's WebCrypto copies and hashes
  // 294 MB in ~0.3 s before it returns): with diffIdLater it starts in the next task, so the
  // caller can send the listing first.
  const nextTask =
    opts.hashLaterAfter ?? ((): Promise<void> => new Promise((r) => setTimeout(r, 0)));
  let later: Promise<void> | undefined;
  const hashingStarts = (): Promise<void> => (later ??= nextTask());
  // A raw digest that may be hashed on another thread is handed over first, as the hashing
  // starts (before this thread hashes the diff_id), so the two run side by side.
  const rawLater = raw && opts.diffIdLater && raw.whole;
  const rawElsewhere = rawLater
    ? hashingStarts().then(() => {
        const elsewhere = opts.hashRawElsewhere?.();
        return elsewhere ? raw.finish(undefined, elsewhere) : null;
      })
    : undefined;
  if (complete && diff) {
    if (opts.diffIdLater && diff.how === 'whole') {
      result.diffIdLater = hashingStarts()
        .then(() => diff.digest())
        .then(
          (hex) => `sha256:${hex}`,
          () => undefined,
        );
    } else {
      try {
        result.diffId = `sha256:${await diff.digest()}`;
      } catch {
        // WebCrypto failed (out of memory?): the diff_id stays not computed.
      }
    }
  }
  if (checkpoints) result.checkpoints = checkpoints.list;
  if (rawElsewhere) {
    const diffIdFirst = result.diffIdLater ?? hashingStarts();
    result.digestLater = rawElsewhere
      .then((digest) => digest ?? diffIdFirst.then(() => raw!.finish(undefined)))
      .catch(() => undefined);
  } else if (raw) result.digest = await raw.finish(signal);
  progress();
  return result;
}

/** Hashes the raw bytes exactly once, even when a fallback re-reads the blob from the start. */
class RawHash {
  private hashed = 0;

  constructor(
    private readonly blob: Blob,
    private readonly hasher: StreamDigest,
  ) {}

  /** Being buffered for one WebCrypto call (its digest then holds the thread a while). */
  get whole(): boolean {
    return this.hasher.how === 'whole';
  }

  update(chunk: Uint8Array, pos: number): void {
    const end = pos + chunk.length;
    if (end <= this.hashed) return;
    this.hasher.update(pos >= this.hashed ? chunk : chunk.subarray(this.hashed - pos));
    this.hashed = end;
  }

  /**
   * Hash whatever the decompressor did not read (after a failure or a limit), then the digest
   * (a whole buffer hashed by `elsewhere` when given).
   */
  async finish(signal: AbortSignal | undefined, elsewhere?: WholeHasher): Promise<string> {
    if (this.hashed < this.blob.size) {
      const r = this.blob.slice(this.hashed).stream().getReader();
      try {
        for (;;) {
          signal?.throwIfAborted();
          const { done, value } = await r.read();
          if (done) break;
          this.update(value, this.hashed);
        }
      } catch (e) {
        this.drop();
        throw e;
      }
    }
    return `sha256:${await this.hasher.digest(elsewhere)}`;
  }

  drop(): void {
    this.hasher.drop();
  }
}

/** A stream's chunks as an iterator; `return()` cancels the stream. */
function chunksOf(stream: ReadableStream<Uint8Array>): AsyncIterator<Uint8Array, undefined> {
  const r = stream.getReader();
  return {
    next: () => r.read() as Promise<IteratorResult<Uint8Array, undefined>>,
    return: async () => {
      await r.cancel('limit');
      return { done: true, value: undefined };
    },
  };
}

/** Pass a stream through, telling `see` each chunk and its offset; pulled, so it adds no buffering. */
function tapStream(
  input: ReadableStream<Uint8Array>,
  see: (chunk: Uint8Array, pos: number) => void,
): ReadableStream<Uint8Array> {
  const r = input.getReader();
  let pos = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(c) {
        const { done, value } = await r.read();
        if (done) {
          c.close();
          return;
        }
        see(value, pos);
        pos += value.length;
        c.enqueue(value);
      },
      cancel(reason) {
        return r.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

function notLayer(c: Compression, head: Uint8Array, where: string): Problem {
  const hex = firstBytesHex(head);
  const what =
    c === 'unknown'
      ? `unrecognised data (first bytes ${hex})`
      : `${c}-compressed data, which OCI layers do not use`;
  return problem(
    'error',
    'layer-not-filesystem',
    where,
    `not a filesystem layer: expected a tar, gzip or zstd stream, found ${what}`,
    'image-spec layer.md',
  );
}

/** The bomb warning, when `out` bytes came from `read` compressed bytes at a suspicious ratio. */
export function ratioProblem(out: number, read: number, where: string): Problem | undefined {
  if (out <= SUSPICIOUS_MIN_BYTES || out <= SUSPICIOUS_RATIO * read) return undefined;
  return problem(
    'warning',
    'layer-ratio-suspicious',
    where,
    `layer inflates ${Math.floor(out / Math.max(read, 1))}x (${out} bytes from ${read} compressed bytes), past the ${SUSPICIOUS_RATIO}x that marks a decompression bomb; ordinary layers compress 2-10x`,
  );
}

function tooLarge(limit: number, read: number, total: number, where: string): Problem {
  return problem(
    'error',
    'layer-too-large',
    where,
    `layer expands to more than the ${limit}-byte limit (stopped after ${read} of ${total} compressed bytes); entries listed so far are kept`,
  );
}

function unreadable(e: unknown, c: Compression, where: string): Problem {
  if (e instanceof DecompressError) return problem('error', e.code, where, e.message);
  const msg = e instanceof Error ? e.message : String(e);
  return problem('error', 'layer-unreadable', where, `could not read the ${c} stream: ${msg}`);
}
