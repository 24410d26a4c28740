import {
  RpcClient,
  type Api,
  type ArgsOf,
  type CallOptions,
  type Endpoint,
  type ProgressOf,
  type ResultOf,
} from './rpc.ts';

/** How long one pause of background work lasts unless renewed (`WorkerPool.holdBackground`). */
const PAUSE_LEASE_MS = 4_000;

/**
 * How long an aborted call may take to settle before its worker is terminated and replaced. A
 * handler checks its signal between chunks, but one chunk of a decompression bomb can inflate
 * for long; abandoned work must never hold a core that the next image's checks need.
 */
export const ABORT_GRACE_MS = 250;

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
  /** Running a background call (priority below `foreground`). */
  background: boolean;
  /** A spare: started beyond `size` so foreground calls never wait behind background ones. */
  spare: boolean;
}

/** How a pool treats background work. */
export interface PoolOptions {
  /**
   * Calls of at least this priority are foreground (default: every call). When all workers are
   * busy and one of them runs background work, a foreground call gets a spare worker.
   */
  foreground?: number;
  /** At most this many spare workers (default 1), which only ever run foreground calls. */
  spares?: number;
}

/**
 * At most `size` workers, started lazily, each running one call at a time (one layer per worker,
 * as measured, docs/decisions.md); queued calls run by priority, then in order. Background calls (below
 * `foreground`, such as verifying layers for seconds each) never make a foreground call wait:
 * it gets a spare worker instead. A queued call whose signal aborts leaves the queue at once; a
 * running one is aborted inside its worker.
 */
export class WorkerPool<A extends Api> {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private seq = 0;
  private readonly foreground: number;
  private readonly spares: number;
  private holds = 0;
  private renew: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly create: () => PoolWorker,
    readonly size: number,
    opts: PoolOptions = {},
  ) {
    if (size < 1) throw new RangeError('a pool needs at least one worker');
    this.foreground = opts.foreground ?? -Infinity;
    this.spares = opts.spares ?? 1;
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
    if (this.slots.length === 0) this.spawn(false);
  }

  /**
   * Pause the workers' background work (handlers that await `ctx.breathe()`, such as the verify
   * pass) until the returned function is called: on two cores, work that the user waits for
   * (reading a file from a layer's start) otherwise shares the CPU with two verifying workers.
   * Holds nest; the pause is a lease renewed while held.
   */
  holdBackground(): () => void {
    if (this.holds++ === 0) {
      for (const s of this.slots) s.client.pause(PAUSE_LEASE_MS);
      this.renew = setInterval(() => {
        for (const s of this.slots) s.client.pause(PAUSE_LEASE_MS);
      }, PAUSE_LEASE_MS / 2);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.holds > 0) return;
      clearInterval(this.renew);
      this.renew = undefined;
      for (const s of this.slots) s.client.resume();
    };
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
      const next = this.nextIndex();
      const foreground = this.queue[next]!.priority >= this.foreground;
      const slot = this.freeSlot(foreground);
      if (!slot) return;
      const task = this.queue.splice(next, 1)[0]!;
      task.signal?.removeEventListener('abort', task.onAbort);
      slot.busy = true;
      slot.background = !foreground;
      // An aborted call rejects at once, but its worker is free only when it has answered;
      // one that does not answer within the grace period is terminated and replaced.
      let grace: ReturnType<typeof setTimeout> | undefined;
      const onRunAbort = (): void => {
        grace = setTimeout(() => this.retire(slot, task.signal!.reason), ABORT_GRACE_MS);
      };
      task.signal?.addEventListener('abort', onRunAbort, { once: true });
      task
        .run(slot.client)
        .then(task.resolve, task.reject)
        .then(() => slot.client.drained())
        .finally(() => {
          clearTimeout(grace);
          task.signal?.removeEventListener('abort', onRunAbort);
          slot.busy = false;
          this.pump();
          // Nothing queued for it: the worker may start what it held back for a next call,
          // and knows whether any other worker is running a call.
          if (!slot.busy && this.slots.includes(slot))
            slot.client.idle(!this.slots.some((s) => s.busy));
        });
    }
  }

  /** Terminate a worker whose aborted call did not settle in time; a new one starts on demand. */
  private retire(slot: Slot, reason: unknown): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    slot.worker.terminate();
    slot.client.failAll(
      reason instanceof Error ? reason : new DOMException('The call was aborted', 'AbortError'),
    );
  }

  /** A worker for the next call: a free one, a new one within `size`, or a spare for foreground work. */
  private freeSlot(foreground: boolean): Slot | undefined {
    const free = this.slots.find((s) => !s.busy && (foreground || !s.spare));
    if (free) return free;
    const regular = this.slots.filter((s) => !s.spare);
    if (regular.length < this.size) return this.spawn(false);
    const spares = this.slots.length - regular.length;
    if (foreground && spares < this.spares && this.slots.some((s) => s.background))
      return this.spawn(true);
    return undefined;
  }

  /** The queued call to run next: highest priority, then first come. */
  private nextIndex(): number {
    let best = 0;
    for (let i = 1; i < this.queue.length; i++) {
      const a = this.queue[i]!;
      const b = this.queue[best]!;
      if (a.priority > b.priority || (a.priority === b.priority && a.seq < b.seq)) best = i;
    }
    return best;
  }

  private spawn(spare: boolean): Slot {
    const worker = this.create();
    const slot: Slot = {
      worker,
      client: new RpcClient<Api>(worker),
      busy: false,
      background: false,
      spare,
    };
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
    if (this.holds > 0) slot.client.pause(PAUSE_LEASE_MS);
    return slot;
  }
}

/**
 * The pool size for this machine: a worker per core on one or two cores, one core left for the
 * page above that; at most `cap`. On 2 cores, 2 workers list and verify the bench image faster
 * than 1 (e2e/bench-app.mjs), and the page still never blocks for 50 ms: what stretched its tasks
 * was waiting for a core (measured while the views rendered check updates as transitions; they now
 * read TanStack Query's observers directly, so e2e/bench-app.mjs should confirm it again).
 */
export function poolSize(hardwareConcurrency: number | undefined, cap = 8): number {
  const cores = hardwareConcurrency || 2;
  return Math.max(1, Math.min(cap, cores > 2 ? cores - 1 : cores));
}
