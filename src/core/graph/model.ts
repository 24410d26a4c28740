import type { Problem } from '../oci/problem.ts';
import type { Descriptor, ImageConfig, OciDocument } from '../oci/types.ts';

/** What a node of the image graph is. `top` is index.json / manifest.json / repositories. */
export type NodeKind = 'top' | 'index' | 'manifest' | 'config' | 'layer' | 'blob';

/** One node of the image graph: a blob (or the top document), drawn once however often it is referenced. */
export interface GraphNode {
  /** The digest string, or the top document's name. */
  id: string;
  kind: NodeKind;
  mediaType: string;
  digest: string | null;
  /** Size declared by the first descriptor that reached it (null for the top). */
  size: number | null;
  /** The input holds the blob. */
  present: boolean;
  /** Written by this tool (docker archives carry no manifests of their own). */
  synthesized: boolean;
  /** Where the blob lives in the input. */
  source: string | null;
  /** The document bytes exactly as stored (JSON documents only). */
  bytes: Uint8Array | null;
  document: OciDocument | null;
  /** Short labels: `attestation`, `artifact`, `schema1`, `empty-config`, `referrer`, `estargz`, `non-filesystem`. */
  labels: string[];
  problems: Problem[];
}

/** A reference from one node to another, as the parent document orders them. */
export interface GraphEdge {
  from: string;
  to: string;
  role: 'manifests' | 'config' | 'layers' | 'subject';
  /** Position in the parent's list. */
  index: number;
}

/** A layer of one image: its descriptor and its diff_id from the config (null when unknown). */
export interface ImageLayer {
  descriptor: Descriptor;
  diffId: string | null;
}

/** One image manifest reachable from the top, with what inspect reports about it. */
export interface ImageSummary {
  manifest: string;
  mediaType: string;
  platform: string | null;
  refName: string | null;
  tags: string[];
  artifactType: string | null;
  attestation: boolean;
  config: Descriptor | null;
  configDocument: ImageConfig | null;
  layers: ImageLayer[];
}

/** An image input, read and walked: the graph, the images, and every problem. */
export interface ImageGraph {
  top: GraphNode;
  nodes: Map<string, GraphNode>;
  edges: GraphEdge[];
  images: ImageSummary[];
  problems: Problem[];
  /**
   * A first picture of a large index: the manifests past its first runnable image are nodes as
   * their descriptors tell them, not read yet (see `loadPreview`); the whole graph follows.
   */
  partial?: boolean;
}
