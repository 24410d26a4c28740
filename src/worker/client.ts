import type { ExplorerApi } from './api.ts';
import { poolSize, WorkerPool, type PoolWorker } from './pool.ts';

let pool: WorkerPool<ExplorerApi> | undefined;

/** The app's worker pool: started on first use, one worker per core (at most 8). */
export function explorerPool(): WorkerPool<ExplorerApi> {
  if (!pool) {
    // EXPERIMENT
    const size =
      Number(new URLSearchParams(location.search).get('workers')) ||
      poolSize(typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency);
    pool = new WorkerPool<ExplorerApi>(
      () =>
        new Worker(new URL('./explorer.worker.ts', import.meta.url), {
          type: 'module',
          name: 'explorer',
        }) as PoolWorker,
      size,
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
