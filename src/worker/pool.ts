import {
  RpcClient,
  type Api,
  type ArgsOf,
  type CallOptions,
  type Endpoint,
  type ProgressOf,
  type ResultOf,
} from './rpc.ts';

/** A worker the pool can start and stop (a `Worker`, or a fake in tests). */
export interface PoolWorker extends Endpoint {
  terminate(): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  addEventListener(type: 'error', listener: (event: Event) => void): void;
}

/** Options of one pooled call: the RPC options plus a priority (higher runs first). */
export interface PoolCallOptions<P> extends CallOptions<P> {
  priority?: number;
}

interface Task {
  run: (client: RpcClient<Api>) => Promise<unknown>;
  priority: number;
  seq: number;
  signal: AbortSignal | undefined;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  onAbort: () => void;
}

interface Slot {
  worker: PoolWorker;
  client: RpcClient<Api>;
  busy: boolean;
}

/**
 * At most `size` workers, started lazily, each running one call at a time (one layer per worker,
 * as MEASUREMENTS advises); queued calls run by priority, then in order. A queued call whose
 * signal aborts leaves the queue at once; a running one is aborted inside its worker.
 */
export class WorkerPool<A extends Api> {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private seq = 0;

  constructor(
    private readonly create: () => PoolWorker,
    readonly size: number,
  ) {
    if (size < 1) throw new RangeError('a pool needs at least one worker');
  }

  /** Calls waiting for a worker. */
  get queued(): number {
    return this.queue.length;
  }

  /** Workers started so far. */
  get started(): number {
    return this.slots.length;
  }

  /** Run a method on the next free worker. */
  call<K extends keyof A & string>(
    method: K,
    args: ArgsOf<A[K]>,
    opts: PoolCallOptions<ProgressOf<A[K]>> = {},
  ): Promise<ResultOf<A[K]>> {
    const { priority = 0, ...rpcOpts } = opts;
    const signal = opts.signal;
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<ResultOf<A[K]>>((resolve, reject) => {
      const task: Task = {
        run: (client) => (client as unknown as RpcClient<A>).call(method, args, rpcOpts),
        priority,
        seq: this.seq++,
        signal,
        resolve: resolve as (v: unknown) => void,
        reject,
        onAbort: () => {
          const i = this.queue.indexOf(task);
          if (i >= 0) {
            this.queue.splice(i, 1);
            reject(signal!.reason);
          }
        },
      };
      signal?.addEventListener('abort', task.onAbort, { once: true });
      this.queue.push(task);
      this.pump();
    });
  }

  /** Start one worker ahead of need (its module loads while the user picks an image). */
  warm(): void {
    if (this.slots.length === 0) this.spawn();
  }

  /** Stop every worker; calls in flight and queued calls fail. */
  terminate(): void {
    const error = new DOMException('The worker pool was terminated', 'AbortError');
    for (const t of this.queue.splice(0)) t.reject(error);
    for (const s of this.slots.splice(0)) {
      s.worker.terminate();
      s.client.failAll(error);
    }
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const slot =
        this.slots.find((s) => !s.busy) ??
        (this.slots.length < this.size ? this.spawn() : undefined);
      if (!slot) return;
      const task = this.takeNext();
      task.signal?.removeEventListener('abort', task.onAbort);
      slot.busy = true;
      task
        .run(slot.client)
        .then(task.resolve, task.reject)
        .finally(() => {
          slot.busy = false;
          this.pump();
        });
    }
  }

  private takeNext(): Task {
    let best = 0;
    for (let i = 1; i < this.queue.length; i++) {
      const a = this.queue[i]!;
      const b = this.queue[best]!;
      if (a.priority > b.priority || (a.priority === b.priority && a.seq < b.seq)) best = i;
    }
    return this.queue.splice(best, 1)[0]!;
  }

  private spawn(): Slot {
    const worker = this.create();
    const slot: Slot = { worker, client: new RpcClient<Api>(worker), busy: false };
    // A worker that dies (an uncaught error, out of memory) fails its call and is replaced on demand.
    worker.addEventListener('error', (event: Event) => {
      const detail = (event as { message?: unknown }).message;
      const message =
        typeof detail === 'string' && detail ? detail : 'the worker stopped unexpectedly';
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots.splice(i, 1);
      worker.terminate();
      slot.client.failAll(new Error(message));
    });
    this.slots.push(slot);
    return slot;
  }
}

/**
 * The pool size for this machine: one worker per core but one, which stays with the page so it
 * keeps answering while layers are read (measured: with every core busy, the main thread's
 * tasks stretch past 50 ms); at least one, at most `cap`.
 */
export function poolSize(hardwareConcurrency: number | undefined, cap = 8): number {
  return Math.max(1, Math.min(cap, (hardwareConcurrency || 2) - 1));
}
