// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pickedFromDrop } from './folder-walk.ts';
import { OpenButtons } from './open-buttons.tsx';
import {
  beginPick,
  pickedFolder,
  pickedFromDirectoryInput,
  requestFor,
  requestForUrl,
} from './picked.ts';

afterEach(cleanup);

/** A fake FileSystemEntry tree; directories hand out their children 100 at a time, as Chromium does. */
function dir(name: string, children: object[], fullPath = `/${name}`): object {
  return {
    isFile: false,
    isDirectory: true,
    name,
    fullPath,
    createReader() {
      let at = 0;
      return {
        readEntries(ok: (e: object[]) => void) {
          const batch = children.slice(at, at + 100);
          at += batch.length;
          setTimeout(() => ok(batch), 0);
        },
      };
    },
  };
}
function file(name: string, text = name): object {
  const f = new File([text], name);
  return {
    isFile: true,
    isDirectory: false,
    name,
    fullPath: `/${name}`,
    file: (ok: (f: File) => void) => ok(f),
  };
}

describe('opening', () => {
  it('has the folder picker and the file picker, labelled', () => {
    render(<OpenButtons onPicked={() => {}} />);
    const folder = screen.getByLabelText('Open an OCI layout folder') as HTMLInputElement;
    expect(folder.type).toBe('file');
    expect(folder.hasAttribute('webkitdirectory')).toBe(true);
    expect((screen.getByLabelText('Open an image archive file') as HTMLInputElement).type).toBe(
      'file',
    );
  });

  it('turns a picked folder into relative paths under its name', async () => {
    const onPicked = vi.fn();
    render(<OpenButtons onPicked={onPicked} />);
    const input = screen.getByLabelText('Open an OCI layout folder');
    const f = new File(['{}'], 'index.json');
    Object.defineProperty(f, 'webkitRelativePath', { value: 'img/index.json' });
    Object.defineProperty(input, 'files', { value: [f], configurable: true });
    fireEvent.change(input);
    // Until the folder is handed over, its button says it is being read.
    expect(screen.getByRole('button', { name: 'Reading the folder…' }).ariaBusy).toBe('true');
    await vi.waitFor(() =>
      expect(onPicked).toHaveBeenCalledWith({
        kind: 'folder',
        name: 'img',
        files: [['img/index.json', f]],
        stamp: { bytes: 2, newest: f.lastModified, paths: expect.any(String) as string },
      }),
    );
    await vi.waitFor(() => screen.getByRole('button', { name: 'Open folder…' }));
  });

  it('takes 10,000 picked files a slice at a time, in order, until a newer pick stops it', async () => {
    const list = Array.from({ length: 10_000 }, (_, i) => {
      const f = new File([], `${i}`);
      Object.defineProperty(f, 'webkitRelativePath', { value: `img/blobs/sha256/${i}` });
      return f;
    });
    // Each reading of the clock is 1 ms later: a slice (8 ms) takes a few files, then the page
    // gets a task; without that the whole list would be done before any timer fires.
    let clock = 0;
    const now = vi.spyOn(performance, 'now').mockImplementation(() => (clock += 1));
    try {
      let done = false;
      const picking = pickedFromDirectoryInput(list, beginPick()).then((p) => {
        done = true;
        return p;
      });
      let turns = 0;
      while (!done && turns < 5) {
        await new Promise((r) => setTimeout(r, 0));
        turns++;
      }
      expect(done).toBe(false);
      const picked = await picking;
      expect(picked?.kind === 'folder' && picked.files.map(([p]) => p)).toEqual(
        list.map((f) => f.webkitRelativePath),
      );
      // A newer pick stops one still under way.
      const stale = pickedFromDirectoryInput(list, beginPick());
      beginPick();
      await expect(stale).rejects.toMatchObject({ name: 'AbortError' });
    } finally {
      now.mockRestore();
    }
  });

  it('keys a folder by its paths and its top-level files, without reading every file', async () => {
    const reads: string[] = [];
    const file = (path: string, size: number): [string, File] => {
      const f = new File([], path, { lastModified: 1 });
      Object.defineProperty(f, 'size', {
        get: () => (reads.push(path), size),
      });
      return [path, f];
    };
    const blobs = Array.from({ length: 100 }, (_, i) => file(`img/blobs/sha256/${i}`, 10));
    const key = async (files: [string, File][]): Promise<string> => {
      const picked = await pickedFolder('img', files, beginPick());
      return requestFor(picked).inputKey;
    };
    const a = await key([file('img/index.json', 5), ...blobs]);
    expect(reads).toEqual(['img/index.json']);
    // Another index.json, a renamed blob: another key; the same folder: the same key.
    expect(await key([file('img/index.json', 6), ...blobs])).not.toBe(a);
    const renamed = [...blobs];
    renamed[50] = file('img/blobs/sha256/x', 10);
    expect(await key([file('img/index.json', 5), ...renamed])).not.toBe(a);
    expect(await key([file('img/index.json', 5), ...blobs])).toBe(a);
    // A small folder has every file read.
    reads.length = 0;
    await key([file('img/index.json', 5), ...blobs.slice(0, 10)]);
    expect(reads).toHaveLength(11);
  });

  it('walks a dropped folder through every batch of entries', async () => {
    const blobs = Array.from({ length: 250 }, (_, i) => file(`b${i}`));
    const tree = dir('layout', [
      file('oci-layout'),
      file('index.json'),
      dir('blobs', [dir('sha256', blobs)]),
    ]);
    const picked = await pickedFromDrop(
      { entries: [tree as never], files: [] },
      new AbortController().signal,
    );
    expect(picked?.kind).toBe('folder');
    const paths = picked?.kind === 'folder' ? picked.files.map(([p]) => p) : [];
    expect(paths).toHaveLength(252);
    expect(paths).toContain('layout/blobs/sha256/b249');
  });

  it('opens a single dropped file as a file', async () => {
    const f = new File(['x'], 'image.tar');
    const entry = {
      isFile: true,
      isDirectory: false,
      name: 'image.tar',
      fullPath: '/image.tar',
      file: (ok: (f: File) => void) => ok(f),
    };
    expect(
      await pickedFromDrop({ entries: [entry as never], files: [f] }, new AbortController().signal),
    ).toEqual({ kind: 'file', file: f });
  });

  it('stops walking when a newer drop aborts it', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      pickedFromDrop({ entries: [dir('x', [file('a')]) as never], files: [] }, controller.signal),
    ).rejects.toThrow();
  });

  it('keys inputs so the same file reopens from the cache and another does not', async () => {
    const a = new File(['x'], 'a.tar', { lastModified: 1 });
    const b = new File(['y'], 'a.tar', { lastModified: 2 });
    expect(requestFor({ kind: 'file', file: a }).inputKey).not.toBe(
      requestFor({ kind: 'file', file: b }).inputKey,
    );
    expect(requestFor({ kind: 'file', file: a }).inputKey).toBe(
      requestFor({ kind: 'file', file: a }).inputKey,
    );
    expect(await pickedFromDirectoryInput([], beginPick())).toBeNull();
  });

  it('resolves ?src= against the page, so relative links work from any sub-path', () => {
    expect(
      requestForUrl('demo/a.tar', 'https://x.example/tools/explorer/?src=demo/a.tar').source,
    ).toEqual({ kind: 'url', url: 'https://x.example/tools/explorer/demo/a.tar' });
  });
});
