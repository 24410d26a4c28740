import type { ExplorerApi } from '../../worker/api.ts';
import type { WorkerPool } from '../../worker/pool.ts';

/** One call the fake pool holds until the test settles it. */
export interface FakeCall {
  method: string;
  args: unknown;
  signal: AbortSignal | undefined;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

/** A pool that records calls and lets the test settle them; an aborted call rejects. */
export function fakePool(): { pool: WorkerPool<ExplorerApi>; calls: FakeCall[] } {
  const calls: FakeCall[] = [];
  const pool = {
    call(method: string, args: unknown, opts: { signal?: AbortSignal } = {}) {
      return new Promise((resolve, reject) => {
        calls.push({ method, args, signal: opts.signal, resolve, reject });
        opts.signal?.addEventListener('abort', () => reject(opts.signal!.reason));
      });
    },
  } as unknown as WorkerPool<ExplorerApi>;
  return { pool, calls };
}
