import { describe, expect, it } from 'vitest';
import type { GraphNode, ImageGraph, ImageSummary } from '../../core/graph/model.ts';
import { linkFits, pendingLinkOf } from './deep-link.ts';

const M1 = `sha256:${'1'.repeat(64)}`;
const M2 = `sha256:${'2'.repeat(64)}`;
const CONFIG = `sha256:${'c'.repeat(64)}`;

/** A graph with the given image manifests and extra nodes (only what linkFits reads). */
function graph(manifests: string[], extraNodes: string[] = []): ImageGraph {
  const node = (id: string) => ({ id }) as GraphNode;
  const top = node('index.json');
  return {
    top,
    nodes: new Map([...manifests, ...extraNodes].map((id) => [id, node(id)])),
    edges: [],
    images: manifests.map((manifest) => ({ manifest }) as ImageSummary),
    problems: [],
  };
}

describe('a link to a view of a dropped image', () => {
  it('is read from a hash that holds a view, and absent from an empty one', () => {
    expect(pendingLinkOf('')).toBeNull();
    expect(pendingLinkOf('#')).toBeNull();
    expect(pendingLinkOf(`#image=${M1}&view=fs&path=/etc/hostname`)).toEqual({
      hash: `#image=${M1}&view=fs&path=/etc/hostname`,
      image: M1,
      node: null,
      path: '/etc/hostname',
    });
  });

  it('fits the image it was made from, found among an index’s images', () => {
    const link = pendingLinkOf(`#image=${M2}&node=${CONFIG}`)!;
    expect(linkFits(link, graph([M1, M2], [CONFIG]))).toBe(true);
  });

  it('does not fit an image without its manifest, nor one without its node', () => {
    expect(linkFits(pendingLinkOf(`#image=${M2}&view=fs`)!, graph([M1]))).toBe(false);
    expect(linkFits(pendingLinkOf(`#image=${M1}&node=${CONFIG}`)!, graph([M1]))).toBe(false);
    expect(linkFits(pendingLinkOf(`#node=${CONFIG}`)!, graph([M1]))).toBe(false);
  });

  it('fits any image when it names neither an image nor a node, and the top document by name', () => {
    expect(linkFits(pendingLinkOf('#view=fs')!, graph([M1]))).toBe(true);
    expect(linkFits(pendingLinkOf('#node=index.json')!, graph([M1]))).toBe(true);
  });
});
