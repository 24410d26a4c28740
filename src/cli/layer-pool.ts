import { Worker } from 'node:worker_threads';
import { FileHashTap } from '../core/diff/hash-tap.ts';
import { listLayer, type LayerListing, type ListLayerOptions } from '../core/layers/list-layer.ts';
import { problem } from '../core/oci/problem.ts';
import { FileBlob } from './file-blob.ts';
import { listingInflate } from './node-inflate.ts';

/** The options a worker thread is given (callbacks and signals stay in this thread). */
export type WireOptions = Pick<
  ListLayerOptions,
  'where' | 'verifyDigest' | 'maxUncompressedBytes' | 'checkpointEvery' | 'gzipEngine' | 'diffId'
>;

/** One layer for a worker thread: a byte range of a file, and how to list it. */
export interface LayerJobMessage {
  id: number;
  path: string;
  start: number;
  end: number;
  opts: WireOptions;
  /** Hash every regular file's bytes as they stream past (a `FileHashTap` in the thread). */
  hashFiles?: boolean;
}

/**
 * A worker thread's answer: the listing (with `hashFiles`, each file's data offset and
 * `sha256:<hex>`), or why listing failed (an I/O error, not bad data).
 */
export type LayerResultMessage =
  | { id: number; listing: LayerListing; fileDigests?: [number, string][] }
  | { id: number; error: string };

/** Taps by their `entry` hook: a job whose hooks are a tap's can run in a worker thread. */
const taps = new WeakMap<object, FileHashTap>();

/**
 * A file hash tap's hooks for `listImage`'s `layerHooks`, marked so the pool can run the layer
 * in a worker thread: the thread hashes with a tap of its own and its digests land in `tap`.
 * Other hooks (callbacks of this thread) keep their layer on this thread.
 */
export function poolTap(tap: FileHashTap): Pick<ListLayerOptions, 'onEntry' | 'onUncompressed'> {
  taps.set(tap.entry, tap);
  return { onEntry: tap.entry, onUncompressed: tap.chunk };
}

interface Job {
  id: number;
  blob: FileBlob;
  opts: ListLayerOptions;
  resolve(l: LayerListing): void;
  reject(e: unknown): void;
  done(): void;
}

/**
 * Where the built worker script sits beside this module: dist-cli/bundle/layer-worker.js beside
 * the bundled command that bin/oci-explorer.js runs (scripts/build-cli.mjs), or
 * dist-cli/cli/layer-worker.js beside the compiled module.
 */
export const LAYER_WORKER_SCRIPT = new URL('./layer-worker.js', import.meta.url);

/**
 * Lists layers on up to `size` worker threads, so layers inflate, hash and parse on every core
 * at once (one thread per layer in flight). Jobs queued together start largest first, which
 * ends the whole soonest; results go back to each caller, so order is the caller's. A layer
 * whose thread fails (an I/O error, a crash) comes back as a `layer-unreadable` problem of that
 * layer; an abort stops its thread. Blobs that are not files are listed in this thread.
 */
export class LayerPool {
  private readonly idle: Worker[] = [];
  private readonly running = new Map<Worker, Job>();
  private queue: Job[] = [];
  private threads = 0;
  private nextId = 0;
  private scheduled = false;

  private localBusy = 0;

  /**
   * `size` worker threads at most, plus `local` layers at a time in this thread (which would
   * otherwise only wait; its layers start at once, with no thread to load first).
   */
  constructor(
    readonly size: number,
    private readonly script: URL = LAYER_WORKER_SCRIPT,
    private readonly local = 0,
  ) {}

