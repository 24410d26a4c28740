import { skipToken, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import type { PathEvent } from '../../../core/fs/types.ts';
import type { ImageSummary } from '../../../core/graph/model.ts';
import type { ExplorerApi } from '../../../worker/api.ts';
import { explorerFs, holdBackground } from '../../../worker/client.ts';
import { packWindows } from '../../../core/layers/gzip-checkpoints.ts';
import { encodeEntries } from '../../../worker/entry-codec.ts';
import type {
  FsImageArgs,
  FsLayerBlob,
  FsReadProgress,
  FsReadResult,
} from '../../../worker/fs-session.ts';
import {
  RemoteError,
  type ArgsOf,
  type CallOptions,
  type ProgressOf,
  type ResultOf,
} from '../../../worker/rpc.ts';
import type { LayerIndexResult, LayerVerifyResult } from '../../../worker/layer-job.ts';
import { queryKeys } from '../../queries/keys.ts';
import { useCacheVersion } from '../../queries/query-state.ts';
import type { LoadedImage } from '../../state/loaded-image.ts';
import type { KeyedStore } from '../../state/progress-store.ts';
import type { FsRow, TreeMode } from '../../../core/fs/fs-rows.ts';

/** An image's layer listings once every layer is indexed (null until then), and its layer blobs. */
export interface FsSource {
  args: FsImageArgs | null;
  blobs: FsLayerBlob[];
  /** Each layer's spare copy of its windows' buffer, sent on once by transfer (see `sendable`). */
  spares: (ArrayBuffer | null)[];
  /** Changes when a layer's blob gains checkpoints (its verification finished). */
  blobsVersion: string;
  indexed: number;
  total: number;
  /** Layers (by position) that could not be read as a tar: merged as empty, each a problem on its layer. */
  unreadable: number[];
}

type FsMethod = 'fsRows' | 'fsHistory' | 'fsRead' | 'fsLines' | 'fsBlob';

/**
 * Call the filesystem worker, first without the listings and blobs (it keeps them), then with
 * what it says it lacks: the listings (a new image, a restarted worker), the one layer blob it
 * reads (new, or with new checkpoints). A file read thus copies no listing and at most one
 * layer's checkpoint windows to the worker. The pool's verify pass waits meanwhile: the user is
 * waiting for this (a read deep in a layer not verified yet inflates from its start, and on two
 * cores shared with two verifying workers took 4x as long).
 */
async function callFs<K extends FsMethod>(
  method: K,
  args: ArgsOf<ExplorerApi[K]>,
  opts: CallOptions<ProgressOf<ExplorerApi[K]>>,
): Promise<ResultOf<ExplorerApi[K]>> {
  const { layers, blobs, ...light } = args as { layers?: unknown; blobs?: FsLayerBlob[] };
  const sent: Record<string, unknown> = light;
  const transfer: Transferable[] = [];
  const release = holdBackground();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        return await explorerFs().call(method, sent as ArgsOf<ExplorerApi[K]>, {
          ...opts,
          transfer: transfer.splice(0),
        });
      } catch (e) {
        const stale = e instanceof RemoteError && e.name === 'FsSessionStale' ? e.data : null;
        if (!stale || attempt >= 3) throw e;
        if (stale.need === 'layers') sent.layers = layers;
        else if (stale.need === 'blob' && typeof stale.layer === 'number' && blobs?.[stale.layer]) {
          const blob = sendable(blobs[stale.layer]!, transfer);
          sent.blobs = { ...(sent.blobs as object), [stale.layer]: blob };
        } else throw e;
      }
    }
  } finally {
    release();
  }
}

/**
 * A layer blob to send to the worker, its checkpoint windows in one fresh buffer added to
 * `transfer`: the verify pass's spare copy when it is still here (not yet sent), else a copy
 * made here (~30 ms for 6.6 MB on a busy 2-core machine). A structured clone of 8 MiB of
 * windows held the page for ~60 ms (~50 ms even when they share one buffer).
 */
