import { useCallback, useEffect, useRef, useState } from 'react';
import { scrollToRow } from './virtual-window.ts';

/**
 * The tree's scrolling box: its scroll position and height (followed as it resizes), and a way
 * to bring a row into view. `fallbackHeight` is used until the box can be measured (jsdom, the
 * first paint).
 */
export function useTreeViewport(rowHeight: number, fallbackHeight = 480) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(fallbackHeight);

  useEffect(() => {
    const el = scroller.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight || fallbackHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, [fallbackHeight]);

  const reveal = useCallback(
    (index: number) => {
      const el = scroller.current;
      if (!el) return;
      const top = scrollToRow({
        index,
        rowHeight,
        scrollTop: el.scrollTop,
        viewportHeight: height,
      });
      if (top !== el.scrollTop) {
        el.scrollTop = top;
        setScrollTop(top);
      }
    },
    [rowHeight, height],
  );

  return { scroller, scrollTop, setScrollTop, height, reveal };
}
