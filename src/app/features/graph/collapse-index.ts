import {
  buildCollapseIndex,
  collapseIndexSteps,
  type CollapseIndex,
} from '../../../worker/graph-collapse.ts';
import type { LayoutEdge } from '../../../worker/graph-layout.ts';
import { runInSlices, yieldToPage } from '../../../worker/time-slices.ts';

/** Edges looked at between two looks at the clock. */
const SLICE_CHECK = 1024;

const built = new WeakMap<readonly LayoutEdge[], CollapseIndex>();

/**
 * The graph's CollapseIndex: the one prepared ahead, else built now (in one task: ~30-70 ms for
 * 10,000 manifests, which is why the graph view prepares it in slices once the graph is shown).
 */
export function collapseIndexFor(edges: readonly LayoutEdge[]): CollapseIndex {
  let index = built.get(edges);
  if (!index) built.set(edges, (index = buildCollapseIndex(edges)));
  return index;
}

/** Whether the graph's CollapseIndex is built already. */
export const hasCollapseIndex = (edges: readonly LayoutEdge[]): boolean => built.has(edges);

/**
 * Build the graph's CollapseIndex in slices between frames, so that a later move of the focus
 * (a manifest chosen from a group) redraws without a long task. Rejects when aborted.
 */
export async function prepareCollapseIndex(
  edges: readonly LayoutEdge[],
  signal: AbortSignal,
  sliceMs?: number,
  pause?: () => Promise<void>,
): Promise<void> {
  if (built.has(edges)) return;
  // Not in the task that asked (a commit's effects, with the graph's first render): a later one.
  await (pause ?? yieldToPage)();
  const index = await runInSlices(collapseIndexSteps(edges, SLICE_CHECK), signal, sliceMs, pause);
  if (!built.has(edges)) built.set(edges, index);
}
