import { useMemo } from 'react';
import { aboutInput, aboutNode, type About } from '../../../core/learn/about.ts';
import type { GraphNode } from '../../../core/graph/model.ts';
import type { LoadedImage } from '../../state/loaded-image.ts';
import { AboutRegion } from './about-region.tsx';
import './learn.css';

/**
 * The "About this …" regions of a node's panel: for the top document, "About this layout" /
 * "About this archive" (and "About this index" for index.json); for any other node, its own.
 */
export function AboutNode({ image, node }: { image: LoadedImage; node: GraphNode }) {
  const abouts = useMemo(() => aboutsOf(image, node), [image, node]);
  return (
    <>
      {abouts.map((a) => (
        <AboutRegion key={a.title} about={a} />
      ))}
    </>
  );
}

/**
 * Abouts made, by image and node: an index of 10,000 manifests takes tens of ms to describe, and
 * a render that React drops (interrupted by an update) would otherwise describe it again.
 */
const made = new WeakMap<LoadedImage, Map<GraphNode, About[]>>();

function aboutsOf(image: LoadedImage, node: GraphNode): About[] {
  let byNode = made.get(image);
  if (!byNode) made.set(image, (byNode = new Map()));
  let abouts = byNode.get(node);
  if (!abouts) byNode.set(node, (abouts = describe(image, node)));
  return abouts;
}

function describe(image: LoadedImage, node: GraphNode): About[] {
  const own = aboutNode(image.graph, node);
  if (node.kind !== 'top') return own ? [own] : [];
  const blobCount = image.blobs.filter((b) => !b.synthesized && !b.source.startsWith('(')).length;
  const input = aboutInput(image.graph, {
    format: image.format,
    layoutVersion: image.layoutVersion,
    blobCount,
  });
  return own ? [input, own] : [input];
}
