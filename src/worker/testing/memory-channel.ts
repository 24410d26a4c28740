import type { FeedPort } from '../file-feed.ts';

/** Two ends of an in-memory channel (tests): a message arrives in a later task, as over a MessagePort. */
export function memoryChannel(): [FeedPort, FeedPort] {
  const targets = [new EventTarget(), new EventTarget()] as const;
  const end = (self: 0 | 1): FeedPort => ({
    postMessage(message: unknown) {
      const to = targets[self === 0 ? 1 : 0];
      setTimeout(() => to.dispatchEvent(new MessageEvent('message', { data: message })), 0);
    },
    addEventListener: (t, l) => targets[self].addEventListener(t, l as EventListener),
    removeEventListener: (t, l) => targets[self].removeEventListener(t, l as EventListener),
  });
  return [end(0), end(1)];
}
