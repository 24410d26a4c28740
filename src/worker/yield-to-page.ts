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
