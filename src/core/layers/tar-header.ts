import { decodeName } from '../text/decode-name.ts';

/** A decoded 512-byte tar header block (ustar / GNU / v7 fields; PAX and long names applied by callers). */
export type TarHeader =
  | { kind: 'zero' }
  | { kind: 'bad-checksum'; stored: number; computed: number }
  | {
      kind: 'header';
      name: string;
      mode: number;
      uid: number;
      gid: number;
      size: number;
      mtime: number;
      typeflag: string;
      linkname: string;
      magic: 'ustar' | 'gnu' | 'v7';
      uname: string;
      gname: string;
      devMajor: number;
      devMinor: number;
    };

const utf8 = new TextDecoder('utf-8');

/** Decode one header block. Checksum verified; ustar `prefix` joined to the name. */
export function decodeTarHeader(block: Uint8Array): TarHeader {
  let allZero = true;
  for (let i = 0; i < 512; i++) {
    if (block[i] !== 0) {
      allZero = false;
      break;
    }
  }
  if (allZero) return { kind: 'zero' };
  const stored = readNumber(block, 148, 8);
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < 512; i++) {
    const b = i >= 148 && i < 156 ? 32 : block[i]!;
    unsigned += b;
    signed += b > 127 ? b - 256 : b;
  }
  // Old Sun and some BSD tars summed signed chars; GNU tar and Go accept both.
  if (stored !== unsigned && stored !== signed) {
    return { kind: 'bad-checksum', stored, computed: unsigned };
  }
  const magicField = ascii(block, 257, 6);
  const version = ascii(block, 263, 2);
  const magic =
    magicField === 'ustar' && version === '00'
      ? 'ustar'
      : magicField === 'ustar '
        ? 'gnu'
        : magicField.startsWith('ustar')
          ? 'ustar'
          : 'v7';
  let name = text(block, 0, 100);
  if (magic === 'ustar' || (magic === 'gnu' && isGo17Prefix(block))) {
    const prefix = text(block, 345, 155);
    if (prefix) name = `${prefix}/${name}`;
  }
  const flag = block[156]!;
  return {
    kind: 'header',
    name,
    mode: readNumber(block, 100, 8),
    uid: readNumber(block, 108, 8),
    gid: readNumber(block, 116, 8),
    size: readNumber(block, 124, 12),
    mtime: readNumber(block, 136, 12),
    typeflag: flag === 0 ? '0' : String.fromCharCode(flag),
    linkname: text(block, 157, 100),
    magic,
    uname: magic === 'v7' ? '' : text(block, 265, 32),
    gname: magic === 'v7' ? '' : text(block, 297, 32),
    devMajor: magic === 'v7' ? 0 : readNumber(block, 329, 8),
    devMinor: magic === 'v7' ? 0 : readNumber(block, 337, 8),
  };
}

/** Read an octal field, or a GNU base-256 field (high bit of the first byte set). */
export function readNumber(block: Uint8Array, offset: number, length: number): number {
  const first = block[offset]!;
  if (first & 0x80) {
    // GNU base-256, two's complement big-endian (bit 7 of the first byte is the flag). Negative
    // values are read through their inverse, as Go does, so no precision is lost near 2^94.
    const inv = first & 0x40 ? 0xff : 0;
    let value = (first ^ inv) & 0x7f;
    for (let i = 1; i < length; i++) value = value * 256 + (block[offset + i]! ^ inv);
    return inv ? -value - 1 : value;
  }
  let value = 0;
  for (let i = offset; i < offset + length; i++) {
    const c = block[i]!;
    if (c === 0 || c === 32) {
      if (value === 0) continue;
      break;
    }
    if (c < 48 || c > 55) break;
    value = value * 8 + (c - 48);
  }
  return value;
}

