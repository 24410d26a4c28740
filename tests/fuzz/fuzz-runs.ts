/**
 * How many cases each property runs: a few in `npm test` (the whole suite stays fast), many
 * more with `npm run fuzz` (FUZZ_RUNS). FUZZ_SEED replays a failure fast-check reported.
 */
export function fuzzOptions(base: number): { numRuns: number; seed?: number } {
  const runs = Number(process.env['FUZZ_RUNS'] ?? '');
  const seed = Number(process.env['FUZZ_SEED'] ?? '');
  return {
    numRuns: Number.isInteger(runs) && runs > 0 ? runs : base,
    ...(Number.isInteger(seed) && process.env['FUZZ_SEED'] ? { seed } : {}),
  };
}

/** Per-test timeout: vitest's default for `npm test`'s few runs, more as FUZZ_RUNS grows. */
export function fuzzTimeout(): number {
  const runs = Number(process.env['FUZZ_RUNS'] ?? '');
  return Number.isInteger(runs) && runs > 0 ? Math.max(30_000, runs * 250) : 30_000;
}
