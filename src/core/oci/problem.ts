import type { ProblemCode } from './problem-codes.ts';

/** A problem found while reading an image: what, how bad, where, and which rule it breaks. */
export interface Problem {
  /** `error` breaks the spec or makes content unusable; `warning` is tolerated but notable. */
  severity: 'error' | 'warning';
  /** Stable machine-readable code, kebab-case (e.g. `blob-missing`, `digest-mismatch`). */
  code: ProblemCode;
  /** One sentence for humans; names what was expected and what came. */
  message: string;
  /** Where: a document (`index.json`, `sha256:…`, a path in an archive) plus a JSON path (`$.layers[0].size`). */
  where: string;
  /** The spec rule broken, as a short reference (e.g. `image-spec descriptor.md#digests`). */
  rule?: string;
}

/** Build a problem; keeps call sites short. */
export function problem(
  severity: Problem['severity'],
  code: ProblemCode,
  where: string,
  message: string,
  rule?: string,
): Problem {
  return rule === undefined
    ? { severity, code, message, where }
    : { severity, code, message, where, rule };
}

/** Join a document name and a JSON path into one `where` string. */
export function at(document: string, jsonPath = '$'): string {
  return jsonPath === '$' ? document : `${document} ${jsonPath}`;
}
