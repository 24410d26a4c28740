import { describe, expect, it } from 'vitest';
import { problem, type Problem } from '../../core/oci/problem.ts';
import type { NodeCheckState } from '../queries/checks.ts';
import { badgeFor, type BadgeState } from './badge-state.ts';

const error = problem('error', 'size-mismatch', 'sha256:a', 'size mismatch sha256:a');
const warning = problem('warning', 'media-type-missing', 'sha256:a', 'mediaType is not set');

const cases: [NodeCheckState, Problem[], BadgeState, number, number][] = [
  // check state, problems → badge state, errors, warnings
  ['verified', [], 'verified', 0, 0],
  ['verified', [warning], 'verified', 0, 1],
  ['verified', [error], 'error', 1, 0],
  ['verified', [warning, error], 'error', 1, 1],
  ['pending', [], 'pending', 0, 0],
  ['pending', [error], 'pending', 1, 0],
  ['mismatch', [error], 'mismatch', 1, 0],
  ['missing', [error], 'missing', 1, 0],
  ['failed', [error], 'failed', 1, 0],
  ['unverifiable', [], 'unverifiable', 0, 0],
  ['unverifiable', [error], 'error', 1, 0],
  ['synthesized', [], 'synthesized', 0, 0],
  ['synthesized', [error], 'error', 1, 0],
  ['none', [], 'none', 0, 0],
  ['none', [warning], 'none', 0, 1],
  ['none', [error], 'error', 1, 0],
];

describe('badgeFor (checks × problems)', () => {
  it.each(cases)('%s with %j → %s', (state, problems, want, errors, warnings) => {
    const b = badgeFor({ state }, problems);
    expect(b).toMatchObject({ state: want, errors, warnings });
    expect(b.reason).toBe(want === 'error' ? error.message : null);
  });

  it('never shows verified beside an error, whatever the check says', () => {
    const states: NodeCheckState[] = [
      'pending',
      'verified',
      'mismatch',
      'missing',
      'unverifiable',
      'synthesized',
      'failed',
      'none',
    ];
    for (const s of states) expect(badgeFor({ state: s }, [error]).state).not.toBe('verified');
  });
});
