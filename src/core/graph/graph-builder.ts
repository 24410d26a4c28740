import { MediaType, mediaKind } from '../oci/media-types.ts';
import { parseConfig } from '../oci/parse-config.ts';
import { parseDocument } from '../oci/parse-document.ts';
import { parseJson } from '../oci/parse-json.ts';
import { formatPlatform, isArtifact, isAttestationManifest } from '../oci/platform.ts';
import { problem, type Problem } from '../oci/problem.ts';
import { Rule } from '../oci/rules.ts';
import type { Descriptor, ImageConfig, ImageManifest } from '../oci/types.ts';
import { readBytes } from '../store/blob-store.ts';
import type { ImageInput } from '../store/image-input.ts';
import type { GraphEdge, GraphNode, ImageGraph, ImageSummary, NodeKind } from './model.ts';

/** Manifests and configs larger than this are not read (the distribution spec caps manifests at 4 MiB). */
export const MAX_DOCUMENT_BYTES = 4 << 20;
/** Indexes nested deeper than this are not followed. */
export const MAX_INDEX_DEPTH = 16;
const REF_NAME = 'org.opencontainers.image.ref.name';
/** Documents read ahead of the walk, at most: enough to hide each read's latency, few enough to hold little. */
const READ_AHEAD = 32;

/** Where a reference to a manifest or index sits: its parent, its position, the names it carries. */
export interface Reference {
  from: string;
  index: number;
  refName: string | null;
  tags: string[];
  depth: number;
}

/**
 * The image graph as it is being walked: one explicit state (nodes by digest, edges, images
 * in walk order) and the steps that add to it. `loadGraph` drives it from the input's roots.
 */
export class GraphBuilder {
  readonly nodes = new Map<string, GraphNode>();
  readonly edges: GraphEdge[] = [];
  readonly images: ImageSummary[] = [];
  readonly top: GraphNode;
  /** `digest size` pairs whose size mismatch is already reported (each reference is checked). */
  private readonly sizeReported = new Set<string>();
  /**
   * Reads started ahead of the walk (an index's next children), by digest: the walk itself is
   * sequential, and one read at a time left a 10,000-manifest folder waiting ~1 ms per file.
   */
  private readonly ahead = new Map<string, Promise<Uint8Array>>();

  constructor(private readonly input: ImageInput) {
    this.top = {
      ...blankNode(input.top.name, 'top'),
      mediaType: input.top.name === 'index.json' ? MediaType.ociIndex : 'application/json',
      digest: null,
      size: input.top.bytes?.length ?? null,
      present: input.top.bytes !== null,
      source: input.top.name,
      bytes: input.top.bytes,
    };
    this.nodes.set(this.top.id, this.top);
  }

  /**
   * The node a descriptor points to, made on first sight (then `fresh`); every reference's
   * declared size is checked against the stored blob, not only the first one's.
   */
  node(d: Descriptor, kind: NodeKind): { n: GraphNode; fresh: boolean } {
    const stored = this.input.store.get(d.digest.value);
    const existing = this.nodes.get(d.digest.value);
    const n = existing ?? {
      ...blankNode(d.digest.value, kind),
      mediaType: d.mediaType,
      digest: d.digest.value,
      size: d.size,
      present: stored !== undefined || d.data !== undefined,
      synthesized: stored?.synthesized ?? false,
      source: stored?.source ?? (d.data ? '(embedded data)' : null),
    };
    if (!existing) {
      this.nodes.set(n.id, n);
      if (!stored && !d.data) n.problems.push(blobMissing(d));
    }
    if (stored && stored.blob.size !== d.size) this.sizeMismatch(n, d, stored.blob.size);
    return { n, fresh: !existing };
  }

  private sizeMismatch(n: GraphNode, d: Descriptor, actual: number): void {
    const key = `${d.digest.value} ${d.size}`;
    if (this.sizeReported.has(key)) return;
    this.sizeReported.add(key);
    n.problems.push(
      problem(
        'error',
        'size-mismatch',
        d.digest.value,
        `size mismatch ${d.digest.value}: descriptor says ${d.size} bytes, blob has ${actual}`,
        Rule.descriptor,
      ),
    );
  }

