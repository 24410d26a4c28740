import { describe, expect, it } from 'vitest';
import { ABORT_GRACE_MS, WorkerPool, poolSize, type PoolWorker } from './pool.ts';
import { isAbortError, serve, type CallContext, type Endpoint } from './rpc.ts';

let running = 0;
let peak = 0;
const order: string[] = [];

/** Steps each `spin` call has made, by name. */
const steps = new Map<string, number>();

const api = {
  /** A handler that never looks at its signal (one long chunk of a decompression bomb). */
  stuck(): Promise<string> {
    return new Promise(() => {});
  },
  /** Background work in steps that breathe (as the verify pass does), for `ms` of its own time. */
  async spin(args: { name: string; ms: number }, ctx: CallContext<never>): Promise<string> {
    steps.set(args.name, 0);
    let worked = 0;
    while (worked < args.ms) {
      const gate = ctx.breathe?.();
      if (gate) await gate;
      ctx.signal.throwIfAborted();
      const t = performance.now();
      await new Promise((r) => setTimeout(r, 5));
      worked += performance.now() - t;
      steps.set(args.name, steps.get(args.name)! + 1);
    }
    return args.name;
  },
  async job(args: { name: string; ms: number }, ctx: CallContext<never>): Promise<string> {
    running++;
    peak = Math.max(peak, running);
    order.push(args.name);
    try {
      await new Promise((resolve, reject) => {
        const t = setTimeout(resolve, args.ms);
        ctx.signal.addEventListener('abort', () => {
          clearTimeout(t);
          reject(ctx.signal.reason);
        });
      });
      return args.name;
    } finally {
      running--;
    }
  },
};

/** A fake worker: the API served over a MessageChannel, with terminate and error events. */
function fakeWorker(): PoolWorker & { crash(message: string): void } {
  const ch = new MessageChannel();
  serve(ch.port2 as unknown as Endpoint, api, { progressIntervalMs: 0 });
  ch.port1.start();
  ch.port2.start();
  const errorListeners: ((e: Event) => void)[] = [];
  return {
    postMessage: (m, t) => ch.port1.postMessage(m, t),
    addEventListener: ((type: string, l: (e: never) => void) => {
      if (type === 'error') errorListeners.push(l as (e: Event) => void);
      else ch.port1.addEventListener('message', l as (e: MessageEvent) => void);
    }) as PoolWorker['addEventListener'],
    removeEventListener: (_type, l) => ch.port1.removeEventListener('message', l),
    terminate: () => {
      ch.port1.close();
      ch.port2.close();
    },
    crash(message) {
      const e = Object.assign(new Event('error'), { message });
      for (const l of errorListeners) l(e);
    },
  };
}

