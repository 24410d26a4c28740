import { loadPreview } from '../core/graph/load-preview.ts';
import type { ImageGraph } from '../core/graph/model.ts';
import { MapBlobStore } from '../core/store/blob-store.ts';
import { commonRoot, fileSetFromEntries, normaliseMemberPath } from '../core/store/file-set.ts';
import type { ImageInput } from '../core/store/image-input.ts';
import { layoutRoots, layoutVersion } from '../core/store/oci-layout.ts';
import { openFileSet } from '../core/store/open-input.ts';
import { COLLAPSE_AT } from './graph-collapse.ts';
import { FileFeed, type FeedPort } from './file-feed.ts';
import { runAtOnce } from './time-slices.ts';

/** A folder as the page feeds it: every path at once, the files a few at a time (file-feed.ts). */
export interface FeedSource {
  kind: 'folder-feed';
  name: string;
  /** Relative paths, as the folder walk gave them; a file's position here names it. */
  paths: string[];
  port: FeedPort;
}

/** What opening a fed folder gives: the input, and each blob's position in the page's files. */
export interface FedInput {
  input: ImageInput;
  entryOf: (blob: Blob) => number | undefined;
}

/**
 * Open a folder the page feeds. An OCI layout whose index.json lists more manifests than one
 * drawing holds (`COLLAPSE_AT`) is previewed first: index.json and its first runnable image are
 * asked for ahead of the other files and walked (`loadPreview`), and `preview` gets that graph
 * while the rest are still arriving; then the whole folder is opened as any other.
 */
export async function openFeed(
  source: FeedSource,
  opts: { signal: AbortSignal; preview?: (graph: ImageGraph, input: FedInput) => void },
): Promise<FedInput> {
  const feed = new FileFeed(source.port, source.paths.length, opts.signal);
  const located = new WeakMap<Blob, number>();
  const entryOf = (b: Blob): number | undefined => located.get(b);
  const note = (blobs: readonly Blob[], at: readonly number[]): void =>
    blobs.forEach((b, k) => located.set(b, at[k]!));
  try {
    const rel = relativePaths(source.paths);
    const position = new Map<string, number>();
    rel.forEach((p, i) => position.set(p, i));
    if (opts.preview && position.has('index.json') && !position.has('manifest.json')) {
      const preview = await previewLayout(position, feed, opts.signal, note);
      if (preview) opts.preview(preview.graph, { input: preview.input, entryOf });
    }
    const files = await feed.all();
    note(files, [...files.keys()]);
    const input = await openFileSet(
      fileSetFromEntries(source.paths.map((p, i) => [p, files[i]!] as const)),
    );
    return { input, entryOf };
  } finally {
    feed.close();
  }
}

/** Paths as the input sees them: normalised, a single common top folder stripped. */
export function relativePaths(paths: readonly string[]): string[] {
  return runAtOnce(relativePathSteps(paths));
}

/** `relativePaths` a path a step (the page works them out between other tasks). */
export function* relativePathSteps(paths: readonly string[]): Generator<void, string[], void> {
  const norm: string[] = [];
  const all = new Set<string>();
  for (const p of paths) {
    const n = normaliseMemberPath(p);
    norm.push(n);
    all.add(n);
    yield;
  }
  const root = commonRoot(norm, (p) => all.has(p));
  if (root === null) return norm;
  const cut = root.length + 1;
  for (let i = 0; i < norm.length; i++) {
    norm[i] = norm[i]!.slice(cut);
    yield;
  }
  return norm;
}

/** The blob path a digest has in a layout (`sha256:ab…` → `blobs/sha256/ab…`). */
export const layoutBlobPath = (digest: string): string => `blobs/${digest.replace(':', '/')}`;

async function previewLayout(
  position: ReadonlyMap<string, number>,
  feed: FileFeed,
  signal: AbortSignal,
  note: (blobs: readonly Blob[], at: readonly number[]) => void,
): Promise<{ graph: ImageGraph; input: ImageInput } | null> {
  const top = ['index.json', 'oci-layout'].filter((p) => position.has(p));
  const at = top.map((p) => position.get(p)!);
  const topFiles = await feed.getMany(at);
  note(topFiles, at);
  const set = fileSetFromEntries(top.map((p, i) => [p, topFiles[i]!] as const));
  const problems = [...set.problems];
  const version = await layoutVersion(set, problems);
  const { bytes, roots } = await layoutRoots(set, problems);
  if (roots.length <= COLLAPSE_AT) return null;
  const store = new MapBlobStore();
  const input: ImageInput = {
    format: 'oci-layout',
    wrapper: null,
    store,
    top: { name: 'index.json', bytes },
    roots,
    layoutVersion: version,
    problems,
  };
  const where = (digest: string): string | null => {
    const path = layoutBlobPath(digest);
    return position.has(path) ? path : null;
  };
  const graph = await loadPreview(
    input,
    {
      where,
      async fetch(digests) {
        const held = digests.flatMap((digest) => {
          const path = where(digest);
          return path === null ? [] : [{ digest, path, at: position.get(path)! }];
        });
        const blobs = await feed.getMany(held.map((h) => h.at));
        note(
          blobs,
          held.map((h) => h.at),
        );
        held.forEach((h, i) => store.add({ digest: h.digest, blob: blobs[i]!, source: h.path }));
      },
    },
    { signal },
  );
  return { graph, input };
}
