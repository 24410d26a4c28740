import { parseDigest, type Digest } from './digest.ts';
import { isDateTime } from './formats.ts';
import { readBoolean, readString, readStringArray } from './json-fields.ts';
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
import { readRunConfig } from './parse-run-config.ts';
import { at } from './problem.ts';
import { Rule } from './rules.ts';
import type { HistoryEntry, ImageConfig, Parsed } from './types.ts';

/**
 * Parse and validate an image config (config.md), OCI or Docker. Non-empty history rows are
 * paired in order with rootfs.diff_ids (`layerIndex`). The value is undefined only when os,
 * architecture or rootfs.diff_ids cannot be read.
 */
export function parseConfig(json: unknown, where: string): Parsed<ImageConfig> {
  const ctx = context(where);
  if (!isObject(json)) {
    wrongType(ctx, '$', 'an image config object', json, Rule.config);
    return { value: undefined, problems: ctx.problems };
  }
  const r = Rule.config;
  const architecture = readString(ctx, json, 'architecture', '$', r, { required: true });
  const os = readString(ctx, json, 'os', '$', r, { required: true });
  const variant = readString(ctx, json, 'variant', '$', r);
  const osVersion = readString(ctx, json, 'os.version', '$', r);
  const osFeatures = readStringArray(ctx, json, 'os.features', '$', r) ?? undefined;
  const created = readDateTime(ctx, json, '$', r);
  const author = readString(ctx, json, 'author', '$', r);
  if (json.config === null)
    warn(
      ctx,
      '$.config',
      'field-null',
      'is null; read as absent (Go encoders write empty structs as null)',
      r,
    );
  const config =
    json.config === undefined || json.config === null
      ? undefined
      : readRunConfig(ctx, json.config, '$.config');
  const rootfs = readRootfs(ctx, json.rootfs);
  const history = readHistory(ctx, json.history);
  if (rootfs) mapHistory(ctx, history, rootfs.diffIds.length);
  if (architecture === undefined || os === undefined || !rootfs)
    return { value: undefined, problems: ctx.problems };
  const value: ImageConfig = { kind: 'config', architecture, os, diffIds: rootfs.diffIds, history };
  if (rootfs.type !== undefined) value.rootfsType = rootfs.type;
  if (variant !== undefined) value.variant = variant;
  if (osVersion !== undefined) value.osVersion = osVersion;
  if (osFeatures) value.osFeatures = osFeatures;
  if (created !== undefined) value.created = created;
  if (author !== undefined) value.author = author;
  if (config) value.config = config;
  return { value, problems: ctx.problems };
}

function readDateTime(
  ctx: ReadContext,
  obj: Record<string, unknown>,
  path: string,
  rule: string,
): string | undefined {
  const value = readString(ctx, obj, 'created', path, rule);
  if (value !== undefined && !isDateTime(value)) {
    fail(
      ctx,
      member(path, 'created'),
      'created-invalid',
      `created ${show(value)} is not an RFC 3339 date-time`,
      rule,
    );
  }
  return value;
}

function readRootfs(
  ctx: ReadContext,
  raw: unknown,
): { diffIds: Digest[]; type?: string } | undefined {
  const r = Rule.config;
  if (raw === undefined) {
    missing(ctx, '$.rootfs', '"rootfs"', r);
    return undefined;
  }
  if (!isObject(raw)) {
    wrongType(ctx, '$.rootfs', 'an object', raw, r);
    return undefined;
  }
  const type = readString(ctx, raw, 'type', '$.rootfs', r, { required: true });
  if (type !== undefined && type !== 'layers') {
    fail(
      ctx,
      '$.rootfs.type',
      'rootfs-type-invalid',
      `rootfs.type must be "layers", got ${show(type)}`,
      r,
    );
  }
  if (raw.diff_ids === null) {
    wrongType(ctx, '$.rootfs.diff_ids', 'an array of digests', null, r);
    return undefined;
  }
  const ids = readStringArray(ctx, raw, 'diff_ids', '$.rootfs', r, { required: true });
  if (!ids) return undefined;
  const diffIds: Digest[] = [];
  let complete = true;
  ids.forEach((id, i) => {
    const parsed = parseDigest(id, at(ctx.doc, item('$.rootfs.diff_ids', i)));
    if (parsed.ok) {
      ctx.problems.push(...parsed.problems);
      diffIds.push(parsed.digest);
    } else {
      ctx.problems.push(parsed.problem);
      complete = false;
    }
  });
  // Positions pair diff_ids with layers, so one bad entry makes the list unusable.
  if (!complete || ids.length !== (raw.diff_ids as unknown[]).length) return undefined;
  return type === undefined ? { diffIds } : { diffIds, type };
}

function readHistory(ctx: ReadContext, raw: unknown): HistoryEntry[] {
  const r = Rule.history;
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    wrongType(ctx, '$.history', 'an array of history objects', raw, r);
    return [];
  }
  const rows: HistoryEntry[] = [];
  raw.forEach((row: unknown, i) => {
    const path = item('$.history', i);
    if (!isObject(row)) return wrongType(ctx, path, 'a history object', row, r);
    const entry: HistoryEntry = {
      emptyLayer: readBoolean(ctx, row, 'empty_layer', path, r) ?? false,
      layerIndex: null,
    };
    const created = readDateTime(ctx, row, path, r);
    const createdBy = readString(ctx, row, 'created_by', path, r);
    const author = readString(ctx, row, 'author', path, r);
    const comment = readString(ctx, row, 'comment', path, r);
    if (created !== undefined) entry.created = created;
    if (createdBy !== undefined) entry.createdBy = createdBy;
    if (author !== undefined) entry.author = author;
    if (comment !== undefined) entry.comment = comment;
    rows.push(entry);
  });
  return rows;
}

/**
 * Give each non-empty history row the index of its diff_id, in order. A count mismatch is
 * only a warning: docker save and some builders are known to write one (the spec makes history
 * optional); rows past the last diff_id keep layerIndex null.
 */
function mapHistory(ctx: ReadContext, rows: HistoryEntry[], diffIdCount: number): void {
  let next = 0;
  for (const row of rows) {
    if (row.emptyLayer) continue;
    if (next < diffIdCount) row.layerIndex = next;
    next++;
  }
  if (rows.length > 0 && next !== diffIdCount) {
    warn(
      ctx,
      '$.history',
      'history-diffids-mismatch',
      `history has ${next} non-empty rows but rootfs.diff_ids lists ${diffIdCount} layers; rows are paired in order as far as they go`,
      Rule.history,
    );
  }
}
