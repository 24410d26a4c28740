import { yieldToPage } from '../../worker/yield-to-page.ts';

export { yieldToPage };

/**
 * Runs a generator that yields at its own steps, in slices of about `sliceMs` of the main
 * thread each, giving the page a macrotask between slices (input, rendering and paint run in
 * between, so no task grows long). Resolves with the generator's result; rejects with the
 * signal's reason once aborted.
 */
export async function runInSlices<T>(
  steps: Generator<void, T, void>,
  signal: AbortSignal,
  sliceMs = 8,
  pause: () => Promise<void> = yieldToPage,
): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    signal.throwIfAborted();
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await pause();
      sliceStart = performance.now();
    }
  }
}

/** Runs a generator to its end at once (for callers that cannot wait). */
export function runAtOnce<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
