// The service worker: the app's own files (the shell, its workers and WASM, the demo images) come
// from a cache, so the hosted app opens and reads local images with no network after the first
// visit. Nothing else is ever cached: not other sites (`?src=`, registries), not a user's image
// (a dropped file is never fetched at all). A new deployment installs beside the old one and
// waits; the page says a new version is ready and, when asked, this worker takes over.

/** The build's own files and a version, prepended to this script by the build (pwa.config.ts). */
declare const __OCI_BUILD__: { version: string; files: string[] };

// The DOM lib is in scope here, not the webworker one: the few service-worker types, declared.
interface ExtendableEvent extends Event {
  waitUntil(p: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(r: Promise<Response> | Response): void;
}
interface ServiceWorkerScope {
  readonly registration: { readonly scope: string };
  readonly location: Location;
  readonly clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', l: (e: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', l: (e: FetchEvent) => void): void;
  addEventListener(type: 'message', l: (e: MessageEvent) => void): void;
}

const sw = self as unknown as ServiceWorkerScope;
const PREFIX = 'oci-explorer-';
const CACHE = `${PREFIX}${__OCI_BUILD__.version}`;
const scope = new URL(sw.registration.scope);
const shell = new URL('./', scope).href;
const precached = new Set(__OCI_BUILD__.files.map((f) => new URL(f, scope).href));
precached.add(shell);

sw.addEventListener('install', (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll([...precached])));
});

sw.addEventListener('activate', (e) => {
  e.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k)),
        ),
      )
      .then(() => sw.clients.claim()),
  );
});

sw.addEventListener('message', (e) => {
  if (e.data === 'skip-waiting') void sw.skipWaiting();
});

sw.addEventListener('fetch', (e) => {
  const req = e.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  // Any page of the app (`?src=…`, `#…` included) is the one shell.
  const key = req.mode === 'navigate' ? shell : `${url.origin}${url.pathname}`;
  if (!precached.has(key)) return;
  e.respondWith(
    caches
      .open(CACHE)
      .then((c) => c.match(key))
      .then((hit) => hit ?? fetch(req)),
  );
});
