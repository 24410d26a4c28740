import type { WholeHasher } from '../core/verify/stream-digest.ts';

/** What a listing worker asks its hashing worker (hash.worker.ts): one buffer, moved. */
export interface HashRequest {
  id: number;
  bytes: Uint8Array<ArrayBuffer>;
}

/** What the hashing worker says: it is loaded, or a digest (or why not) for a request. */
export type HashReply =
  { ready: true } | { id: number; hash: ArrayBuffer } | { id: number; error: string };

/** The part of a Worker used here (a fake in tests). */
export interface HashWorker {
  postMessage(message: HashRequest, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<HashReply>) => void) | null;
  onerror: ((event: Event) => void) | null;
  terminate(): void;
}

/**
 * A sha256 hasher on a thread of its own, started ahead of need (`prepare`) and offered as a
 * `WholeHasher` only once its worker has said it is ready; a worker that fails is dropped with
 * its pending hashes rejected, and nothing is offered after that.
 */
export class HashBeside {
  private worker: HashWorker | null = null;
  private ready = false;
  private failed = false;
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (hash: ArrayBuffer) => void; reject: (e: Error) => void }
  >();

  constructor(private readonly create: () => HashWorker | null) {}

  /** Start the worker if it is not started (it loads while the listing runs). */
  prepare(): void {
    if (this.worker || this.failed) return;
    let worker: HashWorker | null = null;
    try {
      worker = this.create();
    } catch {
      // No nested workers here: every hash stays on the listing's thread.
    }
    if (!worker) {
      this.failed = true;
      return;
    }
    this.worker = worker;
    worker.onmessage = (event) => {
      const reply = event.data;
      if ('ready' in reply) {
        this.ready = true;
        return;
      }
      const p = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if ('hash' in reply) p?.resolve(reply.hash);
      else p?.reject(new Error(reply.error));
    };
    worker.onerror = () => this.fail();
  }

  /** The hasher, when the worker is ready; else undefined (hash on this thread). */
  hasher(): WholeHasher | undefined {
    if (!this.ready || !this.worker) return undefined;
    const worker = this.worker;
    return (bytes) =>
      new Promise<ArrayBuffer>((resolve, reject) => {
        const id = this.nextId++;
        this.pending.set(id, { resolve, reject });
        worker.postMessage({ id, bytes }, [bytes.buffer]);
      });
  }

  private fail(): void {
    this.failed = true;
    this.ready = false;
    this.worker?.terminate();
    this.worker = null;
    const error = new Error('the hashing worker stopped');
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}
