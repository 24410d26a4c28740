import type { GraphNode, ImageGraph } from '../graph/model.ts';
import { MediaType } from '../oci/media-types.ts';
import type { InputFormat } from '../store/image-input.ts';
import { shellQuote } from './shell-quote.ts';

/** What a command's output shows, so a test can compare it with what the app shows. */
export type CommandShows =
  /** Extraction or `cd`: prints nothing to compare. */
  | { kind: 'setup' }
  /** The JSON document of this node (jq pretty-prints it). */
  | { kind: 'document'; node: string }
  /** Exactly the bytes of this blob (their sha256 is the digest). */
  | { kind: 'raw'; digest: string }
  /** `sha256sum`'s line: the hex of the digest. */
  | { kind: 'sha256'; digest: string }
  /** The sha256 of the decompressed tar: the layer's diff_id. */
  | { kind: 'diff-id'; layer: string }
  /** A `tar -tv` listing of this layer's members, in archive order. */
  | { kind: 'listing'; layer: string }
  /** Runs and exits 0 (a summary printed by another tool). */
  | { kind: 'runs' };

/** One command, ready to copy: real digests and quoted paths only, never free text from the image. */
export interface ShellCommand {
  /** What it shows, in our words (never image text). */
  label: string;
  command: string;
  shows: CommandShows;
}

/** What the commands need to know about the input besides its graph. */
export interface CommandInput {
  format: InputFormat;
  /** The name the input was opened as (a folder or a file name): quoted, never trusted. */
  name: string;
  /** Compression sniffed from the layer's bytes, when known: media types can lie (else they are used). */
  compression?: string;
}

// A ref name is image text: it reaches a command only when it is a plain tag, quoted anyway.
const SAFE_REF = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const SKOPEO_TYPES: readonly string[] = [MediaType.ociManifest, MediaType.ociIndex];
const OCI_FORMATS: readonly InputFormat[] = ['oci-layout', 'oci-archive', 'docker-archive-oci'];

/** The first command: go into the layout, or extract the archive into `image/` and go there. */
export function setupCommand(input: CommandInput): ShellCommand {
  const name = shellQuote(input.name);
  return input.format === 'oci-layout'
    ? { label: 'Go into the layout folder', command: `cd ${name}`, shows: { kind: 'setup' } }
    : {
        label: 'Extract the archive first (tar reads gzip and zstd by itself)',
        command: `mkdir -p image && tar -xf ${name} -C image && cd image`,
        shows: { kind: 'setup' },
      };
}

/** Ref names of the top document's entries, by digest, read from its bytes (plain tags only). */
function rootRefs(graph: ImageGraph): { refs: Map<string, string>; roots: number } {
  const refs = new Map<string, string>();
  const bytes = graph.top.bytes;
  if (graph.top.id !== 'index.json' || !bytes) return { refs, roots: 0 };
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return { refs, roots: 0 };
  }
  const list = (json as { manifests?: unknown }).manifests;
  if (!Array.isArray(list)) return { refs, roots: 0 };
  const seen = new Map<string, Set<string>>();
  for (const d of list as {
    digest?: unknown;
    mediaType?: unknown;
    annotations?: Record<string, unknown>;
  }[]) {
    const ref = d?.annotations?.['org.opencontainers.image.ref.name'];
    if (typeof d?.digest !== 'string' || typeof ref !== 'string' || !SAFE_REF.test(ref)) continue;
    // skopeo's oci: transport follows a ref only when its descriptor says OCI manifest or index.
    if (!SKOPEO_TYPES.includes(d.mediaType as string)) continue;
    seen.set(ref, (seen.get(ref) ?? new Set()).add(d.digest));
  }
  // A ref naming two different digests is ambiguous to skopeo and umoci: left out.
  for (const [ref, digests] of seen)
    if (digests.size === 1) {
      const digest = [...digests][0]!;
      if (!refs.has(digest)) refs.set(digest, ref);
    }
  return { refs, roots: list.length };
}

/** The `oci:` reference skopeo takes for a root entry, when one names it unambiguously. */
function ociRef(graph: ImageGraph, digest: string): string | null {
  const { refs, roots } = rootRefs(graph);
  const isRoot = graph.edges.some((e) => e.from === graph.top.id && e.to === digest);
  if (!isRoot) return null;
  if (roots === 1) return 'oci:.';
  const ref = refs.get(digest);
  return ref ? `oci:.:${ref}` : null;
}

