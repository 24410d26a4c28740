import { afterEach, describe, expect, it } from 'vitest';
import {
  RpcClient,
  RemoteError,
  isAbortError,
  serve,
  type CallContext,
  type Endpoint,
} from './rpc.ts';

class Unreadable extends Error {
  constructor(
    message: string,
    readonly problems: string[],
  ) {
    super(message);
    this.name = 'UnreadableInputError';
  }
}

const api = {
  async double(args: { n: number }, ctx: CallContext<number>): Promise<number> {
    ctx.progress(1);
    return args.n * 2;
  },
  async bytes(args: { size: number }, ctx: CallContext<never>): Promise<ArrayBuffer> {
    const b = new Uint8Array(args.size).fill(7).buffer;
    ctx.transfer(b);
    return b;
  },
  async fail(_args: Record<string, never>, _ctx: CallContext<never>): Promise<never> {
    throw new Unreadable('not an image', ['p1']);
  },
  async wait(_args: Record<string, never>, ctx: CallContext<never>): Promise<string> {
    await new Promise((resolve, reject) => {
      ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason));
      setTimeout(resolve, 5_000);
    });
    return 'finished';
  },
};

/** Steps of `spin` so far, and when it stopped, by run name (read by the tests). */
const steps = new Map<string, number>();
const stopped = new Map<string, number>();

const busyApi = {
  ...api,
  /** Works in steps whose awaits resolve at once (as buffered blob reads do), breathing between. */
  async spin(args: { name: string; ms: number }, ctx: CallContext<never>): Promise<string> {
    const end = performance.now() + args.ms;
    steps.set(args.name, 0);
    try {
      while (performance.now() < end) {
        await Promise.resolve();
        const gate = ctx.breathe?.();
        if (gate) await gate;
        ctx.signal.throwIfAborted();
        steps.set(args.name, steps.get(args.name)! + 1);
      }
      return 'finished';
    } finally {
      stopped.set(args.name, performance.now());
    }
  },
};

const channels: MessageChannel[] = [];
function connect(): RpcClient<typeof busyApi> {
  const ch = new MessageChannel();
  channels.push(ch);
  serve(ch.port2 as unknown as Endpoint, busyApi, { progressIntervalMs: 0 });
  ch.port1.start();
  ch.port2.start();
  return new RpcClient<typeof busyApi>(ch.port1 as unknown as Endpoint);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterEach(() => {
  for (const ch of channels.splice(0)) {
    ch.port1.close();
    ch.port2.close();
  }
});

describe('typed RPC', () => {
  it('returns results and reports progress', async () => {
    const client = connect();
    const seen: number[] = [];
    expect(await client.call('double', { n: 21 }, { onProgress: (p) => seen.push(p) })).toBe(42);
    expect(seen).toEqual([1]);
  });

  it('transfers buffers with the result', async () => {
    const client = connect();
    const b = await client.call('bytes', { size: 1024 });
    expect(new Uint8Array(b)[1023]).toBe(7);
  });

  it('keeps the error name and fields across the boundary', async () => {
    const client = connect();
    const e = await client.call('fail', {}).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RemoteError);
    expect((e as RemoteError).name).toBe('UnreadableInputError');
    expect((e as RemoteError).data.problems).toEqual(['p1']);
  });

  it('rejects at once on abort, and aborts the handler', async () => {
    const client = connect();
    const controller = new AbortController();
    const call = client.call('wait', {}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const e = await call.catch((x: unknown) => x);
    expect(isAbortError(e)).toBe(true);
    expect(client.busy).toBe(0);
  });

  it('rejects a call whose signal is already aborted without sending it', async () => {
    const client = connect();
    const e = await client
      .call('double', { n: 1 }, { signal: AbortSignal.abort() })
      .catch((x: unknown) => x);
    expect(isAbortError(e)).toBe(true);
  });

  it('a handler that never waits for I/O still takes its abort, when it breathes', async () => {
    const client = connect();
    const controller = new AbortController();
    const t0 = performance.now();
    const call = client.call('spin', { name: 'abort', ms: 3_000 }, { signal: controller.signal });
    await sleep(30);
    controller.abort();
    expect(isAbortError(await call.catch((x: unknown) => x))).toBe(true);
    await sleep(200);
    // The handler saw the abort at its next breath (~50 ms), long before its 3 s were up.
    expect(stopped.get('abort')! - t0).toBeLessThan(1_500);
  });

  it('holds breathing handlers while paused, until resumed or the lease runs out', async () => {
    const client = connect();
    const call = client.call('spin', { name: 'held', ms: 1_000 });
    await sleep(50);
    client.pause(10_000);
    await sleep(100);
    const held = steps.get('held')!;
    await sleep(150);
    expect(steps.get('held')).toBe(held);
    client.resume();
    await sleep(100);
    expect(steps.get('held')!).toBeGreaterThan(held);
    // A lease that is not renewed ends by itself (else the call would never finish).
    client.pause(400);
    await sleep(100);
    const leased = steps.get('held')!;
    await sleep(100);
    expect(steps.get('held')).toBe(leased);
    expect(await call).toBe('finished');
  });

  it('a paused handler still takes its abort', async () => {
    const client = connect();
    const controller = new AbortController();
    const call = client.call(
      'spin',
      { name: 'paused-abort', ms: 2_000 },
      { signal: controller.signal },
    );
    await sleep(30);
    client.pause(10_000);
    await sleep(60);
    const t0 = performance.now();
    controller.abort();
    expect(isAbortError(await call.catch((x: unknown) => x))).toBe(true);
    expect(performance.now() - t0).toBeLessThan(1_000);
    client.resume();
  });
});
