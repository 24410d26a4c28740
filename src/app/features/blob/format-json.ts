/** Deeper levels than this are indented no further, so a hostile nesting cannot make lines megabytes wide. */
export const MAX_INDENT_LEVELS = 32;

const PADS = Array.from({ length: MAX_INDENT_LEVELS + 1 }, (_, d) => '\n' + '  '.repeat(d));

/**
 * Pretty-print JSON text in one linear pass over its characters, with no recursion and no
 * parse tree: a 100,000-deep document formats like any other. Whitespace outside strings is
 * replaced by newlines and two-space indents; strings are copied as they are. Text that is not
 * valid JSON is still laid out token by token (the caller decides whether to offer it as JSON). Stops once the output passes `maxChars`.
 */
export function formatJson(
  text: string,
  maxChars = Infinity,
): { text: string; truncated: boolean } {
  const out: string[] = [];
  let length = 0;
  const pad = (depth: number): string => PADS[Math.min(depth, MAX_INDENT_LEVELS)]!;
  let depth = 0;
  let chunkStart = -1;
  const push = (piece: string): void => {
    out.push(piece);
    length += piece.length;
  };
  const flush = (i: number): void => {
    if (chunkStart >= 0) push(text.slice(chunkStart, i));
    chunkStart = -1;
  };
  for (let i = 0; i < text.length; i++) {
    if (length > maxChars) {
      flush(i);
      return { text: out.join(''), truncated: true };
    }
    const c = text[i]!;
    if (c === '"') {
      // Copy a whole string literal at once, escapes included.
      flush(i);
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      push(text.slice(i, Math.min(j + 1, text.length)));
      i = j;
      continue;
    }
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t') {
      flush(i);
      continue;
    }
    if (c === '{' || c === '[') {
      flush(i);
      let j = i + 1;
      while (j < text.length && ' \n\r\t'.includes(text[j]!)) j++;
      const close = c === '{' ? '}' : ']';
      if (text[j] === close) {
        push(c + close);
        i = j;
      } else {
        depth++;
        push(c + pad(depth));
      }
      continue;
    }
    if (c === '}' || c === ']') {
      flush(i);
      depth = Math.max(0, depth - 1);
      push(pad(depth) + c);
      continue;
    }
    if (c === ',') {
      flush(i);
      push(',' + pad(depth));
      continue;
    }
    if (c === ':') {
      flush(i);
      push(': ');
      continue;
    }
    if (chunkStart < 0) chunkStart = i;
  }
  flush(text.length);
  return { text: out.join(''), truncated: false };
}

const BIDI = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// C0 controls other than tab and newline, and DEL.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/**
 * Text from an image made safe to read: bidi overrides shown as `⟨U+202E⟩` (they could make a
 * line read differently than it is stored) and control characters as their Unicode pictures.
 */
export function visibleControls(text: string): string {
  return text
    .replace(BIDI, (c) => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`)
    .replace(CONTROL, (c) =>
      String.fromCharCode(c === '\u007f' ? 0x2421 : 0x2400 + c.charCodeAt(0)),
    );
}
