import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { virtualWindow } from '../tree/virtual-window.ts';

/** Props of VirtualLines: a count and a renderer; only the rows on screen are rendered. */
export interface VirtualLinesProps {
  count: number;
  rowHeight?: number;
  render: (index: number) => ReactNode;
  /** Height used until the viewport can be measured. */
  viewportHeight?: number;
  label?: string;
  /** Scroll back to the top when this changes (another page, another file). */
  resetKey?: unknown;
}

/** A scrolling list of fixed-height rows (text lines, hex rows), rendered a window at a time. */
export function VirtualLines({
  count,
  rowHeight = 18,
  render,
  viewportHeight = 480,
  label,
  resetKey,
}: VirtualLinesProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(viewportHeight);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight || viewportHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, [viewportHeight]);
  useEffect(() => {
    if (ref.current) ref.current.scrollTop = 0;
    setScrollTop(0);
  }, [resetKey]);
  const win = virtualWindow({ count, rowHeight, scrollTop, viewportHeight: height, overscan: 20 });
  const rows: ReactNode[] = [];
  for (let i = win.start; i < win.end; i++) {
    rows.push(
      <div key={i} className="fs-line" style={{ top: i * rowHeight, height: rowHeight }}>
        {render(i)}
      </div>,
    );
  }
  return (
    <div
      ref={ref}
      className="fs-content"
      tabIndex={0}
      aria-label={label}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div className="fs-lines-space" style={{ height: win.total }}>
        {rows}
      </div>
    </div>
  );
}
