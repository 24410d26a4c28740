import { algorithmOf } from '../oci/digest.ts';
import { problem, type Problem } from '../oci/problem.ts';
import { Rule } from '../oci/rules.ts';

/**
 * What checking one claimed digest found: the bytes hash to it (`verified`) or not
 * (`mismatch`), its algorithm cannot be computed (`unverifiable`), or the bytes could not be
 * read (`unreadable`).
 */
export type CheckOutcome = 'verified' | 'mismatch' | 'unverifiable' | 'unreadable';

/** A check's state: an outcome, or `unknown` (nothing was claimed) or `not-computed` (not hashed). */
export type CheckState = CheckOutcome | 'unknown' | 'not-computed';

/** A check of one claimed digest (a blob's digest, a layer's diff_id): what was wanted, what came. */
export interface DigestCheck {
  state: CheckState;
  want: string | null;
  got: string | null;
}

/** One row of `verify`: a stored blob, how its check came out, and for layers the diff_id computed. */
export interface BlobVerification {
  digest: string;
  source: string;
  state: CheckOutcome;
  got?: string;
  bytes: number;
  /** For layers: the diff_id computed from the decompressed stream. */
  diffId?: string;
}

/** Compare a claimed digest with the one computed (undefined: not computed; null want: nothing claimed). */
export function compareDigest(want: string | null, got: string | undefined | null): DigestCheck {
  if (got === undefined || got === null) return { state: 'not-computed', want, got: null };
  if (want === null) return { state: 'unknown', want, got };
  return { state: want === got ? 'verified' : 'mismatch', want, got };
}

const DIFF_ID = 'image-spec config.md#layer-diffid';

/** The problem of a blob whose bytes do not hash to its digest; `where` is the digest, so it finds its node. */
export function digestMismatch(
  blob: { digest: string; source: string | null },
  got: string,
): Problem {
  return problem(
    'error',
    'digest-mismatch',
    blob.digest,
    `digest mismatch for ${blob.source ?? blob.digest}: want ${blob.digest}, got ${got}`,
    Rule.digest,
  );
}

/** The problem of a layer whose uncompressed stream does not hash to the config's diff_id. */
export function diffIdMismatch(layerDigest: string, want: string, got: string): Problem {
  return problem(
    'error',
    'diff-id-mismatch',
    layerDigest,
    `diff_id mismatch for layer ${layerDigest}: the config says ${want}, the uncompressed stream hashes to ${got}`,
    DIFF_ID,
  );
}

/** The problem of a blob that could not be read at all (an I/O error, not bad content). */
export function blobUnreadable(
  blob: { digest: string; source: string | null },
  error: unknown,
): Problem {
  const why = error instanceof Error ? error.message : String(error);
  return problem(
    'error',
    'blob-unreadable',
    blob.digest,
    `could not read ${blob.source ?? blob.digest}: ${why}`,
  );
}

/** The problems a digest check and (for a layer) a diff_id check stand for: one per mismatch. */
export function mismatchProblems(
  blob: { digest: string; source: string | null },
  digest: DigestCheck,
  diffId?: DigestCheck,
): Problem[] {
  const out: Problem[] = [];
  if (digest.state === 'mismatch' && digest.got !== null)
    out.push(digestMismatch(blob, digest.got));
  if (diffId?.state === 'mismatch' && diffId.want !== null && diffId.got !== null)
    out.push(diffIdMismatch(blob.digest, diffId.want, diffId.got));
  return out;
}

/**
 * A layer's two checks from what one read computed: its digest (`computed.digest` must be of
 * the claimed digest's algorithm, or absent) and its diff_id (sha256 by construction, so a
 * diff_id of another algorithm cannot be checked).
 */
export function checkLayerDigests(
  claim: { digest: string; diffId: string | null },
  computed: { digest?: string | null; diffId?: string | null },
): { digest: DigestCheck; diffId: DigestCheck } {
  const digest: DigestCheck =
    algorithmOf(claim.digest) === null
      ? { state: 'unverifiable', want: claim.digest, got: null }
      : compareDigest(claim.digest, computed.digest);
  const diffId: DigestCheck =
    claim.diffId !== null && !claim.diffId.startsWith('sha256:')
      ? { state: 'unverifiable', want: claim.diffId, got: computed.diffId ?? null }
      : compareDigest(claim.diffId, computed.diffId);
  return { digest, diffId };
}