  /**
   * A reference to a manifest or index not read yet (a preview of a large index): its node as
   * its descriptor tells it, `present` when the input is known to hold the blob, and its edge.
   */
  unread(d: Descriptor, ref: Reference, source: string | null): void {
    const existing = this.nodes.get(d.digest.value);
    this.edges.push({ from: ref.from, to: d.digest.value, role: 'manifests', index: ref.index });
    if (existing) return;
    const n: GraphNode = {
      ...blankNode(d.digest.value, mediaKind(d.mediaType) === 'index' ? 'index' : 'manifest'),
      mediaType: d.mediaType,
      digest: d.digest.value,
      size: d.size,
      present: source !== null || d.data !== undefined,
      source,
    };
    if (!n.present) n.problems.push(blobMissing(d));
    this.nodes.set(n.id, n);
  }

  /** Start reading the documents of `children` from position `from` on, before the walk reaches them. */
  readAhead(children: readonly Descriptor[], from: number): void {
    for (let i = from; i < Math.min(children.length, from + READ_AHEAD); i++) {
      const c = children[i]!;
      const stored = this.input.store.get(c.digest.value);
      if (c.data || !stored || stored.blob.size > MAX_DOCUMENT_BYTES) continue;
      if (this.nodes.has(c.digest.value) || this.ahead.has(c.digest.value)) continue;
      const p = readBytes(stored.blob);
      p.catch(() => {}); // a failure is seen when the walk reaches it
      this.ahead.set(c.digest.value, p);
    }
  }

  /** A document's bytes: embedded `data`, else the stored blob unless it is too large to be one. */
  async read(n: GraphNode, d: Descriptor): Promise<Uint8Array | null> {
    if (d.data) return d.data;
    const stored = this.input.store.get(d.digest.value);
    if (!stored) return null;
    const early = this.ahead.get(d.digest.value);
    if (early) {
      this.ahead.delete(d.digest.value);
      return early;
    }
    if (stored.blob.size > MAX_DOCUMENT_BYTES) {
      n.problems.push(
        problem(
          'error',
          'document-too-large',
          n.id,
          `${n.kind} blob is ${stored.blob.size} bytes, over the ${MAX_DOCUMENT_BYTES}-byte limit for JSON documents; not read`,
        ),
      );
      return null;
    }
    return readBytes(stored.blob);
  }

  /** Follow a reference to an index or manifest: read it once, then its children or its image. */
  async visit(d: Descriptor, ref: Reference, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    const { n, fresh } = this.node(d, mediaKind(d.mediaType) === 'index' ? 'index' : 'manifest');
    this.edges.push({ from: ref.from, to: n.id, role: 'manifests', index: ref.index });
    if (!fresh) return;
    if (ref.depth > MAX_INDEX_DEPTH) {
      n.problems.push(
        problem(
          'error',
          'index-too-deep',
          n.id,
          `indexes nested more than ${MAX_INDEX_DEPTH} deep; not followed`,
        ),
      );
      return;
    }
    const bytes = await this.read(n, d);
    if (!bytes) return;
    n.bytes = bytes;
    const doc = parseDocument(bytes, d.digest.value, {
      mediaType: d.mediaType,
      attestation: isAttestationManifest(d),
    });
    n.problems.push(...doc.problems);
    if (doc.kind === 'index' && doc.value?.kind === 'index') {
      n.kind = 'index';
      n.document = doc.value;
      for (const [i, child] of doc.value.manifests.entries()) {
        this.readAhead(doc.value.manifests, i);
        const refName = child.annotations?.[REF_NAME] ?? ref.refName;
        const tags = refName === null ? ref.tags : [refName];
        await this.visit(
          child,
          { from: n.id, index: i, refName, tags, depth: ref.depth + 1 },
          signal,
        );
      }
    } else if (doc.kind === 'manifest' && doc.value?.kind === 'manifest') {
      n.kind = 'manifest';
      n.document = doc.value;
      await this.visitManifest(doc.value, n, d, ref);
    } else if (doc.kind === 'manifest-schema1' && doc.value) {
      n.document = doc.value;
      n.labels.push('schema1');
    } else {
      n.kind = 'blob';
    }
  }

