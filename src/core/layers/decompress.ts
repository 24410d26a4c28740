import { DecompressError } from './decompress-error.ts';
import type { CheckpointList, GzipCheckpoint } from './gzip-checkpoints.ts';
import { GzipInflater } from './gzip-inflater.ts';
import type { Compression } from './sniff-compression.ts';
import { loadInflateModule, WasmGzipInflater } from './wasm-gzip-inflater.ts';
import { ZstdInflater } from './zstd-inflater.ts';

/** gzip engines: our WebAssembly inflater, the platform's `DecompressionStream`, or pako. */
export type GzipEngine = 'wasm' | 'native' | 'pako';

const hasWasm = typeof (globalThis as { WebAssembly?: unknown }).WebAssembly === 'object';

/**
 * The engine to use: the one asked for, else our WebAssembly inflater (2-3x pako, 1.2-1.3x the
 * platform's zlib, and checkpoints at any block), else the platform's, else pako.
 * Checkpoints and resumption need `wasm` or `pako` (the platform's cannot stop at blocks).
 */
export function gzipEngineFor(asked: GzipEngine | undefined, needsBlocks: boolean): GzipEngine {
  if (asked === 'pako' || (asked === 'wasm' && hasWasm)) return asked;
  if (asked === 'native' && !needsBlocks && typeof DecompressionStream === 'function') return asked;
  if (hasWasm) return 'wasm';
  if (!needsBlocks && typeof DecompressionStream === 'function') return 'native';
  return 'pako';
}

/** Options for `decompressStream`. */
export interface DecompressOptions {
  /** gzip engine (default: `wasm`, see `gzipEngineFor`). */
  gzipEngine?: GzipEngine;
  /** gzip: collect resume checkpoints here (the native engine cannot; see read-file.ts). */
  checkpoints?: CheckpointList;
  /**
   * gzip, native engine: a way to read the same compressed bytes again from the start. When it
   * fails (Chromium's cannot read multi-member gzip such as eStargz, nor trailing zeros), pako
   * takes over from a fresh stream, skipping the output already delivered, and any error it
   * then reports is pako's exact one.
   */
  reopen?: () => ReadableStream<Uint8Array>;
  /**
   * The reader uses each chunk before it reads the next and keeps none: our WebAssembly inflater
   * may then hand out views of its own output buffer instead of a copy per chunk.
   */
  reuseOutput?: boolean;
}

/** The common shape of the synchronous decoders (GzipInflater, ZstdInflater). */
interface Inflater {
  push(chunk: Uint8Array): void;
  read(): Uint8Array | undefined;
  end(): void;
  cancel?(): void;
}

// Native gzip is fed at most this much at a time: a chunk of a decompression bomb expands
// ~1000x, and DecompressionStream produces all output of one written chunk at once.
const NATIVE_SPLIT = 16 * 1024;
const IN_FLIGHT = 8;

/**
 * Decompress a stream: `gzip` (native DecompressionStream where present, else pako), `zstd`
 * (zstddec WASM) or `tar` (passed through). Output is pulled, so memory stays bounded even for
 * a decompression bomb. Failures error the stream with a DecompressError whose message says
 * what happened ("gzip stream ended early after N compressed bytes"); an abort errors it with
 * the signal's reason.
 */
