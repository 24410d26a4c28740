/**
 * A place where inflating can start again without what came before, zran-style: the compressed
 * byte offset of a byte-aligned deflate block (or a gzip member) and the 32 KiB of output before it.
 */
export interface GzipCheckpoint {
  /** Offset in the uncompressed stream. */
  out: number;
  /** Offset in the compressed blob where decoding resumes. */
  in: number;
  /**
   * Bits of the byte at `in` that belong to the block before (0-7; absent means 0). Only the
   * WebAssembly inflater records and resumes non-zero values: pako stops only at whole bytes.
   */
  bits?: number;
  /** `member`: `in` is a gzip member header. `block`: `in` starts a deflate block inside a member. */
  kind: 'member' | 'block';
  /** The up to 32 KiB of uncompressed bytes before `out` (empty for a member). */
  window: Uint8Array;
}

/**
 * Checkpoints in stream order, at most `max` of them: past that, every other one is dropped and
 * the spacing doubles, so memory stays bounded (~`max` x 32 KiB) whatever the layer expands to.
 */
export class CheckpointList {
  readonly list: GzipCheckpoint[] = [];

  constructor(
    /** Wanted uncompressed bytes between checkpoints (grows as the list is thinned). */
    public every: number,
    private readonly max = 256,
  ) {}

  /** Record a checkpoint (the inflater asks for the next one `every` bytes later). */
  add(c: GzipCheckpoint): void {
    this.list.push(c);
    if (this.list.length <= this.max) return;
    let kept = 0;
    for (let i = 0; i < this.list.length; i += 2) this.list[kept++] = this.list[i]!;
    this.list.length = kept;
    this.every *= 2;
  }
}

/** The last checkpoint at or before `offset` (binary search; checkpoints are in stream order). */
export function findCheckpoint(
  cps: readonly GzipCheckpoint[],
  offset: number,
): GzipCheckpoint | undefined {
  let lo = 0;
  let hi = cps.length - 1;
  let best: GzipCheckpoint | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = cps[mid]!;
    if (c.out <= offset) {
      best = c;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

/**
 * The checkpoints with their windows copied back to back into one buffer, each window a view of
 * it: one buffer to transfer instead of one per checkpoint (a 300 MB layer has up to 256).
 */
export function packWindows(checkpoints: readonly GzipCheckpoint[]): GzipCheckpoint[] {
  const buffer = new ArrayBuffer(checkpoints.reduce((n, c) => n + c.window.length, 0));
  let at = 0;
  return checkpoints.map((c) => {
    const window = new Uint8Array(buffer, at, c.window.length);
    window.set(c.window);
    at += c.window.length;
    return { ...c, window };
  });
}
