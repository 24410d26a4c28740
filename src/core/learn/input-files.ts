import type { ImageGraph } from '../graph/model.ts';
import type { StoredBlob } from '../store/blob-store.ts';
import type { InputFileEntry, InputFormat } from '../store/image-input.ts';

/** One file of the input as the disk or the tar holds it, and the graph node it is. */
export interface InputFile {
  path: string;
  /** Bytes, when known (the `oci-layout` header is read but not kept). */
  size: number | null;
  /** The node to select for it; null for a file no node stands for. */
  node: string | null;
  /** A short fact in our words: the layout version, "not referenced". */
  note: string | null;
}

/** What the list needs from an opened input. */
export interface InputFilesSource {
  format: InputFormat;
  layoutVersion: string | null;
  /** The stored blobs: each with its size, or its Blob to ask (the page sends sizes along). */
  blobs: readonly (Pick<StoredBlob, 'digest' | 'source' | 'synthesized'> &
    ({ size: number } | { blob: Blob }))[];
  /** Every file of the folder or archive, when the input kept the list. */
  files?: readonly InputFileEntry[] | null;
}

const HAS_LAYOUT: readonly InputFormat[] = ['oci-layout', 'oci-archive', 'docker-archive-oci'];

/**
 * The input's files, the lesson's `tree`: `oci-layout` with its version, the top document,
 * then every stored blob by its path with its size, sorted by path. Blobs the tool made
 * (synthesized manifests, embedded `data`) are not files and are left out.
 */
export function inputFiles(graph: ImageGraph, input: InputFilesSource): InputFile[] {
  if (input.files) return everyFile(graph, input, input.files);
  const out: InputFile[] = [];
  if (HAS_LAYOUT.includes(input.format))
    out.push({
      path: 'oci-layout',
      size: null,
      node: null,
      note: input.layoutVersion
        ? `imageLayoutVersion ${input.layoutVersion}`
        : 'missing or unreadable',
    });
  if (graph.top.present)
    out.push({ path: graph.top.id, size: graph.top.size, node: graph.top.id, note: 'entry point' });
  const blobs: InputFile[] = [];
  const seen = new Set<string>();
  for (const b of input.blobs) {
    if (b.synthesized || b.source.startsWith('(') || seen.has(b.source)) continue;
    seen.add(b.source);
    const node = graph.nodes.has(b.digest) ? b.digest : null;
    const size = 'size' in b ? b.size : b.blob.size;
    blobs.push({ path: b.source, size, node, note: node ? null : 'not referenced' });
  }
  blobs.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return [...out, ...blobs];
}

/**
 * Every file the folder or archive holds, sorted by path, each blob's file selecting its node,
 * the top document marked as the entry point and `oci-layout` with its version; files no node
 * stands for (a docker archive's `repositories`, `<id>/json`, `VERSION`) listed as they are.
 */
function everyFile(
  graph: ImageGraph,
  input: InputFilesSource,
  files: readonly InputFileEntry[],
): InputFile[] {
  const bySource = new Map<string, string>();
  for (const b of input.blobs) if (!b.synthesized) bySource.set(b.source, b.digest);
  const out = files.map((f): InputFile => {
    if (f.path === 'oci-layout')
      return {
        path: f.path,
        size: f.size,
        node: null,
        note: input.layoutVersion ? `imageLayoutVersion ${input.layoutVersion}` : 'unreadable',
      };
    if (f.path === graph.top.id && graph.top.present)
      return { path: f.path, size: f.size, node: graph.top.id, note: 'entry point' };
    const digest = bySource.get(f.path);
    if (digest !== undefined) {
      const node = graph.nodes.has(digest) ? digest : null;
      return { path: f.path, size: f.size, node, note: node ? null : 'not referenced' };
    }
    return { path: f.path, size: f.size, node: null, note: null };
  });
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
