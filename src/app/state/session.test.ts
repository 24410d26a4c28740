import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { ExplorerApi, OpenedImage } from '../../worker/api.ts';
import type { WorkerPool } from '../../worker/pool.ts';
import { RemoteError } from '../../worker/rpc.ts';
import { fakePool } from '../testing/fake-pool.ts';
import { fileRequest } from '../testing/file-request.ts';
import { describeError, Session } from './session.ts';

const opened = (name: string): OpenedImage =>
  ({
    name,
    format: 'oci-layout',
    wrapper: null,
    layoutVersion: '1.0.0',
    graph: {
      top: { id: 'index.json', kind: 'top' },
      nodes: new Map(),
      edges: [],
      images: [],
      problems: [],
    },
    blobs: [],
    layout: { positions: {}, width: 0, height: 0 },
    ms: { open: 0, graph: 0, layout: 0 },
  }) as unknown as OpenedImage;

describe('Session', () => {
  it('opening a second image aborts the first one’s work', async () => {
    const { pool, calls } = fakePool();
    const session = new Session(new QueryClient(), () => pool);
    const first = session.open(fileRequest('a.tar'));
    expect(session.getState()).toMatchObject({ status: 'opening', label: 'a.tar' });
    const second = session.open(fileRequest('b.tar'));
    expect(calls[0]!.signal!.aborted).toBe(true);
    expect(calls[1]!.signal!.aborted).toBe(false);
    calls[1]!.resolve(opened('b.tar'));
    await first;
    await new Promise((r) => setTimeout(r, 0));
    const state = session.getState();
    expect(state.status === 'ready' && state.image.name).toBe('b.tar');
    if (state.status === 'ready') state.image.graphShown();
    await second;
  });

  it('shows a large index’s preview, then the whole image in its place', async () => {
    const calls: { onProgress: (p: unknown) => void; resolve: (v: unknown) => void }[] = [];
    const pool = {
      call: (_m: string, _a: unknown, opts: { onProgress: (p: unknown) => void }) =>
        new Promise((resolve) => calls.push({ onProgress: opts.onProgress, resolve })),
    } as unknown as WorkerPool<ExplorerApi>;
    const session = new Session(new QueryClient(), () => pool);
    const opening = session.open(fileRequest('big'));
    await new Promise((r) => setTimeout(r, 0));
    calls[0]!.onProgress({ phase: 'preview', image: opened('preview') });
    const first = session.getState();
    expect(first.status === 'ready' && first.image.name).toBe('preview');
    calls[0]!.resolve(opened('whole'));
    await new Promise((r) => setTimeout(r, 0));
    const second = session.getState();
    expect(second.status === 'ready' && second.image.name).toBe('whole');
    // One image, shown twice: the same progress and graph-shown signal.
    if (first.status === 'ready' && second.status === 'ready') {
      expect(second.image.progress).toBe(first.image.progress);
      first.image.graphShown();
    }
    await opening;
  });

  it('sorts errors into what the user reads', () => {
    expect(
      describeError(new RemoteError({ name: 'UnreadableInputError', message: 'not a tar' })).kind,
    ).toBe('not-an-image');
    expect(
      describeError(new RemoteError({ name: 'FetchError', message: 'x', data: { cors: true } }))
        .kind,
    ).toBe('cors');
    expect(
      describeError(
        new RemoteError({ name: 'FetchError', message: 'HTTP 404', data: { cors: false } }),
      ).kind,
    ).toBe('http');
    expect(describeError(new Error('boom')).kind).toBe('other');
  });

  it.each([
    ['unreachable', 'registry-unreachable'],
    ['auth', 'registry-auth'],
    ['not-found', 'registry'],
    ['invalid', 'registry'],
  ] as const)('sorts a registry that failed as %s', (reason, kind) => {
    const e = new RemoteError({ name: 'RegistryError', message: 'm', data: { reason } });
    expect(describeError(e)).toEqual({ kind, message: 'm' });
  });

  it.each(['refused', 'cors', 'http', 'stalled', 'too-large'] as const)(
    'sorts a download that failed as %s',
    (reason) => {
      const e = new RemoteError({ name: 'FetchError', message: 'm', data: { reason } });
      expect(describeError(e)).toEqual({ kind: reason, message: 'm' });
    },
  );

  it('shows why an input could not be opened', async () => {
    const { pool, calls } = fakePool();
    const session = new Session(new QueryClient(), () => pool);
    const done = session.open(fileRequest('notes.txt'));
    calls[0]!.reject(
      new RemoteError({ name: 'UnreadableInputError', message: 'not a tar archive' }),
    );
    await done;
    expect(session.getState()).toMatchObject({
      status: 'failed',
      error: { kind: 'not-an-image', message: 'not a tar archive' },
    });
  });
});
