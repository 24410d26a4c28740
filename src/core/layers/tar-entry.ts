import type { SparseRegion } from './sparse-map.ts';

/** The type of a tar member as this tool names it (ls --json `type`). */
export type TarEntryType =
  'file' | 'dir' | 'symlink' | 'hardlink' | 'char' | 'block' | 'fifo' | 'unknown';

/** One member of a layer tar, as read from its headers (PAX and GNU long names applied). */
export interface TarEntry {
  /** The member name exactly as the archive gives it (not cleaned: may hold `./`, `/`, `..`). */
  path: string;
  type: TarEntryType;
  /** Bytes of content (0 for everything but regular files; a sparse file's real size). */
  size: number;
  /** Permission bits and setuid/setgid/sticky (`mode & 0o7777`). */
  mode: number;
  uid: number;
  gid: number;
  uname?: string;
  gname?: string;
  /** Seconds since the epoch (fractional when PAX gives it). */
  mtime: number;
  /** Symlink target, or hardlink target member name (raw), else undefined. */
  linkTarget?: string;
  devMajor?: number;
  devMinor?: number;
  /** PAX `SCHILY.xattr.*` records, values as raw bytes (they may be binary). */
  xattrs?: Record<string, Uint8Array>;
  /** Offset in the uncompressed stream of this member's first header (PAX / long-name headers included). */
  headerOffset: number;
  /** Offset in the uncompressed stream of the member's data. */
  dataOffset: number;
  /** Header format seen: `ustar`, `gnu`, `pax` (a PAX header applied), or `v7`. */
  format: 'ustar' | 'gnu' | 'pax' | 'v7';
  /** Set for GNU sparse members (old GNU `S`, PAX 0.0 / 0.1 / 1.0). */
  sparse?: boolean;
  /**
   * A sparse member's data regions (stored back to back from `dataOffset`; the rest reads as
   * zeros). Absent on a sparse member whose map was unreadable (a problem says why).
   */
  sparseMap?: SparseRegion[];
  /** eStargz bookkeeping files: the prefetch landmarks, and the TOC found after the end of the archive. */
  estargz?: 'prefetch-landmark' | 'no-prefetch-landmark' | 'toc';
}
