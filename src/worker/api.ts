import { embeddedData } from '../core/graph/embedded-data.ts';
import { loadGraph } from '../core/graph/load-graph.ts';
import type { ImageGraph } from '../core/graph/model.ts';
import type { ImageInput, InputFileEntry, InputFormat } from '../core/store/image-input.ts';
import { formatReference, parseReference, pinReference } from '../core/registry/reference.ts';
import type { StoredBlob } from '../core/store/blob-store.ts';
import { hashBlobCounted } from '../core/verify/hash-blob.ts';
import { hexOf } from '../core/verify/hasher.ts';
import { collapseGraph, defaultFocus, type CollapsedGraph } from './graph-collapse.ts';
import { layoutCollapsed, type GraphLayout } from './graph-layout.ts';
import { openSource, type OpenProgress, type Source } from './open-source.ts';
import { openFeed, type FedInput } from './open-feed.ts';
import { splitOpened, type OpenedPart } from './opened-parts.ts';
import { sendBlobs, type SentBlob } from './sent-blob.ts';
import {
  listLayerJob,
  hashLayerJob,
  type LayerListingReply,
  type HashLayerJobArgs,
  type ListLayerJobArgs,
  type LayerJobProgress,
  type LayerHashResult,
} from './layer-job.ts';
import type { CallContext } from './rpc.ts';
import { compareClose, compareImages, compareText } from './compare-session.ts';
import {
  fsAnalysis,
  fsBlob,
  fsHistory,
  fsKeepBlobs,
  fsLines,
  fsRead,
  fsTree,
} from './fs-session.ts';

/** An opened image as the main thread receives it: plain data and Blob references, nothing to parse. */
export interface OpenedImage {
  name: string;
  format: InputFormat;
  wrapper: 'gzip' | 'zstd' | null;
  layoutVersion: string | null;
  /** The graph; its lists (and `blobs`, `files`) are empty where they came ahead in parts (opened-parts.ts). */
  graph: ImageGraph;
  /** Every blob the input holds, plus embedded `data`: by position in the page's files where it has them. */
  blobs: SentBlob[];
  layout: GraphLayout;
  /** What `layout` draws, and for which focus (the page reuses both while its focus is that). */
  drawn: CollapsedGraph;
  focus: string[];
  /** Every file of the folder or archive (none for a registry image, nor in a preview). */
  files: InputFileEntry[] | null;
  /** For a registry image, its reference pinned to the manifest it resolved to (a link reopens these bytes). */
  reference: string | null;
  /** Milliseconds spent in the worker: opening the input, walking the graph, laying it out. */
  ms: { open: number; graph: number; layout: number };
}

/** What `open` sends ahead of its result: a part of an image, or a large index's first picture. */
export type OpenPart =
  { phase: 'part'; part: OpenedPart } | { phase: 'preview'; image: OpenedImage };

/** Progress of hashing one blob. */
export interface HashProgress {
  bytes: number;
  total: number;
}

/** The worker API: every method takes plain data and an abortable context. */
export const explorerApi = {
  /**
   * Open an input, walk its graph and lay it out, in one round trip. A fed folder of a large
   * index sends a preview first (open-feed.ts); a large graph comes in parts (graph-parts.ts).
   */
  async open(source: Source, ctx: CallContext<OpenProgress | OpenPart>): Promise<OpenedImage> {
    const t0 = performance.now();
    const send = ctx.send?.bind(ctx);
    let input: ImageInput;
    let entryOf = (_: Blob): number | undefined => undefined;
    if (source.kind === 'folder-feed') {
      const preview = (graph: ImageGraph, fed: FedInput): void => {
        const t1 = performance.now();
        const image = describe(source, fed.input, graph, layoutFor(graph), fed.entryOf);
        image.ms = { open: t1 - t0, graph: 0, layout: performance.now() - t1 };
        send?.({ phase: 'preview', image: sendParts(image, send) });
      };
      const fed = await openFeed(source, { signal: ctx.signal, ...(send ? { preview } : {}) });
      input = fed.input;
      entryOf = fed.entryOf;
    } else {
      input = await openSource(source, { signal: ctx.signal, progress: (p) => ctx.progress(p) });
    }
    const t1 = performance.now();
    const graph = await loadGraph(input, { signal: ctx.signal });
    const t2 = performance.now();
    ctx.progress({ phase: 'layout', bytes: 0, total: null });
    const drawing = layoutFor(graph);
    const t3 = performance.now();
    const hashes = await documentHashes(graph, input, ctx.signal);
    const image = describe(source, input, graph, drawing, entryOf, hashes);
    image.files = input.files ?? null;
    image.ms = { open: t1 - t0, graph: t2 - t1, layout: t3 - t2 };
    return send ? sendParts(image, send) : image;
  },

  /** Hash a blob, streaming (documents and non-layer blobs; layers are hashed by their verify job). */
  async hash(
    args: { blob: Blob; algorithm: 'sha256' | 'sha512' },
    ctx: CallContext<HashProgress>,
  ): Promise<{ digest: string; bytes: number }> {
    return hashBlobCounted(args.blob, args.algorithm, {
      signal: ctx.signal,
      onProgress: (bytes, total) => ctx.progress({ bytes, total }),
    });
  },

  /** A layer's one inflate: its tar listing, gzip checkpoints and diff_id. */
  async listLayer(
    args: ListLayerJobArgs,
    ctx: CallContext<LayerJobProgress>,
  ): Promise<LayerListingReply> {
    return listLayerJob(args, ctx);
  },

  /** A layer's raw bytes hashed into its digest, beside its listing (which hashes the diff_id). */
  async hashLayer(
    args: HashLayerJobArgs,
    ctx: CallContext<LayerJobProgress>,
  ): Promise<LayerHashResult> {
    return hashLayerJob(args, ctx);
  },

  /**
   * The filesystem explorer's tree (as columns), an image's net and wasted bytes per layer, a path's
   * history, a file's bytes, the lines before a page, the whole file to save, layer blobs kept
   * ahead of reads (see fs-session.ts).
   */
  fsTree,
  fsAnalysis,
  fsHistory,
  fsRead,
  fsLines,
  fsBlob,
  fsKeepBlobs,

  /**
   * The compare view: two images listed and diffed (core `diffImages`), then the line diff of a
   * changed file from the listings kept (see compare-session.ts).
   */
  compareImages,
  compareText,
  compareClose,
};

