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

const channels: MessageChannel[] = [];
function connect(): RpcClient<typeof api> {
  const ch = new MessageChannel();
  channels.push(ch);
  serve(ch.port2 as unknown as Endpoint, api, { progressIntervalMs: 0 });
  ch.port1.start();
  ch.port2.start();
  return new RpcClient<typeof api>(ch.port1 as unknown as Endpoint);
}

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
});