export function sendable(
  blob: FsLayerBlob,
  transfer: Transferable[],
  spare: ArrayBuffer | null = null,
): FsLayerBlob {
  const cps = blob.checkpoints;
  if (!cps?.length) return { ...blob, checkpoints: undefined };
  const one = cps[0]!.window.buffer;
  const usable =
    spare !== null &&
    spare.byteLength > 0 &&
    spare.byteLength === one.byteLength &&
    cps.every((c) => c.window.buffer === one);
  const checkpoints = usable
    ? cps.map((c) => ({
        ...c,
        window: new Uint8Array(spare, c.window.byteOffset, c.window.length),
      }))
    : packWindows(cps);
  transfer.push(checkpoints[0]!.window.buffer as ArrayBuffer);
  return { ...blob, checkpoints };
}

/**
 * Send each layer's blob to the filesystem worker as soon as its checkpoints exist (its
 * verification finished), so the first read deep in that layer does not wait for the worker to
 * ask for them (a round trip and the copy: ~50 ms measured on the bench image's largest layer).
 * A push that fails costs nothing more: the read then asks, as without it.
 */
export function useKeepBlobs(image: LoadedImage, source: FsSource): void {
  const sent = useRef<{ key: string; version: string } | null>(null);
  const { args, blobs, blobsVersion, spares } = source;
  const key = args?.key;
  useEffect(() => {
    if (!key) return;
    const before = sent.current?.key === key ? sent.current.version : '';
    sent.current = { key, version: blobsVersion };
    const layers = blobs.flatMap((b, i) =>
      b.checkpoints?.length && before[i] !== blobsVersion[i] ? [i] : [],
    );
    if (layers.length === 0) return;
    const transfer: Transferable[] = [];
    const keep = Object.fromEntries(
      layers.map((i) => [i, sendable(blobs[i]!, transfer, spares[i] ?? null)]),
    );
    explorerFs()
      .call('fsKeepBlobs', { key, blobsVersion, keep }, { signal: image.signal, transfer })
      .catch(() => undefined);
  }, [image, key, blobs, blobsVersion, spares]);
}

/** The listings of the image's layers from the query cache, live as the index jobs finish. */
export function useFsSource(image: LoadedImage, summary: ImageSummary | null): FsSource {
  const client = useQueryClient();
  const layers = summary?.layers;
  const version = useCacheVersion(
    (key) => (key[0] === 'layer' || key[0] === 'layer-verify') && key[2] === image.inputKey,
  );
  return useMemo(() => {
    void version;
    const list = layers ?? [];
    const jobs = list.map(
      (l) =>
        client.getQueryData<LayerIndexResult>(
          queryKeys.layer(l.descriptor.digest.value, image.inputKey),
        ) ?? null,
    );
    const verified = list.map((l) =>
      client.getQueryData<LayerVerifyResult>(
        queryKeys.layerVerify(l.descriptor.digest.value, image.inputKey),
      ),
    );
    const blobs: FsLayerBlob[] = list.map((l, i) => ({
      blob: image.store.get(l.descriptor.digest.value)?.blob ?? new Blob([]),
      compression: jobs[i]?.compression ?? 'unknown',
      ...(verified[i] ? { checkpoints: verified[i].checkpoints } : {}),
    }));
    const blobsVersion = blobs.map((b) => (b.checkpoints ? 'c' : '-')).join('');
    // A layer is settled once listed, or once it failed for good: a layer that is no tar (or
    // cannot be read) is merged as empty and named in `unreadable`, never waited for.
    const failed = list.map(
      (l) =>
        client.getQueryState(queryKeys.layer(l.descriptor.digest.value, image.inputKey))?.status ===
        'error',
    );
    const unreadable = list.flatMap((_, i) =>
      failed[i] || (jobs[i] && !jobs[i].entries) ? [i] : [],
    );
    const indexed = list.filter((_, i) => jobs[i] || failed[i]).length;
    const ready = list.length > 0 && indexed === list.length;
    return {
      args: ready
        ? {
            key: `${summary!.manifest} ${image.inputKey}`,
            layers: jobs.map((j, i) => ({
              name: list[i]!.descriptor.digest.value,
              entries: j?.entries ?? encodeEntries([]),
            })),
          }
        : null,
      unreadable,
      blobs,
      spares: verified.map((v) => v?.spareWindows ?? null),
      blobsVersion,
      indexed,
      total: list.length,
    };
  }, [client, layers, image, summary, version]);
}

