import { fail, jsonType, member, missing, show, warn, type ReadContext } from './json-path.ts';
import { mediaKind, type MediaKind } from './media-types.ts';
import { readDescriptor, readMediaType } from './parse-descriptor.ts';
import type { Descriptor } from './types.ts';

/** Check `schemaVersion` is the integer the document kind needs (2 for indexes and manifests). */
export function readSchemaVersion(
  ctx: ReadContext,
  obj: Record<string, unknown>,
  want: number,
  rule: string,
): number | undefined {
  const value = obj.schemaVersion;
  if (value === undefined) {
    missing(ctx, '$.schemaVersion', '"schemaVersion"', rule);
    return undefined;
  }
  if (value !== want) {
    fail(
      ctx,
      '$.schemaVersion',
      'schema-version-invalid',
      `schemaVersion must be ${want}, got ${jsonType(value)} ${show(value)}`,
      rule,
    );
    return typeof value === 'number' ? value : undefined;
  }
  return value;
}

/**
 * Check a document's own `mediaType`: optional (SHOULD be set, so a warning when absent), and
 * when set, one of the types of this document kind.
 */
export function readOwnMediaType(
  ctx: ReadContext,
  obj: Record<string, unknown>,
  kind: MediaKind,
  expected: readonly string[],
  rule: string,
): string | undefined {
  const value = readMediaType(ctx, obj, 'mediaType', '$', false);
  if (value === undefined) {
    if (obj.mediaType === undefined) {
      warn(
        ctx,
        '$.mediaType',
        'media-type-missing',
        `mediaType is not set; it SHOULD name the document type (${expected.join(' or ')})`,
        rule,
      );
    }
    return undefined;
  }
  if (mediaKind(value) !== kind) {
    fail(
      ctx,
      '$.mediaType',
      'media-type-mismatch',
      `mediaType must be ${expected.join(' or ')}, got ${show(value)}`,
      rule,
    );
  }
  return value;
}

/** Read the optional `subject` descriptor (the manifest this one refers to). */
export function readSubject(
  ctx: ReadContext,
  obj: Record<string, unknown>,
): Descriptor | undefined {
  if (obj.subject === undefined) return undefined;
  return readDescriptor(ctx, obj.subject, member('$', 'subject'));
}
