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
  const count = entries.length;
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const spans = new Uint32Array(count * 4);
  const numbers = new Float64Array(count * 4);
  const ints = new Uint32Array(count * INTS);
  const extras: EncodedEntries['extras'] = {};
  const names: string[] = [];
  const nameIndex = new Map<string, number>();
  const name = (n: string | undefined): number => {
    if (n === undefined) return NONE;
    let i = nameIndex.get(n);
    if (i === undefined) {
      i = names.length;
      names.push(n);
      nameIndex.set(n, i);
    }
    return i;
  };
  let at = 0;
  const put = (s: string): [number, number] => {
    const bytes = encoder.encode(s);
    chunks.push(bytes);
    const start = at;
    at += bytes.length;
    return [start, at];
  };
  entries.forEach((e, i) => {
    const [ps, pe] = put(e.path);
    const [ls, le] = e.linkTarget === undefined ? [0, 0] : put(e.linkTarget);
    spans.set([ps, pe, ls, le], i * 4);
    numbers.set([e.size, e.mtime, e.dataOffset, e.headerOffset], i * 4);
    const flags = Math.max(0, FORMATS.indexOf(e.format)) | (e.linkTarget === undefined ? 0 : 8);
    ints.set(
      [
        e.mode,
        e.uid,
        e.gid,
        Math.max(0, TYPES.indexOf(e.type)),
        flags,
        name(e.uname),
        name(e.gname),
      ],
      i * INTS,
    );
    const rawPath = LONE_SURROGATE.test(e.path);
    const rawLink = e.linkTarget !== undefined && LONE_SURROGATE.test(e.linkTarget);
    if (
      e.devMajor !== undefined ||
      e.devMinor !== undefined ||
      e.xattrs !== undefined ||
      e.sparse ||
      rawPath ||
      rawLink
    ) {
      const x: EncodedEntries['extras'][number] = {};
      if (e.devMajor !== undefined) x.devMajor = e.devMajor;
      if (e.devMinor !== undefined) x.devMinor = e.devMinor;
      if (e.xattrs !== undefined) x.xattrs = e.xattrs;
      if (e.sparse) x.sparse = true;
      if (e.sparseMap !== undefined) x.sparseMap = e.sparseMap;
      if (rawPath) x.path = e.path;
      if (rawLink) x.linkTarget = e.linkTarget;
      extras[i] = x;
    }
  });
  const text = new Uint8Array(at);
  let o = 0;
  for (const c of chunks) {
    text.set(c, o);
    o += c.length;
  }
  return {
    count,
    text: text.buffer,
    spans: spans.buffer,
    numbers: numbers.buffer,
    ints: ints.buffer,
    names,
    extras,
  };
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

/** Decode columns back into entries (in the worker that merges layers). */
export function decodeEntries(enc: EncodedEntries): TarEntry[] {
  const decoder = new TextDecoder();
  const text = new Uint8Array(enc.text);
  const spans = new Uint32Array(enc.spans);
  const numbers = new Float64Array(enc.numbers);
  const ints = new Uint32Array(enc.ints);
  const out: TarEntry[] = new Array(enc.count);
  for (let i = 0; i < enc.count; i++) {
    const s = i * 4;
    const n = i * INTS;
    const flags = ints[n + 4]!;
    const entry: TarEntry = {
      path: decoder.decode(text.subarray(spans[s]!, spans[s + 1]!)),
      type: TYPES[ints[n + 3]!]!,
      size: numbers[s]!,
      mode: ints[n]!,
      uid: ints[n + 1]!,
      gid: ints[n + 2]!,
      mtime: numbers[s + 1]!,
      dataOffset: numbers[s + 2]!,
      headerOffset: numbers[s + 3]!,
      format: FORMATS[flags & 7]!,
    };
    if (flags & 8) entry.linkTarget = decoder.decode(text.subarray(spans[s + 2]!, spans[s + 3]!));
    const u = ints[n + 5]!;
    const g = ints[n + 6]!;
    if (u !== NONE) entry.uname = enc.names[u]!;
    if (g !== NONE) entry.gname = enc.names[g]!;
    const x = enc.extras[i];
    if (x) Object.assign(entry, x);
    out[i] = entry;
  }
  return out;
}
