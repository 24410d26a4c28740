import { MediaType, mediaKind } from '../oci/media-types.ts';
import { parseConfig } from '../oci/parse-config.ts';
import { parseDocument } from '../oci/parse-document.ts';
import { parseJson } from '../oci/parse-json.ts';
import { formatPlatform, isArtifact, isAttestationManifest } from '../oci/platform.ts';
import { problem, type Problem } from '../oci/problem.ts';
import type { Descriptor, ImageConfig, ImageIndex, ImageManifest } from '../oci/types.ts';
import { readBytes } from '../store/blob-store.ts';
import type { ImageInput } from '../store/image-input.ts';
import type { GraphEdge, GraphNode, ImageSummary, ImageGraph, NodeKind } from './model.ts';

/** Manifests and configs larger than this are not read (the distribution spec caps manifests at 4 MiB). */
export const MAX_DOCUMENT_BYTES = 4 << 20;
const REF_NAME = 'org.opencontainers.image.ref.name';
/** Documents read ahead of the walk, at most: enough to hide each read's latency, few enough to hold little. */
const READ_AHEAD = 32;

/** Walk an input from its top document: nested indexes followed, each blob read once, problems collected. */
export async function loadGraph(
  input: ImageInput,
  opts: { signal?: AbortSignal } = {},
): Promise<ImageGraph> {
  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  const images: ImageSummary[] = [];
  const top: GraphNode = {
    id: input.top.name,
    kind: 'top',
    mediaType: input.top.name === 'index.json' ? MediaType.ociIndex : 'application/json',
    digest: null,
    size: input.top.bytes?.length ?? null,
    present: input.top.bytes !== null,
    synthesized: false,
    source: input.top.name,
    bytes: input.top.bytes,
    document: null,
    labels: [],
    problems: [],
  };
  nodes.set(top.id, top);

  const node = (d: Descriptor, kind: NodeKind): { n: GraphNode; fresh: boolean } => {
    const stored = input.store.get(d.digest.value);
    const existing = nodes.get(d.digest.value);
    // Every reference declares a size; each one is checked, not only the first.
    if (existing && stored && stored.blob.size !== d.size)
      sizeMismatch(existing, d, stored.blob.size);
    if (existing) return { n: existing, fresh: false };
    const n: GraphNode = {
      id: d.digest.value,
      kind,
      mediaType: d.mediaType,
      digest: d.digest.value,
      size: d.size,
      present: stored !== undefined || d.data !== undefined,
      synthesized: stored?.synthesized ?? false,
      source: stored?.source ?? (d.data ? '(embedded data)' : null),
      bytes: null,
      document: null,
      labels: [],
      problems: [],
    };
    nodes.set(n.id, n);
    if (!stored && !d.data) {
      n.problems.push(
        problem(
          'error',
          'blob-missing',
          d.digest.value,
          `missing blob ${d.digest.value}: the input does not hold it`,
          'image-spec image-layout.md#blobs',
        ),
      );
    } else if (stored && stored.blob.size !== d.size) sizeMismatch(n, d, stored.blob.size);
    return { n, fresh: true };
  };

  const sizeMismatch = (n: GraphNode, d: Descriptor, actual: number): void => {
    const message = `size mismatch ${d.digest.value}: descriptor says ${d.size} bytes, blob has ${actual}`;
    if (n.problems.some((p) => p.message === message)) return;
    n.problems.push(
      problem(
        'error',
        'size-mismatch',
        d.digest.value,
        message,
        'image-spec descriptor.md#properties',
      ),
    );
  };

  // Reads started ahead of the walk (an index's next children), by digest: the walk itself
  // is sequential, and one read at a time left a 10,000-manifest folder waiting ~1 ms per file.
  const ahead = new Map<string, Promise<Uint8Array>>();
  const readAhead = (children: readonly Descriptor[], from: number): void => {
    for (let i = from; i < Math.min(children.length, from + READ_AHEAD); i++) {
      const c = children[i]!;
      const stored = input.store.get(c.digest.value);
      if (c.data || !stored || stored.blob.size > MAX_DOCUMENT_BYTES) continue;
      if (nodes.has(c.digest.value) || ahead.has(c.digest.value)) continue;
      const p = readBytes(stored.blob);
      p.catch(() => {}); // a failure is seen when the walk reaches it
      ahead.set(c.digest.value, p);
    }
  };

  const read = async (n: GraphNode, d: Descriptor): Promise<Uint8Array | null> => {
    if (d.data) return d.data;
    const stored = input.store.get(d.digest.value);
    if (!stored) return null;
    const early = ahead.get(d.digest.value);
    if (early) {
      ahead.delete(d.digest.value);
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
  };

  const visitConfig = async (
    d: Descriptor,
    from: string,
    artifact: boolean,
  ): Promise<ImageConfig | null> => {
    const { n, fresh } = node(d, 'config');
    edges.push({ from, to: n.id, role: 'config', index: 0 });
    if (!fresh) return n.document?.kind === 'config' ? n.document : null;
    if (d.mediaType === MediaType.ociEmpty) n.labels.push('empty-config');
    if (mediaKind(d.mediaType) !== 'config') return null;
    const bytes = await read(n, d);
    if (!bytes) return null;
    n.bytes = bytes;
    const json = parseJson(bytes, d.digest.value);
    n.problems.push(...json.problems);
    if (json.value === undefined) return null;
    const parsed = parseConfig(json.value, d.digest.value);
    // An artifact may carry a config that is not an image config (often `{}` under the image
    // config media type): worth a warning, but not an error that makes the image unreadable.
    n.problems.push(
      ...(artifact
        ? parsed.problems.map((p) => ({
            ...p,
            severity: 'warning' as const,
            message: `${p.message} (config of an artifact or attestation manifest)`,
          }))
        : parsed.problems),
    );
    n.document = parsed.value ?? null;
    return parsed.value ?? null;
  };

  const visitManifest = async (
    m: ImageManifest,
    n: GraphNode,
    d: Descriptor,
    refName: string | null,
    tags: string[],
  ): Promise<void> => {
    const artifact = isArtifact(m);
    const attestation = isAttestationManifest(d);
    const config = await visitConfig(m.config, n.id, artifact || attestation);
    m.layers.forEach((l, i) => {
      const { n: ln } = node(l, mediaKind(l.mediaType) === 'layer' ? 'layer' : 'blob');
      if (
        l.annotations?.['containerd.io/snapshot/stargz/toc.digest'] &&
        !ln.labels.includes('estargz')
      )
        ln.labels.push('estargz');
      edges.push({ from: n.id, to: ln.id, role: 'layers', index: i });
    });
    if (m.subject)
      edges.push({ from: n.id, to: m.subject.digest.value, role: 'subject', index: 0 });
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
          'image-spec config.md#properties',
        ),
      );
    }
    images.push({
      manifest: n.id,
      mediaType: m.mediaType ?? d.mediaType,
      platform: d.platform ? formatPlatform(d.platform) : null,
      refName,
      tags,
      artifactType: m.artifactType ?? (artifact ? m.config.mediaType : null),
      attestation,
      config: m.config,
      configDocument: config,
      layers: m.layers.map((l, i) => ({
        descriptor: l,
        diffId: config?.diffIds[i]?.value ?? null,
      })),
    });
  };

  const visit = async (
    d: Descriptor,
    from: string,
    index: number,
    refName: string | null,
    tags: string[],
    depth: number,
  ): Promise<void> => {
    opts.signal?.throwIfAborted();
    const declared = mediaKind(d.mediaType);
    const { n, fresh } = node(d, declared === 'index' ? 'index' : 'manifest');
    edges.push({ from, to: n.id, role: 'manifests', index });
    if (!fresh) return;
    if (depth > 16) {
      n.problems.push(
        problem('error', 'index-too-deep', n.id, 'indexes nested more than 16 deep; not followed'),
      );
      return;
    }
    const bytes = await read(n, d);
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
      const idx: ImageIndex = doc.value;
      for (const [i, child] of idx.manifests.entries()) {
        readAhead(idx.manifests, i);
        const childRef = child.annotations?.[REF_NAME] ?? refName;
        await visit(child, n.id, i, childRef, childRef === null ? tags : [childRef], depth + 1);
      }
    } else if (doc.kind === 'manifest' && doc.value?.kind === 'manifest') {
      n.kind = 'manifest';
      n.document = doc.value;
      await visitManifest(doc.value, n, d, refName, tags);
    } else if (doc.kind === 'manifest-schema1' && doc.value) {
      n.document = doc.value;
      n.labels.push('schema1');
    } else {
      n.kind = 'blob';
    }
  };

  const rootDescriptors = input.roots.map((r) => r.descriptor);
  for (const [i, root] of input.roots.entries()) {
    readAhead(rootDescriptors, i);
    await visit(root.descriptor, top.id, i, root.refName, root.tags, 0);
  }
  const refs = new Map<string, number>();
  for (const r of input.roots)
    if (r.refName !== null) refs.set(r.refName, (refs.get(r.refName) ?? 0) + 1);
  for (const [ref, count] of refs) {
    if (count > 1 && input.top.name === 'index.json') {
      top.problems.push(
        problem(
          'warning',
          'ref-name-duplicate',
          'index.json',
          `ref name "${ref}" is given to ${count} manifests; a lookup by this name is ambiguous`,
          'image-spec image-layout.md#indexjson-file',
        ),
      );
    }
  }
  const problems: Problem[] = [...input.problems, ...top.problems];
  for (const n of nodes.values()) if (n !== top) problems.push(...n.problems);
  return { top, nodes, edges, images, problems };
}
