import { packWindows, type GzipCheckpoint } from '../core/layers/gzip-checkpoints.ts';
import { CHECKPOINT_MIN_BLOB, listLayer } from '../core/layers/list-layer.ts';
import { isReadable } from '../core/layers/sniff-compression.ts';
import { algorithmOf } from '../core/oci/digest.ts';
import type { Problem } from '../core/oci/problem.ts';
import { checkLayerDigests, type DigestCheck } from '../core/verify/check.ts';
import { hashBlobCounted } from '../core/verify/hash-blob.ts';
import { copyEntries, EntryEncoder, entryBuffers, type EncodedEntries } from './entry-codec.ts';
import type { CallContext } from './rpc.ts';

/** What a layer job needs: the blob and what its descriptor and config claim. */
export interface LayerJobArgs {
  blob: Blob;
  /** The digest the blob is stored under (what the manifest claims). */
  digest: string;
  /** The config's rootfs.diff_ids entry for this layer, when known. */
  diffId: string | null;
  mediaType: string;
}

/** Progress of a layer job: compressed bytes read of the blob's size, and bytes produced. */
export interface LayerJobProgress {
  bytes: number;
  total: number;
  uncompressed: number;
}

/**
 * Phase 1, "index": what a layer holds and where its files can be read from, in one inflate
 * (our WebAssembly inflater records the gzip checkpoints on the way at little cost; no hashing).
 */
export interface LayerListingResult {
  /** What the magic bytes say (`gzip`, `zstd`, `tar`, or what it is instead). */
  compression: string;
  compressedBytes: number;
  uncompressedBytes: number | null;
  entryCount: number | null;
  /** The tar listing for the merged filesystem, as transferred columns. */
  entries: EncodedEntries | null;
  /** gzip resume points, for reading files without inflating from the start (windows in one buffer). */
  checkpoints: GzipCheckpoint[];
  /** A copy of the checkpoints' windows buffer, made here off the page's thread (see LayerVerifyResult). */
  spareWindows?: ArrayBuffer | null;
  problems: Problem[];
  ms: number;
}

/**
 * What phase 1 sends back: the result, plus (when asked) a spare copy of the listing made here,
 * so the page can move one copy to the merge worker by transfer and keep the other, instead of
 * cloning megabytes on its own thread (measured ~10 ms per MB on a 2-core VM).
 */
export interface LayerListingReply extends LayerListingResult {
  spare: EncodedEntries | null;
}

/** Phase 2, "verify": the layer read again and hashed (its checkpoints came with phase 1). */
export interface LayerVerifyResult {
  digest: DigestCheck;
  diffId: DigestCheck;
  compression: string;
  uncompressedBytes: number | null;
  /** Members this read listed (to compare with phase 1: a difference means the blob changed). */
  entryCount: number | null;
  problems: Problem[];
  ms: number;
}

/**
 * The app's checkpoint spacing: a quarter of the CLI's, so a read resumes at most ~1 MiB before
 * its byte (more in a layer past 256 MiB, whose list is thinned to 256 checkpoints, ~8 MiB of
 * windows). A click waits for that inflate, where the CLI's one-off `cat` hardly notices.
 */
export const APP_CHECKPOINT_EVERY = 1 << 20;

/** Report progress in the job's shape (compressed bytes of the blob, bytes produced). */
function reporter(ctx: CallContext<LayerJobProgress>, total: number) {
  ctx.progress({ bytes: 0, total, uncompressed: 0 });
  return (p: { compressedBytes: number; totalCompressed: number; uncompressedBytes: number }) =>
    ctx.progress({
      bytes: p.compressedBytes,
      total: p.totalCompressed,
      uncompressed: p.uncompressedBytes,
    });
}

/**
 * Phase 1: list a layer's tar members as fast as possible — our WebAssembly gzip, recording
 * checkpoints as it goes, and no hashing — so the filesystem can be built, and files deep in a
 * large layer opened quickly, before anything is verified. Entries and the checkpoints' windows
 * go back as transferred buffers, each with a spare copy made here when asked.
 */
export async function listLayerJob(
  args: LayerJobArgs & { spare?: boolean },
  ctx: CallContext<LayerJobProgress>,
): Promise<LayerListingReply> {
  const t0 = performance.now();
  // Encoded as they are read: the layer's entries never all exist as objects here.
  const encoder = new EntryEncoder();
  const index = await listLayer(args.blob, {
    signal: ctx.signal,
    diffId: false,
    checkpointEvery: args.blob.size >= CHECKPOINT_MIN_BLOB ? APP_CHECKPOINT_EVERY : 0,
    where: args.digest,
    onProgress: reporter(ctx, args.blob.size),
    takeEntry: (e) => encoder.add(e),
  });
  const readable = isReadable(index.compression);
  const entries = readable ? encoder.finish() : null;
  const spare = entries && args.spare ? copyEntries(entries) : null;
  if (entries) ctx.transfer(...entryBuffers(entries));
  if (spare) ctx.transfer(...entryBuffers(spare));
  const checkpoints = packWindows(index.checkpoints);
  const windows = checkpoints[0]?.window.buffer as ArrayBuffer | undefined;
  const spareWindows = windows ? windows.slice(0) : null;
  if (windows) ctx.transfer(windows, spareWindows!);
  return {
    compression: index.compression,
    compressedBytes: index.compressedSize,
    uncompressedBytes: readable ? index.uncompressedSize : null,
    entryCount: readable ? index.entryCount : null,
    entries,
    spare,
    checkpoints,
    spareWindows,
    problems: index.problems,
    ms: performance.now() - t0,
  };
}

/**
 * Phase 2: read the layer again in one pass for its digest (raw bytes) and its diff_id
 * (uncompressed stream). Needs nothing from phase 1.
 */
export async function verifyLayerJob(
  args: LayerJobArgs,
  ctx: CallContext<LayerJobProgress>,
): Promise<LayerVerifyResult> {
  const t0 = performance.now();
  const alg = algorithmOf(args.digest);
  const index = await listLayer(args.blob, {
    signal: ctx.signal,
    verifyDigest: alg === 'sha256',
    checkpointEvery: 0,
    where: args.digest,
    onProgress: reporter(ctx, args.blob.size),
    // Only counted (phase 1 has the listing): keeping the entries held a second copy of them.
    takeEntry: () => undefined,
    // A background pass: it takes its messages (an abort) promptly, and waits while the page
    // reads a file (WorkerPool.holdBackground).
    beforeChunk: () => ctx.breathe?.(),
  });
  // listLayer hashes raw bytes with sha256 only; a sha512 digest takes a second pass.
  const hashed =
    alg === 'sha512'
      ? (await hashBlobCounted(args.blob, 'sha512', { signal: ctx.signal })).digest
      : index.digest;
  const { digest, diffId } = checkLayerDigests(args, { digest: hashed, diffId: index.diffId });
  const readable = isReadable(index.compression);
  return {
    digest,
    diffId,
    compression: index.compression,
    uncompressedBytes: readable ? index.uncompressedSize : null,
    entryCount: readable ? index.entryCount : null,
    problems: index.problems,
    ms: performance.now() - t0,
  };
}
