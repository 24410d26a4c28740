import { describe, expect, it, vi } from 'vitest';
import { feedFiles, FileFeed } from './file-feed.ts';
import { memoryChannel } from './testing/memory-channel.ts';

const files = (n: number): Blob[] => Array.from({ length: n }, (_, i) => new Blob([`file ${i}`]));

describe('feedFiles and FileFeed', () => {
  it('hand every file over, the first ones first', async () => {
    const [page, worker] = memoryChannel();
    const all = files(50);
    const order: number[] = [];
    worker.addEventListener('message', (e) => {
      for (const [i] of (e.data as { files: [number, Blob][] }).files) order.push(i);
    });
    const feed = new FileFeed(worker, all.length);
    await feedFiles(page, all, { first: [40, 7] });
    const got = await feed.all();
    expect(order.slice(0, 2)).toEqual([40, 7]);
    expect(new Set(order).size).toBe(50);
    expect(await Promise.all(got.map((b) => b.text()))).toEqual(
      await Promise.all(all.map((b) => b.text())),
    );
  });

  it('send what the worker asks for before what is still queued', async () => {
    const [page, worker] = memoryChannel();
    const all = files(400);
    const feed = new FileFeed(worker, all.length);
    const asked = feed.getMany([399, 398]);
    // A tiny slice: the page yields after every post, so the request is read early.
    const feeding = feedFiles(page, all, { sliceMs: 0 });
    const [a, b] = await asked;
    expect(await a!.text()).toBe('file 399');
    expect(await b!.text()).toBe('file 398');
    expect(feed.received).toBeLessThan(all.length);
    await feeding;
    expect((await feed.all()).length).toBe(400);
  });

  it('stop when the open is aborted, and a wait for a file fails', async () => {
    const [page, worker] = memoryChannel();
    const controller = new AbortController();
    const feed = new FileFeed(worker, 10, controller.signal);
    const waiting = feed.get(9);
    controller.abort(new DOMException('gone', 'AbortError'));
    await feedFiles(page, files(10), { signal: controller.signal });
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    await expect(feed.all()).rejects.toMatchObject({ name: 'AbortError' });
    expect(feed.received).toBe(0);
  });

  it('give the page a turn between slices, keep the order, and stop at the turn an abort falls in', async () => {
    const [page, worker] = memoryChannel();
    const log: string[] = [];
    worker.addEventListener('message', (e) => {
      for (const [i] of (e.data as { files: [number, Blob][] }).files) log.push(`post ${i}`);
    });
    const controller = new AbortController();
    let turns = 0;
    const pause = async (): Promise<void> => {
      // Posts are delivered a task later; wait for them so the log is in the order they went.
      await new Promise((r) => setTimeout(r, 0));
      log.push('turn');
      if (++turns === 5) controller.abort();
    };
    // Every post fills a slice: one file, then the page's turn.
    await feedFiles(page, files(30), {
      first: [20],
      sliceMs: 0,
      pause,
      signal: controller.signal,
    });
    await new Promise((r) => setTimeout(r, 0));
    expect(log).toEqual([
      'post 20',
      'turn',
      'post 0',
      'turn',
      'post 1',
      'turn',
      'post 2',
      'turn',
      'post 3',
      'turn',
    ]);
  });

  it('post for up to a slice of time between turns', async () => {
    const [page, worker] = memoryChannel();
    let posted = 0;
    worker.addEventListener('message', () => posted++);
    const perTurn: number[] = [];
    let clock = 0;
    const now = vi.spyOn(performance, 'now').mockImplementation(() => (clock += 1));
    try {
      // Each reading of the clock is 1 ms later: a slice of 8 ms holds a few posts, not all.
      const feeding = feedFiles(page, files(40), {
        sliceMs: 8,
        pause: async () => {
          await new Promise((r) => setTimeout(r, 0));
          perTurn.push(posted);
        },
      });
      await feeding;
    } finally {
      now.mockRestore();
    }
    await new Promise((r) => setTimeout(r, 0));
    expect(posted).toBe(40);
    expect(perTurn.length).toBeGreaterThan(3);
    const steps = perTurn.map((n, k) => n - (perTurn[k - 1] ?? 0));
    expect(Math.max(...steps)).toBeLessThanOrEqual(8);
    expect(Math.min(...steps)).toBeGreaterThan(1);
  });
});
