import { gzipSync } from 'node:zlib';

/** One member for `makeTar`; only `path` is required (a regular file with no content). */
export interface TarSpec {
  path: string;
  /** Entry type; `sparse` writes an old-GNU `S` header whose real size is `sparseRealSize`. */
  type?: 'file' | 'dir' | 'symlink' | 'hardlink' | 'char' | 'block' | 'fifo' | 'sparse';
  content?: Uint8Array | string;
  mode?: number;
  uid?: number;
  gid?: number;
  uname?: string;
  gname?: string;
  /** Seconds since the epoch. */
  mtime?: number;
  /** Symlink or hardlink target. */
  linkTarget?: string;
  devMajor?: number;
  devMinor?: number;
  /** Extra PAX records for this member (written in an `x` header before it). */
  pax?: Record<string, string | Uint8Array>;
  /** Written as PAX `SCHILY.xattr.<name>` records; values may be binary. */
  xattrs?: Record<string, string | Uint8Array>;
  /** How a name or link target longer than 100 bytes is stored (default `pax`). */
  longNameStyle?: 'pax' | 'gnu' | 'prefix';
  /** Size written in the header instead of the content's length (to build broken archives). */
  declaredSize?: number;
  /** Raw typeflag character, overriding `type`. */
  typeflag?: string;
  /** Real size of a `sparse` member (its content is the stored data). */
  sparseRealSize?: number;
}

/** Options for `makeTar`. */
export interface TarOptions {
  /** Header magic: POSIX `ustar` (default), GNU `ustar  `, or none (v7). */
  format?: 'ustar' | 'gnu' | 'v7';
  /** Write the two zero blocks that end an archive (default true). */
  end?: boolean;
  /** Bytes appended after everything else (e.g. data after the end-of-archive marker). */
  trailing?: Uint8Array;
  /** Global PAX records, written first as a `g` header. */
  globalPax?: Record<string, string | Uint8Array>;
}

const BLOCK = 512;
const enc = new TextEncoder();

/** Build a tar archive in memory from member specs (for tests; small archives only). */
export function makeTar(specs: readonly TarSpec[], opts: TarOptions = {}): Uint8Array<ArrayBuffer> {
  const format = opts.format ?? 'ustar';
  const parts: Uint8Array[] = [];
  if (opts.globalPax)
    parts.push(...meta('g', 'pax_global_header', paxRecords(opts.globalPax), format));
  for (const spec of specs) parts.push(...member(spec, format));
  if (opts.end ?? true) parts.push(new Uint8Array(BLOCK * 2));
  if (opts.trailing) parts.push(opts.trailing);
  return concat(parts);
}

/** Gzip bytes with node:zlib (level 6 unless given). */
export function gzip(bytes: Uint8Array, level = 6): Uint8Array<ArrayBuffer> {
  return new Uint8Array(gzipSync(bytes, { level }));
}

