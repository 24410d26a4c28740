import { problem, type Problem } from '../oci/problem.ts';
import type { ProblemCode } from '../oci/problem-codes.ts';
import type { TarEntry } from './tar-entry.ts';
import { decodeTarHeader } from './tar-header.ts';
import {
  checkSparseMap,
  MAX_SPARSE_REGIONS,
  readGnuRegions,
  SparseMapText,
  type SparseRegion,
} from './sparse-map.ts';
import { applyMeta, labelEstargz, PendingMeta } from './tar-meta.ts';

const BLOCK = 512;

/** PAX and GNU long-name records larger than this are skipped and reported, never allocated. */
export const MAX_META_BYTES = 1 << 20;

/** Options for `TarReader`. */
export interface TarReaderOptions {
  /** Called for each member, in archive order, as soon as its header is read. */
  onEntry: (entry: TarEntry) => void;
  /** Called for members found after the end-of-archive marker (eStargz's TOC); not filesystem entries. */
  onTrailingEntry?: (entry: TarEntry) => void;
  /** Names the archive in problems (`where`). */
  where?: string;
  /** Cap on one PAX / long-name record (default `MAX_META_BYTES`). */
  maxMetaBytes?: number;
  /** Offset of the first pushed byte in the whole stream. */
  baseOffset?: number;
  /** Skip zero blocks before the first header instead of reading them as the end. */
  skipLeadingZeros?: boolean;
}

const enum Mode {
  Header,
  Skip,
  Meta,
  SparseExt,
  SparseMap,
  SecondZero,
  Ended,
  Failed,
}

/**
 * A push parser for an uncompressed tar stream: feed chunks with `push`, then call `finish`.
 * Member contents are skipped, never buffered; only headers and PAX / long-name records (capped)
 * are held. It never throws on bad data: problems collect in `problems` and parsing stops at
 * the first unrecoverable one, while later chunks are still accepted (so a caller hashing the
 * same stream can drain it).
 */
export class TarReader {
  /** Problems found so far. */
  readonly problems: Problem[] = [];
  /** Offset of the next byte to be pushed, in the whole stream. */
  offset: number;
  private mode = Mode.Header;
  private readonly carry = new Uint8Array(BLOCK);
  private carryLen = 0;
  private skipLeft = 0;
  /** Bytes of the skip that are member data (the rest is padding); for truncation messages. */
  private dataLeft = 0;
  private skipping: TarEntry | undefined;
  private readonly meta = new PendingMeta();
  private metaFlag = '';
  private metaBuf: Uint8Array | undefined;
  private metaFilled = 0;
  private metaSize = 0;
  private memberStart = -1;
  private sparsePending:
    | { entry: TarEntry; dataSize: number; regions: SparseRegion[]; text?: SparseMapText }
    | undefined;
  private trailing: TarReader | undefined;
  private leadingZeros: boolean;
  private readonly where: string;
  private readonly maxMeta: number;

  constructor(private readonly opts: TarReaderOptions) {
    this.offset = opts.baseOffset ?? 0;
    this.where = opts.where ?? 'layer';
    this.maxMeta = opts.maxMetaBytes ?? MAX_META_BYTES;
    this.leadingZeros = opts.skipLeadingZeros ?? false;
  }

  /** True once the end-of-archive marker was read (later bytes are not filesystem entries). */
  get ended(): boolean {
    return this.mode === Mode.Ended;
  }

  /** True once an unrecoverable problem stopped parsing. */
  get failed(): boolean {
    return this.mode === Mode.Failed;
  }

