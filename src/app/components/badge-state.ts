import type { Problem } from '../../core/oci/problem.ts';
import type { NodeCheck, NodeCheckState } from '../queries/checks.ts';

/** What a node's badge shows: a check state, or `error` when problems overrule a clean check. */
export type BadgeState = NodeCheckState | 'error';

/** A node's badge: its state, the error and warning counts beside it, and why. */
export interface Badge {
  state: BadgeState;
  errors: number;
  warnings: number;
  /** The first error's message, when an error decides the state. */
  reason: string | null;
}

/**
 * States that say "all is well" about the bytes, or say nothing: any error on the node must
 * overrule them, or a ✓ would stand beside an error (a size mismatch, a layer that is no tar).
 * Mismatch, missing and failed already say something is wrong; pending says nothing yet.
 */
const OVERRULED: ReadonlySet<NodeCheckState> = new Set([
  'verified',
  'unverifiable',
  'synthesized',
  'none',
]);

/** Combine a node's check with its problems (what reading found and what the checks found) into one badge. */
export function badgeFor(check: NodeCheck, problems: readonly Problem[]): Badge {
  const firstError = problems.find((p) => p.severity === 'error');
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const state: BadgeState = errors > 0 && OVERRULED.has(check.state) ? 'error' : check.state;
  return { state, errors, warnings, reason: state === 'error' ? firstError!.message : null };
}
