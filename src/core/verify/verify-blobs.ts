import { parseDigest } from '../oci/digest.ts';
import { problem, type Problem } from '../oci/problem.ts';
import type { ImageGraph } from '../graph/model.ts';
import type { BlobStore } from '../store/blob-store.ts';
import { hashBlobCounted, hashBytes } from './hash-blob.ts';

/** The outcome of checking one blob. */
export interface BlobCheck {
  digest: string;
  source: string;
  state: 'verified' | 'mismatch' | 'unverifiable' | 'unreadable';
  got?: string;
  bytes: number;
  /** For layers: the diff_id computed from the decompressed stream. */
  diffId?: string;
}

/** Progress of a whole verification: blobs and bytes done of total. */
export type VerifyProgress = (p: {
  blobs: number;
  totalBlobs: number;
  bytes: number;
  totalBytes: number;
  current: string;
}) => void;

/**
 * Check every blob the input holds against the digest it is stored under (streaming, one pass
 * per blob), and every descriptor's embedded `data` against its digest and size.
 */
export async function verifyBlobs(
  graph: ImageGraph,
  store: BlobStore,
  opts: { signal?: AbortSignal; onProgress?: VerifyProgress; skip?: ReadonlySet<string> } = {},
): Promise<{ checks: BlobCheck[]; problems: Problem[] }> {
  const checks: BlobCheck[] = [];
  const problems: Problem[] = [];
  const blobs = store.list().filter((b) => !b.synthesized && !opts.skip?.has(b.digest));
  const totalBytes = blobs.reduce((s, b) => s + b.blob.size, 0);
  let bytesDone = 0;
  for (const [i, b] of blobs.entries()) {
    opts.signal?.throwIfAborted();
    const parsed = parseDigest(b.digest, b.source);
    if (!parsed.ok || !parsed.digest.verifiable) {
      checks.push({ digest: b.digest, source: b.source, state: 'unverifiable', bytes: 0 });
      problems.push(
        problem(
          'warning',
          'digest-unverifiable',
          b.source,
          `blob ${b.digest} uses an algorithm this tool cannot compute; not verified`,
        ),
      );
      continue;
    }
    const alg = parsed.digest.algorithm === 'sha512' ? 'sha512' : 'sha256';
    try {
      const base = bytesDone;
      const { digest: got, bytes } = await hashBlobCounted(b.blob, alg, {
        ...(opts.signal ? { signal: opts.signal } : {}),
        onProgress: (done) =>
          opts.onProgress?.({
            blobs: i,
            totalBlobs: blobs.length,
            bytes: base + done,
            totalBytes,
            current: b.digest,
          }),
      });
      bytesDone += b.blob.size;
      if (got === b.digest) {
        checks.push({ digest: b.digest, source: b.source, state: 'verified', got, bytes });
      } else {
        checks.push({ digest: b.digest, source: b.source, state: 'mismatch', got, bytes });
        problems.push(
          problem(
            'error',
            'digest-mismatch',
            b.source,
            `digest mismatch for ${b.source}: want ${b.digest}, got ${got}`,
            'image-spec descriptor.md#digests',
          ),
        );
      }
    } catch (e) {
      if (opts.signal?.aborted) throw e;
      checks.push({ digest: b.digest, source: b.source, state: 'unreadable', bytes: 0 });
      problems.push(
        problem(
          'error',
          'blob-unreadable',
          b.source,
          `could not read ${b.source}: ${e instanceof Error ? e.message : String(e)}`,
        ),
      );
    }
  }
  problems.push(...(await verifyEmbeddedData(graph)));
  return { checks, problems };
}

/** Check descriptors' `data` fields: length equals size and bytes hash to the digest. */
async function verifyEmbeddedData(graph: ImageGraph): Promise<Problem[]> {
  const out: Problem[] = [];
  const seen = new Set<string>();
  for (const n of graph.nodes.values()) {
    const doc = n.document;
    if (!doc || (doc.kind !== 'manifest' && doc.kind !== 'index')) continue;
    const descriptors = doc.kind === 'manifest' ? [doc.config, ...doc.layers] : doc.manifests;
    for (const d of doc.subject ? [...descriptors, doc.subject] : descriptors) {
      if (!d.data || seen.has(`${n.id} ${d.digest.value}`)) continue;
      seen.add(`${n.id} ${d.digest.value}`);
      const where = `${n.id} (data of ${d.digest.value})`;
      if (d.data.length !== d.size) {
        out.push(
          problem(
            'error',
            'data-size-mismatch',
            where,
            `embedded data is ${d.data.length} bytes but the descriptor says ${d.size}`,
            'image-spec descriptor.md#embedded-content',
          ),
        );
      }
      if (d.digest.verifiable) {
        const got = await hashBytes(d.data, d.digest.algorithm === 'sha512' ? 'sha512' : 'sha256');
        if (got !== d.digest.value) {
          out.push(
            problem(
              'error',
              'data-digest-mismatch',
              where,
              `embedded data does not match its digest: want ${d.digest.value}, got ${got}`,
              'image-spec descriptor.md#embedded-content',
            ),
          );
        }
      }
    }
  }
  return out;
}
