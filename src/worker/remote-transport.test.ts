import { describe, expect, it } from 'vitest';
import { RemoteBlob } from '../core/registry/remote-blob.ts';
import { RegistryClient } from '../core/registry/registry-client.ts';
import { markRemoteBlobs, pack, unpack } from './remote-transport.ts';

const ref = { registry: '127.0.0.1:5000', repository: 'demo', tag: 'v1', digest: null };
const D = `sha256:${'b'.repeat(64)}`;

describe('remote blobs across the worker boundary', () => {
  it('packs a RemoteBlob deep in a message into plain data, and rebuilds it on the other side', () => {
    markRemoteBlobs();
    const client = new RegistryClient(ref, { authorization: 'Bearer t0k' });
    const blob = RemoteBlob.of(client, D, 1000, 'blobs').slice(10, 110);
    const file = new Blob(['x']);
    const message = {
      blobs: [
        { digest: D, blob, source: 's' },
        { digest: 'x', blob: file },
      ],
      n: 1,
    };
    const packed = pack(message);
    expect(packed.remote).toBe(true);
    // What crosses is a structured clone: no class instance may be left in it.
    const crossed = structuredClone(packed.value) as typeof message;
    expect(crossed.blobs[0]!.blob).not.toBeInstanceOf(RemoteBlob);
    const back = unpack(crossed) as typeof message;
    const rebuilt = back.blobs[0]!.blob as unknown as RemoteBlob;
    expect(rebuilt).toBeInstanceOf(RemoteBlob);
    expect(rebuilt.size).toBe(100);
    expect(rebuilt.toState()).toEqual({
      ref,
      authorization: 'Bearer t0k',
      digest: D,
      endpoint: 'blobs',
      start: 10,
      end: 110,
      total: 1000,
    });
    expect((packed.value as typeof message).blobs[1]!.blob).toBe(file);
    expect(back.blobs[1]!.blob).toBeInstanceOf(Blob);
    expect(back.n).toBe(1);
  });

  it('leaves a message without remote blobs as it is (the same object)', () => {
    const message = { a: [1, 2, { b: new Uint8Array(3) }], m: new Map([[1, { c: 2 }]]) };
    const packed = pack(message);
    expect(packed.remote).toBe(false);
    expect(packed.value).toBe(message);
  });
});
