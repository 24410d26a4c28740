import { readString } from './json-fields.ts';
import { context, fail, isObject, show, wrongType } from './json-path.ts';
import { Rule } from './rules.ts';
import type { LayoutHeader, Parsed } from './types.ts';

/** The layout versions image-layout-schema.json allows (an enum, not a pattern). */
export const LAYOUT_VERSIONS: readonly string[] = ['1.0.0'];

/**
 * Parse and validate the `oci-layout` header. A version other than 1.0.0 is an error (the
 * schema's enum) but the value is still returned, so a reader may try the layout anyway.
 */
export function parseLayoutHeader(json: unknown, where: string): Parsed<LayoutHeader> {
  const ctx = context(where);
  if (!isObject(json)) {
    wrongType(ctx, '$', 'an object with imageLayoutVersion', json, Rule.layout);
    return { value: undefined, problems: ctx.problems };
  }
  const version = readString(ctx, json, 'imageLayoutVersion', '$', Rule.layout, { required: true });
  if (version === undefined) return { value: undefined, problems: ctx.problems };
  if (!LAYOUT_VERSIONS.includes(version)) {
    fail(
      ctx,
      '$.imageLayoutVersion',
      'layout-version-unsupported',
      `imageLayoutVersion must be ${LAYOUT_VERSIONS.join(' or ')}, got ${show(version)}`,
      Rule.layout,
    );
  }
  return { value: { imageLayoutVersion: version }, problems: ctx.problems };
}
