import {
  ZStream,
  Z_BLOCK,
  Z_BUF_ERROR,
  Z_NO_FLUSH,
  Z_OK,
  Z_STREAM_END,
  zlibInflate,
  zlibInflateInit2,
  zlibInflateReset2,
  zlibInflateSetDictionary,
} from 'pako';
import { DecompressError } from './decompress-error.ts';
import type { CheckpointList, GzipCheckpoint } from './gzip-checkpoints.ts';
import { WINDOW, WindowHistory } from './window-history.ts';

/** Options for `GzipInflater`. */
export interface GzipInflaterOptions {
  /** Record a checkpoint at the first usable block boundary each `checkpoints.every` output bytes. */
  checkpoints?: CheckpointList;
  /** Resume at this checkpoint instead of the stream start (pushed bytes then begin at `start.in`). */
  start?: GzipCheckpoint;
  /** Bytes per output chunk (default 128 KiB). */
  chunkSize?: number;
}

const GZIP_WBITS = 16 + 15;
const RAW_WBITS = -15;

const enum State {
  Inflate,
  /** Skipping a member's 8-byte trailer after resuming in raw mode (its CRC cannot be checked). */
  Trailer,
  /** Between members: a new gzip header, zero padding, or the end. */
  Between,
  /** Zero padding after the last member (gzip and Go accept it). */
  Padding,
}

/**
 * Synchronous streaming gunzip on pako's zlib port, with multi-member support (eStargz), exact
 * error messages, checkpoint capture, and resumption from a checkpoint. Drive it with
 * `push(chunk)`, then `read()` until it returns undefined; `end()` after the last chunk.
 */
export class GzipInflater {
  /** Compressed bytes consumed so far (absolute offset when resumed). */
  inOffset: number;
  /** Uncompressed bytes produced so far (absolute offset when resumed). */
  outOffset: number;
  private readonly strm = new ZStream();
  private state = State.Inflate;
  private trailerLeft = 0;
  private chunkBase: number;
  private input: Uint8Array = new Uint8Array(0);
  private ended = false;
  private readonly cps: CheckpointList | undefined;
  private lastCheckpoint: number;
  private readonly history: WindowHistory | undefined;
  private readonly chunkSize: number;
  private buf: Uint8Array<ArrayBuffer>;
  private produced = false;
  private raw = false;

  constructor(opts: GzipInflaterOptions = {}) {
    const start = opts.start;
    this.inOffset = start?.in ?? 0;
    this.chunkBase = this.inOffset;
    this.outOffset = start?.out ?? 0;
    this.cps = opts.checkpoints;
    this.lastCheckpoint = this.outOffset;
    this.history = this.cps ? new WindowHistory() : undefined;
    this.chunkSize = opts.chunkSize ?? 128 * 1024;
    this.buf = new Uint8Array(this.chunkSize);
    if (start?.kind === 'block') {
      zlibInflateInit2(this.strm, RAW_WBITS);
      this.raw = true;
      if (start.window.length > 0) zlibInflateSetDictionary(this.strm, start.window);
      this.history?.append(start.window);
    } else {
      zlibInflateInit2(this.strm, GZIP_WBITS);
    }
    this.strm.avail_in = 0;
  }

  /** Give the next compressed bytes; read() must have returned undefined first. */
  push(chunk: Uint8Array): void {
    this.chunkBase = this.inOffset;
    this.input = chunk;
    this.strm.input = chunk;
    this.strm.next_in = 0;
    this.strm.avail_in = chunk.length;
  }

  /** No more input: read() drains what is left, then reports a truncated stream. */
  end(): void {
    this.ended = true;
  }

