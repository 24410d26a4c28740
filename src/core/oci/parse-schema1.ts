import { parseDigest } from './digest.ts';
import { readString } from './json-fields.ts';
import {
  context,
  fail,
  isObject,
  item,
  member,
  missing,
  wrongType,
  type ReadContext,
} from './json-path.ts';
import { at } from './problem.ts';
import { Rule } from './rules.ts';
import type { Parsed, Schema1Manifest } from './types.ts';

/**
 * Read a Docker schema 1 manifest far enough to name it. It is always reported as an error
 * (`manifest-schema1-unsupported`): it has no content-addressed config, so there is no platform,
 * no diff_ids and no history to show, and its JWS signatures are not checked; registries stopped
 * serving it in 2020–2024. The value is still returned so the graph can show the node.
 */
export function parseSchema1(json: unknown, where: string): Parsed<Schema1Manifest> {
  const ctx = context(where);
  if (!isObject(json)) {
    wrongType(ctx, '$', 'a schema 1 manifest object', json, Rule.schema1);
    return { value: undefined, problems: ctx.problems };
  }
  fail(
    ctx,
    '$.schemaVersion',
    'manifest-schema1-unsupported',
    'this is a Docker schema 1 manifest (deprecated): it has no image config, so its layers cannot be mapped to a filesystem; convert it (e.g. skopeo copy) to schema 2 or OCI',
    Rule.schema1,
  );
  const name = readString(ctx, json, 'name', '$', Rule.schema1);
  const tag = readString(ctx, json, 'tag', '$', Rule.schema1);
  const architecture = readString(ctx, json, 'architecture', '$', Rule.schema1);
  const fsLayers = readFsLayers(ctx, json.fsLayers);
  const signed = readSignatures(ctx, json.signatures);
  const manifest: Schema1Manifest = {
    kind: 'manifest-schema1',
    schemaVersion: 1,
    fsLayers,
    signed,
  };
  if (name !== undefined) manifest.name = name;
  if (tag !== undefined) manifest.tag = tag;
  if (architecture !== undefined) manifest.architecture = architecture;
  return { value: manifest, problems: ctx.problems };
}

function readFsLayers(ctx: ReadContext, raw: unknown): string[] {
  if (raw === undefined) {
    missing(ctx, '$.fsLayers', '"fsLayers"', Rule.schema1);
    return [];
  }
  if (!Array.isArray(raw)) {
    wrongType(ctx, '$.fsLayers', 'an array of {blobSum}', raw, Rule.schema1);
    return [];
  }
  const out: string[] = [];
  raw.forEach((layer: unknown, i) => {
    const path = item('$.fsLayers', i);
    if (!isObject(layer))
      return wrongType(ctx, path, 'an object with blobSum', layer, Rule.schema1);
    const digest = parseDigest(layer.blobSum, at(ctx.doc, member(path, 'blobSum')));
    if (digest.ok) {
      ctx.problems.push(...digest.problems);
      out.push(digest.digest.value);
    } else ctx.problems.push(digest.problem);
  });
  return out;
}

/** True when the manifest carries at least one JWS signature (the prettyjws form). */
function readSignatures(ctx: ReadContext, raw: unknown): boolean {
  if (raw === undefined) return false;
  if (!Array.isArray(raw)) {
    wrongType(ctx, '$.signatures', 'an array of JWS signatures', raw, Rule.schema1);
    return false;
  }
  return raw.length > 0;
}
