import type { Explanation } from '../../components/explain.ts';

/** The card that explains a document's key or value: what it means and its spec section. */
export function JsonTooltip({
  id,
  explanation,
  left,
  top,
  onEnter,
  onLeave,
}: {
  id: string;
  explanation: Explanation;
  left: number;
  top: number;
  onEnter: () => void;
  onLeave: () => void;
}) {
  return (
    <span
      role="tooltip"
      id={id}
      className="hint-card"
      style={{ left, top }}
      onMouseEnter={onEnter}
      onMouseLeave={onLeave}
      onFocus={onEnter}
      onBlur={onLeave}
    >
      <span className="hint-title mono">{explanation.title}</span>
      <span className="hint-text">{explanation.text}</span>
      <a href={explanation.href} target="_blank" rel="noreferrer noopener">
        spec ↗
      </a>
    </span>
  );
}