export function decompressStream(
  input: ReadableStream<Uint8Array>,
  compression: Compression,
  signal?: AbortSignal,
  opts: DecompressOptions = {},
): ReadableStream<Uint8Array> {
  if (compression === 'tar')
    return signal ? input.pipeThrough(new TransformStream(), { signal }) : input;
  if (compression === 'zstd') return inflaterStream(input, () => ZstdInflater.create(), signal);
  if (compression !== 'gzip') {
    void input.cancel().catch(() => undefined);
    return errored(
      new DecompressError(
        'unsupported-compression',
        `${compression} data cannot be decompressed here; layers must be gzip, zstd or plain tar`,
        0,
      ),
    );
  }
  const engine = gzipEngineFor(opts.gzipEngine, opts.checkpoints !== undefined);
  if (engine === 'wasm') {
    return inflaterStream(
      input,
      () =>
        wasmOrPako(
          () =>
            WasmGzipInflater.create({
              checkpoints: opts.checkpoints,
              reuseOutput: opts.reuseOutput,
            }),
          () => new GzipInflater({ checkpoints: opts.checkpoints }),
        ),
      signal,
    );
  }
  const pako = (skip: number, from: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> =>
    inflaterStream(
      from,
      () => Promise.resolve(new GzipInflater({ checkpoints: opts.checkpoints })),
      signal,
      skip,
    );
  if (engine === 'pako') return pako(0, input);
  return nativeGunzip(
    input,
    signal,
    opts.reopen ? (delivered) => pako(delivered, opts.reopen!()) : undefined,
  );
}

/**
 * Our inflater, or pako (same protocol, offsets, byte-aligned checkpoints and errors) where the
 * platform has WebAssembly but cannot compile our module: one without WebAssembly SIMD, which
 * its CRC uses, or a browser that limits WebAssembly.
 */
async function wasmOrPako(wasm: () => Promise<Inflater>, pako: () => Inflater): Promise<Inflater> {
  try {
    await loadInflateModule();
  } catch {
    return pako();
  }
  return wasm();
}

/** A stream over a synchronous decoder; `skip` output bytes are dropped first (for a restart). */
function inflaterStream(
  input: ReadableStream<Uint8Array>,
  make: () => Promise<Inflater>,
  signal: AbortSignal | undefined,
  skip = 0,
): ReadableStream<Uint8Array> {
  const reader = input.getReader();
  let inflater: Inflater | undefined;
  let inputDone = false;
  let toSkip = skip;
  const stop = (reason: unknown): void => {
    inflater?.cancel?.();
    void reader.cancel(reason).catch(() => undefined);
  };
  return new ReadableStream<Uint8Array>(
    {
      async start() {
        try {
          inflater = await make();
        } catch (e) {
          stop(e);
          throw e;
        }
      },
      async pull(controller) {
        const inf = inflater!;
        try {
          for (;;) {
            signal?.throwIfAborted();
            let out = inf.read();
            if (out !== undefined && toSkip > 0) {
              const drop = Math.min(toSkip, out.length);
              toSkip -= drop;
              out = drop === out.length ? undefined : out.subarray(drop);
              if (out === undefined) continue;
            }
            if (out !== undefined) {
              controller.enqueue(out);
              return;
            }
            if (inputDone) {
              controller.close();
              return;
            }
            const { done, value } = await reader.read();
            signal?.throwIfAborted();
            if (done) {
              inputDone = true;
              inf.end();
            } else {
              inf.push(value);
            }
          }
        } catch (e) {
          stop(e);
          throw e;
        }
      },
      cancel(reason) {
        stop(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * The uncompressed stream of a gzip blob from checkpoint `cp` on (its first byte is `cp.out`).
 *
 * By default our WebAssembly inflater resumes: it takes the window and the bit offset as they
 * are, and runs at full speed from its first byte. With `gzipEngine: 'native'` (and a checkpoint
 * on a byte boundary) the platform's DecompressionStream does the work instead: a pako that has
 * inflated little in this thread runs at about 15-25 MB/s until the JIT warms up, which made a
 * read that resumes 1-2 MiB before its file cost 40-60 ms in a browser worker. The native
 * inflater has no way to be given the 32 KiB window that back-references reach into, so the
 * window goes in first, as the payload of a stored deflate block, and its bytes are dropped from
 * the output. A block checkpoint is fed up to the blob's last 8 bytes (the trailer of a single
 * member), so a layer of one member has nothing after the deflate data. Whatever the native
 * inflater cannot do (a later member, trailing bytes, corrupt data) pako does from the same
 * checkpoint, picking up after the bytes already delivered, with its exact errors.
 */
export function resumeGunzip(
  blob: Blob,
  cp: GzipCheckpoint,
  signal?: AbortSignal,
  opts: Pick<DecompressOptions, 'gzipEngine'> = {},
): ReadableStream<Uint8Array> {
  // A checkpoint inside a byte (`bits`) resumes only in our inflater.
  const midByte = (cp.bits ?? 0) > 0;
  const engine = gzipEngineFor(midByte ? 'wasm' : opts.gzipEngine, false);
  if (engine === 'wasm') {
    // A mid-byte checkpoint was recorded by our inflater, so the module compiles here.
    return inflaterStream(
      blob.slice(cp.in).stream(),
      () =>
        wasmOrPako(
          () => WasmGzipInflater.create({ start: cp }),
          () => new GzipInflater({ start: cp }),
        ),
      signal,
    );
  }
  const pako = (skip: number): ReadableStream<Uint8Array> =>
    inflaterStream(
      blob.slice(cp.in).stream(),
      () => Promise.resolve(new GzipInflater({ start: cp })),
      signal,
      skip,
    );
  if (engine === 'pako') return pako(0);
  const block = cp.kind === 'block';
  const primed = block ? cp.window.length : 0;
  // Native output position `at` (window included) → the same position on pako's stream.
  const fromPako = (at: number): ReadableStream<Uint8Array> =>
    at < primed ? prepend(cp.window.subarray(at), pako(0)) : pako(at - primed);
  const input = blob.slice(cp.in, block ? Math.max(cp.in, blob.size - 8) : blob.size).stream();
  let onPako = false;
  let reader = nativeGunzip(
    block ? prepend(storedBlock(cp.window), input) : input,
    signal,
    (at) => {
      onPako = true;
      return fromPako(at);
    },
    block ? 'deflate-raw' : 'gzip',
  ).getReader();
  let at = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) {
            // The native inflater stops at the end of a member; pako reads on past it (a
            // trailer, a next member) or ends too.
            if (onPako) return controller.close();
            onPako = true;
            reader = fromPako(at).getReader();
            continue;
          }
          const skip = Math.max(0, Math.min(value.length, primed - at));
          at += value.length;
          if (skip === value.length) continue;
          controller.enqueue(skip > 0 ? value.subarray(skip) : value);
          return;
        }
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/** A deflate stored block (not final) holding `bytes` (at most 65,535): a window primer. */
function storedBlock(bytes: Uint8Array): Uint8Array {
  const n = bytes.length;
  const out = new Uint8Array(5 + n);
  // BFINAL 0, BTYPE 00, the rest of the byte padding; then LEN and its ones' complement, LE.
  out.set([0, n & 0xff, n >>> 8, ~n & 0xff, (~n >>> 8) & 0xff]);
  out.set(bytes, 5);
  return out;
}

/** `first`, then the chunks of `rest`. */
function prepend(first: Uint8Array, rest: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const r = rest.getReader();
  let sentFirst = first.length === 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!sentFirst) {
          sentFirst = true;
          controller.enqueue(first);
          return;
        }
        const { done, value } = await r.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel(reason) {
        return r.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/** Native gunzip; on failure hands over to `fallback` (pako on a reopened stream) when given. */
function nativeGunzip(
  input: ReadableStream<Uint8Array>,
  signal: AbortSignal | undefined,
  fallback: ((delivered: number) => ReadableStream<Uint8Array>) | undefined,
  format: 'gzip' | 'deflate-raw' = 'gzip',
): ReadableStream<Uint8Array> {
  // lib.dom types the pair as taking BufferSource of ArrayBuffer only; any Uint8Array works.
  const ds = new DecompressionStream(format) as unknown as TransformStream<Uint8Array, Uint8Array>;
  const feed = feedNative(input, ds.writable, signal);
  let reader = ds.readable.getReader();
  let delivered = 0;
  let fellBack = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          signal?.throwIfAborted();
          if (done) controller.close();
          else {
            delivered += value.length;
            controller.enqueue(value);
          }
        } catch (e) {
          feed.stop(e);
          signal?.throwIfAborted();
          if (e instanceof DecompressError) throw e;
          if (fellBack || !fallback) throw nativeGzipError(e, feed.fed, feed.ended);
          fellBack = true;
          reader = fallback(delivered).getReader();
          const { done, value } = await reader.read();
          if (done) controller.close();
          else controller.enqueue(value);
        }
      },
      cancel(reason) {
        feed.stop(reason);
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * Write the input into a native DecompressionStream one small piece at a time, awaiting each
 * write. Piping would not do: Node's DecompressionStream counts its 16 KiB high-water mark in
 * chunks, so a pipe queues up to 16,384 chunks (the whole compressed layer) ahead of zlib.
 */
function feedNative(
  input: ReadableStream<Uint8Array>,
  sink: WritableStream<Uint8Array>,
  signal: AbortSignal | undefined,
): { readonly fed: number; readonly ended: boolean; stop(reason: unknown): void } {
  const r = input.getReader();
  const w = sink.getWriter();
  w.closed.catch(() => undefined);
  let stopped = false;
  const state = {
    fed: 0,
    ended: false,
    stop(reason: unknown) {
      if (stopped) return;
      stopped = true;
      void r.cancel(reason).catch(() => undefined);
      void w.abort(reason).catch(() => undefined);
    },
  };
  const onAbort = (): void => state.stop(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const inFlight: Promise<void>[] = [];
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await r.read();
        if (stopped) return;
        if (done) {
          await Promise.all(inFlight);
          state.ended = true;
          await w.close();
          return;
        }
        // A decompression bomb expands ~1000x: small pieces keep each burst of output small,
        // and a few writes in flight keep zlib busy between round trips.
        for (let o = 0; o < value.length && !stopped; o += NATIVE_SPLIT) {
          const n = Math.min(NATIVE_SPLIT, value.length - o);
          // A failed write shows as an error on the readable side, which stops this loop.
          inFlight.push(
            w.write(value.subarray(o, o + n)).then(
              () => void (state.fed += n),
              () => state.stop(undefined),
            ),
          );
          if (inFlight.length >= IN_FLIGHT) await inFlight.shift();
        }
      }
    } catch (e) {
      state.stop(e);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  })();
  return state;
}

/** Name a native DecompressionStream failure (Node: zlib codes; Chromium: TypeError messages). */
function nativeGzipError(e: unknown, fed: number, inputEnded: boolean): DecompressError {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : '';
  const msg = e instanceof Error ? e.message : String(e);
  if (
    code === 'Z_BUF_ERROR' ||
    /truncated|unexpected end/i.test(msg) ||
    (inputEnded && !code && !/junk|not valid/i.test(msg))
  ) {
    return new DecompressError(
      'gzip-truncated',
      `gzip stream ended early after ${fed} compressed bytes`,
      fed,
    );
  }
  if (/junk/i.test(msg)) {
    return new DecompressError(
      'gzip-corrupt',
      `data follows the first gzip member (multi-member gzip such as eStargz, or trailing bytes), which this platform's DecompressionStream cannot read`,
      fed,
    );
  }
  return new DecompressError(
    'gzip-corrupt',
    `gzip data is corrupt within the first ${fed} compressed bytes: ${msg}`,
    fed,
  );
}

function errored(e: unknown): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(c) {
      c.error(e);
    },
  });
}
