import type { GzipCheckpoint } from '../core/layers/gzip-checkpoints.ts';
import { indexLayer } from '../core/layers/index-layer.ts';
import type { Problem } from '../core/oci/problem.ts';
import { hashBlobCounted } from '../core/verify/hash-blob.ts';
import { encodeEntries, entryBuffers, type EncodedEntries } from './entry-codec.ts';
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

/** A check of one claimed digest. */
export interface DigestCheck {
  state: 'verified' | 'mismatch' | 'unverifiable' | 'unknown' | 'not-computed';
  want: string | null;
  got: string | null;
}

/** What a layer job found. */
export interface LayerJobResult {
  digest: DigestCheck;
  diffId: DigestCheck;
  /** What the magic bytes say (`gzip`, `zstd`, `tar`, or what it is instead). */
  compression: string;
  compressedBytes: number;
  uncompressedBytes: number | null;
  entryCount: number | null;
  /** The tar listing for the merged filesystem, as transferred columns. */
  entries: EncodedEntries | null;
  /** gzip resume points, for reading files later without inflating from the start. */
  checkpoints: GzipCheckpoint[];
  problems: Problem[];
  ms: number;
}

const algorithmOf = (digest: string): 'sha256' | 'sha512' | null =>
  digest.startsWith('sha256:') ? 'sha256' : digest.startsWith('sha512:') ? 'sha512' : null;

function compare(want: string | null, got: string | undefined): DigestCheck {
  if (got === undefined) return { state: 'not-computed', want, got: null };
  if (want === null) return { state: 'unknown', want, got };
  return { state: want === got ? 'verified' : 'mismatch', want, got };
}

/**
 * The layer job, in one streaming pass (core/layers/index-layer.ts): the blob's digest, the
 * decompression, the diff_id and the tar listing. Entries go back as transferred columns.
 */
export async function indexLayerJob(
  args: LayerJobArgs,
  ctx: CallContext<LayerJobProgress>,
): Promise<LayerJobResult> {
  const t0 = performance.now();
  const alg = algorithmOf(args.digest);
  const total = args.blob.size;
  ctx.progress({ bytes: 0, total, uncompressed: 0 });
  const index = await indexLayer(args.blob, {
    signal: ctx.signal,
    verifyDigest: alg === 'sha256',
    where: args.digest,
    onProgress: (p) =>
      ctx.progress({
        bytes: p.compressedBytes,
        total: p.totalCompressed,
        uncompressed: p.uncompressedBytes,
      }),
  });
  let digest: DigestCheck;
  if (alg === 'sha256') digest = compare(args.digest, index.digest);
  else if (alg === 'sha512') {
    // indexLayer hashes raw bytes with sha256 only; a sha512 digest takes a second pass.
    const { digest: got } = await hashBlobCounted(args.blob, 'sha512', { signal: ctx.signal });
    digest = compare(args.digest, got);
  } else digest = { state: 'unverifiable', want: args.digest, got: null };
  // diff_ids are sha256 by construction; another algorithm in the config cannot be checked here.
  const diffId =
    args.diffId !== null && !args.diffId.startsWith('sha256:')
      ? { state: 'unverifiable' as const, want: args.diffId, got: index.diffId ?? null }
      : compare(args.diffId, index.diffId);
  const readable =
    index.compression === 'gzip' || index.compression === 'zstd' || index.compression === 'tar';
  const entries = readable ? encodeEntries(index.entries) : null;
  if (entries) ctx.transfer(...entryBuffers(entries));
  return {
    digest,
    diffId,
    compression: index.compression,
    compressedBytes: index.compressedSize,
    uncompressedBytes: readable ? index.uncompressedSize : null,
    entryCount: readable ? index.entries.length : null,
    entries,
    checkpoints: index.checkpoints,
    problems: index.problems,
    ms: performance.now() - t0,
  };
}
