import type { ExplorerApi } from './api.ts';
import { poolSize, WorkerPool, type PoolWorker } from './pool.ts';

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
      // Calls below the listing's priority (queries/jobs.ts PRIORITY: verify passes, stray blobs)
      // are background: a listing, a merge or a file read never waits behind them.
      { foreground: 3 },
    );
    // The benchmarks read the size from here.
    performance.mark('oci:pool', { detail: { size } });
  }
  return pool;
}

/** Replace the pool (tests). */
export function setExplorerPool(p: WorkerPool<ExplorerApi> | undefined): void {
  pool = p;
}
