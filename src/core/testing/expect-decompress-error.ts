import { expect } from 'vitest';
import { DecompressError } from '../layers/decompress-error.ts';

/** Assert that `error` is a DecompressError with `code` and, when given, a message matching `message`. */
export function expectDecompressError(error: unknown, code: string, message?: RegExp): void {
  expect(error).toBeInstanceOf(DecompressError);
  expect((error as DecompressError).code).toBe(code);
  if (message) expect((error as DecompressError).message).toMatch(message);
}
