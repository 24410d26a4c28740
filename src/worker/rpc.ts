/**
 * A tiny typed RPC over postMessage (the part of comlink this project needs): calls with a
 * result, progress events, abort, and transferred buffers. Works over any endpoint with
 * postMessage/addEventListener (a Worker, a worker's global scope, a MessagePort).
 */

import { pack, unpack } from './remote-transport.ts';

/** What a handler gets besides its arguments. */
export interface CallContext<P> {
  /** Aborted when the caller aborts the call. */
  readonly signal: AbortSignal;
  /** Report progress; coalesced to at most one message per `progressIntervalMs`. */
  progress(value: P): void;
  /** Transfer these buffers with the result instead of copying them. */
  transfer(...items: Transferable[]): void;
  /**
   * Post a progress value now, never coalesced with others (a part of a result sent ahead, each
   * in its own message so the caller takes them in separate tasks). Absent in-process.
   */
  send?(value: P): void;
  /**
   * For a long background handler to await between chunks of work (when it returns a promise):
   * it lets the worker take its messages (an abort, a pause) at least every `BREATHE_MS`, which
   * a handler whose reads resolve at once would otherwise starve for seconds, and it holds while
   * the caller pauses background work (`RpcClient.pause`), until it resumes, the pause's lease
   * runs out, or this call aborts.
   */
  breathe?(): Promise<void> | undefined;
}

/** One method of an API: arguments, a context, a promised result. */
export type Method<A = never, R = unknown, P = never> = (
  args: A,
  ctx: CallContext<P>,
) => Promise<R>;

/** An API: named methods. */
export type Api = { [name: string]: Method<never, unknown, never> };

/** The argument type of a method. */
export type ArgsOf<F> = F extends (args: infer A, ctx: never) => unknown ? A : never;
/** The progress type of a method. */
export type ProgressOf<F> = F extends (args: never, ctx: CallContext<infer P>) => unknown
  ? P
  : never;
/** The result type of a method. */
export type ResultOf<F> = F extends (...a: never[]) => Promise<infer R> ? R : never;

/** Options of one call. */
export interface CallOptions<P> {
  signal?: AbortSignal;
  onProgress?: (value: P) => void;
  /** Buffers (or streams) to transfer with the arguments. */
  transfer?: Transferable[];
}

/** The smallest endpoint both sides need. */
export interface Endpoint {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/** Requests, caller → handler. */
export type Request =
  | { rpc: 'call'; id: number; method: string; args: unknown; remote?: boolean }
  | { rpc: 'abort'; id: number }
  /** Hold background handlers (those awaiting `ctx.breathe()`) for at most `ms`, or until resumed. */
  | { rpc: 'pause'; ms: number }
  | { rpc: 'resume' }
  /**
   * The caller has nothing queued for this endpoint now (see `serve`'s `onIdle`); `alone`: nor
   * does it run a call on any other endpoint.
   */
  | { rpc: 'idle'; alone: boolean };

/** Replies, handler → caller. */
export type Reply =
  | { rpc: 'progress'; id: number; value: unknown }
  | { rpc: 'done'; id: number; value: unknown; remote?: boolean }
  | { rpc: 'fail'; id: number; error: WireError };

/** An error as it crosses the boundary: its name survives, so `AbortError` stays recognisable. */
export interface WireError {
  name: string;
  message: string;
  /** Extra plain fields (e.g. the `problems` of an UnreadableInputError). */
  data?: Record<string, unknown>;
}

/** An error rebuilt on the caller's side, keeping the handler's name and data. */
export class RemoteError extends Error {
  constructor(
    wire: WireError,
    readonly data: Record<string, unknown> = wire.data ?? {},
  ) {
    super(wire.message);
    this.name = wire.name;
  }
}

/** True for an error that means "the call was aborted", on either side of the boundary. */
export function isAbortError(e: unknown): boolean {
  return e instanceof Error && e.name === 'AbortError';
}

function toWire(e: unknown): WireError {
  if (e instanceof Error) {
    const data: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(e)) {
      if (k !== 'name' && k !== 'message' && k !== 'stack') data[k] = v;
    }
    return Object.keys(data).length > 0
      ? { name: e.name, message: e.message, data }
      : { name: e.name, message: e.message };
  }
  return { name: 'Error', message: String(e) };
}

/**
 * How long a background handler runs before it lets the worker take messages. Measured in
 * Chromium: a verify pass whose blob reads resolve at once took its messages ~6 s late.
 */
const BREATHE_MS = 50;

