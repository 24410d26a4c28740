// A worker thread of the layer pool (layer-pool.ts): lists one layer file range at a time with
// the core's WebAssembly gzip and node:crypto, and posts the listing back (structured clone: plain data only).
import { parentPort } from 'node:worker_threads';
import { FileHashTap } from '../core/diff/hash-tap.ts';
import { listLayer } from '../core/layers/list-layer.ts';
import { FileBlob } from './file-blob.ts';
import type { LayerJobMessage, LayerResultMessage } from './layer-pool.ts';
import { listingInflate } from './node-inflate.ts';
import { useNodeHasher } from './node-hasher.ts';

useNodeHasher();
const port = parentPort;
if (!port) throw new Error('layer-worker.js runs as a worker thread of the layer pool');

port.on('message', (job: LayerJobMessage) => {
  const blob = new FileBlob(job.path, job.start, job.end) as unknown as Blob;
  const tap = job.hashFiles ? new FileHashTap() : null;
  const hooks = tap ? { onEntry: tap.entry, onUncompressed: tap.chunk } : {};
  listLayer(blob, { ...job.opts, ...hooks, inflate: listingInflate }).then(
    (listing) =>
      port.postMessage({
        id: job.id,
        listing,
        ...(tap ? { fileDigests: [...tap.digests] } : {}),
      } satisfies LayerResultMessage),
    (e: unknown) =>
      port.postMessage({
        id: job.id,
        error: e instanceof Error ? e.message : String(e),
      } satisfies LayerResultMessage),
  );
});
