import { diffImages, type ImageSide } from '../core/diff/diff-images.ts';
import { lineDiff, toHunks, type LineHunk } from '../core/diff/line-diff.ts';
import type { ImageDiff } from '../core/diff/types.ts';
import { listImagePair } from '../core/diff/list-pair.ts';
import { layerSource, type ListedImage } from '../core/fs/list-image.ts';
import type { ImageSummary } from '../core/graph/model.ts';
import { streamFileRange } from '../core/layers/read-file.ts';
import type { Problem } from '../core/oci/problem.ts';
import { MapBlobStore, type StoredBlob } from '../core/store/blob-store.ts';
import type { CallContext } from './rpc.ts';

/** One side of a comparison as the page sends it: the input's blobs and the image to compare. */
export interface CompareSideArgs {
  /** The input's blobs (Blob references: posting them copies no bytes). */
  blobs: StoredBlob[];
  image: ImageSummary;
  /** The bytes of the index that lists the image's manifest, when one does. */
  index: Uint8Array | null;
}

/** A comparison to compute; `key` names it for the text diffs asked of it later. */
export interface CompareArgs {
  key: string;
  a: CompareSideArgs;
  b: CompareSideArgs;
  strict: boolean;
}

/** Progress of a comparison: the layers of both images being read (and hashed), then the diff. */
export interface CompareProgress {
  phase: 'list' | 'diff';
  /** Compressed bytes of both images' layers (a layer both hold is read once). */
  total: number;
}

/** A comparison's result: the diff, what reading the two images found, and the time it took. */
export interface CompareResult {
  diff: ImageDiff;
  problems: { a: Problem[]; b: Problem[] };
  ms: number;
}

/** The line diff of one changed file, or why there is none. */
export type TextDiffResult =
  | { kind: 'lines'; hunks: LineHunk[]; added: number; removed: number }
  | { kind: 'binary' }
  | { kind: 'too-large'; sizeA: number; sizeB: number }
  | { kind: 'too-different' };

/** Files larger than this are not read for a line diff (the viewer shows hashes and sizes). */
export const TEXT_DIFF_MAX_BYTES = 2 * 1024 * 1024;

/** The last comparison's listed images, kept so a changed file's line diff reads no listing again. */
let kept: { key: string; a: ListedImage; b: ListedImage } | null = null;

async function documentOf(store: MapBlobStore, digest: string | undefined): Promise<unknown> {
  const blob = digest ? store.get(digest)?.blob : undefined;
  if (!blob) return undefined;
  try {
    return JSON.parse(await blob.text()) as unknown;
  } catch {
    // Not JSON: the graph already reported it; the diff compares it as absent.
    return undefined;
  }
}

function parseIndex(bytes: Uint8Array | null): unknown {
  if (!bytes) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    return undefined;
  }
}

function storeOf(args: CompareSideArgs): MapBlobStore {
  const store = new MapBlobStore();
  for (const b of args.blobs) store.add(b);
  return store;
}

async function sideOf(
  args: CompareSideArgs,
  store: MapBlobStore,
  listed: ListedImage,
): Promise<ImageSide> {
  const index = parseIndex(args.index);
  const config = await documentOf(store, args.image.config?.digest.value);
  return {
    manifest: await documentOf(store, args.image.manifest),
    listed,
    ...(index !== undefined ? { index } : {}),
    ...(config !== undefined ? { config } : {}),
  };
}

/**
 * Compare two images (the page's compare view): both are listed in this worker, then diffed by
 * the core (`diffImages`: only files whose sizes agree are compared by hash). The listings are
 * kept for `compareText` until the next comparison.
 */
export async function compareImages(
  args: CompareArgs,
  ctx: CallContext<CompareProgress>,
): Promise<CompareResult> {
  const t0 = performance.now();
  kept = null;
  const sizes = (s: CompareSideArgs): number =>
    s.image.layers.reduce((n, l) => n + l.descriptor.size, 0);
  ctx.progress({ phase: 'list', total: sizes(args.a) + sizes(args.b) });
  const storeA = storeOf(args.a);
  const storeB = storeOf(args.b);
  // The core lists both in one pass per layer, hashing files as they stream, and reads a layer
  // the two share once (list-pair.ts).
  const listed = await listImagePair(
    { store: storeA, image: args.a.image },
    { store: storeB, image: args.b.image },
    { signal: ctx.signal },
  );
  const a = await sideOf(args.a, storeA, listed.a);
  const b = await sideOf(args.b, storeB, listed.b);
  ctx.progress({ phase: 'diff', total: 0 });
  // File hashes were taken as the layers streamed past: the diff reads no layer again.
  const diff = await diffImages(a, b, {
    strict: args.strict,
    signal: ctx.signal,
    hash: listed.hash,
  });
  kept = { key: args.key, a: a.listed, b: b.listed };
  return {
    diff,
    problems: { a: a.listed.problems, b: b.listed.problems },
    ms: performance.now() - t0,
  };
}

async function readWhole(listed: ListedImage, path: string, signal: AbortSignal) {
  const entry = listed.fs.get(path);
  const content = entry?.content;
  if (!content) throw new Error(`"${path}" has no content to read`);
  const source = layerSource(listed, content.layer);
  if (!source) throw new Error(`the layer holding "${path}" was not read`);
  const out = new Uint8Array(content.size);
  let at = 0;
  const reader = streamFileRange(source, content, 0, content.size, signal).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    out.set(value, at);
    at += value.length;
  }
  return out;
}

/** True for bytes a text viewer should not show as lines: a NUL, or not UTF-8. */
function decodeText(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * The line diff of a file the comparison named `key` found changed in content. Replies `null`
 * when this worker no longer holds that comparison (the page then computes it again).
 */
export async function compareText(
  args: { key: string; path: string },
  ctx: CallContext<never>,
): Promise<TextDiffResult | null> {
  if (!kept || kept.key !== args.key) return null;
  const { a, b } = kept;
  const sizeA = a.fs.get(args.path)?.size ?? 0;
  const sizeB = b.fs.get(args.path)?.size ?? 0;
  if (sizeA > TEXT_DIFF_MAX_BYTES || sizeB > TEXT_DIFF_MAX_BYTES)
    return { kind: 'too-large', sizeA, sizeB };
  const textA = decodeText(await readWhole(a, args.path, ctx.signal));
  const textB = decodeText(await readWhole(b, args.path, ctx.signal));
  if (textA === null || textB === null) return { kind: 'binary' };
  const r = lineDiff(textA, textB);
  if (!r.ok)
    return r.reason === 'too-large'
      ? { kind: 'too-large', sizeA, sizeB }
      : { kind: 'too-different' };
  return { kind: 'lines', hunks: toHunks(r.ops), added: r.added, removed: r.removed };
}

/** Forget the kept comparison (the compare view was closed). */
export async function compareClose(_args: null, _ctx: CallContext<never>): Promise<void> {
  kept = null;
}
