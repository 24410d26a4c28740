import { useQueryClient, type QueryState } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { GraphNode } from '../../core/graph/model.ts';
import { problem, type Problem } from '../../core/oci/problem.ts';
import type { LayerJobResult } from '../../worker/layer-job.ts';
import { isAbortError } from '../../worker/rpc.ts';
import type { LoadedImage } from '../state/loaded-image.ts';
import { isCheckable, type BlobCheck } from './jobs.ts';
import { queryKeys } from './keys.ts';
import { useCacheVersion, useQueryState } from './query-state.ts';

/** What the check helpers read of a query: its status, data and error. */
export type QueryLike = Pick<QueryState<unknown, Error>, 'status' | 'data' | 'error'>;
const PENDING: QueryLike = { status: 'pending', data: undefined, error: null };

/** A node's verification state as the graph shows it. */
export type CheckState =
  | 'pending'
  | 'verified'
  | 'mismatch'
  | 'missing'
  | 'unverifiable'
  | 'synthesized'
  | 'failed'
  | 'none';

/** A node's verification: its state and, for a mismatch, what was wanted and what came. */
export interface NodeCheck {
  state: CheckState;
  want?: string | null;
  got?: string | null;
  message?: string;
}

/** The query key that holds a node's check, or null when nothing is checked for it. */
export function checkKey(image: LoadedImage, node: GraphNode): readonly string[] | null {
  if (!isCheckable(image, node)) return null;
  return node.kind === 'layer'
    ? queryKeys.layer(node.id, image.inputKey)
    : queryKeys.blob(node.id, image.inputKey);
}

/** The check of a node that has no job: missing, written by this tool, or not a blob. */
export function staticCheck(image: LoadedImage, node: GraphNode): NodeCheck | null {
  if (node.kind === 'top') return { state: 'none' };
  if (!node.present) return { state: 'missing', want: node.id };
  if (node.synthesized) return { state: 'synthesized' };
  if (!image.store.has(node.id)) return { state: 'unverifiable' };
  return null;
}

/** Turn a settled (or running) query into a node check. */
export function checkFromQuery(result: QueryLike): NodeCheck {
  if (result.status === 'pending') return { state: 'pending' };
  if (result.status === 'error') {
    if (isAbortError(result.error)) return { state: 'pending' };
    return {
      state: 'failed',
      message: result.error instanceof Error ? result.error.message : String(result.error),
    };
  }
  const data = result.data as BlobCheck | LayerJobResult;
  const d = 'diffId' in data ? data.digest : data;
  if (d.state === 'not-computed') return { state: 'pending' };
  return { state: d.state === 'unknown' ? 'unverifiable' : d.state, want: d.want, got: d.got };
}

/** Live verification state of one node. */
export function useNodeCheck(image: LoadedImage, node: GraphNode): NodeCheck {
  const state = useQueryState(checkKey(image, node));
  return staticCheck(image, node) ?? checkFromQuery(state ?? PENDING);
}

/** Problems the checks found for one node (mismatches, unreadable blobs, layer problems), live. */
export function useNodeCheckProblems(image: LoadedImage, node: GraphNode): Problem[] {
  const state = useQueryState(checkKey(image, node));
  return state ? checkProblems(node, state) : [];
}

/** The state of one layer's job: pending while it runs, then its result or its error. */
export type LayerJobState =
  | { status: 'pending'; data: undefined; error: null }
  | { status: 'success'; data: LayerJobResult; error: null }
  | { status: 'error'; data: undefined; error: Error };

/** The layer job's state for one layer. */
export function useLayerJob(image: LoadedImage, digest: string): LayerJobState {
  const state = useQueryState<LayerJobResult>(
    image.store.has(digest) ? queryKeys.layer(digest, image.inputKey) : null,
  );
  if (!state || state.status === 'pending') return PENDING as LayerJobState;
  if (state.status === 'error')
    return { status: 'error', data: undefined, error: state.error ?? new Error('failed') };
  return { status: 'success', data: state.data!, error: null };
}

/** Counts and problems of every check of an image, live. */
export interface CheckSummary {
  total: number;
  settled: number;
  layersTotal: number;
  layersSettled: number;
  verified: number;
  mismatched: number;
  problems: Problem[];
}

/** Problems found by the checks of one node (digest and diff_id mismatches, unreadable blobs, layer problems). */
export function checkProblems(node: GraphNode, result: QueryLike): Problem[] {
  const out: Problem[] = [];
  if (result.status === 'error' && !isAbortError(result.error)) {
    const why = result.error instanceof Error ? result.error.message : String(result.error);
    out.push(
      problem(
        'error',
        'blob-unreadable',
        node.id,
        `could not read ${node.source ?? node.id}: ${why}`,
      ),
    );
  }
  if (result.status !== 'success') return out;
  const data = result.data as BlobCheck | LayerJobResult;
  const d = 'diffId' in data ? data.digest : data;
  if (d.state === 'mismatch') {
    out.push(
      problem(
        'error',
        'digest-mismatch',
        node.id,
        `digest mismatch for ${node.source ?? node.id}: want ${d.want}, got ${d.got}`,
        'image-spec descriptor.md#digests',
      ),
    );
  }
  if ('diffId' in data) {
    if (data.diffId.state === 'mismatch') {
      out.push(
        problem(
          'error',
          'diff-id-mismatch',
          node.id,
          `diff_id mismatch for layer ${node.id}: config says ${data.diffId.want}, uncompressed content hashes to ${data.diffId.got}`,
          'image-spec config.md#layer-diffid',
        ),
      );
    }
    out.push(...data.problems);
  }
  return out;
}

/** Live summary of every check of an image. */
export function useCheckSummary(image: LoadedImage): CheckSummary {
  const client = useQueryClient();
  const version = useCacheVersion((key) => key[2] === image.inputKey);
  return useMemo(() => {
    void version;
    const cache = client.getQueryCache();
    const nodes = [...image.graph.nodes.values()].filter((n) => checkKey(image, n) !== null);
    const summary: CheckSummary = {
      total: nodes.length,
      settled: 0,
      layersTotal: 0,
      layersSettled: 0,
      verified: 0,
      mismatched: 0,
      problems: [],
    };
    for (const node of nodes) {
      const r: QueryLike =
        cache.find({ queryKey: checkKey(image, node)!, exact: true })?.state ?? PENDING;
      const isLayer = node.kind === 'layer';
      if (isLayer) summary.layersTotal++;
      const settled = r.status === 'success' || (r.status === 'error' && !isAbortError(r.error));
      if (settled) {
        summary.settled++;
        if (isLayer) summary.layersSettled++;
      }
      const check = checkFromQuery(r);
      if (check.state === 'verified') summary.verified++;
      if (check.state === 'mismatch') summary.mismatched++;
      summary.problems.push(...checkProblems(node, r));
    }
    return summary;
  }, [client, image, version]);
}