/**
 * A promise that settles in a later task, after the messages already queued: through the
 * platform's task scheduler where there is one (browsers), as timers set from timer tasks are
 * clamped to 4 ms after a few levels of nesting, which every breath would pay; else a timer.
 */
function nextTask(): Promise<void> {
  const scheduler = (
    globalThis as { scheduler?: { postTask?: (task: () => void) => Promise<void> } }
  ).scheduler;
  if (typeof scheduler?.postTask === 'function') return scheduler.postTask(() => undefined);
  return new Promise((r) => setTimeout(r, 0));
}

/** Serve an API on an endpoint (inside the worker). Returns a function that stops serving. */
export function serve(
  endpoint: Endpoint,
  api: Api,
  opts: {
    progressIntervalMs?: number;
    /** Called when the caller says it has nothing queued for this endpoint (`RpcClient.idle`). */
    onIdle?: (alone: boolean) => void;
  } = {},
): () => void {
  const interval = opts.progressIntervalMs ?? 50;
  const running = new Map<number, AbortController>();
  const post = (reply: Reply, transfer: Transferable[] = []): void =>
    endpoint.postMessage(reply, transfer);
  // A pause is a lease: a caller that never says resume (it crashed) holds nothing for long.
  let pause: {
    until: Promise<void>;
    resume: () => void;
    timer: ReturnType<typeof setTimeout>;
  } | null = null;
  let breathed = performance.now();
  const resume = (): void => {
    if (!pause) return;
    clearTimeout(pause.timer);
    pause.resume();
    pause = null;
  };

  const onMessage = (event: MessageEvent): void => {
    const msg = event.data as Request;
    if (msg?.rpc === 'abort') {
      running.get(msg.id)?.abort(new DOMException('The call was aborted', 'AbortError'));
      return;
    }
    if (msg?.rpc === 'pause') {
      if (pause) clearTimeout(pause.timer);
      else {
        let open!: () => void;
        const until = new Promise<void>((r) => (open = r));
        pause = { until, resume: open, timer: undefined as never };
      }
      pause.timer = setTimeout(resume, msg.ms);
      return;
    }
    if (msg?.rpc === 'resume') {
      resume();
      return;
    }
    if (msg?.rpc === 'idle') {
      opts.onIdle?.(msg.alone);
      return;
    }
    if (msg?.rpc !== 'call') return;
    const { id, method } = msg;
    const fn = api[method] as Method<unknown, unknown, unknown> | undefined;
    if (!fn) {
      post({ rpc: 'fail', id, error: { name: 'TypeError', message: `no such method: ${method}` } });
      return;
    }
    const controller = new AbortController();
    running.set(id, controller);
    const transfers: Transferable[] = [];
    let last = 0;
    let pending: { value: unknown } | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = (): void => {
      timer = undefined;
      if (!pending || controller.signal.aborted) return;
      last = Date.now();
      post({ rpc: 'progress', id, value: pending.value });
      pending = undefined;
    };
    const ctx: CallContext<unknown> = {
      signal: controller.signal,
      progress(value) {
        pending = { value };
        const wait = interval - (Date.now() - last);
        if (wait <= 0) flush();
        else timer ??= setTimeout(flush, wait);
      },
      transfer(...items) {
        transfers.push(...items);
      },
      send(value) {
        if (!controller.signal.aborted) post({ rpc: 'progress', id, value });
      },
      breathe() {
        if (!pause && performance.now() - breathed < BREATHE_MS) return undefined;
        const { signal } = controller;
        return (async () => {
          if (!pause) await nextTask();
          // Hold while paused (a pause may have come in with the messages just taken).
          if (pause && !signal.aborted) {
            let onAbort!: () => void;
            await Promise.race([
              pause.until,
              new Promise<void>((r) => signal.addEventListener('abort', (onAbort = () => r()))),
            ]);
            signal.removeEventListener('abort', onAbort);
          }
          // Either wait let the worker take its messages: the next breath is due in BREATHE_MS.
          breathed = performance.now();
        })();
      },
    };
    fn(msg.remote ? unpack(msg.args) : msg.args, ctx).then(
      (value) => {
        if (timer !== undefined) clearTimeout(timer);
        running.delete(id);
        const packed = pack(value);
        post(
          packed.remote
            ? { rpc: 'done', id, value: packed.value, remote: true }
            : { rpc: 'done', id, value },
          transfers,
        );
      },
      (e: unknown) => {
        if (timer !== undefined) clearTimeout(timer);
        running.delete(id);
        post({
          rpc: 'fail',
          id,
          error: toWire(
            controller.signal.aborted ? new DOMException('The call was aborted', 'AbortError') : e,
          ),
        });
      },
    );
  };
  endpoint.addEventListener('message', onMessage);
  return () => endpoint.removeEventListener('message', onMessage);
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  onProgress: ((v: unknown) => void) | undefined;
  cleanup: () => void;
}