/** Records of a PAX extended header: `strings` for text keys, `binary` for the raw bytes of each value. */
export interface PaxRecords {
  strings: Record<string, string>;
  binary: Record<string, Uint8Array>;
  /** Set when a record's length prefix or layout was invalid (records after it are dropped). */
  malformed?: boolean;
  /** PAX sparse 0.0's repeated `GNU.sparse.offset` / `GNU.sparse.numbytes` records, in order. */
  sparsePairs: { key: string; value: string }[];
  /** Records dropped because they hold a NUL where the format forbids one (Go rejects them). */
  invalid: string[];
}

/** Parse `"%d %s=%s\n"` PAX records; values kept as bytes too (SCHILY.xattr.* may be binary). */
export function parsePaxRecords(data: Uint8Array): PaxRecords {
  const strings: Record<string, string> = {};
  const binary: Record<string, Uint8Array> = {};
  const sparsePairs: { key: string; value: string }[] = [];
  const invalid: string[] = [];
  let pos = 0;
  while (pos < data.length) {
    // GNU tar pads the last block of PAX data with NULs; that is the end, not an error.
    if (data[pos] === 0) break;
    let sp = pos;
    while (sp < data.length && sp - pos < 20 && data[sp] !== 32) sp++;
    const len = Number(ascii(data, pos, sp - pos));
    if (
      !Number.isInteger(len) ||
      sp === pos ||
      len <= sp - pos + 1 ||
      pos + len > data.length ||
      data[pos + len - 1] !== 10
    ) {
      return { strings, binary, malformed: true, sparsePairs, invalid };
    }
    const record = data.subarray(sp + 1, pos + len - 1); // drop the trailing newline
    const eq = record.indexOf(61);
    if (eq > 0) {
      const key = utf8.decode(record.subarray(0, eq));
      const value = record.slice(eq + 1);
      // POSIX keys are text and these four values are names: a NUL would cut them short in C
      // readers, so Go refuses the header. Other values (xattrs) may hold any byte.
      if (record.subarray(0, eq).includes(0) || (NAME_KEYS.has(key) && value.includes(0))) {
        invalid.push(key);
      } else if (key === 'GNU.sparse.offset' || key === 'GNU.sparse.numbytes') {
        sparsePairs.push({ key, value: utf8.decode(value) });
      } else {
        binary[key] = value;
        strings[key] = utf8.decode(value);
      }
    }
    pos += len;
  }
  return { strings, binary, sparsePairs, invalid };
}

/**
 * Go before 1.8 wrote GNU magic with a ustar `prefix` where GNU keeps atime and ctime. Read as
 * Go's reader does (golang.org/issue/12594): when those two fields do not parse as numbers and
 * the bytes are ASCII, they are the prefix.
 */
function isGo17Prefix(block: Uint8Array): boolean {
  if (block[156] === 0x53) return false; // an old GNU sparse header uses those bytes itself
  if (numericField(block, 345, 12) && numericField(block, 357, 12)) return false;
  for (let i = 345; i < 500 && block[i] !== 0; i++) if (block[i]! >= 0x80) return false;
  return true;
}

/** Whether an atime/ctime field parses: base-256, empty, or octal digits up to a NUL (spaces and NULs trimmed). */
function numericField(block: Uint8Array, offset: number, length: number): boolean {
  if (block[offset]! & 0x80) return true;
  let start = offset;
  let end = offset + length;
  while (start < end && (block[start] === 0 || block[start] === 32)) start++;
  while (end > start && (block[end - 1] === 0 || block[end - 1] === 32)) end--;
  for (let i = start; i < end && block[i] !== 0; i++) {
    if (block[i]! < 48 || block[i]! > 55) return false;
  }
  return true;
}

const NAME_KEYS = new Set(['path', 'linkpath', 'uname', 'gname']);

function text(block: Uint8Array, offset: number, length: number): string {
  let end = offset;
  while (end < offset + length && block[end] !== 0) end++;
  return decodeName(block.subarray(offset, end));
}

function ascii(block: Uint8Array, offset: number, length: number): string {
  let s = '';
  for (let i = offset; i < offset + length && block[i] !== 0; i++) {
    s += String.fromCharCode(block[i]!);
  }
  return s;
}
