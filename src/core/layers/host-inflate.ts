import type { Compression } from './sniff-compression.ts';

/** What `listLayer` hands a host's decoder: where to report reads, and the core's own decoder. */
export interface HostInflateIo {
  /** Report each compressed chunk read and its offset (digests and progress stay the core's). */
  see(chunk: Uint8Array, pos: number): void;
  /**
   * The core's decoder on a fresh read of the blob from its start. A host that fails (or meets
   * anything it does not decode exactly as the core would) continues from here, after the output
   * it already delivered, so every error carries the core's exact message.
   */
  fallback(): ReadableStream<Uint8Array>;
  signal?: AbortSignal;
}

/**
 * A decoder the host platform brings when its own inflater beats the portable one (the CLI's
 * node:zlib inflates ~3x faster than Node's DecompressionStream). It returns the uncompressed
 * chunks of the whole blob, or null to leave this compression to the core. Only used when no
 * gzip checkpoints are wanted (those need the core's inflater).
 */
export type HostInflate = (
  blob: Blob,
  compression: Compression,
  io: HostInflateIo,
) => AsyncIterable<Uint8Array> | null;