/** Concatenate byte arrays. */
export function concat(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const TYPEFLAG: Record<NonNullable<TarSpec['type']>, string> = {
  file: '0',
  hardlink: '1',
  symlink: '2',
  char: '3',
  block: '4',
  dir: '5',
  fifo: '6',
  sparse: 'S',
};

function member(spec: TarSpec, format: TarOptions['format']): Uint8Array[] {
  const out: Uint8Array[] = [];
  const content = typeof spec.content === 'string' ? enc.encode(spec.content) : spec.content;
  const data = content ?? new Uint8Array(0);
  const style = spec.longNameStyle ?? 'pax';
  const pax: Record<string, string | Uint8Array> = { ...spec.pax };
  for (const [k, v] of Object.entries(spec.xattrs ?? {})) pax[`SCHILY.xattr.${k}`] = v;
  let name = spec.path;
  let prefix = '';
  let link = spec.linkTarget ?? '';
  if (enc.encode(name).length > 100) {
    if (style === 'gnu') out.push(...meta('L', '././@LongLink', cString(name), 'gnu'));
    else if (style === 'prefix') [prefix, name] = splitPrefix(name);
    else pax['path'] = name;
    if (style !== 'prefix') name = truncate(name, 100);
  }
  if (enc.encode(link).length > 100) {
    if (style === 'gnu') out.push(...meta('K', '././@LongLink', cString(link), 'gnu'));
    else pax['linkpath'] = link;
    link = truncate(link, 100);
  }
  if (Object.keys(pax).length > 0) {
    out.push(...meta('x', `PaxHeaders.0/${baseName(name)}`, paxRecords(pax), format));
  }
  const typeflag = spec.typeflag ?? TYPEFLAG[spec.type ?? 'file'];
  const h = header({
    name,
    prefix,
    mode: spec.mode ?? (spec.type === 'dir' ? 0o755 : spec.type === 'symlink' ? 0o777 : 0o644),
    uid: spec.uid ?? 0,
    gid: spec.gid ?? 0,
    size: spec.declaredSize ?? data.length,
    mtime: spec.mtime ?? 1_700_000_000,
    typeflag,
    linkname: link,
    uname: spec.uname ?? '',
    gname: spec.gname ?? '',
    devMajor: spec.devMajor ?? 0,
    devMinor: spec.devMinor ?? 0,
    format: typeflag === 'S' ? 'gnu' : format,
    sparse:
      typeflag === 'S'
        ? { realSize: spec.sparseRealSize ?? data.length, stored: data.length }
        : undefined,
  });
  out.push(h, padded(data));
  return out;
}

interface HeaderFields {
  name: string;
  prefix: string;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  mtime: number;
  typeflag: string;
  linkname: string;
  uname: string;
  gname: string;
  devMajor: number;
  devMinor: number;
  format: TarOptions['format'];
  sparse: { realSize: number; stored: number } | undefined;
}

function header(f: HeaderFields): Uint8Array {
  const b = new Uint8Array(BLOCK);
  putString(b, 0, 100, f.name);
  putNumber(b, 100, 8, f.mode);
  putNumber(b, 108, 8, f.uid);
  putNumber(b, 116, 8, f.gid);
  putNumber(b, 124, 12, f.size);
  putNumber(b, 136, 12, f.mtime);
  b[156] = f.typeflag.charCodeAt(0);
  putString(b, 157, 100, f.linkname);
  if (f.format === 'ustar') putString(b, 257, 8, 'ustar\u000000');
  if (f.format === 'gnu') putString(b, 257, 8, 'ustar  ');
  if (f.format !== 'v7') {
    putString(b, 265, 32, f.uname);
    putString(b, 297, 32, f.gname);
    putNumber(b, 329, 8, f.devMajor);
    putNumber(b, 337, 8, f.devMinor);
  }
  if (f.format === 'ustar') putString(b, 345, 155, f.prefix);
  if (f.sparse) {
    // One map entry covering the stored data at offset 0; the rest of the file is a hole.
    putNumber(b, 386, 12, 0);
    putNumber(b, 398, 12, f.sparse.stored);
    putNumber(b, 483, 12, f.sparse.realSize);
  }
  b.fill(32, 148, 156);
  let sum = 0;
  for (const x of b) sum += x;
  putString(b, 148, 8, sum.toString(8).padStart(6, '0') + '\u0000 ');
  return b;
}

function meta(
  flag: string,
  name: string,
  data: Uint8Array,
  format: TarOptions['format'],
): Uint8Array[] {
  const h = header({
    name,
    prefix: '',
    mode: 0o644,
    uid: 0,
    gid: 0,
    size: data.length,
    mtime: 0,
    typeflag: flag,
    linkname: '',
    uname: '',
    gname: '',
    devMajor: 0,
    devMinor: 0,
    format: format === 'v7' ? 'ustar' : format,
    sparse: undefined,
  });
  return [h, padded(data)];
}

/** Encode PAX records; each record's decimal length counts its own digits. */
function paxRecords(records: Record<string, string | Uint8Array>): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const [key, value] of Object.entries(records)) {
    const body = concat([
      enc.encode(` ${key}=`),
      typeof value === 'string' ? enc.encode(value) : value,
      enc.encode('\n'),
    ]);
    let len = body.length + 1;
    while (String(len).length + body.length !== len) len = String(len).length + body.length;
    parts.push(enc.encode(String(len)), body);
  }
  return concat(parts);
}

function putString(b: Uint8Array, offset: number, length: number, s: string): void {
  b.set(enc.encode(s).subarray(0, length), offset);
}

function putNumber(b: Uint8Array, offset: number, length: number, value: number): void {
  const n = Math.trunc(value);
  if (n >= 0 && n < 8 ** (length - 1)) {
    putString(b, offset, length, n.toString(8).padStart(length - 1, '0') + '\u0000');
    return;
  }
  // GNU base-256 for values that do not fit in octal (large sizes, negative times).
  let v = BigInt(n);
  for (let i = length - 1; i >= 0; i--) {
    b[offset + i] = Number(BigInt.asUintN(8, v));
    v >>= 8n;
  }
  b[offset] = n < 0 ? b[offset]! | 0xc0 : 0x80;
}

function padded(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(data.length / BLOCK) * BLOCK);
  out.set(data);
  return out;
}

function cString(s: string): Uint8Array {
  return concat([enc.encode(s), new Uint8Array(1)]);
}

function splitPrefix(path: string): [string, string] {
  for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
    const prefix = path.slice(0, i);
    const rest = path.slice(i + 1);
    if (enc.encode(prefix).length <= 155 && enc.encode(rest).length <= 100) return [prefix, rest];
  }
  throw new Error(`cannot split "${path}" into a ustar prefix and name`);
}

function truncate(s: string, bytes: number): string {
  let out = s;
  while (enc.encode(out).length > bytes) out = out.slice(0, -1);
  return out;
}

function baseName(path: string): string {
  const parts = path.split('/').filter((p) => p !== '');
  return truncate(parts[parts.length - 1] ?? 'x', 80);
}
