import { describe, expect, it } from 'vitest';
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
});
