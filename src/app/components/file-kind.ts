// How to show bytes (image, UTF-8 text, hex) and how to page them: shared by the file viewer and the blob viewer.
/** Bytes per page: files larger than this are read and shown a page at a time. */
export const PAGE_SIZE = 64 * 1024;

/** Bytes per hex-dump row. */
export const HEX_ROW = 16;

/** Image formats shown inline (by magic bytes; SVG by its text). */
export type ImageType = 'png' | 'jpeg' | 'gif' | 'webp' | 'svg';

/** How to show a file: inline image, UTF-8 text with line numbers, or a hex dump (and why). */
export type FileView =
  | { kind: 'empty' }
  | { kind: 'image'; image: ImageType; mime: string }
  | { kind: 'text'; bom: boolean }
  | { kind: 'hex'; reason: string };

const MIME: Record<ImageType, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
};

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean =>
  b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

/** The image format a file's first bytes announce, or null. */
export function sniffImage(head: Uint8Array): ImageType | null {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a'))) return 'gif';
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return 'webp';
  return null;
}

/** An SVG document: text whose first element (after an XML declaration, comments, a doctype) is `<svg`. */
export function looksLikeSvg(text: string): boolean {
  const s = text
    .slice(0, 4096)
    .replace(/^\uFEFF/, '')
    .replace(/<\?xml[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/gi, '')
    .trimStart();
  return /^<svg[\s>]/i.test(s);
}

/**
 * How to show a file from its first bytes (`head`, e.g. its first page). Images by magic bytes;
 * then text if the bytes are valid UTF-8 (a sequence cut by the end of `head` is allowed when
 * the file is longer) with no NUL and under 1% control characters (tab, newlines, form feed
 * and ESC are fine); anything else as hex, with the reason.
 */
export function decideView(head: Uint8Array, size = head.length): FileView {
  if (size === 0) return { kind: 'empty' };
  const image = sniffImage(head);
  if (image) return { kind: 'image', image, mime: MIME[image] };
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff]))
    return {
      kind: 'hex',
      reason: 'UTF-16 text (a byte-order mark): shown as hex, as only UTF-8 is decoded',
    };
  const bom = startsWith(head, [0xef, 0xbb, 0xbf]);
  const end = head.length < size ? completeUtf8Length(head) : head.length;
  let control = 0;
  for (let i = 0; i < end; i++) {
    const b = head[i]!;
    if (b === 0) return { kind: 'hex', reason: 'binary: it holds NUL bytes' };
    if ((b < 0x20 && b !== 9 && b !== 10 && b !== 12 && b !== 13 && b !== 27) || b === 0x7f)
      control++;
  }
  const text = decodeUtf8(head.subarray(0, end));
  if (text === null)
    return {
      kind: 'hex',
      reason: 'not valid UTF-8 (binary, or text in another encoding such as ISO-8859-1)',
    };
  if (control * 100 > end) return { kind: 'hex', reason: 'binary: many control characters' };
  if (looksLikeSvg(text)) return { kind: 'image', image: 'svg', mime: MIME.svg };
  return { kind: 'text', bom };
}

const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Strict UTF-8 decoding (a leading BOM dropped), or null when the bytes are not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return fatal.decode(bytes);
  } catch {
    return null;
  }
}

/** The length of `bytes` without a multi-byte UTF-8 sequence cut off at its end. */
export function completeUtf8Length(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(4, n); back++) {
    const b = bytes[n - back]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: keep looking for the lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return back < need ? n - back : n;
  }
  return n;
}

/** Continuation bytes at the start of a page (the tail of a character begun on the previous page). */
export function leadingContinuationBytes(bytes: Uint8Array): number {
  let i = 0;
  while (i < Math.min(3, bytes.length) && (bytes[i]! & 0xc0) === 0x80) i++;
  return i;
}

/**
 * One page of a text file as text: a character cut at either edge of the page is left to the
 * neighbouring page (`first`/`last` say whether this page starts or ends the file). Null when
 * the page is not UTF-8.
 */
export function textOfPage(bytes: Uint8Array, first: boolean, last: boolean): string | null {
  const start = first ? 0 : leadingContinuationBytes(bytes);
  const end = last ? bytes.length : completeUtf8Length(bytes);
  return decodeUtf8(bytes.subarray(start, Math.max(start, end)));
}

/** Lines of a text for numbering: split at `\n` (a `\r` before it dropped); no empty last line after a final newline. */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.endsWith('\r')) lines[i] = l.slice(0, -1);
  }
  return lines;
}

/** Newlines in some bytes: how many lines earlier pages hold, to number the next page's lines. */
export function countNewlines(bytes: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) n++;
  return n;
}

/** Pages in a file of `size` bytes (at least 1). */
export function pageCount(size: number, pageSize = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(size / pageSize));
}

/** The byte range [start, end) of page `k` (0-based), clamped to the file. */
export function pageRange(
  size: number,
  k: number,
  pageSize = PAGE_SIZE,
): { start: number; end: number } {
  const last = pageCount(size, pageSize) - 1;
  const page = Math.min(Math.max(0, Math.floor(k)), last);
  const start = page * pageSize;
  return { start, end: Math.min(size, start + pageSize) };
}

/** One row of a hex dump. */
export interface HexRow {
  /** Offset of the row's first byte in the file. */
  offset: number;
  /** The offset as hex, 8 digits (more past 4 GiB). */
  offsetText: string;
  /** 16 bytes as hex pairs, an extra space after the eighth. */
  hex: string;
  /** Printable ASCII as is, everything else as `.`. */
  ascii: string;
}

/** Number of hex rows for `length` bytes. */
export function hexRowCount(length: number): number {
  return Math.ceil(length / HEX_ROW);
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * Hex-dump row `row` of `bytes` (a page read from file offset `base`), as `xxd` and `hexdump -C`
 * lay it out; computed per row so a virtualized view builds only the rows on screen.
 */
export function hexRow(bytes: Uint8Array, row: number, base = 0): HexRow {
  const start = row * HEX_ROW;
  const end = Math.min(bytes.length, start + HEX_ROW);
  let hex = '';
  let text = '';
  for (let i = start; i < start + HEX_ROW; i++) {
    if (i > start) hex += i - start === 8 ? '  ' : ' ';
    if (i < end) {
      const b = bytes[i]!;
      hex += HEX[b]!;
      text += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
    } else hex += '  ';
  }
  const offset = base + start;
  return { offset, offsetText: offset.toString(16).padStart(8, '0'), hex, ascii: text };
}
