import type { ProblemCode } from '../oci/problem-codes.ts';
import type { TarEntry, TarEntryType } from './tar-entry.ts';
import { decodeName } from '../text/decode-name.ts';
import { parseMapList, parsePairs, readGnuRegions, type SparseRegion } from './sparse-map.ts';
import { parsePaxRecords, readNumber, type TarHeader } from './tar-header.ts';

type Header = Extract<TarHeader, { kind: 'header' }>;

/** PAX and GNU long-name records waiting for the member they describe (globals persist). */
export class PendingMeta {
  longName: string | undefined;
  longLink: string | undefined;
  local: Record<string, Uint8Array> = {};
  global: Record<string, Uint8Array> = {};
  hasLocalPax = false;
  /** PAX sparse 0.0 offset / length records of the next member, in order. */
  sparsePairs: { key: string; value: string }[] = [];

  /** Take one record's bytes (`L`, `K`, `x` or `g`); returns what was wrong with them, if anything. */
  add(flag: string, data: Uint8Array): MetaIssue[] {
    const issues: MetaIssue[] = [];
    if (flag === 'L') this.longName = cString(data);
    else if (flag === 'K') this.longLink = cString(data);
    else {
      const records = parsePaxRecords(data);
      const target = flag === 'g' ? this.global : this.local;
      Object.assign(target, records.binary);
      if (flag === 'x') {
        this.hasLocalPax = true;
        this.sparsePairs.push(...records.sparsePairs);
      }
      const kind = `PAX ${flag === 'g' ? 'global ' : ''}header`;
      if (records.malformed)
        issues.push({
          code: 'tar-pax-malformed',
          severity: 'warning',
          message: `a ${kind} has a malformed record; the records after it are ignored`,
        });
      for (const key of records.invalid)
        issues.push({
          code: 'tar-pax-nul',
          severity: 'error',
          message: `a ${kind} record ${JSON.stringify(key)} holds a NUL byte, which the format forbids in keys and in path, linkpath, uname and gname (Go rejects such a header); the record is ignored`,
        });
    }
    return issues;
  }

  /** Forget the records that applied to one member (globals stay). */
  resetLocal(): void {
    this.longName = undefined;
    this.longLink = undefined;
    this.local = {};
    this.hasLocalPax = false;
    this.sparsePairs = [];
  }
}

/** Something wrong in a PAX or long-name record. */
export interface MetaIssue {
  code: ProblemCode;
  severity: 'error' | 'warning';
  message: string;
}

/**
 * Where a sparse member's map comes from: `ready` (the header or PAX 0.x gave it, or the reason
 * it is malformed), `gnu-ext` (old GNU: more entries follow in extension blocks), `in-data`
 * (PAX 1.0: the map opens the member's data).
 */
export type SparseSource =
  | { kind: 'ready'; map: SparseRegion[] | string }
  | { kind: 'gnu-ext'; map: SparseRegion[] }
  | { kind: 'in-data' };

const TYPES: Record<string, TarEntryType> = {
  '0': 'file',
  '7': 'file',
  S: 'file',
  '1': 'hardlink',
  '2': 'symlink',
  '3': 'char',
  '4': 'block',
  '5': 'dir',
  D: 'dir',
  '6': 'fifo',
};

/**
 * Combine a header with the PAX / long-name records before it into a TarEntry.
 * `dataSize` is how many bytes of data follow (PAX `size` wins over the header field).
 */