  /** The next output bytes, or undefined when more input is needed (or, after end(), when done). */
  read(): Uint8Array | undefined {
    const s = this.strm;
    // Each result is handed on downstream, so a returned buffer is never written again.
    if (this.produced) this.buf = new Uint8Array(this.chunkSize);
    this.produced = false;
    s.output = this.buf;
    s.next_out = 0;
    s.avail_out = this.buf.length;
    while (s.avail_out > 0) {
      if (this.state !== State.Inflate) {
        if (!this.between()) break;
        continue;
      }
      if (s.avail_in === 0 && !this.ended) break;
      const before = s.next_out;
      // Stop at block boundaries only while a checkpoint is due: fewer returns from inflate.
      const flush = this.due() ? Z_BLOCK : Z_NO_FLUSH;
      const ret = zlibInflate(s, flush);
      this.inOffset = this.chunkBase + s.next_in;
      this.outOffset += s.next_out - before;
      if (ret === Z_STREAM_END) {
        // Raw inflate (resumed mid-member) leaves the member's CRC and size for us to skip.
        this.state = this.raw ? State.Trailer : State.Between;
        this.trailerLeft = 8;
        this.raw = false;
        continue;
      }
      if (ret !== Z_OK && ret !== Z_BUF_ERROR) {
        throw new DecompressError(
          'gzip-corrupt',
          `gzip data is corrupt near compressed byte ${this.inOffset}: ${s.msg || `zlib error ${ret}`}`,
          this.inOffset,
        );
      }
      if (this.cps) this.maybeCheckpoint();
      if (s.next_out === before && s.avail_in === 0) {
        if (this.ended) this.truncated();
        break;
      }
    }
    const out = this.buf.subarray(0, s.next_out);
    if (out.length === 0) return undefined;
    // Copy output into the window history only on the approach to the next checkpoint.
    const cps = this.cps;
    if (cps && this.outOffset + WINDOW + this.chunkSize >= this.lastCheckpoint + cps.every) {
      this.history!.append(out);
    }
    this.produced = true;
    return out;
  }

  /** Handle the bytes after a member's deflate data; false when more input is needed. */
  private between(): boolean {
    const s = this.strm;
    if (s.avail_in === 0) {
      if (this.ended && this.state === State.Trailer) this.truncated();
      return false;
    }
    if (this.state === State.Trailer) {
      const take = Math.min(this.trailerLeft, s.avail_in);
      this.consume(take);
      this.trailerLeft -= take;
      if (this.trailerLeft === 0) this.state = State.Between;
      return true;
    }
    const b = this.input[s.next_in]!;
    if (this.state === State.Padding || b === 0) {
      if (b !== 0) this.garbage();
      this.state = State.Padding;
      this.consume(1);
      return true;
    }
    if (b !== 0x1f) this.garbage();
    // A new member: a natural checkpoint that needs no window.
    if (this.due()) {
      this.emit({
        out: this.outOffset,
        in: this.inOffset,
        kind: 'member',
        window: new Uint8Array(0),
      });
    }
    zlibInflateReset2(s, GZIP_WBITS);
    this.state = State.Inflate;
    return true;
  }

  private consume(n: number): void {
    this.strm.next_in += n;
    this.strm.avail_in -= n;
    this.inOffset += n;
  }

  private maybeCheckpoint(): void {
    const dt = this.strm.data_type;
    // At a block boundary (128), not after the last block (64), with no bits of the next block
    // already taken (low 3 bits): pako has no inflatePrime, so only byte-aligned starts can resume.
    if ((dt & 0xc7) !== 128 || !this.due()) return;
    const window = this.history!.snapshot(this.buf.subarray(0, this.strm.next_out));
    this.emit({ out: this.outOffset, in: this.inOffset, kind: 'block', window });
  }

  private due(): boolean {
    return this.cps !== undefined && this.outOffset >= this.lastCheckpoint + this.cps.every;
  }

  private emit(c: GzipCheckpoint): void {
    this.lastCheckpoint = c.out;
    this.cps!.add(c);
  }

  private truncated(): never {
    throw new DecompressError(
      'gzip-truncated',
      `gzip stream ended early after ${this.inOffset} compressed bytes (${this.outOffset} bytes decompressed)`,
      this.inOffset,
    );
  }

  private garbage(): never {
    throw new DecompressError(
      'gzip-corrupt',
      `unexpected data after the gzip member that ends at compressed byte ${this.inOffset}: not a gzip header`,
      this.inOffset,
    );
  }
}
