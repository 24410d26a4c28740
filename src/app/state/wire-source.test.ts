import { describe, expect, it, vi } from 'vitest';
import { FileFeed } from '../../worker/file-feed.ts';
import { isFolderSource, wireFolder, wireSource } from './wire-source.ts';

describe('wireSource', () => {
  it('posts a folder as its paths and a port, and feeds the files that are not blobs first', async () => {
    const entries: [string, Blob][] = [
      ['img/blobs/sha256/a', new Blob(['a'])],
      ['img/index.json', new Blob(['{}'])],
      ['img/blobs/sha256/b', new Blob(['b'])],
      ['img/oci-layout', new Blob(['{}'])],
    ];
    const source = { kind: 'folder' as const, name: 'img', entries };
    expect(isFolderSource(source)).toBe(true);
    const wire = await wireFolder(source, new AbortController().signal);
    if (wire.source.kind !== 'folder-feed') throw new Error('a fed folder');
    expect(wire.source.paths).toEqual(entries.map(([p]) => p));
    expect(wire.transfer).toEqual([wire.source.port]);
    expect(wire.files).toEqual(entries.map(([, b]) => b));
    const order: number[] = [];
    wire.source.port.addEventListener('message', (e) => {
      for (const [i] of (e.data as { files: [number][] }).files) order.push(i);
    });
    const feed = new FileFeed(wire.source.port, entries.length);
    await wire.feed(new AbortController().signal);
    expect(await feed.all()).toHaveLength(4);
    expect(order.slice(0, 2)).toEqual([1, 3]);
    feed.close();
  });

  it('posts any other source as it is', async () => {
    const source = { kind: 'file' as const, name: 'a.tar', blob: new Blob(['x']) };
    const wire = wireSource(source);
    expect(wire.source).toBe(source);
    expect(wire.files).toBeNull();
    await wire.feed(new AbortController().signal);
  });

  it('stops working out a folder once its open is aborted', async () => {
    const entries: [string, Blob][] = Array.from({ length: 5000 }, (_, i) => [
      `img/blobs/sha256/${i}`,
      new Blob([]),
    ]);
    const controller = new AbortController();
    // Each reading of the clock is 1 ms later: the work is cut into slices; the open is
    // aborted a few slices in.
    let clock = 0;
    const now = vi.spyOn(performance, 'now').mockImplementation(() => {
      if (++clock === 40) controller.abort(new DOMException('gone', 'AbortError'));
      return clock;
    });
    try {
      const wiring = wireFolder({ kind: 'folder', name: 'img', entries }, controller.signal);
      await expect(wiring).rejects.toMatchObject({ name: 'AbortError' });
    } finally {
      now.mockRestore();
    }
  });
});
