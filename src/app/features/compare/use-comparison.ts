import { skipToken, useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useState } from 'react';
import type { ImageGraph } from '../../../core/graph/model.ts';
import { explorerCompare } from '../../../worker/client.ts';
import type {
  CompareProgress,
  CompareResult,
  CompareSideArgs,
  TextDiffResult,
} from '../../../worker/compare-session.ts';
import type { CompareInput } from '../../state/second-image.ts';

/** One side of the compare view: an opened input and the manifest chosen in it. */
export interface CompareSide {
  input: CompareInput;
  manifest: string;
}

/** The bytes of the index that lists `manifest` in this graph (the top index, or a nested one). */
export function indexBytesOf(graph: ImageGraph, manifest: string): Uint8Array | null {
  const edge = graph.edges.find((e) => e.role === 'manifests' && e.to === manifest);
  return edge ? (graph.nodes.get(edge.from)?.bytes ?? null) : null;
}

/** What the worker is sent for one side (null when the manifest is not one of the input's images). */
export function sideArgs(side: CompareSide): CompareSideArgs | null {
  const image = side.input.graph.images.find((i) => i.manifest === side.manifest);
  if (!image) return null;
  return {
    blobs: side.input.blobs,
    image,
    index: indexBytesOf(side.input.graph, side.manifest),
  };
}

/** The query key of a comparison: both inputs, both manifests, and the noise filter. */
export const comparisonKey = (a: CompareSide, b: CompareSide, strict: boolean) =>
  [
    'compare',
    { a: a.input.inputKey, ma: a.manifest, b: b.input.inputKey, mb: b.manifest, strict },
  ] as const;

/**
 * Reads a changed file's line diff from the comparison the worker keeps. `key` names the two
 * sides (the noise filter changes no listing); `read` compares again first when the worker holds
 * another comparison by then (the page shows a cached one).
 */
export interface TextReader {
  key: string;
  read: (path: string, signal: AbortSignal) => Promise<TextDiffResult>;
}

/** The comparison of two sides, computed in the compare worker, with its live progress. */
export function useComparison(
  a: CompareSide,
  b: CompareSide,
  strict: boolean,
): { query: UseQueryResult<CompareResult>; progress: CompareProgress | null; text: TextReader } {
  const [progress, setProgress] = useState<CompareProgress | null>(null);
  const queryKey = comparisonKey(a, b, strict);
  const key = JSON.stringify([a.input.inputKey, a.manifest, b.input.inputKey, b.manifest]);
  const argsA = sideArgs(a);
  const argsB = sideArgs(b);
  const text: TextReader = {
    key,
    read: async (path, signal) => {
      const worker = explorerCompare();
      let r = await worker.call('compareText', { key, path }, { signal });
      if (!r && argsA && argsB) {
        await worker.call('compareImages', { key, a: argsA, b: argsB, strict }, { signal });
        r = await worker.call('compareText', { key, path }, { signal });
      }
      if (!r) throw new Error('The two images could not be read again for this file.');
      return r;
    },
  };
  const query = useQuery<CompareResult>({
    queryKey,
    queryFn:
      argsA && argsB
        ? ({ signal }) => {
            setProgress(null);
            return explorerCompare().call(
              'compareImages',
              { key, a: argsA, b: argsB, strict },
              { signal, onProgress: setProgress },
            );
          }
        : skipToken,
    // Each comparison holds two images' listings in the worker: keep few results around.
    gcTime: 30_000,
  });
  return { query, progress, text };
}

/** The line diff of a file changed in content (read when shown). */
export function useTextDiff(text: TextReader, path: string): UseQueryResult<TextDiffResult> {
  return useQuery<TextDiffResult>({
    queryKey: ['compare-text', text.key, path],
    queryFn: ({ signal }) => text.read(path, signal),
    gcTime: 30_000,
  });
}
