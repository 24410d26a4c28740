import { feedFiles } from '../../worker/file-feed.ts';
import { relativePaths } from '../../worker/open-feed.ts';
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

/**
 * What to post for a source: a folder becomes a fed folder (its paths at once, its files a few
 * at a time over a port, the files that are not blobs first: file-feed.ts), so posting 10,000
 * Files never holds the page; every other source is posted as it is.
 */
export function wireSource(source: Source): WireSource {
  if (source.kind !== 'folder' || typeof MessageChannel === 'undefined')
    return { source, files: null, transfer: [], feed: () => Promise.resolve() };
  const channel = new MessageChannel();
  const paths = source.entries.map(([p]) => p);
  const files = source.entries.map(([, f]) => f);
  const first: number[] = [];
  relativePaths(paths).forEach((p, i) => {
    if (!p.startsWith('blobs/')) first.push(i);
  });
  return {
    source: { kind: 'folder-feed', name: source.name, paths, port: channel.port2 },
    files,
    transfer: [channel.port2],
    feed: (signal) =>
      feedFiles(channel.port1, files, { first, signal }).finally(() => channel.port1.close()),
  };
}
