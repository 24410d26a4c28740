import type { ProblemCode } from '../oci/problem-codes.ts';

/** Why a compressed stream could not be read to its end. */
export type DecompressErrorCode = Extract<
  ProblemCode,
  'gzip-truncated' | 'gzip-corrupt' | 'zstd-truncated' | 'zstd-corrupt' | 'unsupported-compression'
>;

/** A decompression failure named for people: what format, what went wrong, after how many bytes. */
export class DecompressError extends Error {
  override readonly name = 'DecompressError';

  constructor(
    readonly code: DecompressErrorCode,
    message: string,
    /** Compressed bytes consumed when the failure was seen. */
    readonly compressedBytes: number,
  ) {
    super(message);
  }
}
