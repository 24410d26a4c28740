import type { ExplorerApi } from './api.ts';
import { FOREGROUND } from './priority.ts';
import { poolSize, WorkerPool, type PoolWorker } from './pool.ts';
import { FsClient } from './fs-client.ts';
import { RpcClient } from './rpc.ts';

let pool: WorkerPool<ExplorerApi> | undefined;

/** The app's worker pool: started on first use, sized by `poolSize`, plus a spare for foreground calls. */
export function explorerPool(): WorkerPool<ExplorerApi> {
  if (!pool) {
    const size = poolSize(
      typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency,
    );
    pool = new WorkerPool<ExplorerApi>(
      () =>
        new Worker(new URL('./explorer.worker.ts', import.meta.url), {
          type: 'module',
          name: 'explorer',
        }) as PoolWorker,
      size,
      // Verify passes and stray blobs are background: a listing, a merge or a file read never
      // waits behind them (see priority.ts).
      { foreground: FOREGROUND },
    );
    // The benchmarks read the size from here.
    performance.mark('oci:pool', { detail: { size } });
  }
  return pool;
}

/**
 * Pause the pool's background work (the verify pass) until the returned function is called:
 * for work the user is waiting for, such as a file read. Without a pool, nothing to pause.
 */
export function holdBackground(): () => void {
  return pool ? pool.holdBackground() : () => undefined;
}

/** Replace the pool (tests). */
export function setExplorerPool(p: WorkerPool<ExplorerApi> | undefined): void {
  pool = p;
}

let fsWorker: { worker: PoolWorker; client: RpcClient<ExplorerApi> } | undefined;

/**
 * The filesystem explorer's own worker. The merged filesystem is built there once and kept, and
 * its calls (tree rows, file reads) run at once, concurrently, never queued behind layer jobs: a
 * click waits for its own work only. A worker that dies is replaced on the next call.
 */
export function explorerFs(): RpcClient<ExplorerApi> {
  if (!fsWorker) {
    const worker = new Worker(new URL('./explorer.worker.ts', import.meta.url), {
      type: 'module',
      name: 'explorer-fs',
    }) as PoolWorker;
    const current = { worker, client: new RpcClient<ExplorerApi>(worker) };
    worker.addEventListener('error', () => {
      if (fsWorker === current) fsWorker = undefined;
      worker.terminate();
      current.client.failAll(new Error('the filesystem worker stopped unexpectedly'));
    });
    fsWorker = current;
  }
  return fsWorker.client;
}

let fs: FsClient | undefined;

/** The typed client of the filesystem worker (see fs-client.ts). */
export function fsClient(): FsClient {
  return (fs ??= new FsClient(explorerFs, holdBackground));
}

let compareWorker: { worker: PoolWorker; client: RpcClient<ExplorerApi> } | undefined;

/**
 * The compare view's own worker: it lists both images, diffs them and keeps the listings, so a
 * changed file's line diff reads no listing again; its calls never queue behind layer jobs.
 */
export function explorerCompare(): RpcClient<ExplorerApi> {
  if (!compareWorker) {
    const worker = new Worker(new URL('./explorer.worker.ts', import.meta.url), {
      type: 'module',
      name: 'explorer-compare',
    }) as PoolWorker;
    const current = { worker, client: new RpcClient<ExplorerApi>(worker) };
    worker.addEventListener('error', () => {
      if (compareWorker === current) compareWorker = undefined;
      worker.terminate();
      current.client.failAll(new Error('the compare worker stopped unexpectedly'));
    });
    compareWorker = current;
  }
  return compareWorker.client;
}