describe('worker pool', () => {
  it('tells a worker when nothing is queued for it after a call, not while it has a next call', async () => {
    const sent: string[][] = [];
    const pool = new WorkerPool<typeof api>(() => {
      const w = fakeWorker();
      const mine: string[] = [];
      sent.push(mine);
      const post = w.postMessage;
      w.postMessage = (m, t) => {
        mine.push((m as { rpc: string }).rpc);
        post(m, t);
      };
      return w;
    }, 1);
    await Promise.all([
      pool.call('job', { name: 'a', ms: 5 }),
      pool.call('job', { name: 'b', ms: 5 }),
    ]);
    await new Promise((r) => setTimeout(r, 0));
    // The second call went to the worker as the first ended; only after it was the worker idle.
    expect(sent).toEqual([['call', 'call', 'idle']]);
    pool.terminate();
  });

  it('keeps a worker whose aborted call settles in time, and runs the next call after it has', async () => {
    let made = 0;
    const pool = new WorkerPool<typeof api>(() => (made++, fakeWorker()), 1);
    const c = new AbortController();
    const first = pool.call('job', { name: 'long', ms: 10_000 }, { signal: c.signal });
    const next = pool.call('job', { name: 'after', ms: 1 });
    await new Promise((r) => setTimeout(r, 20));
    c.abort(new DOMException('Cancel', 'AbortError'));
    await expect(first).rejects.toThrow();
    expect(await next).toBe('after');
    expect(made).toBe(1);
  });

  it('terminates a worker whose aborted call does not settle, and runs the next call on a new one', async () => {
    let made = 0;
    const pool = new WorkerPool<typeof api>(() => (made++, fakeWorker()), 1);
    const c = new AbortController();
    const stuck = pool.call('stuck', undefined as never, { signal: c.signal });
    const next = pool.call('job', { name: 'next', ms: 1 });
    await new Promise((r) => setTimeout(r, 20));
    const t0 = performance.now();
    c.abort(new DOMException('Another image was opened', 'AbortError'));
    const e = await stuck.then(
      () => null,
      (x: unknown) => x,
    );
    expect(isAbortError(e)).toBe(true);
    expect(performance.now() - t0).toBeLessThan(ABORT_GRACE_MS + 200);
    expect(await next).toBe('next');
    expect(made).toBe(2);
    expect(pool.started).toBe(1);
  });

  it('starts workers lazily and never runs more calls than workers', async () => {
    peak = 0;
    const pool = new WorkerPool<typeof api>(fakeWorker, 2);
    expect(pool.started).toBe(0);
    const results = await Promise.all(
      ['a', 'b', 'c', 'd', 'e'].map((name) => pool.call('job', { name, ms: 15 })),
    );
    expect(results).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(pool.started).toBe(2);
    expect(peak).toBe(2);
    pool.terminate();
  });

  it('runs queued calls by priority, then in order', async () => {
    order.length = 0;
    const pool = new WorkerPool<typeof api>(fakeWorker, 1);
    const calls = [
      pool.call('job', { name: 'first', ms: 10 }),
      pool.call('job', { name: 'layer-1', ms: 1 }, { priority: 1 }),
      pool.call('job', { name: 'layer-2', ms: 1 }, { priority: 1 }),
      pool.call('job', { name: 'document', ms: 1 }, { priority: 2 }),
    ];
    await Promise.all(calls);
    expect(order).toEqual(['first', 'document', 'layer-1', 'layer-2']);
    pool.terminate();
  });

  it('drops an aborted queued call and aborts a running one', async () => {
    const pool = new WorkerPool<typeof api>(fakeWorker, 1);
    const controller = new AbortController();
    const running = pool.call('job', { name: 'running', ms: 2_000 }, { signal: controller.signal });
    const queued = pool.call('job', { name: 'queued', ms: 2_000 }, { signal: controller.signal });
    expect(pool.queued).toBe(1);
    controller.abort(new DOMException('new drop', 'AbortError'));
    const [r, q] = await Promise.allSettled([running, queued]);
    expect(r.status === 'rejected' && isAbortError(r.reason)).toBe(true);
    expect(q.status === 'rejected' && isAbortError(q.reason)).toBe(true);
    expect(pool.queued).toBe(0);
    expect(await pool.call('job', { name: 'next', ms: 1 })).toBe('next');
    pool.terminate();
  });

  it('fails the call of a worker that dies, and replaces the worker', async () => {
    const workers: ReturnType<typeof fakeWorker>[] = [];
    const pool = new WorkerPool<typeof api>(() => {
      const w = fakeWorker();
      workers.push(w);
      return w;
    }, 1);
    const call = pool.call('job', { name: 'doomed', ms: 2_000 });
    await new Promise((r) => setTimeout(r, 10));
    workers[0]!.crash('out of memory');
    await expect(call).rejects.toThrow('out of memory');
    expect(await pool.call('job', { name: 'after', ms: 1 })).toBe('after');
    expect(workers).toHaveLength(2);
    pool.terminate();
  });

  it('uses both cores of a two-core machine and leaves a core for the page on larger ones', () => {
    expect(poolSize(1)).toBe(1);
    expect(poolSize(2)).toBe(2);
    expect(poolSize(4)).toBe(3);
    expect(poolSize(8)).toBe(7);
    expect(poolSize(64)).toBe(8);
    expect(poolSize(undefined)).toBe(2);
  });

  it('gives a foreground call a spare worker rather than make it wait behind background work', async () => {
    const pool = new WorkerPool<typeof api>(fakeWorker, 1, { foreground: 3 });
    const finished: string[] = [];
    const background = (name: string, ms: number) =>
      pool.call('job', { name, ms }, { priority: 1 }).then((n) => void finished.push(n));
    const verify = [background('verify-1', 300), background('verify-2', 1)];
    await new Promise((r) => setTimeout(r, 20));
    const t0 = performance.now();
    expect(await pool.call('job', { name: 'file-read', ms: 1 }, { priority: 4 })).toBe('file-read');
    expect(performance.now() - t0).toBeLessThan(250);
    expect(pool.started).toBe(2);
    await Promise.all(verify);
    // The spare never takes background work: the second verify waited for the first.
    expect(finished).toEqual(['verify-1', 'verify-2']);
    pool.terminate();
  });

  it('starts no spare while the workers run foreground work', async () => {
    const pool = new WorkerPool<typeof api>(fakeWorker, 1, { foreground: 3 });
    await Promise.all([
      pool.call('job', { name: 'index-1', ms: 30 }, { priority: 3 }),
      pool.call('job', { name: 'index-2', ms: 1 }, { priority: 3 }),
    ]);
    expect(pool.started).toBe(1);
    pool.terminate();
  });

  it('holds background work while the page waits for something, until the last hold ends', async () => {
    const pool = new WorkerPool<typeof api>(fakeWorker, 2, { foreground: 3 });
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const runs = [
      pool.call('spin', { name: 'a', ms: 400 }, { priority: 1 }),
      pool.call('spin', { name: 'b', ms: 400 }, { priority: 1 }),
    ];
    await sleep(60);
    const outer = pool.holdBackground();
    const inner = pool.holdBackground();
    await sleep(80);
    const held = [steps.get('a')!, steps.get('b')!];
    await sleep(150);
    expect([steps.get('a'), steps.get('b')]).toEqual(held);
    inner();
    inner(); // a second call of the same release counts once
    await sleep(150);
    expect([steps.get('a'), steps.get('b')]).toEqual(held);
    outer();
    expect(await Promise.all(runs)).toEqual(['a', 'b']);
    expect(steps.get('a')!).toBeGreaterThan(held[0]!);
    pool.terminate();
  });
});
