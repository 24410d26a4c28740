import { useEffect, useRef, useState } from 'react';
import type { ImageSummary } from '../../core/graph/model.ts';
import type { TreeMode } from '../../core/fs/fs-rows.ts';
import { hashFor, replaceView } from '../state/navigation.ts';

/**
 * What the tree shows once a node is chosen: a layer of the image being viewed shows its own
 * changes (at its position in that image, even when other images share the blob); the image's
 * manifest shows its whole filesystem; any other node leaves the tree as it is (`undefined`).
 */
export function treeModeForNode(
  nodeId: string,
  image: ImageSummary | null,
): TreeMode | null | undefined {
  if (!image) return undefined;
  const layer = image.layers.findIndex((l) => l.descriptor.digest.value === nodeId);
  if (layer >= 0) return { kind: 'layer', layer };
  if (nodeId === image.manifest) return null;
  return undefined;
}

/**
 * The tree follows the graph: choosing a node (in the graph or the table) sets the tree's mode
 * in the same history entry. The node a link opens with leaves the link's mode alone.
 */
export function useTreeFollowsNode(nodeId: string, image: ImageSummary | null): void {
  const shown = useRef(nodeId);
  useEffect(() => {
    if (shown.current === nodeId) return;
    shown.current = nodeId;
    const mode = treeModeForNode(nodeId, image);
    if (mode === undefined) return;
    const next = hashFor({ mode });
    if (next !== (location.hash || '#')) replaceView(next);
  }, [nodeId, image]);
}

/** Which selection the details pane shows. */
export type DetailsTab = 'node' | 'file';

/**
 * The details pane shows whichever was chosen last: a node, or a file of the tree (a link with
 * a path opens on the file). Either stays one click away.
 */
export function useDetailsTab(
  nodeId: string,
  path: string | null,
): [DetailsTab, (tab: DetailsTab) => void] {
  const [state, setState] = useState<{ tab: DetailsTab; node: string; path: string | null }>(
    () => ({ tab: path ? 'file' : 'node', node: nodeId, path }),
  );
  let tab = state.tab;
  if (state.node !== nodeId || state.path !== path) {
    // Adjusting state while rendering (React's pattern for state that follows props).
    tab = path && path !== state.path ? 'file' : state.node !== nodeId ? 'node' : state.tab;
    setState({ tab, node: nodeId, path });
  }
  return [tab, (t) => setState((s) => ({ ...s, tab: t }))];
}
