import { problem, type Problem } from './problem.ts';

/** A digest algorithm we can verify. Anything else that fits the grammar is kept but unverifiable. */
export type KnownAlgorithm = 'sha256' | 'sha512';

/** A parsed content digest (`algorithm:encoded`), per image-spec descriptor.md#digests. */
export interface Digest {
  readonly algorithm: string;
  readonly encoded: string;
  /** The canonical string form `algorithm:encoded`. */
  readonly value: string;
  /** True when we know how to compute this algorithm (sha256, sha512). */
  readonly verifiable: boolean;
}

// descriptor.md: algorithm-component ::= [a-z0-9]+ ; separator ::= [+._-] ; encoded ::= [a-zA-Z0-9=_-]+
const GRAMMAR = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
const ENCODED_LENGTH: Record<KnownAlgorithm, number> = { sha256: 64, sha512: 128 };

/** Result of parsing a digest string: the digest, or a problem saying why not. */
export type DigestParse =
  { ok: true; digest: Digest; problems: Problem[] } | { ok: false; problem: Problem };

/** Parse and validate a digest string. Registered algorithms must be lowercase hex of the right length. */
export function parseDigest(input: unknown, where = 'digest'): DigestParse {
  if (typeof input !== 'string') {
    return {
      ok: false,
      problem: problem(
        'error',
        'digest-invalid',
        where,
        `digest must be a string, got ${typeof input}`,
        'image-spec descriptor.md#digests',
      ),
    };
  }
  if (!GRAMMAR.test(input)) {
    return {
      ok: false,
      problem: problem(
        'error',
        'digest-invalid',
        where,
        `"${clip(input)}" is not a digest (algorithm:encoded)`,
        'image-spec descriptor.md#digests',
      ),
    };
  }
  const colon = input.indexOf(':');
  const algorithm = input.slice(0, colon);
  const encoded = input.slice(colon + 1);
  const problems: Problem[] = [];
  if (algorithm === 'sha256' || algorithm === 'sha512') {
    const want = ENCODED_LENGTH[algorithm];
    if (!/^[a-f0-9]+$/.test(encoded) || encoded.length !== want) {
      return {
        ok: false,
        problem: problem(
          'error',
          'digest-invalid',
          where,
          `${algorithm} digest must be ${want} lowercase hex characters, got "${clip(encoded)}"`,
          `image-spec descriptor.md#${algorithm}`,
        ),
      };
    }
    return { ok: true, digest: { algorithm, encoded, value: input, verifiable: true }, problems };
  }
  problems.push(
    problem(
      'warning',
      'digest-unverifiable',
      where,
      `digest algorithm "${algorithm}" is not one this tool can compute; content under it cannot be verified`,
      'image-spec descriptor.md#digests',
    ),
  );
  return { ok: true, digest: { algorithm, encoded, value: input, verifiable: false }, problems };
}

/** Make a digest from a known algorithm and hex (e.g. a freshly computed hash). */
export function makeDigest(algorithm: KnownAlgorithm, hex: string): Digest {
  return { algorithm, encoded: hex, value: `${algorithm}:${hex}`, verifiable: true };
}

/** Parse a digest string that must be valid (tests, constants); throws otherwise. */
export function digestOf(value: string): Digest {
  const r = parseDigest(value);
  if (!r.ok) throw new Error(r.problem.message);
  return r.digest;
}

/** Shorten a digest for display: `sha256:0123456789ab`. */
export function shortDigest(d: Digest | string, hexChars = 12): string {
  const v = typeof d === 'string' ? d : d.value;
  const colon = v.indexOf(':');
  return colon < 0 ? v.slice(0, hexChars) : v.slice(0, colon + 1 + hexChars);
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** The algorithm of a digest string when this tool can compute it (`sha256`, `sha512`), else null. */
export function algorithmOf(digest: string): KnownAlgorithm | null {
  return digest.startsWith('sha256:') ? 'sha256' : digest.startsWith('sha512:') ? 'sha512' : null;
}
