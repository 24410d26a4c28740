import {
  decideView,
  HEX_ROW,
  PAGE_SIZE,
  textOfPage,
  type FileView,
} from '../../components/file-kind.ts';
import { formatJson, visibleControls } from './format-json.ts';

/** Blobs up to this size that read as JSON are shown formatted; larger ones as paged text. */
export const JSON_FORMAT_MAX = 1 << 20;
/** Formatted JSON past this many characters is cut (a hostile nesting multiplies its size). */
export const JSON_OUTPUT_MAX = 4 << 20;
/** Lines of formatted JSON per page. */
export const JSON_PAGE_LINES = 500;
/** Bytes per page of a hex dump (256 rows). */
export const HEX_PAGE = 4096;

/** How a blob is shown, decided from its first page and its media type. */
export type BlobShape =
  | { kind: 'empty' }
  | { kind: 'json'; lines: string[]; truncated: boolean }
  | { kind: 'text'; svg: boolean }
  | { kind: 'image'; mime: string }
  | { kind: 'hex'; reason: string };

const looksJson = (mediaType: string, head: string): boolean =>
  /json/i.test(mediaType) || /^[\s\uFEFF]*[{[]/.test(head);

/**
 * Decide how to show a blob: formatted JSON (small enough, and parses), UTF-8 text, an image
 * (raster by magic bytes; SVG only ever as text), or hex. `read` gives the whole blob's bytes,
 * asked for only when the blob may be formatted as JSON.
 */
export async function shapeOf(
  head: Uint8Array,
  size: number,
  mediaType: string,
  read: () => Promise<Uint8Array>,
): Promise<BlobShape> {
  const view: FileView = decideView(head, size);
  if (view.kind === 'empty') return { kind: 'empty' };
  if (view.kind === 'hex') return { kind: 'hex', reason: view.reason };
  if (view.kind === 'image')
    return view.image === 'svg' ? { kind: 'text', svg: true } : { kind: 'image', mime: view.mime };
  const first = textOfPage(head, true, head.length >= size) ?? '';
  if (size <= JSON_FORMAT_MAX && looksJson(mediaType, first)) {
    const text = textOfPage(await read(), true, true);
    if (text !== null && parses(text)) {
      const formatted = formatJson(visibleControls(text), JSON_OUTPUT_MAX);
      return { kind: 'json', lines: formatted.text.split('\n'), truncated: formatted.truncated };
    }
  }
  return { kind: 'text', svg: false };
}

/** True when the text is JSON; a nesting too deep for the parser still counts (the formatter copes). */
function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch (e) {
    return e instanceof RangeError;
  }
}

/** Bytes per page for a shape (text pages are byte ranges; hex pages are smaller, 256 rows). */
export function pageBytes(shape: BlobShape): number {
  return shape.kind === 'hex' ? HEX_PAGE : PAGE_SIZE;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A hex dump of one page read at offset `base`, as `hexdump -C` lays it out (offset, bytes, ASCII). */
export function hexDump(bytes: Uint8Array, base: number): string {
  const lines: string[] = [];
  for (let row = 0; row * HEX_ROW < bytes.length; row++) {
    const start = row * HEX_ROW;
    let hex = '';
    let ascii = '';
    for (let i = start; i < start + HEX_ROW; i++) {
      if (i > start) hex += i - start === 8 ? '  ' : ' ';
      const b = bytes[i];
      hex += b === undefined ? '  ' : HEX[b]!;
      if (b !== undefined) ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
    }
    lines.push(`${(base + start).toString(16).padStart(8, '0')}  ${hex}  |${ascii}|`);
  }
  return lines.join('\n');
}
