import { findCheckpoint, type GzipCheckpoint } from '../core/layers/gzip-checkpoints.ts';
import { buildFilesystem, type MergedFilesystem } from '../core/fs/merged-filesystem.ts';
import { BlobBuilder } from '../core/layers/blob-builder.ts';
import { streamFileRange, type LayerSource } from '../core/layers/read-file.ts';
import type { SparseRegion } from '../core/layers/sparse-map.ts';
import type { Compression } from '../core/layers/sniff-compression.ts';
import type { PathEvent } from '../core/fs/types.ts';
import type { TreeMode } from '../core/fs/fs-rows.ts';
import type { ChangeFilter } from '../core/fs/change-filter.ts';
import { treeSource } from '../core/fs/tree-source.ts';
import { TreeModel } from '../core/fs/tree-model.ts';
import { encodeTree, treeBuffers, type EncodedTree } from './tree-codec.ts';
import { analyzeMerged, type ImageAnalysis } from './analyze.ts';
import { decodeEach, type EncodedEntries } from './entry-codec.ts';
import type { CallContext } from './rpc.ts';

/**
 * Names an image's filesystem in a worker. The listings (`layers`) travel only when the worker
 * does not hold that filesystem yet: a call without them is answered "need layers" (an
 * `FsReply`), and the caller repeats it with them (see `FsClient`), so a file read costs no copy
 * of them.
 */
export interface FsImageArgs {
  /** Identifies the image's filesystem (manifest digest and input key). */
  key: string;
  /** The layers' listings as the main thread holds them (index results), bottom first. */
  layers?: { name: string; entries: EncodedEntries }[];
}

/** A layer blob to read file bytes from, with what makes reads deep in it fast. */
export interface FsLayerBlob {
  blob: Blob;
  compression: string;
  checkpoints?: GzipCheckpoint[];
}

/** What every file call names: the file, the layer whose view it is read from, the layer blobs. */
export interface FsFileArgs extends FsImageArgs {
  path: string;
  layer: number;
  /**
   * One character per layer, changing when that layer's blob does (its verification added
   * checkpoints): the worker then asks for that one layer's blob again.
   */
  blobsVersion: string;
  /** Layer blobs by layer index: only those the worker asked for. */
  blobs?: Record<number, FsLayerBlob>;
}

/** What a read returns: one page (or the whole file), and the file's full size. */
export interface FsReadResult {
  path: string;
  bytes: Uint8Array;
  offset: number;
  size: number;
  via: ReadVia;
}

/**
 * How far a read has come towards its first byte: the bytes inflated of the `before` that lie
 * between where decoding started (the layer's start, or a checkpoint) and the file.
 */
export interface FsReadProgress {
  inflated: number;
  before: number;
  /** The layer (index) whose blob holds the bytes. */
  layer: number;
  via: ReadVia;
}

/** What the worker lacks to answer a call: the listings, or the current blob of one layer. */
export type FsNeed = { need: 'layers' } | { need: 'blob'; layer: number };

/**
 * A filesystem call's reply: its value, or what the caller must send along with the same call
 * (the worker keeps state between calls, so it can lack what the page still holds).
 */
export type FsReply<T> = { ok: true; value: T } | ({ ok: false } & FsNeed);

const done = <T>(value: T): FsReply<T> => ({ ok: true, value });
const needLayers: FsReply<never> = { ok: false, need: 'layers' };
const needBlob = (layer: number): FsReply<never> => ({ ok: false, need: 'blob', layer });

interface Session {
  fs: MergedFilesystem;
  /** How long the merge took (reported with the analysis). */
  mergeMs: number;
  /** The image's analysis, once asked. */
  analysis?: ImageAnalysis;
  /** Layer blobs as last sent, by layer index, each with the version it was sent with. */
  blobs: Map<number, { blob: FsLayerBlob; version: string }>;
}

const KEEP = 2;
const sessions = new Map<string, Session>();
/** Blobs handed over (`fsKeepBlobs`) before the image's filesystem was built here, by image key. */
const early = new Map<string, Session['blobs']>();

/** The session of an image, built once (from the listings) and kept for the next calls. */
function sessionOf(args: FsImageArgs): FsReply<Session> {
  let s = sessions.get(args.key);
  if (s === undefined) {
    if (!args.layers) return needLayers;
    const t0 = performance.now();
    s = {
      fs: buildFilesystem(
        args.layers.map((l) => ({ name: l.name, entries: decodeEach(l.entries) })),
      ),
      mergeMs: performance.now() - t0,
      blobs: early.get(args.key) ?? new Map(),
    };
    // The listings are in the merge now: the call's own copy need not live as long as the call
    // (for 300,000 paths, ~25 MB held while the tree was built and encoded).
    args.layers = undefined;
    early.delete(args.key);
    if (sessions.size >= KEEP) sessions.delete(sessions.keys().next().value!);
  } else sessions.delete(args.key);
  sessions.set(args.key, s);
  return done(s);
}

