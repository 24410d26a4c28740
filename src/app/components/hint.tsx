import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { Explanation } from './explain.ts';

/**
 * Text with an explanation card on hover or keyboard focus; the card holds a link to the spec,
 * so it stays open while the pointer moves onto it. Positioned `fixed` from the target's box so
 * scroll containers do not clip it.
 */
export function Hint({
  explanation,
  children,
  className,
}: {
  explanation: Explanation;
  children: ReactNode;
  className?: string;
}) {
  const [box, setBox] = useState<{ left: number; top: number } | null>(null);
  const target = useRef<HTMLSpanElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const id = useId();

  const show = useCallback(() => {
    clearTimeout(timer.current);
    const r = target.current?.getBoundingClientRect();
    if (!r) return;
    const left = Math.max(8, Math.min(r.left, window.innerWidth - 380));
    setBox({ left, top: r.bottom + 4 });
  }, []);
  const hide = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setBox(null), 150);
  }, []);
  useEffect(() => () => clearTimeout(timer.current), []);

  return (
    <span
      ref={target}
      className={`hint ${className ?? ''}`}
      tabIndex={0}
      aria-describedby={box ? id : undefined}
      onMouseEnter={show}
      onMouseLeave={hide}
      onFocus={show}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) hide();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') setBox(null);
      }}
    >
      {children}
      {box && (
        <span
          role="tooltip"
          id={id}
          className="hint-card"
          style={{ left: box.left, top: box.top }}
          onMouseEnter={show}
          onMouseLeave={hide}
        >
          <span className="hint-title mono">{explanation.title}</span>
          <span className="hint-text">{explanation.text}</span>
          <a href={explanation.href} target="_blank" rel="noreferrer noopener">
            spec ↗
          </a>
        </span>
      )}
    </span>
  );
}