  /** Feed the next bytes of the stream; the chunk is not retained. */
  push(chunk: Uint8Array): void {
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      const mode = this.mode;
      if (mode === Mode.Skip) {
        const take = Math.min(this.skipLeft, n - i);
        i += take;
        this.offset += take;
        this.skipLeft -= take;
        this.dataLeft = Math.max(0, this.dataLeft - take);
        if (this.skipLeft === 0) {
          this.mode = Mode.Header;
          this.skipping = undefined;
        }
      } else if (mode === Mode.Meta) {
        const take = Math.min(this.metaSize - this.metaFilled, n - i);
        if (this.metaBuf) this.metaBuf.set(chunk.subarray(i, i + take), this.metaFilled);
        this.metaFilled += take;
        i += take;
        this.offset += take;
        if (this.metaFilled === this.metaSize) this.endMeta();
      } else if (mode === Mode.Ended || mode === Mode.Failed) {
        const rest = chunk.subarray(i);
        if (mode === Mode.Ended && this.opts.onTrailingEntry) this.pushTrailing(rest);
        this.offset += rest.length;
        return;
      } else {
        let block: Uint8Array;
        if (this.carryLen === 0 && n - i >= BLOCK) {
          block = chunk.subarray(i, i + BLOCK);
          i += BLOCK;
        } else {
          const take = Math.min(BLOCK - this.carryLen, n - i);
          this.carry.set(chunk.subarray(i, i + take), this.carryLen);
          this.carryLen += take;
          i += take;
          if (this.carryLen < BLOCK) return;
          block = this.carry;
          this.carryLen = 0;
        }
        const at = this.offset;
        this.offset += BLOCK;
        this.onBlock(block, at);
      }
    }
  }

  /** Signal the end of the stream: reports a truncated member or header, or a missing end marker. */
  finish(): void {
    const at = this.offset;
    switch (this.mode) {
      case Mode.Skip:
        if (this.dataLeft > 0 && this.skipping) {
          const e = this.skipping;
          const size = e.sparse ? at - e.dataOffset + this.dataLeft : e.size;
          this.fail(
            'tar-truncated',
            e.headerOffset,
            `tar member "${e.path}" declares ${size} bytes of data but the stream ends after ${at - e.dataOffset} of them (truncated at byte ${at})`,
          );
        } else {
          this.warn(
            'tar-no-end-marker',
            at,
            `the last tar member's padding is cut short and the end-of-archive blocks are missing at byte ${at}`,
          );
        }
        break;
      case Mode.Meta:
        this.fail(
          'tar-truncated',
          this.memberStart,
          `the stream ends inside a ${this.metaFlag} record that declares ${this.metaSize} bytes (truncated at byte ${at})`,
        );
        break;
      case Mode.Header:
      case Mode.SparseExt:
      case Mode.SparseMap:
        if (this.carryLen > 0 || this.mode !== Mode.Header) {
          this.fail(
            'tar-truncated',
            at,
            `the stream ends inside a tar header at byte ${at} (${this.carryLen} of 512 bytes present)`,
          );
        } else if (at > (this.opts.baseOffset ?? 0) && !this.leadingZeros) {
          this.warn(
            'tar-no-end-marker',
            at,
            `the tar stream ends at byte ${at} without the two zero blocks that mark the end of an archive`,
          );
        }
        break;
      case Mode.SecondZero:
        this.warn(
          'tar-lone-zero-block',
          at - BLOCK,
          `the archive ends with a single zero block at byte ${at - BLOCK} instead of two`,
        );
        this.mode = Mode.Ended;
        break;
      default:
        break;
    }
    this.trailing?.finish();
  }

  private onBlock(block: Uint8Array, at: number): void {
    if (this.mode === Mode.SparseExt) {
      this.onSparseExt(block, at);
      return;
    }
    if (this.mode === Mode.SparseMap) {
      this.onSparseMap(block, at);
      return;
    }
    if (this.mode === Mode.SecondZero) {
      if (!isZero(block)) {
        this.warn(
          'tar-lone-zero-block',
          at - BLOCK,
          `a single zero block at byte ${at - BLOCK} ends the archive; the data after it is ignored, as GNU tar does`,
        );
      }
      this.mode = Mode.Ended;
      if (!isZero(block) && this.opts.onTrailingEntry) this.pushTrailing(block, at);
      return;
    }
    const h = decodeTarHeader(block);
    if (h.kind === 'zero') {
      if (!this.leadingZeros) this.mode = Mode.SecondZero;
      return;
    }
    this.leadingZeros = false;
    if (this.memberStart < 0) this.memberStart = at;
    if (h.kind === 'bad-checksum') {
      this.fail(
        'tar-bad-checksum',
        at,
        `tar header at byte ${at} has a bad checksum (stored ${h.stored}, computed ${h.computed}); reading stops here`,
      );
      return;
    }
    const size = h.size;
    if (!Number.isSafeInteger(size) || size < 0) {
      this.fail(
        'tar-bad-size',
        at,
        `tar header at byte ${at} declares an impossible size (${size})`,
      );
      return;
    }
    const flag = h.typeflag;
    if (flag === 'L' || flag === 'K' || flag === 'x' || flag === 'X' || flag === 'g') {
      this.startMeta(flag === 'X' ? 'x' : flag, size, at);
      return;
    }
    const built = applyMeta(h, block, this.meta, this.memberStart, at + BLOCK, (code, msg) =>
      this.warn(code, at, msg),
    );
    const headerAt = this.memberStart;
    this.memberStart = -1;
    const dataSize = built.dataSize;
    if (!Number.isSafeInteger(dataSize) || dataSize < 0) {
      this.fail(
        'tar-bad-size',
        at,
        `tar member "${built.entry.path}" declares an impossible size (${dataSize})`,
      );
      return;
    }
    const sparse = built.sparse;
    if (sparse?.kind === 'gnu-ext') {
      this.sparsePending = { entry: built.entry, dataSize, regions: sparse.map };
      this.mode = Mode.SparseExt;
      return;
    }
    if (sparse?.kind === 'in-data') {
      if (dataSize === 0) {
        this.sparseProblem(built.entry, headerAt, 'its PAX sparse 1.0 map is missing (no data)');
        this.emit(built.entry, dataSize, built.isMember);
        return;
      }
      const text = new SparseMapText();
      this.sparsePending = { entry: built.entry, dataSize, regions: [], text };
      this.mode = Mode.SparseMap;
      return;
    }
    if (sparse?.kind === 'ready') this.setSparseMap(built.entry, sparse.map, dataSize, headerAt);
    this.emit(built.entry, dataSize, built.isMember);
  }

  private emit(entry: TarEntry, dataSize: number, isMember: boolean): void {
    if (isMember) this.opts.onEntry(labelEstargz(entry));
    this.skipData(entry, dataSize);
  }

  private onSparseExt(block: Uint8Array, at: number): void {
    const pending = this.sparsePending!;
    pending.entry.dataOffset += BLOCK;
    if (pending.regions.length <= MAX_SPARSE_REGIONS)
      pending.regions.push(...readGnuRegions(block, 0, 21));
    if (block[504] !== 0) return;
    this.sparsePending = undefined;
    this.mode = Mode.Header;
    const map =
      pending.regions.length > MAX_SPARSE_REGIONS
        ? `the sparse map has more than ${MAX_SPARSE_REGIONS} regions`
        : pending.regions;
    this.setSparseMap(pending.entry, map, pending.dataSize, at);
    this.emit(pending.entry, pending.dataSize, true);
  }

  /** PAX 1.0: the map is the first blocks of the data; the stored regions follow it. */
  private onSparseMap(block: Uint8Array, at: number): void {
    const pending = this.sparsePending!;
    pending.entry.dataOffset += BLOCK;
    pending.dataSize -= BLOCK;
    const got = pending.text!.push(block);
    if (got === undefined && pending.dataSize > 0) return;
    this.sparsePending = undefined;
    this.mode = Mode.Header;
    const left = Math.max(0, pending.dataSize);
    const map = got ?? 'the PAX sparse 1.0 map runs past the end of the member';
    this.setSparseMap(pending.entry, map, left, at);
    this.emit(pending.entry, left, true);
  }

  private setSparseMap(
    entry: TarEntry,
    map: SparseRegion[] | string,
    stored: number,
    at: number,
  ): void {
    const why = typeof map === 'string' ? map : checkSparseMap(map, entry.size, stored);
    if (why !== undefined) this.sparseProblem(entry, at, why);
    else entry.sparseMap = map as SparseRegion[];
  }

  private sparseProblem(entry: TarEntry, at: number, why: string): void {
    this.fail(
      'tar-sparse-invalid',
      at,
      `sparse file "${entry.path}": ${why}; its content cannot be read`,
      'error',
      false,
    );
  }

  private skipData(entry: TarEntry, dataSize: number): void {
    const padded = Math.ceil(dataSize / BLOCK) * BLOCK;
    if (padded === 0) return;
    this.skipLeft = padded;
    this.dataLeft = dataSize;
    this.skipping = entry;
    this.mode = Mode.Skip;
  }

  private startMeta(flag: string, size: number, at: number): void {
    this.metaFlag = flag;
    this.metaSize = size;
    this.metaFilled = 0;
    if (size > this.maxMeta) {
      this.fail(
        'tar-meta-too-large',
        at,
        `tar ${describeMeta(flag)} record at byte ${at} declares ${size} bytes, more than the ${this.maxMeta}-byte limit; it is skipped`,
        'error',
        false,
      );
      this.metaBuf = undefined;
    } else {
      this.metaBuf = new Uint8Array(size);
    }
    if (size === 0) this.endMeta();
    else this.mode = Mode.Meta;
  }

  private endMeta(): void {
    const buf = this.metaBuf;
    this.metaBuf = undefined;
    if (buf) {
      for (const issue of this.meta.add(this.metaFlag, buf))
        this.fail(issue.code, this.memberStart, issue.message, issue.severity, false);
    }
    const pad = Math.ceil(this.metaSize / BLOCK) * BLOCK - this.metaSize;
    this.mode = Mode.Header;
    if (pad > 0) {
      this.skipLeft = pad;
      this.dataLeft = 0;
      this.skipping = undefined;
      this.mode = Mode.Skip;
    }
  }

  private pushTrailing(bytes: Uint8Array, at = this.offset): void {
    this.trailing ??= new TarReader({
      onEntry: (e) => this.opts.onTrailingEntry?.(e),
      where: this.where,
      baseOffset: at,
      skipLeadingZeros: true,
      maxMetaBytes: this.maxMeta,
    });
    // Whatever follows the end marker is not the filesystem: its problems are not reported.
    this.trailing.push(bytes);
  }

  private fail(
    code: ProblemCode,
    at: number,
    message: string,
    severity: Problem['severity'] = 'error',
    stop = true,
  ): void {
    this.problems.push(problem(severity, code, `${this.where} @${at}`, message));
    if (stop) this.mode = Mode.Failed;
  }

  private warn(code: ProblemCode, at: number, message: string): void {
    this.problems.push(problem('warning', code, `${this.where} @${at}`, message));
  }
}

function isZero(block: Uint8Array): boolean {
  for (let i = 0; i < BLOCK; i++) if (block[i] !== 0) return false;
  return true;
}

function describeMeta(flag: string): string {
  return flag === 'L'
    ? 'GNU long name'
    : flag === 'K'
      ? 'GNU long link'
      : flag === 'g'
        ? 'PAX global'
        : 'PAX';
}
