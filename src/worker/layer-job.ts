import { packWindows, type GzipCheckpoint } from '../core/layers/gzip-checkpoints.ts';
import { CHECKPOINT_MIN_BLOB, listLayer } from '../core/layers/list-layer.ts';
import { isReadable } from '../core/layers/sniff-compression.ts';
import { algorithmOf, type KnownAlgorithm } from '../core/oci/digest.ts';
import { problem, type Problem } from '../core/oci/problem.ts';
import { checkLayerDigests, type DigestCheck } from '../core/verify/check.ts';
import { createHasher, hexOf } from '../core/verify/hasher.ts';
import { WHOLE_STREAM_MAX } from '../core/verify/stream-digest.ts';
import { copyEntries, EntryEncoder, entryBuffers, type EncodedEntries } from './entry-codec.ts';
import { HashBeside, type HashWorker } from './hash-beside.ts';
import { receiveLater, sendLater } from './later.ts';
import type { CallContext } from './rpc.ts';

/** What a layer job needs: the blob and what its descriptor and config claim. */
export interface LayerJobArgs {
  blob: Blob;
  /** The digest the blob is stored under (what the manifest claims). */
  digest: string;
  /** The config's rootfs.diff_ids entry for this layer, when known. */
  diffId: string | null;
  mediaType: string;
  /**
   * The listing also hashes the raw bytes into the digest (sha256 digests, blobs up to
   * WHOLE_DIGEST_MAX), so they are read once: for images whose layers keep every worker busy
   * listing, where a separate hash would read each blob again for want of an idle worker.
   */
  hashRaw?: boolean;
}

/** Progress of a layer job: compressed bytes read of the blob's size, and bytes produced. */
export interface LayerJobProgress {
  bytes: number;
  total: number;
  uncompressed: number;
}

/**
 * The one inflate of a layer ("listing"): what a layer holds, where its files can be read from
 * (our WebAssembly inflater records the gzip checkpoints on the way at little cost), and the
 * sha256 of its uncompressed stream. The raw bytes' digest is hashed beside it, in another
 * worker (`hashLayerJob`), and the two meet in `layerVerifyResult`.
 */
export interface LayerListingResult {
  /** What the magic bytes say (`gzip`, `zstd`, `tar`, or what it is instead). */
  compression: string;
  compressedBytes: number;
  uncompressedBytes: number | null;
  entryCount: number | null;
  /** The tar listing for the merged filesystem, as transferred columns. */
  entries: EncodedEntries | null;
  /**
   * `sha256:<hex>` of the uncompressed stream (the computed diff_id); null when not read to its
   * end, or when it follows the listing (`hashesPending`).
   */
  diffIdGot: string | null;
  /** With `hashRaw`: the raw bytes' digest (null: not hashed here, or it follows the listing). */
  digestGot: string | null;
  /** The hashes were still to be made when the listing was replied: they follow on `hashesPort`. */
  hashesPending: boolean;
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
  /** With `hashesPending`: the port the hashes follow on (`hashesOfReply`). */
  hashesPort: MessagePort | null;
}

/** A listing's hashes: the diff_id, and the raw digest when the listing hashed it (else null). */
export interface ListingHashes {
  diffId: string | null;
  digest: string | null;
}

/**
 * A listing reply's hashes: those it carries, or those that follow on its port. Ask once per
 * reply (the port brings one message). Rejects only if `signal` aborts first.
 */
export function hashesOfReply(
  reply: Pick<LayerListingReply, 'diffIdGot' | 'digestGot' | 'hashesPort'>,
  signal?: AbortSignal,
): Promise<ListingHashes> {
  return reply.hashesPort
    ? receiveLater<ListingHashes>(reply.hashesPort, signal)
    : Promise.resolve({ diffId: reply.diffIdGot, digest: reply.digestGot });
}

