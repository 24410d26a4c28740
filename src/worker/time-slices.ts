/**
 * Long work on the page's thread cut into slices, the page getting a turn between them (the app's
 * views and the file feed alike).
 */

/**
 * A task later, after the events already queued (input, rendering), so the page keeps answering
 * between slices of its own work: a message to ourselves, which nested timeouts' 4 ms clamp does
 * not slow (a resolved promise would not let the page run at all). Where there is no
 * MessageChannel, a timeout.
 */
export function yieldToPage(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((r) => setTimeout(r, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

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
