import type { TarEntry, TarEntryType } from './tar-entry.ts';
import { decodeName } from '../text/decode-name.ts';
import { parsePaxRecords, readNumber, type TarHeader } from './tar-header.ts';

type Header = Extract<TarHeader, { kind: 'header' }>;

/** PAX and GNU long-name records waiting for the member they describe (globals persist). */
export class PendingMeta {
  longName: string | undefined;
  longLink: string | undefined;
  local: Record<string, Uint8Array> = {};
  global: Record<string, Uint8Array> = {};
  hasLocalPax = false;

  /** Take one record's bytes (`L`, `K`, `x` or `g`); returns a message when it is malformed. */
  add(flag: string, data: Uint8Array): string | undefined {
    if (flag === 'L') this.longName = cString(data);
    else if (flag === 'K') this.longLink = cString(data);
    else {
      const records = parsePaxRecords(data);
      const target = flag === 'g' ? this.global : this.local;
      Object.assign(target, records.binary);
      if (flag === 'x') this.hasLocalPax = true;
      if (records.malformed)
        return `a PAX ${flag === 'g' ? 'global ' : ''}header has a malformed record; the records after it are ignored`;
    }
    return undefined;
  }

  /** Forget the records that applied to one member (globals stay). */
  resetLocal(): void {
    this.longName = undefined;
    this.longLink = undefined;
    this.local = {};
    this.hasLocalPax = false;
  }
}

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
  warn: (code: string, message: string) => void,
): { entry: TarEntry; dataSize: number; isMember: boolean } {
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
  let sparse = flag === 'S';
  let size = sparse ? readNumber(block, 483, 12) : dataSize;
  if (
    str('GNU.sparse.major') !== undefined ||
    str('GNU.sparse.realsize') !== undefined ||
    str('GNU.sparse.size') !== undefined
  ) {
    sparse = true;
    path = str('GNU.sparse.name') ?? path;
    size = num('GNU.sparse.realsize', num('GNU.sparse.size', dataSize, /^\d+$/), /^\d+$/);
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
  return { entry, dataSize, isMember: flag !== 'V' };
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
