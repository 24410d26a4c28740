import type { ListedImage } from '../fs/list-image.ts';
import type { MergedEntry } from '../fs/types.ts';
import { compareLayers } from './compare-layers.ts';
import { diffFilesystems, type ContentHash, type FsSide } from './diff-filesystems.ts';
import { diffJson } from './json-diff.ts';
import { listedImagesHasher } from './listed-hasher.ts';
import { isNoise, type DocumentKind } from './noise.ts';
import type { DiffOptions, ImageDiff, JsonChange } from './types.ts';

/** One image to compare: its parsed documents and its layers as listImage indexed them. */
export interface ImageSide {
  /** The index that lists the manifest, when there is one. */
  index?: unknown;
  manifest: unknown;
  config?: unknown;
  listed: ListedImage;
}

function fsSide(listed: ListedImage): FsSide {
  const header = (e: MergedEntry) =>
    e.index >= 0 ? listed.layers[e.layer]?.index?.entries[e.index] : undefined;
  return {
    entries: listed.fs.listMerged(),
    layerIds: listed.layers.map((l) => l.index?.diffId ?? null),
    xattrs: (e) => header(e)?.xattrs,
    device: (e) => {
      const h = header(e);
      return h ? `${h.devMajor ?? 0}:${h.devMinor ?? 0}` : undefined;
    },
  };
}

function documentDiff(doc: DocumentKind, a: unknown, b: unknown, strict: boolean): JsonChange[] {
  return diffJson(a, b, strict ? () => false : (p) => isNoise(doc, p));
}

/**
 * Compare two images: their documents as structural JSON diffs (noise marked unless `strict`),
 * their layers (common base, what each adds after), and their merged filesystems by path and
 * content. `hash` defaults to one streaming pass per layer over the listed images.
 */
export async function diffImages(
  a: ImageSide,
  b: ImageSide,
  opts: DiffOptions & { hash?: ContentHash; signal?: AbortSignal } = {},
): Promise<ImageDiff> {
  const strict = !!opts.strict;
  const documents: ImageDiff['documents'] = {
    manifest: documentDiff('manifest', a.manifest, b.manifest, strict),
    config: documentDiff('config', a.config ?? null, b.config ?? null, strict),
  };
  if (a.index !== undefined || b.index !== undefined)
    documents.index = documentDiff('index', a.index ?? null, b.index ?? null, strict);
  const hash = opts.hash ?? listedImagesHasher({ a: a.listed, b: b.listed }, opts.signal);
  const { files, dirs } = await diffFilesystems(fsSide(a.listed), fsSide(b.listed), hash, opts);
  const docsEqual = [documents.index ?? [], documents.manifest, documents.config].every((cs) =>
    cs.every((c) => c.noise),
  );
  return {
    equal: docsEqual && files.length === 0,
    documents,
    layers: compareLayers(a.manifest, b.manifest, a.config, b.config),
    files,
    dirs,
  };
}
