/** What a key press on the tree asks for; the component applies it (focus, expand, open). */
export type TreeAction =
  | { type: 'focus'; index: number }
  | { type: 'expand'; index: number }
  | { type: 'collapse'; index: number }
  | { type: 'expand-siblings'; index: number }
  | { type: 'activate'; index: number };

/** What the key handler reads about the visible rows. */
export interface KeyRows {
  count: number;
  depthAt(index: number): number;
  /** Has children to show or hide. */
  expandableAt(index: number): boolean;
  expandedAt(index: number): boolean;
}

/**
 * The WAI-ARIA tree pattern's keys (APG "Tree View"): Down/Up move one visible row; Right opens a
 * closed folder, or on an open one moves to its first child; Left closes an open folder, or moves
 * to the parent; Home/End go to the first/last row; PageDown/PageUp move a page; Enter and Space
 * activate; `*` expands every sibling of the row. Returns null for keys it does not handle.
 */
export function keyAction(
  key: string,
  rows: KeyRows,
  index: number,
  pageRows = 10,
): TreeAction | null {
  if (rows.count === 0) return null;
  const at = Math.min(Math.max(0, index), rows.count - 1);
  const focus = (i: number): TreeAction => ({
    type: 'focus',
    index: Math.min(Math.max(0, i), rows.count - 1),
  });
  switch (key) {
    case 'ArrowDown':
      return focus(at + 1);
    case 'ArrowUp':
      return focus(at - 1);
    case 'Home':
      return focus(0);
    case 'End':
      return focus(rows.count - 1);
    case 'PageDown':
      return focus(at + pageRows);
    case 'PageUp':
      return focus(at - pageRows);
    case 'ArrowRight':
      if (!rows.expandableAt(at)) return null;
      if (!rows.expandedAt(at)) return { type: 'expand', index: at };
      return at + 1 < rows.count && rows.depthAt(at + 1) > rows.depthAt(at) ? focus(at + 1) : null;
    case 'ArrowLeft': {
      if (rows.expandableAt(at) && rows.expandedAt(at)) return { type: 'collapse', index: at };
      const parent = parentIndex(rows, at);
      return parent < 0 ? null : focus(parent);
    }
    case 'Enter':
    case ' ':
      return { type: 'activate', index: at };
    case '*':
      return { type: 'expand-siblings', index: at };
    default:
      return null;
  }
}

/** The visible row holding row `index` (the nearest row above it that is less deep), or -1. */
export function parentIndex(rows: Pick<KeyRows, 'depthAt'>, index: number): number {
  const depth = rows.depthAt(index);
  for (let i = index - 1; i >= 0; i--) if (rows.depthAt(i) < depth) return i;
  return -1;
}

/** The indexes of the siblings of row `index` (same parent, same depth), itself included. */
export function siblingIndexes(rows: Pick<KeyRows, 'count' | 'depthAt'>, index: number): number[] {
  const depth = rows.depthAt(index);
  let first = index;
  while (first > 0 && rows.depthAt(first - 1) >= depth) first--;
  const out: number[] = [];
  for (let i = first; i < rows.count && rows.depthAt(i) >= depth; i++) {
    if (rows.depthAt(i) === depth) out.push(i);
  }
  return out;
}

/**
 * Type-ahead: the next row whose name starts with `prefix` (case-insensitive), searching after
 * `from` for a single character (so repeating it cycles) and from `from` itself for a longer
 * prefix (so typing on refines the current match); wraps around. -1 when none does.
 */
export function typeAhead(
  count: number,
  nameAt: (index: number) => string,
  from: number,
  prefix: string,
): number {
  if (count === 0 || prefix === '') return -1;
  const want = prefix.toLowerCase();
  const first = prefix.length === 1 ? from + 1 : from;
  for (let k = 0; k < count; k++) {
    const i = (((first + k) % count) + count) % count;
    if (nameAt(i).toLowerCase().startsWith(want)) return i;
  }
  return -1;
}

/** Characters typed in quick succession form one prefix; a pause (default 700 ms) starts a new one. */
export class TypeAheadBuffer {
  private text = '';
  private last = -Infinity;

  constructor(private readonly pauseMs = 700) {}

  /** Add a typed character at time `now` (ms); returns the prefix to search for. */
  push(char: string, now: number): string {
    this.text = now - this.last > this.pauseMs ? char : this.text + char;
    this.last = now;
    // Repeating one character (`ppp`) cycles through rows that start with it, as file managers do.
    if (this.text.length > 1 && [...this.text].every((c) => c === char)) return char;
    return this.text;
  }
}
