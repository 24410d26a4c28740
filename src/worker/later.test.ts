import { describe, expect, it } from 'vitest';
import { receiveLater, sendLater } from './later.ts';

describe('a value sent after the call, on a port of its own', () => {
  it('brings the value once it settles', async () => {
    let settle!: (v: { n: number }) => void;
    const port = sendLater(new Promise<{ n: number }>((r) => (settle = r)));
    const got = receiveLater<{ n: number }>(port);
    settle({ n: 7 });
    expect(await got).toEqual({ n: 7 });
  });

  it('brings a failure as an error with its message', async () => {
    const port = sendLater(Promise.reject(new Error('hashing failed')));
    await expect(receiveLater(port)).rejects.toThrow('hashing failed');
  });

  it('rejects with the reason when the caller aborts first, and then closes its port', async () => {
    const port = sendLater(new Promise<never>(() => undefined));
    const abort = new AbortController();
    const got = receiveLater(port, abort.signal);
    abort.abort(new DOMException('closed', 'AbortError'));
    await expect(got).rejects.toMatchObject({ name: 'AbortError' });
    const already = new AbortController();
    already.abort(new DOMException('gone', 'AbortError'));
    await expect(receiveLater(sendLater(Promise.resolve(1)), already.signal)).rejects.toMatchObject(
      { name: 'AbortError' },
    );
  });

  it('rejects when the other end closes without a word (its worker terminated), not waiting forever', async () => {
    const { port1, port2 } = new MessageChannel();
    const got = receiveLater(port2);
    port1.close();
    await expect(got).rejects.toThrow('the worker stopped before it sent the hashes');
  });

  it('a value sent just before its port closes still arrives', async () => {
    for (let i = 0; i < 20; i++) expect(await receiveLater(sendLater(Promise.resolve(i)))).toBe(i);
  });
});