  /** An image manifest: its config read, its layers and subject linked, its summary recorded. */
  private async visitManifest(
    m: ImageManifest,
    n: GraphNode,
    d: Descriptor,
    ref: Reference,
  ): Promise<void> {
    const artifact = isArtifact(m);
    const attestation = isAttestationManifest(d);
    const config = await this.visitConfig(m.config, n.id, artifact || attestation);
    m.layers.forEach((l, i) => {
      const { n: ln } = this.node(l, mediaKind(l.mediaType) === 'layer' ? 'layer' : 'blob');
      if (
        l.annotations?.['containerd.io/snapshot/stargz/toc.digest'] &&
        !ln.labels.includes('estargz')
      )
        ln.labels.push('estargz');
      this.edges.push({ from: n.id, to: ln.id, role: 'layers', index: i });
    });
    if (m.subject)
      this.edges.push({ from: n.id, to: m.subject.digest.value, role: 'subject', index: 0 });
    if (artifact) n.labels.push('artifact');
    if (m.subject) n.labels.push('referrer');
    if (attestation) n.labels.push('attestation');
    if (config && config.diffIds.length !== m.layers.length && !artifact && !attestation) {
      n.problems.push(
        problem(
          'error',
          'diff-ids-count-mismatch',
          n.id,
          `manifest lists ${m.layers.length} layers but its config has ${config.diffIds.length} rootfs.diff_ids`,
          Rule.config,
        ),
      );
    }
    this.images.push({
      manifest: n.id,
      mediaType: m.mediaType ?? d.mediaType,
      platform: d.platform ? formatPlatform(d.platform) : null,
      refName: ref.refName,
      tags: ref.tags,
      artifactType: m.artifactType ?? (artifact ? m.config.mediaType : null),
      attestation,
      config: m.config,
      configDocument: config,
      layers: m.layers.map((l, i) => ({
        descriptor: l,
        diffId: config?.diffIds[i]?.value ?? null,
      })),
    });
  }

  /** A manifest's config: read once; an artifact's config problems are only warnings. */
  private async visitConfig(
    d: Descriptor,
    from: string,
    artifact: boolean,
  ): Promise<ImageConfig | null> {
    const { n, fresh } = this.node(d, 'config');
    this.edges.push({ from, to: n.id, role: 'config', index: 0 });
    if (!fresh) return n.document?.kind === 'config' ? n.document : null;
    if (d.mediaType === MediaType.ociEmpty) n.labels.push('empty-config');
    if (mediaKind(d.mediaType) !== 'config') return null;
    const bytes = await this.read(n, d);
    if (!bytes) return null;
    n.bytes = bytes;
    const json = parseJson(bytes, d.digest.value);
    n.problems.push(...json.problems);
    if (json.value === undefined) return null;
    const parsed = parseConfig(json.value, d.digest.value);
    // An artifact may carry a config that is not an image config (often `{}` under the image
    // config media type): worth a warning, but not an error that makes the image unreadable.
    n.problems.push(...(artifact ? parsed.problems.map(artifactConfigProblem) : parsed.problems));
    n.document = parsed.value ?? null;
    return parsed.value ?? null;
  }

  /** The finished graph: the input's problems, the top's, then every node's in walk order. */
  finish(): ImageGraph {
    const problems: Problem[] = [...this.input.problems, ...this.top.problems];
    for (const n of this.nodes.values()) if (n !== this.top) problems.push(...n.problems);
    return { top: this.top, nodes: this.nodes, edges: this.edges, images: this.images, problems };
  }
}

function blankNode(id: string, kind: NodeKind): GraphNode {
  return {
    id,
    kind,
    mediaType: '',
    digest: null,
    size: null,
    present: false,
    synthesized: false,
    source: null,
    bytes: null,
    document: null,
    labels: [],
    problems: [],
  };
}

function blobMissing(d: Descriptor): Problem {
  return problem(
    'error',
    'blob-missing',
    d.digest.value,
    `missing blob ${d.digest.value}: the input does not hold it`,
    'image-spec image-layout.md#blobs',
  );
}

function artifactConfigProblem(p: Problem): Problem {
  return {
    ...p,
    severity: 'warning',
    message: `${p.message} (config of an artifact or attestation manifest)`,
  };
}