/** The API's type, for the typed client. */
export type ExplorerApi = typeof explorerApi;

/**
 * A large index is drawn collapsed (graph-collapse.ts): laying out 10,000 nodes would take
 * minutes, and the page then draws what is laid out here unless the focus moves.
 */
function layoutFor(graph: ImageGraph): Pick<OpenedImage, 'layout' | 'drawn' | 'focus'> {
  const focus = defaultFocus(graph.images);
  const drawn = collapseGraph(graph.top.id, [...graph.nodes.keys()], graph.edges, focus);
  return { layout: layoutCollapsed(drawn), drawn, focus };
}

/** The opened image to send (without `files` and `ms`, which the caller fills in). */
function describe(
  source: Source,
  input: ImageInput,
  graph: ImageGraph,
  drawing: Pick<OpenedImage, 'layout' | 'drawn' | 'focus'>,
  entryOf: (blob: Blob) => number | undefined,
  hashes?: ReadonlyMap<string, string>,
): OpenedImage {
  const stored = [
    ...input.store.list(),
    ...embeddedBlobs(graph, input.store.get.bind(input.store)),
  ];
  return {
    name:
      source.kind === 'url'
        ? source.url.split(/[?#]/)[0]!.split('/').pop() || source.url
        : source.kind === 'registry'
          ? source.ref
          : source.name,
    reference: source.kind === 'registry' ? pinnedReference(input) : null,
    files: null,
    format: input.format,
    wrapper: input.wrapper,
    layoutVersion: input.layoutVersion,
    graph,
    blobs: sendBlobs(stored, entryOf, hashes),
    ...drawing,
    ms: { open: 0, graph: 0, layout: 0 },
  };
}

/** Send a large image's lists ahead in parts; the image left to send holds the rest. */
function sendParts(image: OpenedImage, send: (part: OpenPart) => void): OpenedImage {
  const { parts, rest } = splitOpened(image);
  for (const part of parts) send({ phase: 'part', part });
  return rest;
}

/**
 * The sha256 of every document the walk read whole from its stored blob (manifests, configs):
 * the page checks those against their digests without reading them again (10,000 hash calls,
 * a message and a file read each, took most of a large index's checks).
 */
export async function documentHashes(
  graph: ImageGraph,
  input: ImageInput,
  signal: AbortSignal,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (input.format === 'registry') return out;
  // Bytes of a descriptor's embedded data may stand for a node: only what came from the file counts.
  const embedded = new Set(embeddedData(graph).map((e) => e.descriptor.digest.value));
  for (const n of graph.nodes.values()) {
    if (!n.bytes || !n.digest || !n.digest.startsWith('sha256:') || embedded.has(n.digest))
      continue;
    const stored = input.store.get(n.digest);
    if (!stored || stored.synthesized || stored.blob.size !== n.bytes.length) continue;
    signal.throwIfAborted();
    out.set(n.digest, await sha256Hex(n.bytes));
  }
  return out;
}

/**
 * The sha256 digest string of some bytes through the platform's digest: one call each, where a
 * hash-wasm hasher made per document cost an instance each (10,000 took ~30 s).
 */
async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return `sha256:${hexOf(await crypto.subtle.digest('SHA-256', bytes as BufferSource))}`;
}

/** Descriptors' embedded `data` whose digest the input does not store: verified like any blob. */
function embeddedBlobs(
  graph: ImageGraph,
  stored: (digest: string) => StoredBlob | undefined,
): StoredBlob[] {
  const out = new Map<string, StoredBlob>();
  for (const { descriptor: d } of embeddedData(graph)) {
    if (stored(d.digest.value) || out.has(d.digest.value)) continue;
    out.set(d.digest.value, {
      digest: d.digest.value,
      blob: new Blob([d.data as BlobPart]),
      source: '(embedded data)',
    });
  }
  return [...out.values()];
}

/** A registry input's reference pinned to the manifest digest it resolved to. */
function pinnedReference(input: ImageInput): string | null {
  const parsed = parseReference(input.top.name);
  const root = input.roots[0];
  if (!parsed.ok || !root) return null;
  return formatReference(pinReference(parsed.ref, root.descriptor.digest.value));
}
