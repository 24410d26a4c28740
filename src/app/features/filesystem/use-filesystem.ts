import { skipToken, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { PathEvent } from '../../../core/fs/types.ts';
import type { ImageSummary } from '../../../core/graph/model.ts';
import { explorerPool } from '../../../worker/client.ts';
import type { FsImageArgs, FsLayerBlob, FsReadResult } from '../../../worker/fs-session.ts';
import type { LayerIndexResult, LayerVerifyResult } from '../../../worker/layer-job.ts';
import { PRIORITY } from '../../queries/jobs.ts';
import { queryKeys } from '../../queries/keys.ts';
import { useCacheVersion } from '../../queries/query-state.ts';
import type { LoadedImage } from '../../state/loaded-image.ts';
import type { FsRow, TreeMode } from '../../../core/fs/fs-rows.ts';

/** An image's layer listings once every layer is indexed (null until then), and its layer blobs. */
export interface FsSource {
  args: FsImageArgs | null;
  blobs: FsLayerBlob[];
  indexed: number;
  total: number;
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
    const blobs: FsLayerBlob[] = list.map((l, i) => {
      const digest = l.descriptor.digest.value;
      const verified = client.getQueryData<LayerVerifyResult>(
        queryKeys.layerVerify(digest, image.inputKey),
      );
      return {
        blob: image.store.get(digest)?.blob ?? new Blob([]),
        compression: jobs[i]?.compression ?? 'unknown',
        ...(verified ? { checkpoints: verified.checkpoints } : {}),
      };
    });
    const indexed = jobs.filter((j) => j?.entries).length;
    const ready = list.length > 0 && indexed === list.length;
    return {
      args: ready
        ? {
            key: `${summary!.manifest} ${image.inputKey}`,
            layers: jobs.map((j, i) => ({
              name: list[i]!.descriptor.digest.value,
              entries: j!.entries!,
            })),
          }
        : null,
      blobs,
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
      ? () =>
          explorerPool().call(
            'fsRows',
            { ...args, mode, showDeleted },
            { signal: image.signal, priority: PRIORITY.document },
          )
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
        ? () =>
            explorerPool().call(
              'fsHistory',
              { ...args, path },
              { signal: image.signal, priority: PRIORITY.document },
            )
        : skipToken,
    staleTime: Infinity,
  });
}

/** One page of a file's bytes as layer `layer` leaves it. */
export function useFsRead(
  image: LoadedImage,
  source: FsSource,
  file: { path: string; layer: number } | null,
  offset: number,
  length: number,
) {
  const { args, blobs } = source;
  return useQuery<FsReadResult>({
    queryKey: ['fs-read', args?.key ?? '', file?.path, file?.layer, offset, length],
    queryFn:
      args && file
        ? () =>
            explorerPool().call(
              'fsRead',
              { ...args, path: file.path, layer: file.layer, blobs, offset, length },
              { signal: image.signal, priority: PRIORITY.document },
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
  const { args, blobs } = source;
  return useQuery<{ offset: number; linesBefore: number }>({
    queryKey: ['fs-lines', args?.key ?? '', file?.path, file?.layer, offset],
    queryFn:
      args && file
        ? () =>
            explorerPool().call(
              'fsLines',
              { ...args, path: file.path, layer: file.layer, blobs, offset },
              { signal: image.signal, priority: PRIORITY.document },
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
  const { args, blobs } = source;
  if (!args) return Promise.reject(new Error('The layers are not indexed yet'));
  return explorerPool().call(
    'fsBlob',
    { ...args, path: file.path, layer: file.layer, blobs },
    { signal: image.signal, priority: PRIORITY.document, onProgress },
  );
}
