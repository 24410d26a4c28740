import { useSyncExternalStore } from 'react';
import type { TreeMode } from '../../../core/fs/fs-rows.ts';
import { layerNumber } from '../../components/format.ts';

/**
 * The filesystem view's part of the URL hash: `view=fs&path=/etc/passwd&mode=layer&layer=4`.
 * `layer` is the layer's number as the app shows it (from 1); the mode holds its 0-based index.
 */
export interface FsHashState {
  view: 'graph' | 'fs';
  path: string | null;
  mode: TreeMode | null;
}

/** Read the filesystem view's keys from a hash (other keys are left to their owners). */
export function parseFsHash(hash: string): FsHashState {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const text = p.get('layer') ?? '';
  const hasLayer = /^[1-9]\d{0,5}$/.test(text);
  const layer = Number(text) - 1;
  const mode: TreeMode | null = !hasLayer
    ? null
    : p.get('mode') === 'layer'
      ? { kind: 'layer', layer }
      : { kind: 'merged', upTo: layer };
  return { view: p.get('view') === 'fs' ? 'fs' : 'graph', path: p.get('path'), mode };
}

/** The hash with the given filesystem keys set (null removes), other keys kept. */
export function fsHashFor(patch: Partial<FsHashState>, base: string): string {
  const p = new URLSearchParams(base.replace(/^#/, ''));
  if (patch.view !== undefined) {
    if (patch.view === 'fs') p.set('view', 'fs');
    else p.delete('view');
  }
  if (patch.path !== undefined) {
    if (patch.path === null) p.delete('path');
    else p.set('path', patch.path);
  }
  if (patch.mode !== undefined) {
    if (patch.mode === null) {
      p.delete('mode');
      p.delete('layer');
    } else {
      p.set('mode', patch.mode.kind);
      const index = patch.mode.kind === 'merged' ? patch.mode.upTo : patch.mode.layer;
      p.set('layer', String(layerNumber(index)));
    }
  }
  const s = p.toString().replaceAll('%3A', ':').replaceAll('%2F', '/');
  return s ? `#${s}` : '#';
}

/** Go to a filesystem view: a new history entry, so back and forward work. */
export function navigateFs(patch: Partial<FsHashState>): void {
  const next = fsHashFor(patch, location.hash);
  if (next !== (location.hash || '#')) location.hash = next;
}

const subscribe = (cb: () => void): (() => void) => {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
};
const current = (): string => location.hash;

/** The filesystem view's hash state; re-renders on hash changes. */
export function useFsHash(): FsHashState {
  const hash = useSyncExternalStore(subscribe, current, () => '');
  return parseFsHash(hash);
}
