import { describe, expect, it } from 'vitest';
import type { ExplorerApi, OpenedImage } from '../../worker/api.ts';
import type { WorkerPool } from '../../worker/pool.ts';
import { RemoteError } from '../../worker/rpc.ts';
import { SecondImage } from './second-image.ts';
import type { OpenRequest } from './session.ts';

type Call = {
  signal: AbortSignal | undefined;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
};

/** A pool whose calls the test settles. */
function fakePool() {
  const calls: Call[] = [];
  const pool = {
    call(_method: string, _args: unknown, opts: { signal?: AbortSignal } = {}) {
      return new Promise((resolve, reject) => {
        calls.push({ signal: opts.signal, resolve, reject });
        opts.signal?.addEventListener('abort', () => reject(opts.signal!.reason));
      });
    },
  } as unknown as WorkerPool<ExplorerApi>;
  return { pool, calls };
}

const request = (name: string): OpenRequest => ({
  source: { kind: 'file', name, blob: new Blob(['x']) },
  inputKey: `file:${name}`,
  label: name,
});

const opened = (name: string): OpenedImage =>
  ({
    name,
    graph: { top: { id: 'index.json' }, nodes: new Map(), edges: [], images: [] },
    blobs: [],
    files: null,
    reference: null,
  }) as unknown as OpenedImage;

describe('SecondImage', () => {
  it('opens an input under its own key, and a second open aborts the first', async () => {
    const { pool, calls } = fakePool();
    const second = new SecondImage(() => pool);
    const first = second.open(request('a.tar'));
    expect(second.getState()).toMatchObject({ status: 'opening', label: 'a.tar' });
    const next = second.open(request('b.tar'));
    expect(calls[0]!.signal!.aborted).toBe(true);
    expect(await first).toBeNull();
    calls[1]!.resolve(opened('b.tar'));
    const input = await next;
    expect(input).toMatchObject({ name: 'b.tar', inputKey: 'second:file:b.tar' });
    expect(second.getState()).toEqual({ status: 'ready', input });
  });

  it('says why an input could not be opened, and clear forgets it', async () => {
    const { pool, calls } = fakePool();
    const second = new SecondImage(() => pool);
    const done = second.open(request('bad.tar'));
    calls[0]!.reject(new RemoteError({ name: 'UnreadableInputError', message: 'not an image' }));
    expect(await done).toBeNull();
    expect(second.getState()).toMatchObject({
      status: 'failed',
      label: 'bad.tar',
      error: { kind: 'not-an-image', message: 'not an image' },
    });
    second.clear();
    expect(second.getState()).toEqual({ status: 'none' });
  });
});
