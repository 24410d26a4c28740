import type { GraphEdge, GraphNode, ImageGraph, ImageSummary } from '../core/graph/model.ts';
import type { InputFileEntry } from '../core/store/image-input.ts';
import { receiveBlobs, type PageBlob, type SentBlob } from './sent-blob.ts';

/** Part of an opened image sent ahead of the message that completes it. */
export interface OpenedPart {
  nodes?: GraphNode[];
  edges?: GraphEdge[];
  images?: ImageSummary[];
  blobs?: SentBlob[];
  files?: InputFileEntry[];
}

/** The lists an opened image carries, the graph's and its own. */
export interface OpenedLists {
  graph: ImageGraph;
  blobs: SentBlob[];
  files: InputFileEntry[] | null;
}

/**
 * Items per part: one message of a 10,000-manifest graph held the page ~250 ms as it arrived;
 * a part of 300 manifest nodes (each with its document) takes it a few milliseconds.
 */
export const PART_SIZE = 300;

/**
 * Split an opened image's lists into parts to post one by one, and what is left to post with
 * the last message (the same image with those lists emptied). A small image is left whole.
 */
export function splitOpened<T extends OpenedLists>(
  image: T,
  size = PART_SIZE,
): { parts: OpenedPart[]; rest: T } {
  const { graph } = image;
  const files = image.files ?? [];
  const count =
    graph.nodes.size + graph.edges.length + graph.images.length + image.blobs.length + files.length;
  if (count <= size) return { parts: [], rest: image };
  const parts: OpenedPart[] = [];
  const chunk = <K extends keyof OpenedPart>(key: K, xs: NonNullable<OpenedPart[K]>): void => {
    for (let i = 0; i < xs.length; i += size) parts.push({ [key]: xs.slice(i, i + size) });
  };
  chunk('nodes', [...graph.nodes.values()]);
  chunk('edges', graph.edges);
  chunk('images', graph.images);
  chunk('blobs', image.blobs);
  if (image.files) chunk('files', image.files);
  const rest = {
    ...image,
    graph: { ...graph, nodes: new Map(), edges: [], images: [] },
    blobs: [],
    files: image.files ? [] : null,
  };
  return { parts, rest };
}

/**
 * The page's side: parts taken in as they come (each in its own task, Blob handles rebuilt from
 * the page's files), then the image completed by the last message.
 */
export class OpenedParts {
  private nodes = new Map<string, GraphNode>();
  private edges: GraphEdge[] = [];
  private images: ImageSummary[] = [];
  private blobs: PageBlob[] = [];
  private files: InputFileEntry[] = [];

  constructor(private readonly pageFiles: readonly Blob[] | null) {}

  /** Take in one part. */
  add(part: OpenedPart): void {
    for (const n of part.nodes ?? []) this.nodes.set(n.id, n);
    for (const e of part.edges ?? []) this.edges.push(e);
    for (const i of part.images ?? []) this.images.push(i);
    if (part.blobs) for (const b of receiveBlobs(part.blobs, this.pageFiles)) this.blobs.push(b);
    for (const f of part.files ?? []) this.files.push(f);
  }

  /** The whole image: the parts taken in, then the last message's lists; starts afresh after. */
  finish<T extends OpenedLists>(
    rest: T,
  ): Omit<T, 'graph' | 'blobs' | 'files'> & {
    graph: ImageGraph;
    blobs: PageBlob[];
    files: InputFileEntry[] | null;
  } {
    const nodes = this.nodes;
    for (const [id, n] of rest.graph.nodes) nodes.set(id, n);
    // The worker's top node is the first of its nodes; keep them one object here too.
    const top = nodes.get(rest.graph.top.id) ?? rest.graph.top;
    const graph: ImageGraph = {
      ...rest.graph,
      top,
      nodes,
      edges: [...this.edges, ...rest.graph.edges],
      images: [...this.images, ...rest.graph.images],
    };
    const blobs = [...this.blobs, ...receiveBlobs(rest.blobs, this.pageFiles)];
    const files = rest.files ? [...this.files, ...rest.files] : null;
    this.nodes = new Map();
    this.edges = [];
    this.images = [];
    this.blobs = [];
    this.files = [];
    return { ...rest, graph, blobs, files };
  }
}
