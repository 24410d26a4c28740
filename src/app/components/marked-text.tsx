import type { ReactNode } from 'react';
import { hasUnsafe, visibleSegments } from '../../core/text/visible.ts';

/** On screen the marks are styled, so a backslash stays itself (JSON keeps its own escapes). */
const SCREEN = { backslash: false } as const;

/**
 * Text from an image with control characters and bidi marks spelled out as styled marks
 * (`\x1b`, `\u202e`), so nothing in a name can reorder or hide what is around it; copies and
 * downloads keep the bytes, only the screen spells them out.
 */
export function marked(text: string): ReactNode {
  if (!hasUnsafe(text, SCREEN)) return text;
  return visibleSegments(text, SCREEN).map((s, i) =>
    s.escaped ? (
      <span key={i} className="j-esc" title="invisible or reordering character, shown escaped">
        {s.text}
      </span>
    ) : (
      s.text
    ),
  );
}

/** The same text for an accessible name or a tooltip: the marks spelled out in plain text. */
export function markedLabel(text: string): string {
  return hasUnsafe(text, SCREEN)
    ? visibleSegments(text, SCREEN)
        .map((s) => s.text)
        .join('')
    : text;
}
