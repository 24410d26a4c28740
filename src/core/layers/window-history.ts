/** Deflate's window: back-references reach at most this far. */
export const WINDOW = 32 * 1024;

/** The last 32 KiB of a stream's output, kept so a checkpoint can save its deflate window. */
export class WindowHistory {
  private readonly buf = new Uint8Array(WINDOW);
  private len = 0;

  /** Add output bytes (copied; the caller may reuse its buffer). */
  append(bytes: Uint8Array): void {
    if (bytes.length >= WINDOW) {
      this.buf.set(bytes.subarray(bytes.length - WINDOW));
      this.len = WINDOW;
      return;
    }
    const keep = Math.min(this.len, WINDOW - bytes.length);
    this.buf.copyWithin(0, this.len - keep, this.len);
    this.buf.set(bytes, keep);
    this.len = keep + bytes.length;
  }

  /** A copy of the last 32 KiB of everything appended followed by `pending`. */
  snapshot(pending: Uint8Array): Uint8Array {
    if (pending.length >= WINDOW) return pending.slice(pending.length - WINDOW);
    const keep = Math.min(this.len, WINDOW - pending.length);
    const out = new Uint8Array(keep + pending.length);
    out.set(this.buf.subarray(this.len - keep, this.len));
    out.set(pending, keep);
    return out;
  }
}
