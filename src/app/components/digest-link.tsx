import { hashFor } from '../state/navigation.ts';
import { shortDigest } from './format.ts';

/** A digest (or node id) as a link that selects its node; shows the short form unless `full`. */
export function DigestLink({
  id,
  full = false,
  label,
}: {
  id: string;
  full?: boolean;
  label?: string;
}) {
  return (
    <a
      className="digest-link mono"
      href={hashFor({ node: id })}
      title={id}
      aria-label={label ?? `go to ${id}`}
    >
      {full ? id : shortDigest(id)}
    </a>
  );
}