  /** List one layer (the shape `listImage`'s `listLayer` option takes). */
  list = (blob: Blob, opts: ListLayerOptions = {}): Promise<LayerListing> => {
    const tapped = opts.onEntry !== undefined && taps.has(opts.onEntry);
    // Hooks other than a tap's are this thread's callbacks: their layer is listed here.
    const foreign = !tapped && (opts.onEntry !== undefined || opts.onUncompressed !== undefined);
    if (!(blob instanceof FileBlob) || foreign) return listHere(blob, opts);
    const { signal } = opts;
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<LayerListing>((resolve, reject) => {
      const job: Job = {
        id: this.nextId++,
        blob,
        opts,
        resolve,
        reject,
        done: () => signal?.removeEventListener('abort', onAbort),
      };
      const onAbort = (): void => this.abort(job, signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(job);
      if (!this.scheduled) {
        this.scheduled = true;
        // Jobs submitted in one go are sorted before any starts.
        queueMicrotask(() => {
          this.scheduled = false;
          this.dispatch();
        });
      }
    });
  };

  /** Stop every thread; jobs still queued or running are rejected. */
  async close(): Promise<void> {
    const left = [...this.queue, ...this.running.values()];
    this.queue = [];
    for (const job of left) settle(job, () => job.reject(new Error('the layer pool was closed')));
    const all = [...this.idle, ...this.running.keys()];
    this.idle.length = 0;
    this.running.clear();
    await Promise.all(all.map((w) => w.terminate()));
  }

  private dispatch(): void {
    this.queue.sort((a, b) => b.blob.size - a.blob.size);
    while (this.queue.length > 0) {
      if (this.localBusy < this.local) {
        this.runHere(this.queue.shift()!);
        continue;
      }
      const worker = this.idle.pop() ?? (this.threads < this.size ? this.spawn() : undefined);
      if (!worker) return;
      const job = this.queue.shift()!;
      this.running.set(worker, job);
      worker.ref();
      const { path, start, end } = job.blob.location();
      const o = job.opts;
      const opts: WireOptions = {
        ...(o.where !== undefined ? { where: o.where } : {}),
        ...(o.verifyDigest !== undefined ? { verifyDigest: o.verifyDigest } : {}),
        ...(o.maxUncompressedBytes !== undefined
          ? { maxUncompressedBytes: o.maxUncompressedBytes }
          : {}),
        ...(o.checkpointEvery !== undefined ? { checkpointEvery: o.checkpointEvery } : {}),
        ...(o.gzipEngine !== undefined ? { gzipEngine: o.gzipEngine } : {}),
        ...(o.diffId !== undefined ? { diffId: o.diffId } : {}),
      };
      const hashFiles = o.onEntry !== undefined && taps.has(o.onEntry);
      worker.postMessage({
        id: job.id,
        path,
        start,
        end,
        opts,
        ...(hashFiles ? { hashFiles } : {}),
      } satisfies LayerJobMessage);
    }
  }

  private runHere(job: Job): void {
    this.localBusy++;
    void listHere(job.blob as unknown as Blob, job.opts)
      .then(
        (listing) => settle(job, () => job.resolve(listing)),
        (e: unknown) => settle(job, () => job.reject(e)),
      )
      .finally(() => {
        this.localBusy--;
        this.dispatch();
      });
  }

  private spawn(): Worker {
    this.threads++;
    const worker = new Worker(this.script);
    worker.on('message', (msg: LayerResultMessage) => {
      const job = this.running.get(worker);
      if (!job || job.id !== msg.id) return;
      this.running.delete(worker);
      worker.unref();
      this.idle.push(worker);
      settle(job, () => {
        if (!('listing' in msg)) return job.resolve(failed(job.blob.size, job.opts, msg.error));
        const tap = job.opts.onEntry ? taps.get(job.opts.onEntry) : undefined;
        if (tap)
          for (const [offset, digest] of msg.fileDigests ?? []) tap.digests.set(offset, digest);
        job.resolve(msg.listing);
      });
      this.dispatch();
    });
    const lost = (why: string): void => {
      const job = this.running.get(worker);
      this.running.delete(worker);
      const i = this.idle.indexOf(worker);
      if (i >= 0) this.idle.splice(i, 1);
      if (!this.retire(worker)) return;
      if (job)
        settle(job, () =>
          job.resolve(failed(job.blob.size, job.opts, `its worker thread failed: ${why}`)),
        );
      this.dispatch();
    };
    worker.on('error', (e) => lost(e.message));
    worker.on('exit', (code) => lost(`it exited with code ${code}`));
    return worker;
  }

  /** Forget a thread once (error and exit both report the same death). */
  private retire(worker: Worker): boolean {
    const w = worker as Worker & { retired?: boolean };
    if (w.retired) return false;
    w.retired = true;
    this.threads--;
    return true;
  }

  private abort(job: Job, reason: unknown): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) this.queue.splice(queued, 1);
    for (const [worker, j] of this.running) {
      if (j !== job) continue;
      // The thread is mid-layer: stopping it is the prompt way; a new one starts if needed.
      this.running.delete(worker);
      this.retire(worker);
      void worker.terminate();
    }
    settle(job, () => job.reject(reason));
    this.dispatch();
  }
}

function settle(job: Job, how: () => void): void {
  job.done();
  how();
}

/** List a layer in this thread (gzip by the core's WebAssembly inflater); a thrown I/O error becomes the layer's problem. */
export async function listHere(blob: Blob, opts: ListLayerOptions): Promise<LayerListing> {
  try {
    return await listLayer(blob, { ...opts, inflate: listingInflate });
  } catch (e) {
    if (opts.signal?.aborted) throw opts.signal.reason;
    return failed(blob.size, opts, e instanceof Error ? e.message : String(e));
  }
}

/** The listing of a layer that could not be read at all: no entries, one problem saying why. */
function failed(size: number, opts: ListLayerOptions, why: string): LayerListing {
  const where = opts.where ?? 'layer';
  return {
    compression: 'unknown',
    entries: [],
    entryCount: 0,
    trailingEntries: [],
    uncompressedSize: 0,
    compressedSize: size,
    problems: [problem('error', 'layer-unreadable', where, `could not read the layer: ${why}`)],
    checkpoints: [],
  };
}