export function applyMeta(
  h: Header,
  block: Uint8Array,
  meta: PendingMeta,
  headerOffset: number,
  dataOffset: number,
  warn: (code: ProblemCode, message: string) => void,
): { entry: TarEntry; dataSize: number; isMember: boolean; sparse?: SparseSource } {
  const pax: Record<string, Uint8Array> = { ...meta.global, ...meta.local };
  const str = (key: string): string | undefined => {
    const v = pax[key];
    return v === undefined ? undefined : decodeName(v);
  };
  const num = (key: string, fallback: number, pattern: RegExp): number => {
    const v = str(key);
    if (v === undefined) return fallback;
    if (!pattern.test(v)) {
      warn(
        'tar-pax-invalid',
        `PAX record ${key}="${v}" is not a valid number; the header's value is used`,
      );
      return fallback;
    }
    return Number(v);
  };
  const flag = h.typeflag;
  let path = str('path') ?? meta.longName ?? h.name;
  const link = str('linkpath') ?? meta.longLink ?? h.linkname;
  const dataSize = num('size', h.size, /^\d+$/);
  let type: TarEntryType = TYPES[flag] ?? 'unknown';
  // Old tars (typeflag NUL) mark a directory only by the trailing slash of its name.
  if (block[156] === 0 && path.endsWith('/')) type = 'dir';
  let sparse: SparseSource | undefined;
  let size = dataSize;
  if (flag === 'S') {
    size = readNumber(block, 483, 12);
    const map = readGnuRegions(block, 386, 4);
    sparse = block[482] !== 0 ? { kind: 'gnu-ext', map } : { kind: 'ready', map };
  } else if (
    str('GNU.sparse.major') !== undefined ||
    str('GNU.sparse.realsize') !== undefined ||
    str('GNU.sparse.size') !== undefined ||
    str('GNU.sparse.map') !== undefined ||
    meta.sparsePairs.length > 0
  ) {
    path = str('GNU.sparse.name') ?? path;
    size = num('GNU.sparse.realsize', num('GNU.sparse.size', dataSize, /^\d+$/), /^\d+$/);
    const listed = str('GNU.sparse.map');
    if (str('GNU.sparse.major') === '1' && str('GNU.sparse.minor') === '0')
      sparse = { kind: 'in-data' };
    else if (listed !== undefined) sparse = { kind: 'ready', map: parseMapList(listed) };
    else sparse = { kind: 'ready', map: parsePairs(meta.sparsePairs) };
  }
  const entry: TarEntry = {
    path,
    type,
    size: type === 'file' ? size : 0,
    mode: h.mode & 0o7777,
    uid: num('uid', h.uid, /^\d+$/),
    gid: num('gid', h.gid, /^\d+$/),
    mtime: num('mtime', h.mtime, /^-?\d+(\.\d+)?$/),
    headerOffset,
    dataOffset,
    format: meta.hasLocalPax
      ? 'pax'
      : h.magic === 'gnu' || meta.longName !== undefined || meta.longLink !== undefined
        ? 'gnu'
        : h.magic,
  };
  const uname = str('uname') ?? h.uname;
  const gname = str('gname') ?? h.gname;
  if (uname) entry.uname = uname;
  if (gname) entry.gname = gname;
  if ((type === 'symlink' || type === 'hardlink') && link !== '') entry.linkTarget = link;
  if (type === 'char' || type === 'block') {
    entry.devMajor = h.devMajor;
    entry.devMinor = h.devMinor;
  }
  if (sparse) entry.sparse = true;
  const xattrs = collectXattrs(pax);
  if (xattrs) entry.xattrs = xattrs;
  meta.resetLocal();
  // A GNU volume label names the tape, not a file.
  return sparse
    ? { entry, dataSize, isMember: flag !== 'V', sparse }
    : { entry, dataSize, isMember: flag !== 'V' };
}

/** Label eStargz's bookkeeping members (the landmarks and the TOC) on the entry. */
export function labelEstargz(entry: TarEntry): TarEntry {
  const name = entry.path.replace(/^(\.?\/)+/, '');
  if (name === '.prefetch.landmark') entry.estargz = 'prefetch-landmark';
  else if (name === '.no.prefetch.landmark') entry.estargz = 'no-prefetch-landmark';
  else if (name === 'stargz.index.json') entry.estargz = 'toc';
  return entry;
}

function collectXattrs(pax: Record<string, Uint8Array>): Record<string, Uint8Array> | undefined {
  let out: Record<string, Uint8Array> | undefined;
  for (const key in pax) {
    if (key.startsWith('SCHILY.xattr.')) (out ??= {})[key.slice(13)] = pax[key]!;
  }
  return out;
}

function cString(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  return decodeName(nul < 0 ? bytes : bytes.subarray(0, nul));
}
