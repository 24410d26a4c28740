import type { Problem } from '../../core/oci/problem.ts';
import type { NodeCheck } from '../queries/checks.ts';
import { badgeFor, type BadgeState } from './badge-state.ts';

const TEXT: Record<BadgeState, string> = {
  pending: 'pending',
  verified: 'verified',
  mismatch: 'mismatch',
  missing: 'missing',
  unverifiable: 'unverifiable',
  synthesized: 'synthesized',
  failed: 'unreadable',
  error: 'error',
  none: '',
};

const ICON: Record<BadgeState, string> = {
  pending: '◌',
  verified: '✓',
  mismatch: '✗',
  missing: '∅',
  unverifiable: '?',
  synthesized: '✎',
  failed: '!',
  error: '✗',
  none: '',
};

const EXPLAIN: Record<BadgeState, string> = {
  pending: 'waiting for a worker to hash this blob',
  verified: 'the bytes hash to the digest they are stored under',
  mismatch: 'the bytes do not hash to the digest they are stored under',
  missing: 'the input does not hold this blob',
  unverifiable: 'this digest uses an algorithm the tool cannot compute',
  synthesized:
    'written by this tool (docker archives carry no manifests of their own); nothing to verify',
  failed: 'the blob could not be read',
  error: 'this node has errors',
  none: '',
};

/** The word a badge state is shown as. */
export function checkText(state: BadgeState): string {
  return TEXT[state];
}

/**
 * A small coloured badge for a node: its check (pending / verified / mismatch / missing …)
 * combined with its problems, so an error is never shown beside a ✓ (see `badgeFor`).
 */
export function CheckBadge({
  check,
  problems = [],
  compact = false,
}: {
  check: NodeCheck;
  problems?: readonly Problem[];
  compact?: boolean;
}) {
  const badge = badgeFor(check, problems);
  if (badge.state === 'none') return null;
  const detail =
    badge.state === 'mismatch'
      ? `want ${check.want}\ngot ${check.got}`
      : badge.state === 'error'
        ? `${badge.errors} error${badge.errors > 1 ? 's' : ''}: ${badge.reason}`
        : (check.message ?? EXPLAIN[badge.state]);
  return (
    <span className={`check check-${badge.state}`} title={detail} data-state={badge.state}>
      <span aria-hidden="true">{ICON[badge.state]}</span>
      {compact ? (
        <span className="visually-hidden">{TEXT[badge.state]}</span>
      ) : (
        <span>{TEXT[badge.state]}</span>
      )}
    </span>
  );
}
