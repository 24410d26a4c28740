import { DecompressError } from './decompress-error.ts';
import type { CheckpointList, GzipCheckpoint } from './gzip-checkpoints.ts';
import type { GzipInflaterOptions } from './gzip-inflater.ts';

/** Options of `WasmGzipInflater`: pako's, plus whether output chunks may be views of its memory. */
export interface WasmGzipInflaterOptions extends GzipInflaterOptions {
  /**
   * Return each output chunk as a view of the module's output buffer, valid only until the next
   * `read()` (default: a copy). For a reader that uses each chunk before asking for the next and
   * keeps none (listLayer): a 10 GiB bomb then allocates no 128 KiB copy per chunk.
   */
  reuseOutput?: boolean;
}
import { INFLATE_WASM_BASE64 } from './inflate-wasm-base64.ts';

/**
 * The slice of the WebAssembly JS API used here, typed locally: the CLI's libraries (ES2023 and
 * Node's types) do not declare the WebAssembly global, though every runtime we target has it.
 */
interface WasmApi {
  compile(bytes: Uint8Array<ArrayBuffer>): Promise<WasmModule>;
  instantiate(module: WasmModule): Promise<{ exports: unknown }>;
}
/** A compiled module (opaque). */
export type WasmModule = { readonly __wasmModule: unique symbol };
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** The functions src/wasm/inflate/inflate.c exports. */
interface InflateExports {
  memory: { buffer: ArrayBuffer };
  in_ptr(): number;
  in_cap(): number;
  out_ptr(): number;
  out_start(): number;
  out_end(): number;
  window_len(): number;
  in_used(): number;
  bit_count(): number;
  init(raw: number, skip: number, wlen: number): void;
  in_compact(): number;
  in_add(n: number, final: number): void;
  run(stops: number, maxOut: number): number;
}

// run() results; 1 (the output limit was reached) needs nothing but returning the output.
const R_NEED_INPUT = 0;
const R_BLOCK = 2;
const R_MEMBER = 3;
const R_DONE = 4;
const E_GARBAGE = -17;

/** zlib's words for each error the decoder returns (by code), so messages read as before. */
const MESSAGES: Record<number, string> = {
  [-1]: 'incorrect header check',
  [-2]: 'unknown compression method',
  [-3]: 'unknown header flags set',
  [-4]: 'invalid block type',
  [-5]: 'invalid stored block lengths',
  [-6]: 'too many length or distance symbols',
  [-7]: 'invalid code lengths set',
  [-8]: 'invalid bit length repeat',
  [-9]: 'invalid literal/lengths set',
  [-10]: 'invalid distances set',
  [-11]: 'invalid code -- missing end-of-block',
  [-12]: 'invalid literal/length code',
  [-13]: 'invalid distance code',
  [-14]: 'invalid distance too far back',
  [-15]: 'incorrect data check',
  [-16]: 'incorrect length check',
};

let compiled: Promise<WasmModule> | undefined;

/** Compile the inflater's WebAssembly once per realm (from the base64 in the bundle). */
export function loadInflateModule(): Promise<WasmModule> {
  compiled ??= wasmApi.compile(base64Bytes(INFLATE_WASM_BASE64));
  return compiled;
}

/**
 * Streaming gunzip in WebAssembly (our decoder, src/wasm/inflate): the same protocol, offsets,
 * checkpoints and errors as `GzipInflater` (pako), two to three times faster. Each inflater is
 * its own module instance (~600 KiB of memory, freed with it). Checkpoints can sit at any block
 * boundary: one that starts mid-byte says how many bits of its first byte came before (`bits`).
 */
export class WasmGzipInflater {
  /** Compressed bytes consumed so far (absolute offset when resumed). */
  inOffset: number;
  /** Uncompressed bytes produced so far (absolute offset when resumed). */
  outOffset: number;
  private readonly x: InflateExports;
  private readonly mem: Uint8Array;
  /** Where the module's output buffer starts in its memory. */
  private readonly outBase: number;
  /** Absolute compressed offset of the input buffer's first byte. */
  private inBase: number;
  private chunk: Uint8Array = new Uint8Array(0);
  private chunkAt = 0;
  private ended = false;
  private done = false;
  private readonly cps: CheckpointList | undefined;
  private lastCheckpoint: number;
  private readonly chunkSize: number;
  private readonly reuse: boolean;

  private constructor(exports: unknown, opts: WasmGzipInflaterOptions) {
    this.x = exports as InflateExports;
    this.mem = new Uint8Array(this.x.memory.buffer);
    this.outBase = this.x.out_ptr();
    const start = opts.start;
    this.inOffset = start?.in ?? 0;
    this.inBase = this.inOffset;
    this.outOffset = start?.out ?? 0;
    this.cps = opts.checkpoints;
    this.lastCheckpoint = this.outOffset;
    this.chunkSize = opts.chunkSize ?? 128 * 1024;
    this.reuse = opts.reuseOutput === true;
    if (start?.kind === 'block') {
      const w = start.window;
      this.mem.set(w, this.outBase + 32768 - w.length);
      this.x.init(1, start.bits ?? 0, w.length);
    } else {
      this.x.init(0, 0, 0);
    }
  }