/** The blob of layer `layer`: sent with the call (then kept), or kept from an earlier call. */
function blobOf(s: Session, args: FsFileArgs, layer: number): FsReply<FsLayerBlob> {
  const version = args.blobsVersion[layer] ?? '';
  const sent = args.blobs?.[layer];
  if (sent) s.blobs.set(layer, { blob: sent, version });
  const kept = s.blobs.get(layer);
  return kept && kept.version === version ? done(kept.blob) : needBlob(layer);
}

/**
 * Keep layer blobs sent ahead of any read (the app sends each layer's checkpoints as its
 * verification finishes), so the first read after that needs no round trip to ask for them.
 */
export async function fsKeepBlobs(
  args: { key: string; blobsVersion: string; keep: Record<number, FsLayerBlob> },
  ctx: CallContext<never>,
): Promise<void> {
  ctx.signal.throwIfAborted();
  let blobs = sessions.get(args.key)?.blobs ?? early.get(args.key);
  if (!blobs) {
    if (early.size >= KEEP) early.delete(early.keys().next().value!);
    early.set(args.key, (blobs = new Map()));
  }
  for (const [layer, blob] of Object.entries(args.keep))
    blobs.set(Number(layer), { blob, version: args.blobsVersion[Number(layer)] ?? '' });
}

/**
 * The tree for a mode (merged up to N, or one layer's changes) with dive's change toggles
 * applied, built and sorted here and sent as columns (tree-codec.ts): the page gets no object
 * per row, and does no work per row (300,000 rows as objects held the page for 1.5 s or more).
 */
export async function fsTree(
  args: FsImageArgs & { mode: TreeMode; changes: ChangeFilter },
  ctx: CallContext<never>,
): Promise<FsReply<{ tree: EncodedTree; layerCount: number; ms: number }>> {
  ctx.signal.throwIfAborted();
  const t0 = performance.now();
  const s = sessionOf(args);
  if (!s.ok) return s;
  const source = treeSource(s.value.fs, args.mode, args.changes);
  const tree = encodeTree(TreeModel.build(source.entries), source.rowOf);
  ctx.transfer(...treeBuffers(tree));
  return done({ tree, layerCount: s.value.fs.layerCount, ms: performance.now() - t0 });
}

/** The image's net and wasted bytes per layer, from the filesystem kept here (computed once). */
export async function fsAnalysis(
  args: FsImageArgs,
  ctx: CallContext<never>,
): Promise<FsReply<ImageAnalysis>> {
  ctx.signal.throwIfAborted();
  const s = sessionOf(args);
  if (!s.ok) return s;
  s.value.analysis ??= analyzeMerged(s.value.fs, s.value.mergeMs);
  return done(s.value.analysis);
}

/** A path's history: every layer that added, changed or removed it. */
export async function fsHistory(
  args: FsImageArgs & { path: string },
  ctx: CallContext<never>,
): Promise<FsReply<PathEvent[]>> {
  ctx.signal.throwIfAborted();
  const s = sessionOf(args);
  return s.ok ? done([...s.value.fs.historyOf(args.path)]) : s;
}

/** Where a file's bytes are, as layer `layer` leaves it (a hardlink's shared content included). */
interface ContentRef {
  layer: LayerSource;
  /** The index of the layer whose blob `layer` is. */
  layerIndex: number;
  dataOffset: number;
  size: number;
  /** A sparse file's regions (holes read as zeros); null when its map was unreadable. */
  sparseMap: readonly SparseRegion[] | null | undefined;
}

/**
 * The content a path has as layer `layer` leaves it. A path deleted by then has none: the viewer
 * reads a deleted row from the layer before its marker.
 */
function contentOf(args: FsFileArgs): FsReply<ContentRef> {
  const s = sessionOf(args);
  if (!s.ok) return s;
  const history = s.value.fs.historyOf(args.path);
  let content = null;
  for (let i = history.length - 1; i >= 0; i--) {
    const e = history[i]!;
    if (e.layer > args.layer) continue;
    if (e.action === 'deleted') break;
    const c = e.source ?? (e.entry?.type === 'file' ? { ...e.entry, layer: e.layer } : undefined);
    if (c)
      content = {
        layer: c.layer,
        dataOffset: c.dataOffset,
        size: c.size,
        sparseMap: c.sparseMap,
      };
    break;
  }
  if (content === null) throw new Error(`"${args.path}" has no content to read`);
  const source = blobOf(s.value, args, content.layer);
  if (!source.ok) return source;
  return done({
    layerIndex: content.layer,
    layer: {
      blob: source.value.blob,
      compression: source.value.compression as Compression,
      checkpoints: source.value.checkpoints,
    },
    dataOffset: content.dataOffset,
    size: content.size,
    sparseMap: content.sparseMap,
  });
}

