import { describe, expect, it } from 'vitest';
import { blobOf } from '../testing/bytes.ts';
import { makeTar } from '../testing/tar-writer.ts';
import { listTarArchive } from './tar-archive.ts';

// An archive of many small members (3,000 here; 300,000 in the issue) is one read per header:
// an abort must end the walk between headers, not after the last one.
const many = makeTar(Array.from({ length: 3000 }, (_, i) => ({ path: `f/${i}` })));

/** A Blob that aborts `ac` the second time a window of it is read. */
function abortingBlob(bytes: Uint8Array, ac: AbortController): Blob {
  const blob = blobOf(bytes);
  let reads = 0;
  return new Proxy(blob, {
    get(target, prop) {
      if (prop === 'slice')
        return (a?: number, b?: number) => {
          if (++reads === 2) ac.abort();
          return target.slice(a, b);
        };
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...x: unknown[]) => unknown).bind(target) : v;
    },
  });
}

describe('listTarArchive', () => {
  it('lists every member when not aborted', async () => {
    const set = await listTarArchive(blobOf(many));
    expect(set.files.size).toBe(3000);
  });

  it.each([
    ['aborted before it starts', (ac: AbortController) => (ac.abort(), blobOf(many))],
    ['aborted after the first 1 MiB window', (ac: AbortController) => abortingBlob(many, ac)],
  ])('%s: rejects with the abort', async (_name, make) => {
    const ac = new AbortController();
    const blob = make(ac);
    await expect(listTarArchive(blob, 'archive', ac.signal)).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});
