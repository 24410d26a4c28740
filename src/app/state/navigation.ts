import { useSyncExternalStore } from 'react';
import { parseUrlState, urlHashFor, type UrlState } from './url-state.ts';

/** The view state that lives in the URL hash (its keys: url-state.ts, docs/url.md). */
export type ViewState = UrlState;

function currentHash(): string {
  return typeof location === 'undefined' ? '' : location.hash;
}

/** The hash for a view state patch applied to `base` (the current hash by default). */
export function hashFor(patch: Partial<ViewState>, base: string = currentHash()): string {
  return urlHashFor(patch, base);
}

/** The views listening to the hash (see `subscribe`). */
const listeners = new Set<() => void>();

/**
 * Go to a view: a new history entry, so back and forward work. The views are told at once: the
 * browser's hashchange comes a task later, and a control that set the URL (a radio) showed the
 * old state until then, one render late.
 */
export function navigate(patch: Partial<ViewState>): void {
  const next = hashFor(patch);
  if (next === (location.hash || '#')) return;
  location.hash = next;
  for (const l of [...listeners]) l();
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
  listeners.add(cb);
  window.addEventListener('hashchange', cb);
  return () => {
    listeners.delete(cb);
    window.removeEventListener('hashchange', cb);
  };
};

/** The current view state; re-renders on hash changes. */
export function useViewState(): ViewState {
  const hash = useSyncExternalStore(subscribe, currentHash, () => '');
  return parseUrlState(hash);
}