/** How a read reaches its bytes, shown with the file (and measured by the benchmarks). */
export type ReadVia = 'tar' | 'checkpoint' | 'start';

function viaOf(layer: LayerSource, at: number): ReadVia {
  if (layer.compression === 'tar') return 'tar';
  return layer.compression === 'gzip' && findCheckpoint(layer.checkpoints ?? [], at)
    ? 'checkpoint'
    : 'start';
}

/** The file's bytes [offset, offset + length), chunk by chunk as the layer decompresses. */
async function* chunksOf(
  ref: ContentRef,
  offset: number,
  length: number,
  signal: AbortSignal,
  onApproach?: (p: { inflated: number; before: number }) => void,
): AsyncGenerator<Uint8Array> {
  if (length <= 0) return;
  const r = streamFileRange(ref.layer, ref, offset, length, signal, onApproach).getReader();
  try {
    for (;;) {
      const { done, value } = await r.read();
      if (done) return;
      yield value;
    }
  } finally {
    r.releaseLock();
  }
}

/**
 * Bytes of a file as layer `layer` leaves it: the whole file, or `length` bytes from `offset`
 * (pages of large files).
 */
export async function fsRead(
  args: FsFileArgs & { offset: number; length: number },
  ctx: CallContext<FsReadProgress>,
): Promise<FsReply<FsReadResult>> {
  const found = contentOf(args);
  if (!found.ok) return found;
  const ref = found.value;
  const offset = Math.min(Math.max(0, args.offset), ref.size);
  const length = Math.min(args.length, ref.size - offset);
  const bytes = new Uint8Array(length);
  const via = viaOf(ref.layer, ref.dataOffset + offset);
  let at = 0;
  const approach = (p: { inflated: number; before: number }): void =>
    ctx.progress({ ...p, layer: ref.layerIndex, via });
  for await (const chunk of chunksOf(ref, offset, length, ctx.signal, approach)) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  if (at !== length)
    throw new Error(`"${args.path}" ended after ${offset + at} of ${ref.size} bytes`);
  ctx.transfer(bytes.buffer as ArrayBuffer);
  return done({ path: args.path, bytes, offset, size: ref.size, via });
}

/** Newline counts already made, per file: offset → newlines before it (paging on costs one page). */
const lineMarks = new Map<string, Map<number, number>>();
const MARKED_FILES = 16;

/**
 * How many newlines a file holds before `offset`, so a later page's lines are numbered as in the
 * whole file. Counts from the nearest offset counted before, so paging forward reads one page.
 */
export async function fsLines(
  args: FsFileArgs & { offset: number },
  ctx: CallContext<never>,
): Promise<FsReply<{ offset: number; linesBefore: number }>> {
  const found = contentOf(args);
  if (!found.ok) return found;
  const ref = found.value;
  const offset = Math.min(Math.max(0, args.offset), ref.size);
  const fileKey = `${args.key} ${args.layer} ${args.path}`;
  let marks = lineMarks.get(fileKey);
  if (!marks) {
    marks = new Map([[0, 0]]);
    if (lineMarks.size >= MARKED_FILES) lineMarks.delete(lineMarks.keys().next().value!);
    lineMarks.set(fileKey, marks);
  }
  let from = 0;
  for (const at of marks.keys()) if (at <= offset && at > from) from = at;
  let lines = marks.get(from)!;
  for await (const chunk of chunksOf(ref, from, offset - from, ctx.signal)) {
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
  }
  marks.set(offset, lines);
  return done({ offset, linesBefore: lines });
}

/**
 * The whole file as a Blob, to save: built from the decompressed chunks as they come (a browser
 * keeps large Blobs out of the heap), with progress in bytes.
 */
export async function fsBlob(
  args: FsFileArgs,
  ctx: CallContext<{ bytes: number; total: number }>,
): Promise<FsReply<Blob>> {
  const found = contentOf(args);
  if (!found.ok) return found;
  const ref = found.value;
  const out = new BlobBuilder();
  for await (const chunk of chunksOf(ref, 0, ref.size, ctx.signal)) {
    out.add(chunk);
    ctx.progress({ bytes: out.size, total: ref.size });
  }
  const blob = out.build();
  if (blob === null) throw new Error(`"${args.path}" could not be kept for saving`);
  if (blob.size !== ref.size)
    throw new Error(`"${args.path}" ended after ${blob.size} of ${ref.size} bytes`);
  return done(blob);
}
