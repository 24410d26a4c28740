import { decodeBase64 } from './base64.ts';
import { parseDigest, type Digest } from './digest.ts';
import { isMediaType, isUri } from './formats.ts';
import { readString, readStringArray, readStringMap } from './json-fields.ts';
import {
  context,
  fail,
  isObject,
  item,
  member,
  missing,
  show,
  warn,
  wrongType,
  type ReadContext,
} from './json-path.ts';
import { at } from './problem.ts';
import { Rule } from './rules.ts';
import type { Descriptor, Parsed, Platform } from './types.ts';

/** Sizes above this (1 TiB) are legal JSON but almost surely wrong for one blob. */
export const IMPLAUSIBLE_SIZE = 2 ** 40;

// defs-descriptor.json#/definitions/size: maximum 2^63 (int64, as a JSON number).
const MAX_INT64 = 2 ** 63;

/** Parse and validate a content descriptor (descriptor.md). `path` is its JSON path in the document. */
export function parseDescriptor(value: unknown, where: string, path = '$'): Parsed<Descriptor> {
  const ctx = context(where);
  const descriptor = readDescriptor(ctx, value, path);
  return { value: descriptor, problems: ctx.problems };
}

/** Read a descriptor into a shared context; undefined when mediaType, digest or size is unusable. */
export function readDescriptor(
  ctx: ReadContext,
  value: unknown,
  path: string,
): Descriptor | undefined {
  if (!isObject(value)) {
    wrongType(ctx, path, 'a descriptor object', value, Rule.descriptor);
    return undefined;
  }
  const mediaType = readMediaType(ctx, value, 'mediaType', path, true);
  const digest = readDigest(ctx, value, path);
  const size = readSize(ctx, value, path);
  const urls = readUrls(ctx, value, path);
  const annotations = readStringMap(ctx, value, 'annotations', path, Rule.annotations) ?? undefined;
  const data = readData(ctx, value, path);
  const platform =
    value.platform === undefined
      ? undefined
      : readPlatform(ctx, value.platform, member(path, 'platform'));
  const artifactType = readMediaType(ctx, value, 'artifactType', path, false);
  if (mediaType === undefined || digest === undefined || size === undefined) return undefined;
  const d: Descriptor = { mediaType, digest, size };
  if (urls) d.urls = urls;
  if (annotations) d.annotations = annotations;
  if (data) d.data = data;
  if (platform) d.platform = platform;
  if (artifactType !== undefined) d.artifactType = artifactType;
  return d;
}

/**
 * Read a media-type member (mediaType, artifactType). A string that breaks the RFC 6838 pattern
 * is reported as an error but still returned, so the rest of the document can be shown.
 */
export function readMediaType(
  ctx: ReadContext,
  obj: Record<string, unknown>,
  key: string,
  path: string,
  required: boolean,
): string | undefined {
  const rule = key === 'mediaType' ? Rule.mediaType : Rule.artifact;
  const value = readString(ctx, obj, key, path, rule, { required });
  if (value !== undefined && !isMediaType(value)) {
    fail(
      ctx,
      member(path, key),
      'media-type-invalid',
      `${show(value)} is not a media type: want type/subtype, each 1-127 characters of [A-Za-z0-9!#$&^_.+-] starting with a letter or digit`,
      Rule.mediaType,
    );
  }
  return value;
}

function readDigest(
  ctx: ReadContext,
  obj: Record<string, unknown>,
  path: string,
): Digest | undefined {
  const where = member(path, 'digest');
  if (obj.digest === undefined) {
    missing(ctx, where, '"digest"', Rule.digest);
    return undefined;
  }
  const parsed = parseDigest(obj.digest, at(ctx.doc, where));
  if (!parsed.ok) {
    ctx.problems.push(parsed.problem);
    return undefined;
  }
  ctx.problems.push(...parsed.problems);
  return parsed.digest;
}

function readSize(
  ctx: ReadContext,
  obj: Record<string, unknown>,
  path: string,
): number | undefined {
  const where = member(path, 'size');
  const size = obj.size;
  if (size === undefined) {
    missing(ctx, where, '"size"', Rule.size);
    return undefined;
  }
  if (typeof size !== 'number' || !Number.isInteger(size)) {
    wrongType(ctx, where, 'an integer number of bytes', size, Rule.size);
    return undefined;
  }
  if (size < 0) {
    fail(ctx, where, 'size-negative', `size must not be negative, got ${size}`, Rule.size);
    return undefined;
  }
  if (size >= MAX_INT64) {
    fail(ctx, where, 'size-invalid', `size ${size} does not fit in an int64`, Rule.size);
    return undefined;
  }
  if (size > Number.MAX_SAFE_INTEGER) {
    warn(
      ctx,
      where,
      'size-implausible',
      `size ${size} is above 2^53 bytes (8 PiB): no blob is that large, and the number cannot even be read exactly`,
      Rule.size,
    );
  } else if (size > IMPLAUSIBLE_SIZE) {
    warn(
      ctx,
      where,
      'size-implausible',
      `size ${size} bytes (${humanBytes(size)}) is implausible for one blob (over 1 TiB)`,
      Rule.size,
    );
  }
  return size;
}

function readUrls(
  ctx: ReadContext,
  obj: Record<string, unknown>,
  path: string,
): string[] | undefined {
  const urls = readStringArray(ctx, obj, 'urls', path, Rule.urls) ?? undefined;
  urls?.forEach((u, i) => {
    if (!isUri(u))
      fail(
        ctx,
        item(member(path, 'urls'), i),
        'url-invalid',
        `${show(u)} is not an absolute URI (RFC 3986)`,
        Rule.urls,
      );
  });
  return urls;
}

function readData(
  ctx: ReadContext,
  obj: Record<string, unknown>,
  path: string,
): Uint8Array | undefined {
  const text = readString(ctx, obj, 'data', path, Rule.data);
  if (text === undefined) return undefined;
  const data = decodeBase64(text);
  if (!data) {
    fail(
      ctx,
      member(path, 'data'),
      'data-invalid',
      'data must be standard base64 with padding (RFC 4648 §4)',
      Rule.data,
    );
  }
  return data;
}

/** Read a platform object: os and architecture required, the rest optional. */
export function readPlatform(ctx: ReadContext, value: unknown, path: string): Platform | undefined {
  if (!isObject(value)) {
    wrongType(ctx, path, 'a platform object', value, Rule.platform);
    return undefined;
  }
  const os = readString(ctx, value, 'os', path, Rule.platform, { required: true });
  const architecture = readString(ctx, value, 'architecture', path, Rule.platform, {
    required: true,
  });
  const variant = readString(ctx, value, 'variant', path, Rule.platform);
  const osVersion = readString(ctx, value, 'os.version', path, Rule.platform);
  const osFeatures = readStringArray(ctx, value, 'os.features', path, Rule.platform) ?? undefined;
  // `features` is Docker's manifest-list field; the OCI spec reserves it.
  const features = readStringArray(ctx, value, 'features', path, Rule.platform) ?? undefined;
  if (os === undefined || architecture === undefined) return undefined;
  const p: Platform = { os, architecture };
  if (variant !== undefined) p.variant = variant;
  if (osVersion !== undefined) p.osVersion = osVersion;
  if (osFeatures) p.osFeatures = osFeatures;
  if (features) p.features = features;
  return p;
}

/** Render a byte count with binary units: `4.5 TiB`. */
export function humanBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${n} B` : `${v.toFixed(1)} ${units[u]}`;
}
