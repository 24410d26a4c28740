/** A piece of text: shown as is, or an invisible or reordering character spelled out. */
export interface TextSegment {
  text: string;
  /** True when `text` is the spelled-out form (`\x1b`, `\u202e`) of one character. */
  escaped: boolean;
}

// C0 controls, DEL, C1 controls; and the bidi and direction marks (U+061C, U+200E, U+200F,
// U+202A–U+202E, U+2066–U+2069) that reorder how the text around them reads.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const spell = (ch: string): string => {
  const code = ch.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
};

/**
 * Split text so control characters and bidi marks can be drawn as visible escapes; the
 * document keeps its bytes (copy and download use them), only the screen spells them out.
 * A small stand-in for the core text helper, to be folded into it.
 */
export function visibleSegments(text: string): TextSegment[] {
  const out: TextSegment[] = [];
  let last = 0;
  HIDDEN.lastIndex = 0;
  for (let m = HIDDEN.exec(text); m; m = HIDDEN.exec(text)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index), escaped: false });
    out.push({ text: spell(m[0]), escaped: true });
    last = m.index + 1;
  }
  if (last < text.length || out.length === 0) out.push({ text: text.slice(last), escaped: false });
  return out;
}

/** True when the text holds a character `visibleSegments` would spell out. */
export function hasHidden(text: string): boolean {
  HIDDEN.lastIndex = 0;
  return HIDDEN.test(text);
}