const modeKey = (m: TreeMode): string => (m.kind === 'merged' ? `m${m.upTo}` : `l${m.layer}`);

/** The tree rows for a mode, built in a worker. */
export function useFsRows(
  image: LoadedImage,
  source: FsSource,
  mode: TreeMode,
  showDeleted: boolean,
) {
  const { args } = source;
  return useQuery<{ rows: FsRow[]; layerCount: number; ms: number }>({
    queryKey: ['fs-rows', args?.key ?? '', modeKey(mode), showDeleted],
    queryFn: args
      ? () => callFs('fsRows', { ...args, mode, showDeleted }, { signal: image.signal })
      : skipToken,
    staleTime: Infinity,
    placeholderData: (previous) => previous,
  });
}

/** A path's history (every layer that touched it). */
export function useFsHistory(image: LoadedImage, source: FsSource, path: string | null) {
  const { args } = source;
  return useQuery<PathEvent[]>({
    queryKey: ['fs-history', args?.key ?? '', path],
    queryFn:
      args && path
        ? () => callFs('fsHistory', { ...args, path }, { signal: image.signal })
        : skipToken,
    staleTime: Infinity,
  });
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
  file: { path: string; layer: number } | null,
  offset: number,
  length: number,
  progress?: KeyedStore<FsReadProgress>,
) {
  const { args, blobs, blobsVersion } = source;
  return useQuery<FsReadResult>({
    queryKey: ['fs-read', args?.key ?? '', file?.path, file?.layer, offset, length],
    queryFn:
      args && file
        ? () =>
            callFs(
              'fsRead',
              { ...args, path: file.path, layer: file.layer, blobs, blobsVersion, offset, length },
              {
                signal: image.signal,
                onProgress: (p: FsReadProgress) => progress?.set(readKey(file.path, offset), p),
              },
            )
        : skipToken,
    staleTime: Infinity,
    gcTime: 30_000,
  });
}

/** Newlines before `offset` in a file (to number a later page's lines); null file: none asked. */
export function useFsLines(
  image: LoadedImage,
  source: FsSource,
  file: { path: string; layer: number } | null,
  offset: number,
) {
  const { args, blobs, blobsVersion } = source;
  return useQuery<{ offset: number; linesBefore: number }>({
    queryKey: ['fs-lines', args?.key ?? '', file?.path, file?.layer, offset],
    queryFn:
      args && file
        ? () =>
            callFs(
              'fsLines',
              { ...args, path: file.path, layer: file.layer, blobs, blobsVersion, offset },
              { signal: image.signal },
            )
        : skipToken,
    staleTime: Infinity,
  });
}

/** The whole file as a Blob (to save), reporting progress in bytes. */
export function fetchFsBlob(
  image: LoadedImage,
  source: FsSource,
  file: { path: string; layer: number },
  onProgress: (p: { bytes: number; total: number }) => void,
): Promise<Blob> {
  const { args, blobs, blobsVersion } = source;
  if (!args) return Promise.reject(new Error('The layers are not indexed yet'));
  return callFs(
    'fsBlob',
    { ...args, path: file.path, layer: file.layer, blobs, blobsVersion },
    { signal: image.signal, onProgress },
  );
}
