/** The rows to render for a scroll position: [start, end), where they start, how tall all of them are. */
export interface VirtualWindow {
  start: number;
  end: number;
  /** Top of row `start`, in pixels from the top of the list. */
  offset: number;
  /** Height of every row together (the scroll height). */
  total: number;
}

/**
 * Which rows of a fixed-height list a viewport shows, plus `overscan` rows either side so a
 * fast scroll does not flash empty space. Clamped: any scrollTop (negative, past the end) works.
 */
export function virtualWindow(args: {
  count: number;
  rowHeight: number;
  scrollTop: number;
  viewportHeight: number;
  overscan?: number;
}): VirtualWindow {
  const { count, rowHeight } = args;
  const overscan = Math.max(0, Math.floor(args.overscan ?? 8));
  const total = count * rowHeight;
  if (count === 0 || rowHeight <= 0)
    return { start: 0, end: 0, offset: 0, total: Math.max(0, total) };
  const top = Math.min(Math.max(0, args.scrollTop), Math.max(0, total - args.viewportHeight));
  const first = Math.floor(top / rowHeight);
  const last = Math.ceil((top + Math.max(0, args.viewportHeight)) / rowHeight);
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, Math.max(last, first + 1) + overscan);
  return { start, end, offset: start * rowHeight, total };
}

/** The scrollTop that brings row `index` fully into view, moving as little as possible. */
export function scrollToRow(args: {
  index: number;
  rowHeight: number;
  scrollTop: number;
  viewportHeight: number;
}): number {
  const { index, rowHeight, scrollTop, viewportHeight } = args;
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return scrollTop;
}
