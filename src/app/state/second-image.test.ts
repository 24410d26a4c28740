import { describe, expect, it } from 'vitest';
import type { OpenedImage } from '../../worker/api.ts';
import { RemoteError } from '../../worker/rpc.ts';
import { fakePool } from '../testing/fake-pool.ts';
import { fileRequest } from '../testing/file-request.ts';
import { SecondImage } from './second-image.ts';

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
    const first = second.open(fileRequest('a.tar'));
    expect(second.getState()).toMatchObject({ status: 'opening', label: 'a.tar' });
    const next = second.open(fileRequest('b.tar'));
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
    const done = second.open(fileRequest('bad.tar'));
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
