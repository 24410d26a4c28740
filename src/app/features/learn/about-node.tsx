import { useMemo } from 'react';
import { aboutInput, aboutNode } from '../../../core/learn/about.ts';
import type { GraphNode } from '../../../core/graph/model.ts';
import type { LoadedImage } from '../../state/loaded-image.ts';
import { AboutRegion } from './about-region.tsx';
import './learn.css';

/**
 * The "About this …" regions of a node's panel: for the top document, "About this layout" /
 * "About this archive" (and "About this index" for index.json); for any other node, its own.
 */
export function AboutNode({ image, node }: { image: LoadedImage; node: GraphNode }) {
  const abouts = useMemo(() => {
    const own = aboutNode(image.graph, node);
    if (node.kind !== 'top') return own ? [own] : [];
    const blobCount = image.blobs.filter((b) => !b.synthesized && !b.source.startsWith('(')).length;
    const input = aboutInput(image.graph, {
      format: image.format,
      layoutVersion: image.layoutVersion,
      blobCount,
    });
    return own ? [input, own] : [input];
  }, [image, node]);
  return (
    <>
      {abouts.map((a) => (
        <AboutRegion key={a.title} about={a} />
      ))}
    </>
  );
}