  /** A new inflater (compiles the module on first use). */
  static async create(opts: WasmGzipInflaterOptions = {}): Promise<WasmGzipInflater> {
    const instance = await wasmApi.instantiate(await loadInflateModule());
    return new WasmGzipInflater(instance.exports, opts);
  }

  /** Give the next compressed bytes; read() must have returned undefined first. */
  push(chunk: Uint8Array): void {
    this.chunk = chunk;
    this.chunkAt = 0;
  }

  /** No more input: read() drains what is left, then reports a truncated stream. */
  end(): void {
    this.ended = true;
  }

  /**
   * The next output bytes, or undefined when more input is needed (or, after end(), when done).
   * With `reuseOutput`, the bytes are overwritten by the next call.
   */
  read(): Uint8Array | undefined {
    const x = this.x;
    while (!this.done) {
      this.feed();
      const stops = this.due() ? 1 : 0;
      // Until a checkpoint is due, run no further than where it becomes due.
      const cps = this.cps;
      const untilDue = cps && !stops ? this.lastCheckpoint + cps.every - this.outOffset : Infinity;
      const r = x.run(stops, Math.min(this.chunkSize, untilDue));
      this.inOffset = this.inBase + x.in_used();
      const start = this.outBase + x.out_start();
      const end = this.outBase + x.out_end();
      const out =
        end <= start
          ? undefined
          : this.reuse
            ? this.mem.subarray(start, end)
            : this.mem.slice(start, end);
      if (out) this.outOffset += out.length;
      if (r < 0) this.fail(r);
      if (r === R_BLOCK) this.blockCheckpoint();
      else if (r === R_MEMBER)
        this.emit({
          out: this.outOffset,
          in: this.inOffset,
          kind: 'member',
          window: new Uint8Array(0),
        });
      else if (r === R_DONE) this.done = true;
      else if (r === R_NEED_INPUT && this.chunkAt >= this.chunk.length) {
        // Output first: a cut stream still delivers every byte before the cut, then fails.
        if (out) return out;
        if (this.ended) this.truncated();
        return undefined;
      }
      if (out) return out;
    }
    return undefined;
  }

  /** Move as much of the pushed chunk as fits into the module's input buffer. */
  private feed(): void {
    const x = this.x;
    const left = this.chunk.length - this.chunkAt;
    const end = x.in_compact();
    // The unused bytes may have moved to the buffer's start: decoding resumes at in_used().
    this.inBase = this.inOffset - x.in_used();
    const n = Math.min(left, x.in_cap() - end);
    if (n > 0) {
      this.mem.set(this.chunk.subarray(this.chunkAt, this.chunkAt + n), x.in_ptr() + end);
      this.chunkAt += n;
    }
    x.in_add(n, this.ended && this.chunkAt >= this.chunk.length ? 1 : 0);
  }

  private blockCheckpoint(): void {
    const x = this.x;
    const wlen = x.window_len();
    const end = this.outBase + x.out_end();
    const window = this.mem.slice(end - wlen, end);
    // The next block starts `bit_count` bits before the byte at in_used().
    const bitsLeft = x.bit_count();
    const at = this.inOffset;
    const cp: GzipCheckpoint =
      bitsLeft === 0
        ? { out: this.outOffset, in: at, kind: 'block', window }
        : { out: this.outOffset, in: at - 1, bits: 8 - bitsLeft, kind: 'block', window };
    this.emit(cp);
  }

  private due(): boolean {
    return this.cps !== undefined && this.outOffset >= this.lastCheckpoint + this.cps.every;
  }

  private emit(c: GzipCheckpoint): void {
    this.lastCheckpoint = c.out;
    this.cps!.add(c);
  }

  private fail(code: number): never {
    if (code === E_GARBAGE) {
      throw new DecompressError(
        'gzip-corrupt',
        `unexpected data after the gzip member that ends at compressed byte ${this.inOffset}: not a gzip header`,
        this.inOffset,
      );
    }
    throw new DecompressError(
      'gzip-corrupt',
      `gzip data is corrupt near compressed byte ${this.inOffset}: ${MESSAGES[code] ?? `inflate error ${code}`}`,
      this.inOffset,
    );
  }

  private truncated(): never {
    throw new DecompressError(
      'gzip-truncated',
      `gzip stream ended early after ${this.inOffset} compressed bytes (${this.outOffset} bytes decompressed)`,
      this.inOffset,
    );
  }
}

/** Decode standard base64 (no platform `atob` in the core). */
function base64Bytes(text: string): Uint8Array<ArrayBuffer> {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const value = new Uint8Array(128);
  for (let i = 0; i < 64; i++) value[alphabet.charCodeAt(i)] = i;
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    acc = (acc << 6) | value[clean.charCodeAt(i)]!;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 0xff;
    }
  }
  return out;
}