/** A layer's checks: its blob digest (hashed by `hashLayerJob`) and diff_id (by the listing). */
export interface LayerVerifyResult {
  digest: DigestCheck;
  diffId: DigestCheck;
  compression: string;
  uncompressedBytes: number | null;
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

/**
 * Blobs up to this size (less on a device with less memory or more workers: `wholeHashCaps`) are
 * hashed by the platform (WebCrypto) in one call, held once in the hashing worker while it runs:
 * ~730 MB/s here against hash-wasm's ~300 MB/s streaming, so the digests of a layer take less of
 * the core the listings need. Larger blobs stream (WebCrypto cannot), so a worker never holds
 * more than this of a blob.
 */
export const WHOLE_DIGEST_MAX = 128 << 20;

/**
 * How much of a layer one worker may hold whole for WebCrypto: `diffId`, the inflated stream of a
 * layer that tells its size (else it streams through hash-wasm, ~180 MB/s, which held the listing
 * below our inflater's ~500 MB/s); `raw`, a blob's own bytes (else hash-wasm too).
 */
export interface WholeCaps {
  diffId: number;
  raw: number;
}

/**
 * The caps for each of `workers` workers, from one budget for them all: half the device's memory
 * as the browser tells it (`navigator.deviceMemory`, in GiB, at most 8: 4 GiB), 1 GiB where it
 * does not tell. A worker holds its layer's two buffers, and each twice for a moment (WebCrypto
 * takes its copy when called), so a worker's share is split as: raw a quarter of it (at most
 * WHOLE_DIGEST_MAX), the diff_id half of it less the raw (at most WHOLE_STREAM_MAX). Every worker
 * holding both at once stays within the budget. Why shared: the caps were per worker, and an image
 * of many large layers on a many-core device (a worker per core) could hold several GiB (an
 * 8-core phone of 4 GiB: ~6 GiB). On 2 cores with 8 GiB (3 workers, the pool's spare counted)
 * the caps are what they were: 512 MiB and 128 MiB.
 */
export function wholeHashCaps(deviceMemoryGiB: number | undefined, workers: number): WholeCaps {
  const told = deviceMemoryGiB !== undefined && deviceMemoryGiB > 0;
  const budget = told ? Math.min(8, deviceMemoryGiB) * (512 << 20) : 1 << 30;
  const share = Math.floor(budget / Math.max(1, Math.floor(workers) || 1));
  const raw = Math.min(WHOLE_DIGEST_MAX, Math.floor(share / 4));
  return { diffId: Math.min(WHOLE_STREAM_MAX, Math.floor(share / 2) - raw), raw };
}

/**
 * The caps when a call does not say (the page passes its pool's): as if a worker ran on every core.
 */
const DEFAULT_CAPS = wholeHashCaps(
  (globalThis as { navigator?: { deviceMemory?: number } }).navigator?.deviceMemory,
  (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ??
    2,
);

/**
 * How long a listing's whole hashing waits for the worker's next call: a small layer's listing
 * that comes meanwhile goes first (on the bench image the small layer otherwise waited ~0.35 s
 * behind a large one's hashing), a large one after. The next call came 20–45 ms after the
 * reply at load ~5 on 2 cores. When the pool says it has nothing queued for this worker
 * (`workerIdle`), the hashing starts then: the last listing of an image (the largest layer's,
 * whose hashes end the image's checks) does not wait out the timer.
 */
const HASH_WAIT_MS = 50;
/** A listing of a blob up to this size may run before the previous listing's hashing. */
const SMALL_LISTING = 32 << 20;

/**
 * The previous listing's hashing, waiting to start (at most one per worker), and its timer. It is
 * started with `alone` when it is the pool's last work (`workerIdle`): its raw digest may go beside.
 */
let waitingHashes: ((alone: boolean) => void) | null = null;
let waitTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * Start the waiting hashing: now (before a large listing), or with `soon` in the next task, so
 * that a listing ending now is replied first (the hashing holds the thread once it runs).
 */
function startWaitingHashes(soon = false, alone = false): void {
  clearTimeout(waitTimer);
  const start = waitingHashes;
  waitingHashes = null;
  if (start && soon) setTimeout(() => start(alone), 0);
  else start?.(alone);
}

/**
 * The pool has nothing queued for this worker (it says so after each call it ran, when no other
 * call is waiting): a listing's hashing waiting for a next call starts now. `alone`: no other
 * worker of the pool runs a call either, so the raw digest is hashed beside the diff_id, on the
 * hashing worker's thread (`hashBeside`), where a core is free.
 */
export function workerIdle(alone = false): void {
  startWaitingHashes(false, alone);
}

/**
 * This worker's hashing worker (hash.worker.ts), started by the first listing that hashes its raw
 * bytes whole. WebCrypto hashes on the calling thread in Chromium, so a listing's two whole hashes
 * ran one after the other (294 MB and 129 MB on the bench image's largest layer: ~0.35 s and
 * ~0.17 s after its listing, the end of the image's checks) while the other core sat idle.
 */
const hashBeside = new HashBeside(() =>
  typeof Worker === 'undefined'
    ? null
    : (new Worker(new URL('./hash.worker.ts', import.meta.url), {
        type: 'module',
        name: 'hash',
      }) as unknown as HashWorker),
);

/**
 * A gate for a listing's whole hashing: opened HASH_WAIT_MS after the reply, or sooner; `alone`
 * says whether it was opened as the pool's last work.
 */
function hashingGate(): { wait: () => Promise<void>; queue: () => void; alone: () => boolean } {
  let open!: (alone: boolean) => void;
  let openedAlone = false;
  const opened = new Promise<void>(
    (r) =>
      (open = (alone) => {
        openedAlone = alone;
        r();
      }),
  );
  return {
    wait: () => opened,
    alone: () => openedAlone,
    queue: () => {
      startWaitingHashes(true);
      waitingHashes = open;
      waitTimer = setTimeout(startWaitingHashes, HASH_WAIT_MS);
    },
  };
}

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
 * What a listing is asked: the layer, a spare copy of its entries (`spare`), and the most it may
 * hold whole for WebCrypto (`diffIdWholeMax`, `wholeDigestMax`: the page's `poolHashCaps`).
 */
export type ListLayerJobArgs = LayerJobArgs & {
  spare?: boolean;
  diffIdWholeMax?: number;
  wholeDigestMax?: number;
};

/** What a raw hash is asked: the blob, its digest, and the most it may hold whole. */
export type HashLayerJobArgs = Pick<LayerJobArgs, 'blob' | 'digest'> & { wholeDigestMax?: number };

/**
 * The one pass over a layer's uncompressed stream: its tar members listed (encoded as read),
 * checkpoints recorded by our WebAssembly gzip on the way, and the stream hashed into its
 * diff_id, so the filesystem can be built, and files deep in a large layer opened quickly,
 * while the raw bytes' digest is still being hashed elsewhere. Entries and the checkpoints'
 * windows go back as transferred buffers, each with a spare copy made here when asked.
 */
export async function listLayerJob(
  args: ListLayerJobArgs,
  ctx: CallContext<LayerJobProgress>,
): Promise<LayerListingReply> {
  const t0 = performance.now();
  const rawMax = args.wholeDigestMax ?? DEFAULT_CAPS.raw;
  const hashRaw =
    args.hashRaw === true && algorithmOf(args.digest) === 'sha256' && args.blob.size <= rawMax;
  // A large listing lets the waiting hashing go first (so a worker holds one large layer's
  // buffers at a time); a small one goes first, and the hashing starts when it ends.
  if (args.blob.size > SMALL_LISTING) startWaitingHashes();
  else clearTimeout(waitTimer);
  const gate = hashingGate();
  let queued = false;
  // Loads while the listing runs, so it is ready when the hashing starts.
  if (hashRaw) hashBeside.prepare();
  try {
    // Encoded as they are read: the layer's entries never all exist as objects here.
    const encoder = new EntryEncoder();
    const index = await listLayer(args.blob, {
      signal: ctx.signal,
      checkpointEvery: args.blob.size >= CHECKPOINT_MIN_BLOB ? APP_CHECKPOINT_EVERY : 0,
      where: args.digest,
      onProgress: reporter(ctx, args.blob.size),
      takeEntry: (e) => encoder.add(e),
      diffIdWholeMax: args.diffIdWholeMax ?? DEFAULT_CAPS.diffId,
      verifyDigest: hashRaw,
      digestWholeMax: rawMax,
      // The listing is replied when the tar is read; hashes made whole follow on a port.
      diffIdLater: true,
      hashLaterAfter: gate.wait,
      hashRawElsewhere: () => (gate.alone() ? hashBeside.hasher() : undefined),
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
    const later = index.diffIdLater !== undefined || index.digestLater !== undefined;
    const hashesPort = later
      ? sendLater(
          Promise.all([index.diffIdLater ?? index.diffId, index.digestLater ?? index.digest]).then(
            ([diffId, digest]): ListingHashes => ({
              diffId: diffId ?? null,
              digest: digest ?? null,
            }),
          ),
        )
      : null;
    if (hashesPort) {
      ctx.transfer(hashesPort);
      gate.queue();
      queued = true;
    }
    return {
      compression: index.compression,
      compressedBytes: index.compressedSize,
      uncompressedBytes: readable ? index.uncompressedSize : null,
      entryCount: readable ? index.entryCount : null,
      diffIdGot: index.diffId ?? null,
      digestGot: index.digest ?? null,
      hashesPending: hashesPort !== null,
      hashesPort,
      entries,
      spare,
      checkpoints,
      spareWindows,
      problems: index.problems,
      ms: performance.now() - t0,
    };
  } finally {
    // This listing left nothing to hash (or failed): a hashing left waiting starts now.
    if (!queued) startWaitingHashes(true);
  }
}

/** What `hashLayerJob` hashed: the raw blob's digest in the claimed algorithm (null: not computable). */
export interface LayerHashResult {
  digest: string | null;
  bytes: number;
  ms: number;
}

/**
 * The raw bytes of a layer hashed into its digest, with no inflate: run in a worker beside the
 * one listing the layer, so the digest is off the inflater's path. A background pass: it takes
 * its messages (an abort) promptly, and waits while the page reads a file (holdBackground).
 */
export async function hashLayerJob(
  args: HashLayerJobArgs,
  ctx: CallContext<LayerJobProgress>,
): Promise<LayerHashResult> {
  const t0 = performance.now();
  const alg = algorithmOf(args.digest);
  const total = args.blob.size;
  ctx.progress({ bytes: 0, total, uncompressed: 0 });
  if (alg === null) return { digest: null, bytes: 0, ms: performance.now() - t0 };
  const max = args.wholeDigestMax ?? DEFAULT_CAPS.raw;
  const hashed =
    (await digestWhole(args.blob, alg, max, ctx)) ?? (await digestStreaming(args.blob, alg, ctx));
  ctx.progress({ bytes: hashed.bytes, total, uncompressed: 0 });
  return { ...hashed, ms: performance.now() - t0 };
}

const SUBTLE_NAMES = { sha256: 'SHA-256', sha512: 'SHA-512' } as const;

/** The platform's digest of a blob up to `max` bytes, or null when it cannot (too large, no WebCrypto). */
async function digestWhole(
  blob: Blob,
  alg: KnownAlgorithm,
  max: number,
  ctx: CallContext<LayerJobProgress>,
): Promise<Hashed | null> {
  const subtle = (globalThis.crypto as Crypto | undefined)?.subtle;
  if (!subtle || blob.size > max) return null;
  const gate = ctx.breathe?.();
  if (gate) await gate;
  ctx.signal.throwIfAborted();
  const bytes = await blob.arrayBuffer();
  ctx.signal.throwIfAborted();
  const hash = await subtle.digest(SUBTLE_NAMES[alg], bytes);
  return { digest: `${alg}:${hexOf(hash)}`, bytes: bytes.byteLength };
}

/** A digest and how many bytes it covers. */
interface Hashed {
  digest: string;
  bytes: number;
}

/** A blob streamed through hash-wasm, pausing for the page's reads (holdBackground). */
async function digestStreaming(
  blob: Blob,
  alg: KnownAlgorithm,
  ctx: CallContext<LayerJobProgress>,
): Promise<Hashed> {
  const hasher = await createHasher(alg);
  const reader = blob.stream().getReader();
  const total = blob.size;
  let bytes = 0;
  let nextProgress = PROGRESS_STEP;
  try {
    for (;;) {
      const gate = ctx.breathe?.();
      if (gate) await gate;
      ctx.signal.throwIfAborted();
      const { done, value } = await reader.read();
      if (done) break;
      hasher.update(value);
      bytes += value.length;
      if (bytes >= nextProgress) {
        nextProgress = bytes + PROGRESS_STEP;
        ctx.progress({ bytes, total, uncompressed: 0 });
      }
    }
  } finally {
    void reader.cancel().catch(() => undefined);
  }
  return { digest: `${alg}:${hasher.digestHex()}`, bytes };
}

const PROGRESS_STEP = 1 << 20;

/**
 * A layer's checks from its one listing pass (diff_id, size, entries) and its raw hash (digest),
 * each compared with what the manifest and config claim. Its only problem of its own is a blob
 * whose two reads saw different sizes (the file changed while open); the listing's problems are
 * reported with the listing, the mismatches from the checks.
 */
export function layerVerifyResult(
  claim: Pick<LayerJobArgs, 'digest' | 'diffId'>,
  listing: Pick<
    LayerListingResult,
    'diffIdGot' | 'compression' | 'compressedBytes' | 'uncompressedBytes' | 'entryCount' | 'ms'
  > | null,
  hashed: LayerHashResult,
): LayerVerifyResult {
  const { digest, diffId } = checkLayerDigests(claim, {
    digest: hashed.digest,
    diffId: listing?.diffIdGot ?? null,
  });
  return {
    digest,
    diffId,
    compression: listing?.compression ?? 'unknown',
    uncompressedBytes: listing?.uncompressedBytes ?? null,
    entryCount: listing?.entryCount ?? null,
    problems:
      listing && hashed.digest !== null && hashed.bytes !== listing.compressedBytes
        ? [changed(claim.digest, listing.compressedBytes, hashed.bytes)]
        : [],
    ms: Math.max(hashed.ms, listing?.ms ?? 0),
  };
}

function changed(digest: string, listed: number, hashed: number): Problem {
  return problem(
    'error',
    'layer-changed',
    digest,
    `layer ${digest} was ${listed} bytes when listed and ${hashed} bytes when hashed: the file changed while it was open`,
  );
}
