import { mediaKind } from '../oci/media-types.ts';
import { parseJson } from '../oci/parse-json.ts';
import { readBytes } from '../store/blob-store.ts';
import type { ImageInput } from '../store/image-input.ts';
import { isRunnable } from './choose-image.ts';
import { GraphBuilder, MAX_DOCUMENT_BYTES } from './graph-builder.ts';
import type { ImageGraph } from './model.ts';

/** At most this many of an index's first manifests are read for its preview. */
export const PREVIEW_READS = 8;

/** How a preview reaches blobs that are not in the input's store yet. */
export interface PreviewSource {
  /** Where the input holds this blob (`blobs/sha256/…`), known without reading it; null if it does not. */
  where(digest: string): string | null;
  /** Put these blobs into the input's store (a worker asks the page for their files). */
  fetch(digests: readonly string[]): Promise<void>;
}

/**
 * The first picture of an index too large to read at once: its manifests in order up to the
 * first runnable image (the one the graph shows, `defaultImage`), each with its config and
 * layers, read through `source`; every other entry a node as its descriptor tells it, not read
 * (`GraphBuilder.unread`). The graph is marked `partial`; `loadGraph` makes the whole one.
 */
export async function loadPreview(
  input: ImageInput,
  source: PreviewSource,
  opts: { signal?: AbortSignal } = {},
): Promise<ImageGraph> {
  const builder = new GraphBuilder(input);
  let reads = 0;
  let found = false;
  for (const [index, root] of input.roots.entries()) {
    opts.signal?.throwIfAborted();
    const d = root.descriptor;
    const ref = { from: builder.top.id, index, refName: root.refName, tags: root.tags, depth: 0 };
    const where = source.where(d.digest.value);
    const readable =
      !found &&
      reads < PREVIEW_READS &&
      !builder.nodes.has(d.digest.value) &&
      mediaKind(d.mediaType) === 'manifest' &&
      (where !== null || d.data !== undefined);
    if (!readable) {
      builder.unread(d, ref, where);
      continue;
    }
    reads++;
    await source.fetch(where === null ? [] : [d.digest.value]);
    const stored = input.store.get(d.digest.value);
    const bytes =
      d.data ??
      (stored && stored.blob.size <= MAX_DOCUMENT_BYTES ? await readBytes(stored.blob) : null);
    if (bytes) {
      const wanted = referencedDigests(bytes).filter((x) => source.where(x) !== null);
      await source.fetch(wanted);
    }
    const before = builder.images.length;
    await builder.visit(d, ref, opts.signal);
    const image = builder.images[before];
    if (image && isRunnable(image)) found = true;
  }
  return { ...builder.finish(), partial: true };
}

/** The config and layer digests an image manifest names (nothing for anything else). */
export function referencedDigests(bytes: Uint8Array): string[] {
  const json = parseJson(bytes, '').value;
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return [];
  const m = json as { config?: unknown; layers?: unknown };
  const digestOf = (x: unknown): string | null =>
    typeof x === 'object' && x !== null && typeof (x as { digest?: unknown }).digest === 'string'
      ? (x as { digest: string }).digest
      : null;
  const out = [digestOf(m.config), ...(Array.isArray(m.layers) ? m.layers.map(digestOf) : [])];
  return [...new Set(out.filter((x): x is string => x !== null))];
}
