/**
 * The service worker, from the page's side: registered in the built site only, it caches the
 * app's own files for offline use (src/sw/service-worker.ts). When a new deployment's worker has
 * installed and waits, `updateReady` says so; `applyUpdate` lets it take over and reloads.
 */
type Listener = () => void;

let waiting: ServiceWorker | null = null;
const listeners = new Set<Listener>();

function setWaiting(w: ServiceWorker | null): void {
  waiting = w;
  for (const l of listeners) l();
}

/** Whether a new version waits to take over. */
export function updateReady(): boolean {
  return waiting !== null;
}

/** Subscribe to `updateReady` changes (for `useSyncExternalStore`). */
export function subscribeUpdate(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** Let the waiting version take over; the page reloads once it controls the page. */
export function applyUpdate(): void {
  if (!waiting) return;
  navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), {
    once: true,
  });
  waiting.postMessage('skip-waiting');
}

/** Register the service worker (at the site's root, so a sub-path deployment works too). */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  void navigator.serviceWorker.register('./sw.js').then((reg) => {
    // A worker that installs while another controls the page is a new version.
    const watch = (w: ServiceWorker | null): void => {
      if (!w) return;
      const check = (): void => {
        if (w.state === 'installed' && navigator.serviceWorker.controller) setWaiting(w);
      };
      check();
      w.addEventListener('statechange', check);
    };
    if (reg.waiting && navigator.serviceWorker.controller) setWaiting(reg.waiting);
    watch(reg.installing);
    reg.addEventListener('updatefound', () => watch(reg.installing));
    // Long-lived tabs look for a new deployment now and then.
    setInterval(() => void reg.update().catch(() => {}), 60 * 60 * 1000);
  });
}
