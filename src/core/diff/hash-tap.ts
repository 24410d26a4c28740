import type { ContentSource } from '../fs/types.ts';
import type { TarEntry } from '../layers/tar-entry.ts';
import { createHasher, type Hasher } from '../verify/hasher.ts';

/** sha256 of no bytes. */
const EMPTY = 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

interface Active {
  offset: number;
  length: number;
  hasher: Hasher;
  done: number;
}

/**
 * Hashes the bytes of every regular file of one layer while its listing streams past: give
 * `entry` to listLayer's `onEntry` and `chunk` to its `onUncompressed`. `digests` maps a file's
 * data offset to `sha256:<hex>`. Sparse files (their bytes read with holes) and files the
 * stream cut short are left out, for a later read to hash.
 */
export class FileHashTap {
  /** Data offset in the uncompressed layer → `sha256:<hex>` of that file's bytes. */
  readonly digests = new Map<number, string>();
  private queued: { offset: number; length: number }[] = [];
  private active: Active[] = [];

  /** Note a member whose header was just read (its data comes later in the stream). */
  readonly entry = (e: TarEntry): void => {
    if (e.type !== 'file' || e.sparse) return;
    if (e.size === 0) this.digests.set(e.dataOffset, EMPTY);
    else this.queued.push({ offset: e.dataOffset, length: e.size });
  };

  /** Feed the uncompressed bytes at `pos` to the files they belong to. */
  readonly chunk = async (value: Uint8Array, pos: number): Promise<void> => {
    for (const q of this.queued)
      this.active.push({ ...q, hasher: await createHasher('sha256'), done: 0 });
    this.queued = [];
    const end = pos + value.length;
    for (let i = this.active.length - 1; i >= 0; i--) {
      const a = this.active[i]!;
      const from = Math.max(a.offset + a.done, pos);
      const to = Math.min(a.offset + a.length, end);
      if (to > from) {
        a.hasher.update(value.subarray(from - pos, to - pos));
        a.done += to - from;
      }
      if (a.done === a.length) {
        this.digests.set(a.offset, `sha256:${a.hasher.digestHex()}`);
        this.active.splice(i, 1);
      }
    }
  };
}

/**
 * The digest the listing's taps (by layer position) made of a file's bytes, if one did: never for
 * a sparse file, which is hashed as it reads (holes as zeros), not as the archive stores it.
 */
export function tappedDigest(
  taps: ReadonlyMap<number, FileHashTap>,
  c: ContentSource,
): string | undefined {
  return c.sparseMap === undefined ? taps.get(c.layer)?.digests.get(c.dataOffset) : undefined;
}
