/**
 * Make strings from an image safe to show: nothing in them may move a terminal's cursor, retitle
 * it, start a new line, or reverse how the text around it reads.
 *
 * Rules (one place, used by the CLI's text output and the app's names):
 * - C0 controls, DEL and C1 controls become `\xNN` (`\n` and `\t` are named);
 * - a backslash becomes `\\`, so every escape can be told from the text it replaces;
 * - a byte that was not UTF-8 (decoded by `decodeName` as U+DC80–U+DCFF, Python's
 *   "surrogateescape") becomes `\xNN` with that byte's value; any other lone surrogate `\uNNNN`;
 * - bidi and direction marks (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) become
 *   `\uNNNN`.
 * A C1 control and the raw byte of the same value both read `\xNN` (as Python's repr shows
 * them): the terminal is safe either way, and `--json` keeps them apart.
 */

/** One piece of a string as shown: literal text, or the visible form of one unsafe character. */
export interface VisibleSegment {
  /** The text to show (for an escape, e.g. `\x1b`). */
  text: string;
  /** True when `text` stands for a character that was made visible (style it as a mark). */
  escaped: boolean;
}

// Everything the rules touch, so a clean string is returned untouched after one test.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\x00-\x1f\x7f-\x9f\\\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/;

/** The string made safe for one terminal line (see the rules above). */
export function visible(s: string): string {
  if (!UNSAFE.test(s)) return s;
  let out = '';
  for (const seg of visibleSegments(s)) out += seg.text;
  return out;
}

/** How segments are made: on a screen, where escapes are styled as marks, a backslash is itself. */
export interface SegmentOptions {
  /** Escape a backslash as `\\` (default). A screen that styles marks passes false: a styled
   * mark cannot be mistaken for text, and text such as JSON keeps its own backslashes. */
  backslash?: boolean;
}

/** True when `s` holds a character the rules make visible. */
export function hasUnsafe(s: string, opts: SegmentOptions = {}): boolean {
  if (!UNSAFE.test(s)) return false;
  return opts.backslash !== false || visibleSegments(s, opts).some((x) => x.escaped);
}

/** The same rules as `visible`, as segments, so a UI can style the escapes as marks. */
export function visibleSegments(s: string, opts: SegmentOptions = {}): VisibleSegment[] {
  const backslash = opts.backslash !== false;
  const out: VisibleSegment[] = [];
  let plainStart = 0;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    let esc: string | undefined;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = s.charCodeAt(i + 1);
      // A proper pair is one astral character: safe, kept.
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    }
    if (c === 0x5c) esc = backslash ? '\\\\' : undefined;
    else if (c === 0x0a) esc = '\\n';
    else if (c === 0x09) esc = '\\t';
    else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) esc = `\\x${hex(c, 2)}`;
    else if (c >= 0xdc80 && c <= 0xdcff) esc = `\\x${hex(c - 0xdc00, 2)}`;
    else if (c >= 0xd800 && c <= 0xdfff) esc = `\\u${hex(c, 4)}`;
    else if (isDirectionMark(c)) esc = `\\u${hex(c, 4)}`;
    if (esc === undefined) continue;
    if (i > plainStart) out.push({ text: s.slice(plainStart, i), escaped: false });
    out.push({ text: esc, escaped: true });
    plainStart = i + 1;
  }
  if (plainStart < n) out.push({ text: s.slice(plainStart), escaped: false });
  return out;
}

function isDirectionMark(c: number): boolean {
  return (
    c === 0x061c ||
    c === 0x200e ||
    c === 0x200f ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069)
  );
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}
