import { isMediaType } from './formats.ts';
import { readOwnMediaType, readSchemaVersion, readSubject } from './document-fields.ts';
import { readStringMap } from './json-fields.ts';
import { context, isObject, item, warn, wrongType, missing } from './json-path.ts';
import { MediaType, mediaKind } from './media-types.ts';
import { readDescriptor, readMediaType } from './parse-descriptor.ts';
import { Rule } from './rules.ts';
import type { Descriptor, ImageIndex, Parsed } from './types.ts';

const OWN_TYPES = [MediaType.ociIndex, MediaType.dockerManifestList];

/**
 * Parse and validate an image index (image-index.md) or a Docker manifest list. Entries that
 * cannot be used (no digest, no size) are dropped and reported; the rest are kept in order.
 */
export function parseIndex(json: unknown, where: string): Parsed<ImageIndex> {
  const ctx = context(where);
  if (!isObject(json)) {
    wrongType(ctx, '$', 'an image index object', json, Rule.index);
    return { value: undefined, problems: ctx.problems };
  }
  const schemaVersion = readSchemaVersion(ctx, json, 2, Rule.index);
  const mediaType = readOwnMediaType(ctx, json, 'index', OWN_TYPES, Rule.index);
  const artifactType = readMediaType(ctx, json, 'artifactType', '$', false);
  const manifests: Descriptor[] = [];
  const raw = json.manifests;
  if (raw === undefined) missing(ctx, '$.manifests', '"manifests"', Rule.index);
  else if (raw === null) {
    // Docker 25-26 `docker save` writes this when it records no platform manifests.
    warn(
      ctx,
      '$.manifests',
      'index-manifests-null',
      'manifests is null; read as an empty list (a known docker save bug)',
      Rule.index,
    );
  } else if (!Array.isArray(raw))
    wrongType(ctx, '$.manifests', 'an array of descriptors', raw, Rule.index);
  else {
    raw.forEach((entry: unknown, i) => {
      const path = item('$.manifests', i);
      const d = readDescriptor(ctx, entry, path);
      if (!d) return;
      const kind = mediaKind(d.mediaType);
      if (isMediaType(d.mediaType) && !['index', 'manifest', 'manifest-schema1'].includes(kind)) {
        warn(
          ctx,
          `${path}.mediaType`,
          'index-entry-media-type-unknown',
          `entry's media type ${d.mediaType} is not an index or manifest type; it is kept but may not be followed`,
          Rule.index,
        );
      }
      manifests.push(d);
    });
  }
  const subject = readSubject(ctx, json);
  const annotations = readStringMap(ctx, json, 'annotations', '$', Rule.annotations) ?? undefined;
  if (schemaVersion === undefined) return { value: undefined, problems: ctx.problems };
  const index: ImageIndex = { kind: 'index', schemaVersion, manifests };
  if (mediaType !== undefined) index.mediaType = mediaType;
  if (artifactType !== undefined) index.artifactType = artifactType;
  if (subject) index.subject = subject;
  if (annotations) index.annotations = annotations;
  return { value: index, problems: ctx.problems };
}