/** The caller's side of one endpoint: typed calls, each abortable. */
export class RpcClient<A extends Api> {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Calls the worker has not answered yet, aborted ones included: it is still running them. */
  private readonly unanswered = new Set<number>();
  private drainWaiters: (() => void)[] = [];

  constructor(private readonly endpoint: Endpoint) {
    endpoint.addEventListener('message', this.onMessage);
  }

  /** Calls in flight. */
  get busy(): number {
    return this.pending.size;
  }

  /**
   * Resolves once the worker has answered every call, including calls whose caller aborted (an
   * aborted call rejects at once on this side, while the worker may still be finishing it).
   */
  drained(): Promise<void> {
    if (this.unanswered.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  /** Call a method; rejects with an `AbortError` as soon as the signal aborts. */
  call<K extends keyof A & string>(
    method: K,
    args: ArgsOf<A[K]>,
    opts: CallOptions<ProgressOf<A[K]>> = {},
  ): Promise<ResultOf<A[K]>> {
    const { signal } = opts;
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const id = this.nextId++;
    return new Promise<ResultOf<A[K]>>((resolve, reject) => {
      const onAbort = (): void => {
        this.endpoint.postMessage({ rpc: 'abort', id } satisfies Request, []);
        this.settle(id)?.reject(abortReason(signal!));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.unanswered.add(id);
      this.pending.set(id, {
        resolve: resolve as (v: unknown) => void,
        reject,
        onProgress: opts.onProgress as ((v: unknown) => void) | undefined,
        cleanup: () => signal?.removeEventListener('abort', onAbort),
      });
      const packed = pack(args);
      this.endpoint.postMessage(
        (packed.remote
          ? { rpc: 'call', id, method, args: packed.value, remote: true }
          : { rpc: 'call', id, method, args }) satisfies Request,
        opts.transfer ?? [],
      );
    });
  }

  /**
   * Hold the handlers' background work (see `CallContext.breathe`) for at most `ms`: a lease the
   * caller renews while it needs the CPU, so a caller that dies holds nothing for long.
   */
  pause(ms: number): void {
    this.endpoint.postMessage({ rpc: 'pause', ms } satisfies Request, []);
  }

  /** End a pause. */
  resume(): void {
    this.endpoint.postMessage({ rpc: 'resume' } satisfies Request, []);
  }

  /**
   * Tell the handler's side that nothing is queued for it now: work it holds back for a next
   * call (a listing's hashing, see layer-job.ts) can start at once. `alone`: no call runs on
   * any other endpoint of the caller's either (that work is the last).
   */
  idle(alone = false): void {
    this.endpoint.postMessage({ rpc: 'idle', alone } satisfies Request, []);
  }

  /** Reject every call in flight (the worker died or was terminated). */
  failAll(error: Error): void {
    for (const id of [...this.pending.keys()]) this.settle(id)?.reject(error);
    for (const id of [...this.unanswered]) this.answered(id);
  }

  /** Stop listening. */
  close(): void {
    this.endpoint.removeEventListener('message', this.onMessage);
  }

  private settle(id: number): Pending | undefined {
    const p = this.pending.get(id);
    if (!p) return undefined;
    this.pending.delete(id);
    p.cleanup();
    return p;
  }

  private answered(id: number): void {
    if (!this.unanswered.delete(id) || this.unanswered.size > 0) return;
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const w of waiters) w();
  }

  private readonly onMessage = (event: MessageEvent): void => {
    const msg = event.data as Reply;
    if (msg?.rpc === 'progress') this.pending.get(msg.id)?.onProgress?.(msg.value);
    else if (msg?.rpc === 'done') {
      this.settle(msg.id)?.resolve(msg.remote ? unpack(msg.value) : msg.value);
      this.answered(msg.id);
    } else if (msg?.rpc === 'fail') {
      this.settle(msg.id)?.reject(new RemoteError(msg.error));
      this.answered(msg.id);
    }
  };
}

function abortReason(signal: AbortSignal): unknown {
  return isAbortError(signal.reason)
    ? signal.reason
    : new DOMException('The call was aborted', 'AbortError');
}
