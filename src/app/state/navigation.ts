import { useSyncExternalStore } from 'react';

/** The view state that lives in the URL hash, so every view is a link (`#node=sha256:…&image=sha256:…`). */
export interface ViewState {
  /** The selected graph node (a digest, or the top document's name). */
  node: string | null;
  /** The image (manifest digest) whose layers are listed. */
  image: string | null;
}

/** Parse a hash (`#node=…&image=…`); unknown keys are kept for later views. */
export function parseHash(hash: string): ViewState {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return { node: params.get('node'), image: params.get('image') };
}

/** The hash for a view state, keeping unknown keys of `base`. */
export function hashFor(patch: Partial<ViewState>, base: string = currentHash()): string {
  const params = new URLSearchParams(base.replace(/^#/, ''));
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || v === undefined) params.delete(k);
    else params.set(k, v);
  }
  const s = params.toString().replaceAll('%3A', ':');
  return s ? `#${s}` : '#';
}

function currentHash(): string {
  return typeof location === 'undefined' ? '' : location.hash;
}

/** Go to a view: a new history entry, so back and forward work. */
export function navigate(patch: Partial<ViewState>): void {
  const next = hashFor(patch);
  if (next !== (location.hash || '#')) location.hash = next;
}

/** Replace the view state without a new history entry (`''` drops it), and tell the views. */
export function replaceView(hash: string): void {
  const next = hash === '#' ? '' : hash;
  if (location.hash !== next)
    history.replaceState(null, '', location.pathname + location.search + next);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

/** Drop the view state (a new image was opened). */
export function resetView(): void {
  replaceView('');
}

const subscribe = (cb: () => void): (() => void) => {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
};

/** The current view state; re-renders on hash changes. */
export function useViewState(): ViewState {
  const hash = useSyncExternalStore(subscribe, currentHash, () => '');
  return parseHash(hash);
}
