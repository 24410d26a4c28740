import type { ImageReference } from './reference.ts';
import { RegistryClient } from './registry-client.ts';

/** Which endpoint serves a digest: documents listed in an index come from `manifests/`. */
export type RemoteEndpoint = 'blobs' | 'manifests';

/** A RemoteBlob as plain data, to cross a worker boundary (a structured clone drops methods). */
export interface RemoteBlobState {
  ref: ImageReference;
  authorization: string | null;
  digest: string;
  endpoint: RemoteEndpoint;
  start: number;
  end: number;
  total: number;
}

/**
 * A Blob-shaped view of a blob in a registry, read only when its bytes are needed: `stream()`
 * fetches it (a byte range for a slice), `arrayBuffer()` reads that stream. The core uses only
 * `size`, `type`, `slice`, `stream` and `arrayBuffer` (the CLI's file reader is shaped the same).
 * `size` is the descriptor's: what the registry sends is checked by the digest as it streams.
 */
export class RemoteBlob {
  readonly type = '';

  constructor(
    private readonly client: RegistryClient,
    readonly digest: string,
    private readonly endpoint: RemoteEndpoint,
    private readonly start: number,
    private readonly end: number,
    /** The whole blob's length (a slice knows whether it covers all of it). */
    private readonly total: number,
  ) {}

  /** A RemoteBlob over a whole blob of the given descriptor size. */
  static of(client: RegistryClient, digest: string, size: number, endpoint: RemoteEndpoint): Blob {
    return new RemoteBlob(client, digest, endpoint, 0, size, size) as unknown as Blob;
  }

  /** Rebuild a RemoteBlob from its plain state (in another worker, or on the page). */
  static fromState(state: RemoteBlobState): Blob {
    const client = new RegistryClient(state.ref, { authorization: state.authorization });
    return new RemoteBlob(
      client,
      state.digest,
      state.endpoint,
      state.start,
      state.end,
      state.total,
    ) as unknown as Blob;
  }

  /** This blob as plain data (see `fromState`). */
  toState(): RemoteBlobState {
    return {
      ref: this.client.ref,
      authorization: this.client.currentAuthorization,
      digest: this.digest,
      endpoint: this.endpoint,
      start: this.start,
      end: this.end,
      total: this.total,
    };
  }

  get size(): number {
    return this.end - this.start;
  }

  slice(start = 0, end = this.size): Blob {
    const clamp = (v: number): number =>
      Math.max(0, Math.min(this.size, v < 0 ? this.size + v : v));
    const s = clamp(start);
    const e = Math.max(s, clamp(end));
    return new RemoteBlob(
      this.client,
      this.digest,
      this.endpoint,
      this.start + s,
      this.start + e,
      this.total,
    ) as unknown as Blob;
  }

  stream(): ReadableStream<Uint8Array> {
    const whole = this.start === 0 && this.end === this.total;
    const { start, end } = this;
    let reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
    // Bytes to drop (a server that ignored Range sends from 0) and to pass on.
    let skip = 0;
    let left = end - start;
    return new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        if (!reader) {
          if (!whole && left === 0) return controller.close();
          const res =
            this.endpoint === 'manifests'
              ? await this.client.manifestResponse(this.digest)
              : await this.client.blob(this.digest, whole ? undefined : { start, end });
          if (!whole && res.status === 200) skip = start;
          if (!res.body) return controller.close();
          reader = res.body.getReader();
        }
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return controller.close();
          let chunk = value;
          if (skip > 0) {
            const drop = Math.min(skip, chunk.length);
            skip -= drop;
            chunk = chunk.subarray(drop);
          }
          // A slice ends where it ends; the whole blob passes every byte, so a registry that
          // sends more than the descriptor says shows up as a digest or size mismatch.
          if (!whole) {
            if (chunk.length > left) chunk = chunk.subarray(0, left);
            left -= chunk.length;
          }
          if (chunk.length > 0) controller.enqueue(chunk);
          if (!whole && left === 0) {
            await reader.cancel().catch(() => {});
            return controller.close();
          }
          if (chunk.length > 0) return;
        }
      },
      cancel: async () => {
        await reader?.cancel().catch(() => {});
      },
    });
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const parts: Uint8Array[] = [];
    let n = 0;
    const reader = this.stream().getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      n += value.length;
    }
    const out = new Uint8Array(n);
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out.buffer;
  }
}
