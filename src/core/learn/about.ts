import type { GraphNode, ImageGraph, ImageSummary } from '../graph/model.ts';
import type { InputFormat } from '../store/image-input.ts';
import { SpecLinks, type SpecLink } from './spec-links.ts';

/** Which "About this …" region an explanation fills. */
export type AboutKind =
  'index' | 'manifest' | 'config' | 'layer' | 'blob' | 'layout' | 'archive' | 'registry';

/** A short explanation of one part of the image, tied to this image, with the spec's sections. */
export interface About {
  kind: AboutKind;
  /** The region's name: `About this index`, …, `About this archive`. */
  title: string;
  sentences: string[];
  links: SpecLink[];
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

const about = (kind: AboutKind, sentences: string[], links: SpecLink[]): About => ({
  kind,
  title: `About this ${kind}`,
  sentences,
  links,
});

/** The images (manifests reachable from the top) that reference a blob as config or layer. */
export function imagesUsing(graph: ImageGraph, digest: string): ImageSummary[] {
  return graph.images.filter(
    (i) =>
      i.config?.digest.value === digest ||
      i.layers.some((l) => l.descriptor.digest.value === digest),
  );
}

/** "Shared by N images" for a blob two or more images reference, else null. */
export function sharedBy(graph: ImageGraph, digest: string): string | null {
  const n = imagesUsing(graph, digest).length;
  return n >= 2
    ? `Shared by ${n} images: the input stores it once and each manifest points to the same digest.`
    : null;
}

function children(graph: ImageGraph, id: string): GraphNode[] {
  return graph.edges
    .filter((e) => e.from === id && e.role === 'manifests')
    .map((e) => graph.nodes.get(e.to))
    .filter((n): n is GraphNode => n !== undefined);
}

/** statesMediaType of each top document read: parsing a 10,000-manifest index.json takes ~10 ms. */
const statedOf = new WeakMap<Uint8Array, boolean>();

/** Whether the index document itself holds a mediaType (the top's is read from its bytes, once). */
function statesMediaType(node: GraphNode): boolean {
  if (node.document?.kind === 'index') return node.document.mediaType !== undefined;
  if (!node.bytes) return true;
  let stated = statedOf.get(node.bytes);
  if (stated === undefined) {
    try {
      const json: unknown = JSON.parse(new TextDecoder().decode(node.bytes));
      stated = typeof json === 'object' && json !== null && 'mediaType' in json;
    } catch {
      stated = true;
    }
    statedOf.set(node.bytes, stated);
  }
  return stated;
}

function aboutIndex(graph: ImageGraph, node: GraphNode): About {
  const kids = children(graph, node.id);
  const attestations = kids.filter((k) => k.labels.includes('attestation')).length;
  const indexes = kids.filter((k) => k.kind === 'index').length;
  const images = kids.length - attestations - indexes;
  const kidIds = new Set(kids.map((k) => k.id));
  const platforms = new Set(
    graph.images
      .filter((i) => kidIds.has(i.manifest) && !i.attestation && i.platform)
      .map((i) => i.platform!),
  );
  const parts: string[] = [];
  if (images > 0 || kids.length === 0)
    parts.push(
      `${plural(images, 'image')}${images > 1 && platforms.size === images ? ', one per platform' : ''}`,
    );
  if (indexes) parts.push(plural(indexes, 'nested index', 'nested indexes'));
  if (attestations) parts.push(plural(attestations, 'attestation'));
  const last = parts.length > 2 || parts[0]!.includes(',') ? ', and ' : ' and ';
  const list =
    parts.length > 1 ? `${parts.slice(0, -1).join(', ')}${last}${parts.at(-1)}` : parts[0];
  const sentences = [
    `This index lists ${list}${platforms.size ? ` (${[...platforms].join(', ')})` : ''}.`,
    'An index is optional: a single-platform image can be a manifest alone. It mainly serves multi-platform images, where a client picks the entry whose platform matches its own.',
  ];
  if (node.kind === 'top')
    sentences.push(
      'In an image layout, index.json is the entry point: every image the layout holds is reached from it.',
    );
  if (!statesMediaType(node))
    sentences.push(
      'This index.json does not state its mediaType (the field is optional here); the media type shown is inferred.',
    );
  if (attestations)
    sentences.push(
      'An attestation manifest carries statements about an image (provenance, an SBOM) as its layers, not a filesystem; its platform unknown/unknown keeps runtimes from choosing it.',
    );
  return about('index', sentences, [SpecLinks.index, SpecLinks.platform]);
}

function aboutManifest(graph: ImageGraph, node: GraphNode): About {
  const img = graph.images.find((i) => i.manifest === node.id);
  const doc = node.document?.kind === 'manifest' ? node.document : null;
  const layers = doc?.layers.length ?? img?.layers.length ?? 0;
  const sentences = [
    `This manifest is the entry point of one image${img?.platform ? ` (${img.platform})` : ''}: it holds references, not data — one config and ${plural(layers, 'layer')}, each named by digest and size.`,
    'A runtime reads the config it names, then fetches the layers and unpacks them in the listed order, first to last.',
  ];
  const links: SpecLink[] = [SpecLinks.manifest, SpecLinks.descriptor];
  if (node.labels.includes('attestation')) {
    sentences.push(
      'This one is an attestation manifest: its layers are statements about another image (provenance, an SBOM), not a filesystem, so no platform pulls it.',
    );
  } else if (node.labels.includes('artifact')) {
    sentences.push(
      'It describes an artifact rather than a runnable image: its config or artifactType says what kind.',
    );
    links.push(SpecLinks.artifacts);
  }
  if (node.synthesized)
    sentences.push(
      'A docker save archive holds no manifests: this one was written by this tool from the manifest.json entry.',
    );
  return about('manifest', sentences, links);
}

function aboutConfig(graph: ImageGraph, node: GraphNode): About {
  const doc = node.document?.kind === 'config' ? node.document : null;
  const set = doc?.config ?? {};
  const fields = (['Entrypoint', 'Cmd', 'Env', 'WorkingDir', 'User'] as const).filter(
    (k) => set[k] !== undefined && set[k] !== null,
  );
  const steps = doc?.history.length ?? 0;
  const made = doc?.history.filter((h) => !h.emptyLayer).length ?? 0;
  const sentences = [
    `The config is what a runtime reads to create the container${doc ? ` (${doc.os}/${doc.architecture})` : ''}${fields.length ? `: this one sets ${fields.join(', ')}` : ''}.`,
  ];
  if (doc)
    sentences.push(
      `Its history has ${plural(steps, 'step')}, ${made} of which made a layer; rootfs.diff_ids lists ${plural(doc.diffIds.length, 'diff_id')}, one per layer: the sha256 of the layer's uncompressed tar, where the manifest's digest hashes the compressed blob.`,
    );
  const shared = sharedBy(graph, node.id);
  if (shared) sentences.push(shared);
  return about('config', sentences, [SpecLinks.config, SpecLinks.layerIds]);
}

function aboutLayer(graph: ImageGraph, node: GraphNode): About {
  const users = imagesUsing(graph, node.id);
  const first = users[0];
  const at = first ? first.layers.findIndex((l) => l.descriptor.digest.value === node.id) : -1;
  const diffId = at >= 0 ? first!.layers[at]!.diffId : null;
  const compressed = /gzip|zstd/.exec(node.mediaType)?.[0] ?? null;
  const sentences = [
    `${at >= 0 ? `This is layer ${at + 1} of ${first!.layers.length}` : 'This is a layer'}: a tar of changes that a runtime unpacks on top of the layers before it, in order, to make the root filesystem.`,
    compressed
      ? `It is stored ${compressed}-compressed: its digest hashes the compressed blob, while its diff_id${diffId ? ` (${diffId.slice(0, 19)}…)` : ''} hashes the uncompressed tar.`
      : `It is stored uncompressed, so its digest and its diff_id hash the same bytes${diffId && diffId !== node.id ? ' (here they differ: see the problems)' : ''}.`,
    'A deletion is a whiteout file named .wh.<name> beside what it deletes; a .wh..wh..opq marker makes its folder opaque, hiding everything lower layers put there.',
  ];
  const shared = sharedBy(graph, node.id);
  if (shared) sentences.push(shared);
  return about('layer', sentences, [SpecLinks.layer, SpecLinks.whiteouts, SpecLinks.layerIds]);
}

function aboutBlob(graph: ImageGraph, node: GraphNode): About {
  const sentences = [
    `A blob is named by the digest of its bytes: the sha256 of exactly these ${node.size ?? 0} bytes must equal its name, which is how every reference to it is checked.`,
    `Its media type (${node.mediaType}) comes from the descriptor that points to it; the bytes themselves carry no type.`,
  ];
  const shared = sharedBy(graph, node.id);
  if (shared) sentences.push(shared);
  return about('blob', sentences, [SpecLinks.descriptor, SpecLinks.digests]);
}

/** The explanation for a node of the graph; null for a top document that is not an index. */
export function aboutNode(graph: ImageGraph, node: GraphNode): About | null {
  switch (node.kind) {
    case 'top':
      return node.id === 'index.json' ? aboutIndex(graph, node) : null;
    case 'index':
      return aboutIndex(graph, node);
    case 'manifest':
      return aboutManifest(graph, node);
    case 'config':
      return aboutConfig(graph, node);
    case 'layer':
      return aboutLayer(graph, node);
    case 'blob':
      return aboutBlob(graph, node);
  }
}

/** The explanation for the input itself: "About this layout" or "About this archive". */
export function aboutInput(
  graph: ImageGraph,
  input: { format: InputFormat; layoutVersion: string | null; blobCount: number },
): About {
  const blobs = plural(input.blobCount, 'blob');
  const layoutSentence = `an oci-layout file${input.layoutVersion ? ` (imageLayoutVersion ${input.layoutVersion})` : ''}, index.json as the entry point, and blobs/sha256/ holding ${blobs}, each file named by the digest of its contents`;
  const links = [
    SpecLinks.layout,
    SpecLinks.layoutHeader,
    SpecLinks.layoutIndex,
    SpecLinks.layoutBlobs,
  ];
  const images = plural(graph.images.length, 'image');
  switch (input.format) {
    case 'oci-layout':
      return about(
        'layout',
        [
          `This folder is an OCI image layout: ${layoutSentence}.`,
          `It holds ${images}; nothing in it is special to a registry, so tools such as skopeo and umoci read it directly.`,
        ],
        links,
      );
    case 'oci-archive':
      return about(
        'archive',
        [
          `This archive is a tar of an OCI image layout: ${layoutSentence}.`,
          `Extracted, it is a layout folder holding ${images}.`,
        ],
        links,
      );
    case 'docker-archive-oci':
      return about(
        'archive',
        [
          `This is a docker save archive in the Docker 25+ form: an OCI image layout (${blobs}) plus Docker's manifest.json, which names each image's config and layers by path.`,
          `It holds ${images}.`,
        ],
        links,
      );
    case 'docker-archive':
      return about(
        'archive',
        [
          `This is a legacy docker save archive: manifest.json lists ${images}, each by the paths of its config and its layer tars; it holds ${blobs}.`,
          'It carries no image manifests: this tool writes one per manifest.json entry so the image reads like any other.',
        ],
        [SpecLinks.manifest, SpecLinks.config, SpecLinks.layer],
      );
    case 'docker-archive-v1':
      return about(
        'archive',
        [
          `This is a pre-1.10 docker save archive: repositories names the tags, and each layer folder holds its json and layer.tar; it holds ${blobs}.`,
          "It carries neither manifests nor an image config in today's sense: this tool builds them from the layer chain.",
        ],
        [SpecLinks.config, SpecLinks.layer],
      );
    case 'registry':
      return about(
        'registry',
        [
          `This image is read from a registry through the OCI distribution API: the reference resolved to a manifest, and every document and blob fetched by its digest; it names ${blobs}.`,
          'Documents are read at once; a layer is fetched only when a view or a check reads it, and checked against its digest as it streams.',
        ],
        [SpecLinks.manifest, SpecLinks.layer],
      );
  }
}
