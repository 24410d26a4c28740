import { runInSlices } from '../../worker/time-slices.ts';
import { feedFiles } from '../../worker/file-feed.ts';
import { relativePathSteps } from '../../worker/open-feed.ts';
import type { Source } from '../../worker/open-source.ts';

/** A source as it is posted to the worker, the page's files by position, and how to start feeding them. */
export interface WireSource {
  source: Source;
  /** The folder's files by position (the worker names blobs by these), or null. */
  files: Blob[] | null;
  transfer: Transferable[];
  /** Start posting the folder's files (resolves when all are posted or the signal aborts). */
  feed(signal: AbortSignal): Promise<void>;
}

type FolderSource = Extract<Source, { kind: 'folder' }>;

/** Whether a source is a folder, posted as a fed folder (`wireFolder`). */
export const isFolderSource = (source: Source): source is FolderSource =>
  source.kind === 'folder' && typeof MessageChannel !== 'undefined';

/**
 * What to post for any source but a folder: the source as it is. A folder goes through
 * `wireFolder`.
 */
export function wireSource(source: Source): WireSource {
  return { source, files: null, transfer: [], feed: () => Promise.resolve() };
}

/**
 * What to post for a folder: a fed folder (its paths at once, its files a few at a time over a
 * port, the files that are not blobs first: file-feed.ts), so posting 10,000 Files never holds
 * the page. Its paths and the order of its files are worked out a slice of the page's time at
 * a time (10,000 paths held the page ~20 ms at once); rejects once the signal aborts.
 */
export function wireFolder(source: FolderSource, signal: AbortSignal): Promise<WireSource> {
  return runInSlices(wireFolderSteps(source), signal);
}

function* wireFolderSteps(source: FolderSource): Generator<void, WireSource, void> {
  const paths: string[] = [];
  const files: Blob[] = [];
  for (const [p, f] of source.entries) {
    paths.push(p);
    files.push(f);
    yield;
  }
  const rel = yield* relativePathSteps(paths);
  const first: number[] = [];
  for (let i = 0; i < rel.length; i++) {
    if (!rel[i]!.startsWith('blobs/')) first.push(i);
    yield;
  }
  const channel = new MessageChannel();
  return {
    source: { kind: 'folder-feed', name: source.name, paths, port: channel.port2 },
    files,
    transfer: [channel.port2],
    feed: (signal) =>
      feedFiles(channel.port1, files, { first, signal }).finally(() => channel.port1.close()),
  };
}
