import { hashFor } from '../state/navigation.ts';
import { shortDigest } from './format.ts';

/**
 * A digest (or node id) as a link that selects its node; shows the short form unless `full`.
 * Its name starts with the text shown, so a spoken "click sha256:…" finds it (WCAG 2.5.3).
 */
export function DigestLink({
  id,
  full = false,
  label,
}: {
  id: string;
  full?: boolean;
  label?: string;
}) {
  const shown = full ? id : shortDigest(id);
  const more = label ?? `go to ${id}`;
  return (
    <a
      className="digest-link mono"
      href={hashFor({ node: id })}
      title={id}
      aria-label={`${shown}, ${more}`}
    >
      {shown}
    </a>
  );
}
