import { algorithmOf, parseDigest } from '../oci/digest.ts';
import { problem, type Problem } from '../oci/problem.ts';
import { embeddedData } from '../graph/embedded-data.ts';
import type { ImageGraph } from '../graph/model.ts';
import { Rule } from '../oci/rules.ts';
import type { BlobStore } from '../store/blob-store.ts';
import { blobUnreadable, digestMismatch, type BlobVerification } from './check.ts';
import { hashBlobCounted, hashBytes } from './hash-blob.ts';

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
): Promise<{ checks: BlobVerification[]; problems: Problem[] }> {
  const checks: BlobVerification[] = [];
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
    const alg = algorithmOf(b.digest) ?? 'sha256';
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
        problems.push(digestMismatch(b, got));
      }
    } catch (e) {
      if (opts.signal?.aborted) throw e;
      checks.push({ digest: b.digest, source: b.source, state: 'unreadable', bytes: 0 });
      problems.push(blobUnreadable(b, e));
    }
  }
  problems.push(...(await verifyEmbeddedData(graph)));
  return { checks, problems };
}

/** Check descriptors' `data` fields: length equals size and bytes hash to the digest. */
async function verifyEmbeddedData(graph: ImageGraph): Promise<Problem[]> {
  const out: Problem[] = [];
  for (const { node, descriptor: d } of embeddedData(graph)) {
    const where = `${node.id} (data of ${d.digest.value})`;
    if (d.data.length !== d.size) {
      out.push(
        problem(
          'error',
          'data-size-mismatch',
          where,
          `embedded data is ${d.data.length} bytes but the descriptor says ${d.size}`,
          Rule.data,
        ),
      );
    }
    const alg = algorithmOf(d.digest.value);
    if (d.digest.verifiable && alg) {
      const got = await hashBytes(d.data, alg);
      if (got !== d.digest.value) {
        out.push(
          problem(
            'error',
            'data-digest-mismatch',
            where,
            `embedded data does not match its digest: want ${d.digest.value}, got ${got}`,
            Rule.data,
          ),
        );
      }
    }
  }
  return out;
}
