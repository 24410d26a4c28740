/**
 * Builds one Blob from a stream of chunks without holding them: bytes are copied into a staging
 * buffer, and each full buffer becomes a Blob part (a browser keeps large Blobs out of the
 * page's heap, on disk when it must). Copying also makes it safe to take chunks whose memory the
 * producer reuses. Past `limit` bytes the builder gives up, drops what it holds, and builds null.
 */
export class BlobBuilder {
  private readonly parts: Blob[] = [];
  private staging: Uint8Array<ArrayBuffer>;
  private used = 0;
  private total = 0;
  private dropped = false;

  constructor(
    private readonly limit = Infinity,
    private readonly partSize = 8 << 20,
  ) {
    this.staging = new Uint8Array(0);
  }

  /** Bytes added so far. */
  get size(): number {
    return this.total;
  }

  /** Whether the limit was passed (or a part could not be made) and the copy given up. */
  get gaveUp(): boolean {
    return this.dropped;
  }

  /** Append a chunk (copied). */
  add(chunk: Uint8Array): void {
    if (this.dropped) return;
    this.total += chunk.length;
    if (this.total > this.limit) {
      this.giveUp();
      return;
    }
    let at = 0;
    while (at < chunk.length) {
      if (this.used === this.staging.length) {
        this.flush();
        this.staging = new Uint8Array(this.partSize);
      }
      const n = Math.min(chunk.length - at, this.staging.length - this.used);
      this.staging.set(chunk.subarray(at, at + n), this.used);
      this.used += n;
      at += n;
    }
  }

  /** The Blob of everything added, or null when the builder gave up. */
  build(type = ''): Blob | null {
    if (this.dropped) return null;
    this.flush();
    return this.dropped ? null : new Blob(this.parts, { type });
  }

  private flush(): void {
    if (this.used === 0) return;
    try {
      this.parts.push(new Blob([this.staging.subarray(0, this.used)]));
    } catch {
      // Blob storage refused (quota): the copy is given up, the stream goes on.
      this.giveUp();
    }
    this.used = 0;
    this.staging = new Uint8Array(0);
  }

  private giveUp(): void {
    this.dropped = true;
    this.parts.length = 0;
    this.staging = new Uint8Array(0);
    this.used = 0;
  }
}
