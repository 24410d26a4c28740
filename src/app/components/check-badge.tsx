import type { NodeCheck } from '../queries/checks.ts';

const TEXT: Record<NodeCheck['state'], string> = {
  pending: 'pending',
  verified: 'verified',
  mismatch: 'mismatch',
  missing: 'missing',
  unverifiable: 'unverifiable',
  synthesized: 'synthesized',
  failed: 'unreadable',
  none: '',
};

const ICON: Record<NodeCheck['state'], string> = {
  pending: '◌',
  verified: '✓',
  mismatch: '✗',
  missing: '∅',
  unverifiable: '?',
  synthesized: '✎',
  failed: '!',
  none: '',
};

const EXPLAIN: Record<NodeCheck['state'], string> = {
  pending: 'waiting for a worker to hash this blob',
  verified: 'the bytes hash to the digest they are stored under',
  mismatch: 'the bytes do not hash to the digest they are stored under',
  missing: 'the input does not hold this blob',
  unverifiable: 'this digest uses an algorithm the tool cannot compute',
  synthesized:
    'written by this tool (docker archives carry no manifests of their own); nothing to verify',
  failed: 'the blob could not be read',
  none: '',
};

/** The word a check state is shown as. */
export function checkText(state: NodeCheck['state']): string {
  return TEXT[state];
}

/** A small coloured badge for a verification state (pending / verified / mismatch / missing …). */
export function CheckBadge({ check, compact = false }: { check: NodeCheck; compact?: boolean }) {
  if (check.state === 'none') return null;
  const detail =
    check.state === 'mismatch'
      ? `want ${check.want}\ngot ${check.got}`
      : (check.message ?? EXPLAIN[check.state]);
  return (
    <span className={`check check-${check.state}`} title={detail} data-state={check.state}>
      <span aria-hidden="true">{ICON[check.state]}</span>
      {compact ? (
        <span className="visually-hidden">{TEXT[check.state]}</span>
      ) : (
        <span>{TEXT[check.state]}</span>
      )}
    </span>
  );
}
