import { isObject, item, member, missing, warn, wrongType, type ReadContext } from './json-path.ts';

/** How a member may be given: `required` reports its absence; `nullable` accepts JSON null. */
export interface FieldOptions {
  required?: boolean;
  nullable?: boolean;
}

/**
 * Look up a member, reporting it when absent but required. JSON null on a member that may not
 * be null is reported by the caller's type check; `undefined` means "absent".
 */
function lookup(
  ctx: ReadContext,
  obj: Record<string, unknown>,
  key: string,
  path: string,
  rule: string,
  opts: FieldOptions,
): unknown {
  const value = obj[key];
  if (value === undefined && opts.required) missing(ctx, member(path, key), `"${key}"`, rule);
  return value;
}

/** Read a string member. */
export function readString(
  ctx: ReadContext,
  obj: Record<string, unknown>,
  key: string,
  path: string,
  rule: string,
  opts: FieldOptions = {},
): string | undefined {
  const value = lookup(ctx, obj, key, path, rule, opts);
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  wrongType(ctx, member(path, key), 'a string', value, rule);
  return undefined;
}

/** Read a boolean member. */
export function readBoolean(
  ctx: ReadContext,
  obj: Record<string, unknown>,
  key: string,
  path: string,
  rule: string,
): boolean | undefined {
  const value = obj[key];
  if (value === undefined) return undefined;
  if (typeof value === 'boolean') return value;
  wrongType(ctx, member(path, key), 'a boolean', value, rule);
  return undefined;
}

/**
 * Read an array of strings. Returns null only when `nullable`; otherwise a JSON null is tolerated
 * as "absent" with a warning, because Go encoders write nil slices as null (Docker configs do).
 */
export function readStringArray(
  ctx: ReadContext,
  obj: Record<string, unknown>,
  key: string,
  path: string,
  rule: string,
  opts: FieldOptions = {},
): string[] | null | undefined {
  const value = lookup(ctx, obj, key, path, rule, opts);
  const where = member(path, key);
  if (value === undefined) return undefined;
  if (value === null) return nullMember(ctx, where, opts, rule);
  if (!Array.isArray(value)) {
    wrongType(ctx, where, 'an array of strings', value, rule);
    return undefined;
  }
  const out: string[] = [];
  value.forEach((v: unknown, i) => {
    if (typeof v === 'string') out.push(v);
    else wrongType(ctx, item(where, i), 'a string', v, rule);
  });
  return out;
}

/** Read a map of string → string (annotations, labels). */
export function readStringMap(
  ctx: ReadContext,
  obj: Record<string, unknown>,
  key: string,
  path: string,
  rule: string,
  opts: FieldOptions = {},
): Record<string, string> | null | undefined {
  return readMap(
    ctx,
    obj,
    key,
    path,
    rule,
    opts,
    'a string',
    (v): v is string => typeof v === 'string',
  );
}

/** Read a map of string → object (ExposedPorts, Volumes: a set spelled as `{"key": {}}`). */
export function readObjectMap(
  ctx: ReadContext,
  obj: Record<string, unknown>,
  key: string,
  path: string,
  rule: string,
  opts: FieldOptions = {},
): Record<string, unknown> | null | undefined {
  return readMap(ctx, obj, key, path, rule, opts, 'an object', isObject);
}

function readMap<T>(
  ctx: ReadContext,
  obj: Record<string, unknown>,
  key: string,
  path: string,
  rule: string,
  opts: FieldOptions,
  want: string,
  accept: (v: unknown) => v is T,
): Record<string, T> | null | undefined {
  const value = lookup(ctx, obj, key, path, rule, opts);
  const where = member(path, key);
  if (value === undefined) return undefined;
  if (value === null) return nullMember(ctx, where, opts, rule);
  if (!isObject(value)) {
    wrongType(ctx, where, `an object whose values are each ${want}`, value, rule);
    return undefined;
  }
  const out: Record<string, T> = {};
  for (const [k, v] of Object.entries(value)) {
    // defs.json patternProperties ".{1,}": an empty key is not constrained.
    if (accept(v)) out[k] = v;
    else if (k !== '') wrongType(ctx, member(where, k), want, v, rule);
  }
  return out;
}

function nullMember(
  ctx: ReadContext,
  where: string,
  opts: FieldOptions,
  rule: string,
): null | undefined {
  if (opts.nullable) return null;
  warn(
    ctx,
    where,
    'field-null',
    'is null; read as absent (Go encoders write empty lists and maps as null)',
    rule,
  );
  return undefined;
}
