import type { GzipCheckpoint } from '../core/layers/gzip-checkpoints.ts';
import { buildFilesystem, type MergedFilesystem } from '../core/fs/merged-filesystem.ts';
import { readLayerFile, streamLayerRange } from '../core/layers/read-file.ts';
import type { Compression } from '../core/layers/sniff-compression.ts';
import type { PathEvent } from '../core/fs/types.ts';
import { treeRows, type FsRow, type TreeMode } from '../core/fs/fs-rows.ts';
import { decodeEntries, type EncodedEntries } from './entry-codec.ts';
import type { CallContext } from './rpc.ts';

/** The layers of one image, as the main thread holds them (index results), bottom first. */
export interface FsImageArgs {
  /** Identifies the image's filesystem (manifest digest and input key). */
  key: string;
  layers: { name: string; entries: EncodedEntries }[];
}

/** A layer blob to read file bytes from. */
export interface FsLayerBlob {
  blob: Blob;
  compression: string;
  checkpoints?: GzipCheckpoint[];
}

/** What a read returns: one page (or the whole file), and the file's full size. */
export interface FsReadResult {
  path: string;
  bytes: Uint8Array;
  offset: number;
  size: number;
}

const KEEP = 2;
const sessions = new Map<string, MergedFilesystem>();

/** The merged filesystem of an image, built once per worker and kept for the next calls. */
function session(args: FsImageArgs): MergedFilesystem {
  let fs = sessions.get(args.key);
  if (fs === undefined) {
    fs = buildFilesystem(
      args.layers.map((l) => ({ name: l.name, entries: decodeEntries(l.entries) })),
    );
    if (sessions.size >= KEEP) sessions.delete(sessions.keys().next().value!);
  } else sessions.delete(args.key);
  sessions.set(args.key, fs);
  return fs;
}

/** The tree rows for a mode (merged up to N, or one layer's changes), as plain objects. */
export async function fsRows(
  args: FsImageArgs & { mode: TreeMode; showDeleted: boolean },
  ctx: CallContext<never>,
): Promise<{ rows: FsRow[]; layerCount: number; ms: number }> {
  ctx.signal.throwIfAborted();
  const t0 = performance.now();
  const fs = session(args);
  const rows = treeRows(fs, args.mode, args.showDeleted);
  return { rows, layerCount: fs.layerCount, ms: performance.now() - t0 };
}

/** A path's history: every layer that added, changed or removed it. */
export async function fsHistory(
  args: FsImageArgs & { path: string },
  ctx: CallContext<never>,
): Promise<PathEvent[]> {
  ctx.signal.throwIfAborted();
  return [...session(args).historyOf(args.path)];
}

/**
 * Bytes of a file as layer `layer` leaves it (a hardlink's shared content; deleted rows as the
 * layer that held them): the whole file, or `length` bytes from `offset` (pages of large files).
 */
export async function fsRead(
  args: FsImageArgs & {
    path: string;
    layer: number;
    blobs: FsLayerBlob[];
    offset: number;
    length: number;
  },
  ctx: CallContext<never>,
): Promise<FsReadResult> {
  const fs = session(args);
  const history = fs.historyOf(args.path);
  let content = null;
  for (let i = history.length - 1; i >= 0; i--) {
    const e = history[i]!;
    if (e.layer > args.layer || e.action === 'deleted') continue;
    const c = e.source ?? (e.entry?.type === 'file' ? { ...e.entry, layer: e.layer } : undefined);
    if (c) content = { layer: c.layer, dataOffset: c.dataOffset, size: c.size };
    break;
  }
  if (content === null) throw new Error(`"${args.path}" has no content to read`);
  const source = args.blobs[content.layer];
  if (!source) throw new Error(`layer ${content.layer} is not available`);
  const layer = {
    blob: source.blob,
    compression: source.compression as Compression,
    checkpoints: source.checkpoints,
  };
  const offset = Math.min(Math.max(0, args.offset), content.size);
  const length = Math.min(args.length, content.size - offset);
  let bytes: Uint8Array;
  if (offset === 0 && length === content.size) {
    bytes = await readLayerFile(
      layer,
      {
        path: args.path,
        dataOffset: content.dataOffset,
        size: content.size,
        sparse: false,
        type: 'file',
      },
      ctx.signal,
    );
  } else {
    bytes = new Uint8Array(length);
    let at = 0;
    const r = streamLayerRange(layer, content.dataOffset + offset, length, ctx.signal).getReader();
    for (;;) {
      const { done, value } = await r.read();
      if (done) break;
      bytes.set(value, at);
      at += value.length;
    }
  }
  ctx.transfer(bytes.buffer as ArrayBuffer);
  return { path: args.path, bytes, offset, size: content.size };
}
