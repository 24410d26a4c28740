import type { TarEntry, TarEntryType } from '../core/layers/tar-entry.ts';

/**
 * A layer's tar listing as flat columns in a few ArrayBuffers, so it crosses between threads by
 * transfer (no per-object structured clone of tens of thousands of entries, no parse on the
 * main thread). Owner names share one table; rare fields (xattrs, devices, sparse) ride in a side table.
 */
export interface EncodedEntries {
  count: number;
  /** UTF-8 of every path then every link target, back to back. */
  text: ArrayBuffer;
  /** Per entry: [pathStart, pathEnd, linkStart, linkEnd] into `text` (linkStart = linkEnd = 0 when none). */
  spans: ArrayBuffer;
  /** Per entry: size, mtime, dataOffset, headerOffset. */
  numbers: ArrayBuffer;
  /** Per entry: mode, uid, gid, type and format codes, uname and gname (indexes into `names`, NONE when absent). */
  ints: ArrayBuffer;
  /** Owner names, each once (most layers have one or two: `root`). */
  names: string[];
  /**
   * Entry index → rare fields; a name holding a byte that was not UTF-8 (a lone surrogate, see
   * decodeName) rides here too, since the UTF-8 text table would turn it into U+FFFD.
   */
  extras: Record<
    number,
    Partial<
      Pick<
        TarEntry,
        'devMajor' | 'devMinor' | 'xattrs' | 'sparse' | 'sparseMap' | 'path' | 'linkTarget'
      >
    >
  >;
}

// A surrogate not part of a pair: a raw byte kept by decodeName.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const INTS = 7;
const NONE = 0xffffffff;

const TYPES: readonly TarEntryType[] = [
  'file',
  'dir',
  'symlink',
  'hardlink',
  'char',
  'block',
  'fifo',
  'unknown',
];
const FORMATS: readonly TarEntry['format'][] = ['ustar', 'gnu', 'pax', 'v7'];

/** Encode entries into transferable columns. */
export function encodeEntries(entries: readonly TarEntry[]): EncodedEntries {
  const encoder = new EntryEncoder(entries.length);
  for (const e of entries) encoder.add(e);
  return encoder.finish();
}

/**
 * Encodes entries one at a time as a layer is read, into columns that grow by doubling: the
 * listing never exists as a layer's worth of entry objects (nor as one small buffer per path,
 * ~200 bytes of heap each), only as these columns.
 */
export class EntryEncoder {
  private readonly encoder = new TextEncoder();
  private text: Uint8Array;
  private spans: Uint32Array;
  private numbers: Float64Array;
  private ints: Uint32Array;
  private count = 0;
  private at = 0;
  private readonly extras: EncodedEntries['extras'] = {};
  private readonly names: string[] = [];
  private readonly nameIndex = new Map<string, number>();

  /** `expected`: how many entries to make room for at first (it grows past that). */
  constructor(expected = 1024) {
    const n = Math.max(16, expected);
    this.text = new Uint8Array(n * 32);
    this.spans = new Uint32Array(n * 4);
    this.numbers = new Float64Array(n * 4);
    this.ints = new Uint32Array(n * INTS);
  }

  /** Append one entry. */
  add(e: TarEntry): void {
    const i = this.count++;
    if (this.count * 4 > this.spans.length) this.growRows();
    const [ps, pe] = this.put(e.path);
    const [ls, le] = e.linkTarget === undefined ? [0, 0] : this.put(e.linkTarget);
    this.spans.set([ps, pe, ls, le], i * 4);
    this.numbers.set([e.size, e.mtime, e.dataOffset, e.headerOffset], i * 4);
    const flags = Math.max(0, FORMATS.indexOf(e.format)) | (e.linkTarget === undefined ? 0 : 8);
    this.ints.set(
      [
        e.mode,
        e.uid,
        e.gid,
        Math.max(0, TYPES.indexOf(e.type)),
        flags,
        this.name(e.uname),
        this.name(e.gname),
      ],
      i * INTS,
    );
    const extra = extrasOf(e);
    if (extra) this.extras[i] = extra;
  }

  /** The columns, trimmed to what was added (the encoder is spent after this). */
  finish(): EncodedEntries {
    const n = this.count;
    return {
      count: n,
      text: this.text.slice(0, this.at).buffer,
      spans: this.spans.slice(0, n * 4).buffer,
      numbers: this.numbers.slice(0, n * 4).buffer,
      ints: this.ints.slice(0, n * INTS).buffer,
      names: this.names,
      extras: this.extras,
    };
  }

  private name(n: string | undefined): number {
    if (n === undefined) return NONE;
    let i = this.nameIndex.get(n);
    if (i === undefined) {
      i = this.names.length;
      this.names.push(n);
      this.nameIndex.set(n, i);
    }
    return i;
  }

