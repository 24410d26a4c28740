import { readOwnMediaType, readSchemaVersion, readSubject } from './document-fields.ts';
import { readStringMap } from './json-fields.ts';
import {
  context,
  fail,
  isObject,
  item,
  missing,
  warn,
  wrongType,
  type ReadContext,
} from './json-path.ts';
import { MediaType, mediaKind } from './media-types.ts';
import { readDescriptor, readMediaType } from './parse-descriptor.ts';
import { parseSchema1 } from './parse-schema1.ts';
import { isArtifact } from './platform.ts';
import { Rule } from './rules.ts';
import type { Descriptor, ImageManifest, Parsed, Schema1Manifest } from './types.ts';

const OWN_TYPES = [MediaType.ociManifest, MediaType.dockerManifest];

/** What the referring descriptor says of a manifest, which its own bytes cannot. */
export interface ManifestContext {
  /**
   * An attestation manifest (BuildKit's, named by its index entry): its layers are statements
   * about an image (in-toto JSON), not filesystems, so their media types are expected.
   */
  attestation?: boolean;
}

/**
 * Parse and validate an image manifest (manifest.md) or a Docker schema 2 manifest; a document
 * with `schemaVersion: 1` is read as Docker schema 1 and reported as unsupported.
 */
export function parseManifest(
  json: unknown,
  where: string,
  from: ManifestContext = {},
): Parsed<ImageManifest | Schema1Manifest> {
  if (isObject(json) && json.schemaVersion === 1) return parseSchema1(json, where);
  const ctx = context(where);
  if (!isObject(json)) {
    wrongType(ctx, '$', 'an image manifest object', json, Rule.manifest);
    return { value: undefined, problems: ctx.problems };
  }
  const schemaVersion = readSchemaVersion(ctx, json, 2, Rule.manifest);
  const mediaType = readOwnMediaType(ctx, json, 'manifest', OWN_TYPES, Rule.manifest);
  const artifactType = readMediaType(ctx, json, 'artifactType', '$', false);
  let config: Descriptor | undefined;
  if (json.config === undefined) missing(ctx, '$.config', '"config"', Rule.manifest);
  else config = readDescriptor(ctx, json.config, '$.config');
  const layers = readLayers(ctx, json.layers);
  const subject = readSubject(ctx, json);
  const annotations = readStringMap(ctx, json, 'annotations', '$', Rule.annotations) ?? undefined;
  if (schemaVersion === undefined || !config || !layers)
    return { value: undefined, problems: ctx.problems };
  const manifest: ImageManifest = { kind: 'manifest', schemaVersion, config, layers };
  if (mediaType !== undefined) manifest.mediaType = mediaType;
  if (artifactType !== undefined) manifest.artifactType = artifactType;
  if (subject) manifest.subject = subject;
  if (annotations) manifest.annotations = annotations;
  checkArtifactRules(ctx, manifest, from);
  return { value: manifest, problems: ctx.problems };
}

/** Read `layers`; undefined when any entry is unusable, since positions pair layers with diff_ids. */
function readLayers(ctx: ReadContext, raw: unknown): Descriptor[] | undefined {
  if (raw === undefined) {
    missing(ctx, '$.layers', '"layers"', Rule.manifest);
    return undefined;
  }
  if (!Array.isArray(raw)) {
    wrongType(ctx, '$.layers', 'an array of descriptors', raw, Rule.manifest);
    return undefined;
  }
  const layers: Descriptor[] = [];
  let complete = true;
  raw.forEach((entry: unknown, i) => {
    const d = readDescriptor(ctx, entry, item('$.layers', i));
    if (d) layers.push(d);
    else complete = false;
  });
  return complete ? layers : undefined;
}

/** Rules that depend on whether the manifest is an image or an artifact. */
function checkArtifactRules(ctx: ReadContext, m: ImageManifest, from: ManifestContext): void {
  const artifact = isArtifact(m);
  if (m.config.mediaType === MediaType.ociEmpty && m.artifactType === undefined) {
    fail(
      ctx,
      '$.artifactType',
      'artifact-type-missing',
      `artifactType MUST be set when config.mediaType is ${MediaType.ociEmpty}`,
      Rule.manifest,
    );
  }
  if (m.layers.length === 0) {
    // image-manifest-schema.json says minItems 1 (manifest-06 must fail). Docker schema 2 sets
    // no minimum (`FROM scratch` images push "layers": []), and manifest.md only asks artifacts
    // to carry one layer (SHOULD): both of those are warnings.
    const docker =
      m.mediaType === MediaType.dockerManifest || m.config.mediaType === MediaType.dockerConfig;
    if (artifact || docker) {
      const why = docker
        ? 'a Docker image with no layers has an empty filesystem'
        : 'an artifact manifest SHOULD have at least one layer (the empty descriptor will do)';
      warn(
        ctx,
        '$.layers',
        'layers-empty',
        `layers is empty: ${why}`,
        docker ? Rule.manifest : Rule.artifact,
      );
    } else
      fail(
        ctx,
        '$.layers',
        'layers-empty',
        'an OCI image manifest must have at least one layer',
        Rule.manifest,
      );
  }
  if (artifact || from.attestation) return;
  m.layers.forEach((l, i) => {
    if (mediaKind(l.mediaType) !== 'layer') {
      warn(
        ctx,
        `${item('$.layers', i)}.mediaType`,
        'layer-media-type-unknown',
        `layer media type ${l.mediaType} is not a known layer type; this layer is not read as a filesystem`,
        Rule.manifest,
      );
    }
  });
}
