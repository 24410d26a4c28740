import type { ExplorerApi } from './api.ts';
import { poolSize, WorkerPool, type PoolWorker } from './pool.ts';

let pool: WorkerPool<ExplorerApi> | undefined;

/** The app's worker pool: started on first use, one worker per core (at most 8). */
export function explorerPool(): WorkerPool<ExplorerApi> {
  pool ??= new WorkerPool<ExplorerApi>(
    () =>
      new Worker(new URL('./explorer.worker.ts', import.meta.url), {
        type: 'module',
        name: 'explorer',
      }) as PoolWorker,
    poolSize(typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency),
  );
  return pool;
}

/** Replace the pool (tests). */
export function setExplorerPool(p: WorkerPool<ExplorerApi> | undefined): void {
  pool = p;
}
