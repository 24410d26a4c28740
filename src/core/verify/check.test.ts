import { describe, expect, it } from 'vitest';
import {
  blobUnreadable,
  checkLayerDigests,
  compareDigest,
  mismatchProblems,
  type DigestCheck,
} from './check.ts';

const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;
const S512 = `sha512:${'c'.repeat(128)}`;

describe('compareDigest', () => {
  it.each([
    [A, A, { state: 'verified', want: A, got: A }],
    [A, B, { state: 'mismatch', want: A, got: B }],
    [null, B, { state: 'unknown', want: null, got: B }],
    [A, undefined, { state: 'not-computed', want: A, got: null }],
    [A, null, { state: 'not-computed', want: A, got: null }],
  ] as const)('want %s, got %s', (want, got, check) => {
    expect(compareDigest(want, got)).toEqual(check);
  });
});

describe('checkLayerDigests', () => {
  it.each([
    // [claimed digest, claimed diff_id, computed digest, computed diff_id, digest state, diff_id state]
    [A, B, A, B, 'verified', 'verified'],
    [A, B, B, A, 'mismatch', 'mismatch'],
    [A, null, A, B, 'verified', 'unknown'],
    [S512, B, undefined, B, 'not-computed', 'verified'],
    ['md5:abc', B, undefined, B, 'unverifiable', 'verified'],
    [A, S512, A, B, 'verified', 'unverifiable'],
  ] as const)('claims %s / %s, computed %s / %s', (digest, diffId, gotDigest, gotDiff, s1, s2) => {
    const got = checkLayerDigests({ digest, diffId }, { digest: gotDigest, diffId: gotDiff });
    expect([got.digest.state, got.diffId.state]).toEqual([s1, s2]);
  });
});

describe('the problems a check stands for', () => {
  const blob = { digest: A, source: 'blobs/sha256/aaa' };
  const check = (state: DigestCheck['state'], want: string, got: string): DigestCheck => ({
    state,
    want,
    got,
  });

  it.each([
    ['nothing wrong', check('verified', A, A), check('verified', B, B), []],
    ['a digest mismatch', check('mismatch', A, B), check('verified', B, B), ['digest-mismatch']],
    ['a diff_id mismatch', check('verified', A, A), check('mismatch', B, A), ['diff-id-mismatch']],
    [
      'both',
      check('mismatch', A, B),
      check('mismatch', B, A),
      ['digest-mismatch', 'diff-id-mismatch'],
    ],
  ] as const)('%s', (_, digest, diffId, codes) => {
    const problems = mismatchProblems(blob, digest, diffId);
    expect(problems.map((p) => p.code)).toEqual(codes);
    // One fact, one text: every problem of a blob is placed at its digest.
    for (const p of problems) expect(p.where).toBe(A);
  });

  it('names the source, what was wanted and what came', () => {
    const [digest, diffId] = mismatchProblems(
      blob,
      check('mismatch', A, B),
      check('mismatch', B, A),
    );
    expect(digest!.message).toBe(`digest mismatch for blobs/sha256/aaa: want ${A}, got ${B}`);
    expect(diffId!.message).toBe(
      `diff_id mismatch for layer ${A}: the config says ${B}, the uncompressed stream hashes to ${A}`,
    );
    expect(
      mismatchProblems({ digest: A, source: null }, check('mismatch', A, B))[0]!.message,
    ).toMatch(new RegExp(`^digest mismatch for ${A}:`));
  });

  it('says why a blob could not be read', () => {
    const p = blobUnreadable(blob, new Error('EIO'));
    expect([p.code, p.where, p.message]).toEqual([
      'blob-unreadable',
      A,
      'could not read blobs/sha256/aaa: EIO',
    ]);
  });
});