  /** Write a string's UTF-8 at the end of the text column: its [start, end). */
  private put(s: string): [number, number] {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (this.at + s.length * 3 > this.text.length) {
      const grown = new Uint8Array(Math.max(this.text.length * 2, this.at + s.length * 3));
      grown.set(this.text.subarray(0, this.at));
      this.text = grown;
    }
    const start = this.at;
    this.at += this.encoder.encodeInto(s, this.text.subarray(start)).written;
    return [start, this.at];
  }

  private growRows(): void {
    const grow = <T extends Uint32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(a.length * 2);
      b.set(a);
      return b;
    };
    this.spans = grow(this.spans, (n) => new Uint32Array(n));
    this.numbers = grow(this.numbers, (n) => new Float64Array(n));
    this.ints = grow(this.ints, (n) => new Uint32Array(n));
  }
}

/** The rare fields of an entry, or null when it has none. */
function extrasOf(e: TarEntry): EncodedEntries['extras'][number] | null {
  const rawPath = LONE_SURROGATE.test(e.path);
  const rawLink = e.linkTarget !== undefined && LONE_SURROGATE.test(e.linkTarget);
  if (
    e.devMajor === undefined &&
    e.devMinor === undefined &&
    e.xattrs === undefined &&
    !e.sparse &&
    !rawPath &&
    !rawLink
  )
    return null;
  const x: EncodedEntries['extras'][number] = {};
  if (e.devMajor !== undefined) x.devMajor = e.devMajor;
  if (e.devMinor !== undefined) x.devMinor = e.devMinor;
  if (e.xattrs !== undefined) x.xattrs = e.xattrs;
  if (e.sparse) x.sparse = true;
  if (e.sparseMap !== undefined) x.sparseMap = e.sparseMap;
  if (rawPath) x.path = e.path;
  if (rawLink) x.linkTarget = e.linkTarget;
  return x;
}

/** The buffers to transfer for an encoded listing. */
export function entryBuffers(e: EncodedEntries): ArrayBuffer[] {
  return [e.text, e.spans, e.numbers, e.ints];
}

/** A copy of an encoded listing with buffers of its own (to move to a second place by transfer). */
export function copyEntries(e: EncodedEntries): EncodedEntries {
  return {
    ...e,
    text: e.text.slice(0),
    spans: e.spans.slice(0),
    numbers: e.numbers.slice(0),
    ints: e.ints.slice(0),
  };
}

/** Decode columns back into entries. */
export function decodeEntries(enc: EncodedEntries): TarEntry[] {
  return [...decodeEach(enc)];
}

/**
 * A whole number read from a Float64Array as V8 stores it cheapest. Such a read is a boxed double
 * (a heap number); objects first made with one get a "double" field, and every later object of
 * that shape then boxes its value (16 bytes each): with 3 such fields copied on into the merge's
 * entries and the merged view's, ~34 MB over 300,000 paths. `x | 0` of a small whole number is
 * a small integer (Smi), kept inline; larger or fractional values stay as they are.
 */
const small = (x: number): number => (x >= 0 && x < 0x40000000 && x % 1 === 0 ? x | 0 : x);

/**
 * Decode columns one entry at a time, as they are asked for: the merge reads each member once,
 * so a layer's members need not all exist as objects at once (300,000 of them: ~60 MB).
 */
export function* decodeEach(enc: EncodedEntries): Generator<TarEntry> {
  const decoder = new TextDecoder();
  const text = new Uint8Array(enc.text);
  const spans = new Uint32Array(enc.spans);
  const numbers = new Float64Array(enc.numbers);
  const ints = new Uint32Array(enc.ints);
  for (let i = 0; i < enc.count; i++) {
    const s = i * 4;
    const n = i * INTS;
    const flags = ints[n + 4]!;
    const entry: TarEntry = {
      path: decoder.decode(text.subarray(spans[s]!, spans[s + 1]!)),
      type: TYPES[ints[n + 3]!]!,
      size: small(numbers[s]!),
      mode: ints[n]!,
      uid: ints[n + 1]!,
      gid: ints[n + 2]!,
      mtime: small(numbers[s + 1]!),
      dataOffset: small(numbers[s + 2]!),
      headerOffset: small(numbers[s + 3]!),
      format: FORMATS[flags & 7]!,
    };
    if (flags & 8) entry.linkTarget = decoder.decode(text.subarray(spans[s + 2]!, spans[s + 3]!));
    const u = ints[n + 5]!;
    const g = ints[n + 6]!;
    if (u !== NONE) entry.uname = enc.names[u]!;
    if (g !== NONE) entry.gname = enc.names[g]!;
    const x = enc.extras[i];
    if (x) Object.assign(entry, x);
    yield entry;
  }
}
