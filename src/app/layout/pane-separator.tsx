import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

/** Props of PaneSeparator. */
export interface PaneSeparatorProps {
  /** What it resizes, e.g. "Resize the graph". */
  label: string;
  /** `vertical` is a bar between columns (moved left and right). */
  orientation: 'vertical' | 'horizontal';
  /** The size it controls, in percent, with its bounds. */
  value: number;
  min: number;
  max: number;
  /** The size for a pointer position (the caller knows which edge the size is measured from). */
  fromPointer: (clientX: number, clientY: number) => number;
  /** True when moving the bar right (or down) makes the size smaller. */
  inverted?: boolean;
  onChange: (value: number) => void;
  className: string;
}

/**
 * A resize bar between two panes (WAI-ARIA window splitter): drag it, or focus it and use the
 * arrow keys (Shift for bigger steps, Home and End for the bounds).
 */
export function PaneSeparator(props: PaneSeparatorProps) {
  const dragging = useRef(false);
  const { orientation, value, min, max, inverted = false } = props;
  const onKeyDown = (e: KeyboardEvent) => {
    const step = e.shiftKey ? 10 : 2;
    const forward = orientation === 'vertical' ? 'ArrowRight' : 'ArrowDown';
    const back = orientation === 'vertical' ? 'ArrowLeft' : 'ArrowUp';
    let next: number | null = null;
    if (e.key === forward) next = value + (inverted ? -step : step);
    else if (e.key === back) next = value + (inverted ? step : -step);
    else if (e.key === 'Home') next = min;
    else if (e.key === 'End') next = max;
    if (next === null) return;
    e.preventDefault();
    props.onChange(Math.min(max, Math.max(min, next)));
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    dragging.current = true;
    e.currentTarget.setPointerCapture(e.pointerId);
    e.preventDefault();
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!dragging.current) return;
    props.onChange(props.fromPointer(e.clientX, e.clientY));
  };
  const stop = (e: PointerEvent<HTMLDivElement>) => {
    dragging.current = false;
    if (e.currentTarget.hasPointerCapture(e.pointerId))
      e.currentTarget.releasePointerCapture(e.pointerId);
  };
  return (
    <div
      role="separator"
      tabIndex={0}
      aria-label={props.label}
      aria-orientation={orientation}
      aria-valuenow={Math.round(value)}
      aria-valuemin={min}
      aria-valuemax={max}
      className={`pane-separator pane-separator-${orientation} ${props.className}`}
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={stop}
      onPointerCancel={stop}
    />
  );
}
