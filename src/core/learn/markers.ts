/** The marker a whiteout or opaque change is stored as in the layer tar (layer.md#whiteouts). */
export function storedMarkerName(type: 'whiteout' | 'opaque', path: string): string {
  const clean = path.replace(/^\/+/, '').replace(/\/+$/, '');
  if (type === 'opaque') return clean === '' ? '.wh..wh..opq' : `${clean}/.wh..wh..opq`;
  const cut = clean.lastIndexOf('/');
  return cut < 0 ? `.wh.${clean}` : `${clean.slice(0, cut)}/.wh.${clean.slice(cut + 1)}`;
}

/** The folders a layer's changes mark opaque, for the "opaque" badge. */
export function opaqueDirs(changes: readonly { type: string; path: string }[]): Set<string> {
  return new Set(changes.filter((c) => c.type === 'opaque').map((c) => c.path));
}

/** One sentence each on whiteouts and opaque folders, in our words (the spec link goes beside it). */
export const MARKER_EXPLANATION = {
  whiteout:
    'A whiteout: an empty file named .wh.<name> that deletes <name> (and all below it) from the layers underneath; it never appears in the merged filesystem.',
  opaque:
    'An opaque folder: a .wh..wh..opq marker inside it hides everything the layers underneath put there; what this layer adds stays visible.',
} as const;
