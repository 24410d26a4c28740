import { useQueries, useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import type { ChangeFilter } from '../../../core/fs/change-filter.ts';
import type { TreeMode } from '../../../core/fs/fs-rows.ts';
import type { ImageSummary } from '../../../core/graph/model.ts';
import { fsClient } from '../../../worker/client.ts';
import type { FsFile, FsImage } from '../../../worker/fs-client.ts';
import type { FsLayerBlob, FsReadProgress } from '../../../worker/fs-session.ts';
import { encodeEntries } from '../../../worker/entry-codec.ts';
import type { LayerListingResult } from '../../../worker/layer-job.ts';
import {
  fsHistoryQuery,
  fsLinesQuery,
  fsReadQuery,
  fsImageKey,
  fsTreeQuery,
  type FsScope,
} from '../../queries/filesystem.ts';
import { takeSpareListings, watchLayerListing } from '../../queries/layer-listing.ts';
import type { LoadedImage } from '../../state/loaded-image.ts';
import type { KeyedStore } from '../../state/progress-store.ts';

/** An image's filesystem as the page holds it, live as its layers are listed and verified. */
export interface FsSource {
  /** Which image's filesystem the queries read. */
  scope: FsScope;
  /** The filesystem for the worker once every layer is listed (null until then). */
  image: FsImage | null;
  /** The layer blobs, with their checkpoints once listed. */
  blobs: FsLayerBlob[];
  /** Each layer's spare copy of its windows' buffer, sent on once by transfer (see `sendable`). */
  spares: (ArrayBuffer | null)[];
  /** One character per layer, changing when its blob gains checkpoints (its listing finished). */
  blobsVersion: string;
  indexed: number;
  total: number;
  /** Layers (by position) that could not be read as a tar: merged as empty, each a problem on its layer. */
  unreadable: number[];
}

const dataOf = <T>(results: UseQueryResult<T>[]): (T | null)[] =>
  results.map((r) => r.data ?? null);

/**
 * Send each layer's blob to the filesystem worker as soon as its checkpoints exist (its
 * listing finished), so the first read deep in that layer does not wait for the worker to
 * ask for them (a round trip and the copy: ~50 ms measured on the bench image's largest layer).
 * A push that fails costs nothing more: the read then asks, as without it.
 */
export function useKeepBlobs(image: LoadedImage, source: FsSource): void {
  const sent = useRef<{ key: string; version: string } | null>(null);
  const { blobs, blobsVersion, spares } = source;
  const key = source.image?.key;
  useEffect(() => {
    if (!key) return;
    const before = sent.current?.key === key ? sent.current.version : '';
    sent.current = { key, version: blobsVersion };
    const layers = blobs.flatMap((b, i) =>
      b.checkpoints?.length && before[i] !== blobsVersion[i] ? [i] : [],
    );
    if (layers.length === 0) return;
    fsClient()
      .keepBlobs({ key, blobs, blobsVersion }, layers, spares, { signal: image.signal })
      .catch(() => undefined);
  }, [image, key, blobs, blobsVersion, spares]);
}

/** The listings of the image's layers from the query cache, live as the index jobs finish. */
export function useFsSource(image: LoadedImage, summary: ImageSummary | null): FsSource {
  const list = useMemo(() => summary?.layers ?? [], [summary]);
  const digests = list.map((l) => l.descriptor.digest.value);
  const jobs = useQueries({
    queries: digests.map((d) => watchLayerListing(d, image.inputKey)),
    combine: dataOf<LayerListingResult>,
  });
  // A listing that failed for good (not a tar, unreadable): its layer is not waited for.
  const failedText = useQueries({
    queries: digests.map((d) => watchLayerListing(d, image.inputKey)),
    combine: (results) => results.map((r) => (r.status === 'error' ? '1' : '0')).join(''),
  });
  const manifest = summary?.manifest ?? '';
  return useMemo(() => {
    const blobs: FsLayerBlob[] = list.map((l, i) => ({
      blob: image.store.get(l.descriptor.digest.value)?.blob ?? new Blob([]),
      compression: jobs[i]?.compression ?? 'unknown',
      ...(jobs[i] ? { checkpoints: jobs[i].checkpoints } : {}),
    }));
    const blobsVersion = blobs.map((b) => (b.checkpoints ? 'c' : '-')).join('');
    // A layer is settled once listed, or once it failed for good: a layer that is no tar (or
    // cannot be read) is merged as empty and named in `unreadable`, never waited for.
    const failed = list.map((_, i) => failedText[i] === '1');
    const unreadable = list.flatMap((_, i) =>
      failed[i] || (jobs[i] && !jobs[i].entries) ? [i] : [],
    );
    const indexed = list.filter((_, i) => jobs[i] || failed[i]).length;
    const ready = list.length > 0 && indexed === list.length;
    return {
      scope: { inputKey: image.inputKey, manifest },
      image: ready
        ? {
            key: fsImageKey(manifest, image.inputKey),
            layers: jobs.map((j, i) => ({
              name: list[i]!.descriptor.digest.value,
              entries: j?.entries ?? encodeEntries([]),
            })),
            blobs,
            blobsVersion,
            // The spares stand for every layer only when each was listed (none unreadable).
            takeSpares: () =>
              unreadable.length === 0
                ? takeSpareListings(
                    image.inputKey,
                    list.map((l) => l.descriptor.digest.value),
                  )
                : null,
          }
        : null,
      unreadable,
      blobs,
      spares: jobs.map((j) => j?.spareWindows ?? null),
      blobsVersion,
      indexed,
      total: list.length,
    };
  }, [list, image, manifest, jobs, failedText]);
}

/** The tree for a mode and dive's change toggles, built in a worker. */
export function useFsTree(
  image: LoadedImage,
  source: FsSource,
  mode: TreeMode,
  changes: ChangeFilter,
) {
  return useQuery(fsTreeQuery(source.scope, source.image, mode, changes, image.signal));
}

/** A path's history (every layer that touched it). */
export function useFsHistory(image: LoadedImage, source: FsSource, path: string | null) {
  return useQuery(fsHistoryQuery(source.scope, source.image, path, image.signal));
}

/** The key of one page read's progress: the file and the page's offset. */
export const readKey = (path: string, offset: number): string => `${offset} ${path}`;

/**
 * One page of a file's bytes as layer `layer` leaves it; how the read approaches its first byte
 * goes into `progress`, under `readKey`.
 */
export function useFsRead(
  image: LoadedImage,
  source: FsSource,
  file: FsFile | null,
  offset: number,
  length: number,
  progress?: KeyedStore<FsReadProgress>,
) {
  const path = file?.path;
  const onProgress =
    progress && path !== undefined
      ? (p: FsReadProgress) => progress.set(readKey(path, offset), p)
      : undefined;
  return useQuery(
    fsReadQuery(source.scope, source.image, file, { offset, length }, image.signal, onProgress),
  );
}

/** Newlines before `offset` in a file (to number a later page's lines); null file: none asked. */
export function useFsLines(
  image: LoadedImage,
  source: FsSource,
  file: FsFile | null,
  offset: number,
) {
  return useQuery(fsLinesQuery(source.scope, source.image, file, offset, image.signal));
}

/** The whole file as a Blob (to save), reporting progress in bytes. */
export function fetchFsBlob(
  image: LoadedImage,
  source: FsSource,
  file: FsFile,
  onProgress: (p: { bytes: number; total: number }) => void,
): Promise<Blob> {
  if (!source.image) return Promise.reject(new Error('The layers are not indexed yet'));
  return fsClient().blob(source.image, file, { signal: image.signal, onProgress });
}
