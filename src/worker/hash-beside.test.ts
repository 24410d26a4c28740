import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HashBeside, type HashReply, type HashRequest, type HashWorker } from './hash-beside.ts';

const hex = (b: ArrayBuffer): string => Buffer.from(b).toString('hex');

/** A hashing worker in this thread: says ready when told, hashes (or fails) what it is sent. */
function fakeWorker() {
  const sent: HashRequest[] = [];
  let terminated = false;
  const w: HashWorker & {
    say(reply: HashReply): void;
    answer(): Promise<void>;
    sent: HashRequest[];
    terminated(): boolean;
  } = {
    onmessage: null,
    onerror: null,
    postMessage: (m) => sent.push(m),
    terminate: () => (terminated = true),
    say(reply) {
      w.onmessage?.({ data: reply } as MessageEvent<HashReply>);
    },
    async answer() {
      for (const m of sent.splice(0))
        w.say({ id: m.id, hash: await crypto.subtle.digest('SHA-256', m.bytes) });
    },
    sent,
    terminated: () => terminated,
  };
  return w;
}

describe('HashBeside: a listing worker’s own hashing worker', () => {
  const bytes = new TextEncoder().encode('the raw bytes of a layer');
  const want = createHash('sha256').update(bytes).digest('hex');
  /** A HashBeside whose worker said it is ready, and a hash of `bytes` sent to it. */
  const hashing = () => {
    const w = fakeWorker();
    const beside = new HashBeside(() => w);
    beside.prepare();
    w.say({ ready: true });
    return { w, beside, hashed: beside.hasher()!(bytes.slice()) };
  };

  it('offers a hasher only once its worker said it is ready, and hashes there', async () => {
    const w = fakeWorker();
    const beside = new HashBeside(() => w);
    expect(beside.hasher()).toBeUndefined();
    beside.prepare();
    expect(beside.hasher()).toBeUndefined();
    w.say({ ready: true });
    const hashed = beside.hasher()!(bytes.slice());
    expect(w.sent).toHaveLength(1);
    await w.answer();
    expect(hex(await hashed)).toBe(want);
  });

  it('starts one worker however often it is prepared', () => {
    let made = 0;
    const beside = new HashBeside(() => (made++, fakeWorker()));
    beside.prepare();
    beside.prepare();
    expect(made).toBe(1);
  });

  it('a worker that fails rejects what it holds, and nothing is offered after', async () => {
    const { w, beside, hashed } = hashing();
    w.onerror?.(new Event('error'));
    await expect(hashed).rejects.toThrow(/stopped/);
    expect(w.terminated()).toBe(true);
    expect(beside.hasher()).toBeUndefined();
  });

  it('a hash the worker could not make rejects with its reason', async () => {
    const { w, hashed } = hashing();
    w.say({ id: w.sent[0]!.id, error: 'out of memory' });
    await expect(hashed).rejects.toThrow('out of memory');
  });

  it('where no worker can start, every hash stays on the listing’s thread', () => {
    const beside = new HashBeside(() => {
      throw new Error('no nested workers');
    });
    beside.prepare();
    expect(beside.hasher()).toBeUndefined();
  });
});
