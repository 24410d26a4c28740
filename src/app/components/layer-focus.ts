import { createContext, useContext } from 'react';

/**
 * The layers the selected file's story runs through, shared by the graph and the layers table
 * so both mark them: `last` wrote the path last, `history` holds every layer that touched it.
 * Keys are layer digests of the image being viewed.
 */
export interface LayerFocus {
  last: string | null;
  history: ReadonlySet<string>;
}

/** No file selected: nothing marked. */
export const NO_LAYER_FOCUS: LayerFocus = { last: null, history: new Set() };

/** The layer focus of the workspace (a provider sits above the graph and the table). */
export const LayerFocusContext = createContext<LayerFocus>(NO_LAYER_FOCUS);

/** How a layer digest stands in the selected file's story: the last writer, an earlier step, or none. */
export function layerFocusOf(focus: LayerFocus, digest: string): 'last' | 'history' | undefined {
  if (focus.last === digest) return 'last';
  return focus.history.has(digest) ? 'history' : undefined;
}

/** The selected file's mark for a layer digest (see layerFocusOf). */
export function useLayerFocus(digest: string): 'last' | 'history' | undefined {
  return layerFocusOf(useContext(LayerFocusContext), digest);
}

/** A path's layer events (0-based layer index, action) as a focus over the image's layer digests. */
export function focusFromEvents(
  events: readonly { layer: number; action: 'added' | 'modified' | 'deleted' }[],
  layerDigests: readonly string[],
): LayerFocus {
  const history = new Set<string>();
  let last: string | null = null;
  for (const e of events) {
    const digest = layerDigests[e.layer];
    if (digest === undefined) continue;
    history.add(digest);
    if (e.action !== 'deleted') last = digest;
  }
  return history.size === 0 ? NO_LAYER_FOCUS : { last, history };
}