function layerCompression(node: GraphNode, sniffed: string | undefined): string {
  if (sniffed) return sniffed === 'tar' ? 'none' : sniffed;
  if (/zstd/.test(node.mediaType)) return 'zstd';
  if (/gzip/.test(node.mediaType)) return 'gzip';
  return 'none';
}

/** The commands that show the same thing as the app's view of a node (the setup command first). */
export function commandsFor(
  graph: ImageGraph,
  node: GraphNode,
  input: CommandInput,
): ShellCommand[] {
  const out: ShellCommand[] = [setupCommand(input)];
  const oci = OCI_FORMATS.includes(input.format);
  if (node.kind === 'top') {
    if (node.present)
      out.push({
        label: `The top document, ${node.id}, pretty-printed`,
        command: `jq . ${shellQuote(node.id)}`,
        shows: { kind: 'document', node: node.id },
      });
    if (oci)
      out.push({
        label: 'The layout header: its imageLayoutVersion',
        command: 'jq . oci-layout',
        shows: { kind: 'runs' },
      });
    return out;
  }
  if (!node.present || !node.source || node.synthesized || !node.digest) return out;
  const path = shellQuote(node.source);
  const isJson = node.bytes !== null;
  if (isJson)
    out.push({
      label: 'The document, pretty-printed',
      command: `jq . ${path}`,
      shows: { kind: 'document', node: node.id },
    });
  out.push({
    label: 'Its digest: the sha256 of the stored bytes',
    command: `sha256sum ${path}`,
    shows: { kind: 'sha256', digest: node.digest },
  });
  if (node.kind === 'layer') {
    const c = layerCompression(node, input.compression);
    // Bytes that are neither a tar nor gzip/zstd (bzip2, xz, garbage) get no listing command.
    if (c === 'gzip' || c === 'zstd' || c === 'none')
      out.push(
        c === 'zstd'
          ? {
              label: 'Its tar entries',
              command: `zstd -dc ${path} | tar -tv`,
              shows: { kind: 'listing', layer: node.id },
            }
          : {
              label: 'Its tar entries',
              command: `tar -tv${c === 'gzip' ? 'z' : ''}f ${path}`,
              shows: { kind: 'listing', layer: node.id },
            },
      );
    if (c === 'gzip' || c === 'zstd')
      out.push({
        label: 'Its diff_id: the sha256 of the uncompressed tar',
        command: `${c === 'gzip' ? 'gzip' : 'zstd'} -dc ${path} | sha256sum`,
        shows: { kind: 'diff-id', layer: node.id },
      });
  }
  if (oci && (node.kind === 'manifest' || node.kind === 'index')) {
    const ref = ociRef(graph, node.id);
    if (ref) {
      out.push({
        label: 'The same bytes as skopeo reads them',
        command: `skopeo inspect --raw ${shellQuote(ref)}`,
        shows: { kind: 'raw', digest: node.digest },
      });
      const tag = ref.slice('oci:.:'.length);
      // umoci reads OCI image configs only (not Docker's, not the empty config of an artifact).
      const owner = graph.images.find((i) => i.manifest === node.id);
      // It also stops at the first size or digest error, which the app already reports.
      const broken = [owner?.manifest, owner?.config?.digest.value].some((id) =>
        graph.nodes.get(id ?? '')?.problems.some((p) => p.severity === 'error'),
      );
      if (owner?.config?.mediaType === MediaType.ociConfig && ref !== 'oci:.' && !broken)
        out.push({
          label: 'umoci summarises the image: its history and layers',
          command: `umoci stat --image ${shellQuote(`.:${tag}`)}`,
          shows: { kind: 'runs' },
        });
    }
  }
  if (oci && node.kind === 'config') {
    const owner = graph.images.find((i) => i.config?.digest.value === node.id);
    const ref = owner ? ociRef(graph, owner.manifest) : null;
    const ownerNode = owner ? graph.nodes.get(owner.manifest) : undefined;
    if (ref && ownerNode?.kind === 'manifest')
      out.push({
        label: 'The config as skopeo reads it through its manifest',
        command: `skopeo inspect --config --raw ${shellQuote(ref)}`,
        shows: { kind: 'raw', digest: node.digest },
      });
  }
  return out;
}
