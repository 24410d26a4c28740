import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, useContext, useDeferredValue, useId, useMemo, useState } from 'react';
import { formatCount, shortDigest } from '../../components/format.ts';
import { imageOf } from '../../components/node-kind.ts';
import { navigate } from '../../state/navigation.ts';
import { ImageContext } from './image-context.ts';
import type { GraphGroup } from '../../../worker/graph-collapse.ts';
import type { LoadedImage } from '../../state/loaded-image.ts';
import type { GroupFlowNode } from './to-flow.ts';

/** At most this many matches are listed at once: the list is for finding one, not for reading all. */
export const MAX_LISTED = 100;

/** The members whose label holds every word of the query (case-insensitive), the first `max` of them. */
export function matchMembers(
  labels: readonly string[],
  query: string,
  max = MAX_LISTED,
): { indexes: number[]; total: number } {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const indexes: number[] = [];
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!;
    if (!words.every((w) => l.includes(w))) continue;
    total++;
    if (indexes.length < max) indexes.push(i);
  }
  return { indexes, total };
}

/**
 * An index's many manifests as one node: a search over their platforms, names and digests, and
 * the matches as buttons that bring the chosen manifest (and its config and layers) into the graph.
 */
/** With no query: the first `max` members, of all of them (what matchMembers gives for ''). */
export function firstMembers(
  count: number,
  max = MAX_LISTED,
): { indexes: number[]; total: number } {
  return { indexes: Array.from({ length: Math.min(count, max) }, (_, i) => i), total: count };
}

/** A member's label: its platform, tag, labels and digest, as searched and shown on hover. */
function labelOf(image: LoadedImage, id: string): string {
  const img = imageOf(image.graph, id);
  const node = image.graph.nodes.get(id);
  return [img?.platform, img?.refName, ...(node?.labels ?? []), id].filter(Boolean).join(' · ');
}

/**
 * Every member's label in lower case, to search, by group: made at the first search only (for
 * 10,000 members ~10 ms, which on arrival of the whole graph added to a long task), and once.
 */
const labelled = new WeakMap<GraphGroup, { image: LoadedImage; lower: string[] }>();

function searchLabels(image: LoadedImage, group: GraphGroup): string[] {
  const kept = labelled.get(group);
  if (kept?.image === image) return kept.lower;
  const lower = group.members.map((id) => labelOf(image, id).toLowerCase());
  labelled.set(group, { image, lower });
  return lower;
}

function GroupNodeBox({ data }: NodeProps<GroupFlowNode>) {
  const image = useContext(ImageContext)!;
  const { group } = data;
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const inputId = useId();
  const searching = deferred.trim() !== '';
  const { indexes, total } = useMemo(
    () =>
      searching
        ? matchMembers(searchLabels(image, group), deferred)
        : firstMembers(group.members.length),
    [searching, image, group, deferred],
  );
  const shown = group.total - group.members.length;
  return (
    <div
      className="oci-group nowheel nodrag"
      role="group"
      aria-label={`Manifests of ${group.parent}`}
    >
      <Handle type="target" position={Position.Left} id="in" isConnectable={false} />
      <div className="oci-group-head">
        <span className="kind kind-manifest">manifests</span>
        <span>
          {formatCount(group.members.length)} more
          {shown > 0 ? ` (${formatCount(shown)} drawn)` : ''}
        </span>
      </div>
      <label htmlFor={inputId} className="visually-hidden">
        Find a manifest of {group.parent}
      </label>
      <input
        id={inputId}
        type="search"
        className="oci-group-search"
        placeholder="platform, tag or digest"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <ul className="oci-group-list" aria-label={`Manifests matching “${deferred}”`}>
        {indexes.map((i) => {
          const id = group.members[i]!;
          const img = imageOf(image.graph, id);
          return (
            <li key={id}>
              <button
                type="button"
                className="oci-group-item"
                onClick={() => navigate({ image: id, node: id })}
                title={labelOf(image, id)}
              >
                <span>
                  {[img?.platform, img?.refName].filter(Boolean).join(' · ') || 'manifest'}
                </span>
                <span className="mono muted">{shortDigest(id, 12)}</span>
              </button>
            </li>
          );
        })}
      </ul>
      <div className="oci-group-foot muted small" aria-live="polite">
        {total > indexes.length
          ? `${formatCount(indexes.length)} of ${formatCount(total)} matches listed; type to narrow`
          : `${formatCount(total)} match${total === 1 ? '' : 'es'}`}
      </div>
    </div>
  );
}

/** The group node registered with React Flow. */
export const GroupNode = memo(GroupNodeBox);
