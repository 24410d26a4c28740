/** Random access to a Blob through a cached window, so runs of small reads cost one I/O. */
export class BlobWindow {
  private start = 0;
  private bytes = new Uint8Array(0);

  constructor(
    readonly blob: Blob,
    private readonly windowSize = 1 << 20,
  ) {}

  /** Bytes [offset, offset+length) clipped to the blob's end; shorter when the blob ends first. */
  async read(offset: number, length: number): Promise<Uint8Array> {
    const end = Math.min(offset + length, this.blob.size);
    if (offset >= end) return new Uint8Array(0);
    if (offset < this.start || end > this.start + this.bytes.length) {
      const want = Math.max(end - offset, this.windowSize);
      const stop = Math.min(offset + want, this.blob.size);
      this.bytes = new Uint8Array(await this.blob.slice(offset, stop).arrayBuffer());
      this.start = offset;
    }
    return this.bytes.subarray(offset - this.start, end - this.start);
  }
}
