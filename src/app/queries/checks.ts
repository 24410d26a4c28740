import { hashKey, useQueryClient, type QueryState } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { GraphNode } from '../../core/graph/model.ts';
import { problem, type Problem } from '../../core/oci/problem.ts';
import type { GzipCheckpoint } from '../../core/layers/gzip-checkpoints.ts';
import type { DigestCheck, LayerIndexResult, LayerVerifyResult } from '../../worker/layer-job.ts';
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

/** The query key that holds a node's digest check (a layer's verify pass), or null when none. */
export function checkKey(image: LoadedImage, node: GraphNode): readonly string[] | null {
  if (!isCheckable(image, node)) return null;
  return node.kind === 'layer'
    ? queryKeys.layerVerify(node.id, image.inputKey)
    : queryKeys.blob(node.id, image.inputKey);
}

/** The query key of a layer node's listing (phase 1), or null for other nodes. */
export function indexKey(image: LoadedImage, node: GraphNode): readonly string[] | null {
  return node.kind === 'layer' && isCheckable(image, node)
    ? queryKeys.layer(node.id, image.inputKey)
    : null;
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
  const data = result.data as BlobCheck | LayerVerifyResult;
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
  const index = useQueryState(indexKey(image, node));
  if (node.kind === 'layer') return layerProblems(node, index ?? PENDING, state ?? PENDING);
  return state ? checkProblems(node, state) : [];
}

/** A layer's digest or diff_id as shown: the verify pass's check, or why there is none yet. */
export type LayerCheckView =
  DigestCheck | { state: 'pending' | 'failed'; want: string | null; got: null };

/** What is known of a layer once it is listed: the listing, and the verify pass's checks when done. */
export interface LayerJobView extends LayerIndexResult {
  digest: LayerCheckView;
  diffId: LayerCheckView;
  /** gzip resume points for file reads (empty until the verify pass has made them). */
  checkpoints: GzipCheckpoint[];
}

/** A phase's state: pending while it runs (or waits), then its result or its error. */
export type PhaseState<T> =
  | { status: 'pending'; data: undefined; error: null }
  | { status: 'success'; data: T; error: null }
  | { status: 'error'; data: undefined; error: Error };

/** A layer's two phases: `status`/`data` follow the listing (phase 1), `verify` the verify pass. */
export type LayerJobState = PhaseState<LayerJobView> & { verify: PhaseState<LayerVerifyResult> };

function phase<T>(state: QueryState<T, Error> | undefined): PhaseState<T> {
  if (!state || state.status === 'pending') return PENDING as PhaseState<T>;
  if (state.status === 'error')
    return { status: 'error', data: undefined, error: state.error ?? new Error('failed') };
  return { status: 'success', data: state.data!, error: null };
}

/** Combine a layer's listing with its verify pass (what `useLayerJob` returns). */
export function layerJobState(
  index: QueryState<LayerIndexResult, Error> | undefined,
  verify: QueryState<LayerVerifyResult, Error> | undefined,
): LayerJobState {
  const v = phase(verify);
  const listed = phase(index);
  if (listed.status !== 'success') return { ...listed, verify: v };
  const waiting = (): LayerCheckView => ({
    state: v.status === 'error' && !isAbortError(v.error) ? 'failed' : 'pending',
    want: null,
    got: null,
  });
  const data: LayerJobView = {
    ...listed.data,
    digest: v.status === 'success' ? v.data.digest : waiting(),
    diffId: v.status === 'success' ? v.data.diffId : waiting(),
    checkpoints: v.status === 'success' ? v.data.checkpoints : [],
  };
  return { status: 'success', data, error: null, verify: v };
}

/** One layer's state, live: its listing (phase 1) and its verify pass (phase 2). */
export function useLayerJob(image: LoadedImage, digest: string): LayerJobState {
  const has = image.store.has(digest);
  const index = useQueryState<LayerIndexResult>(
    has ? queryKeys.layer(digest, image.inputKey) : null,
  );
  const verify = useQueryState<LayerVerifyResult>(
    has ? queryKeys.layerVerify(digest, image.inputKey) : null,
  );
  return layerJobState(index, verify);
}

/** Counts and problems of every check of an image, live. */
export interface CheckSummary {
  total: number;
  settled: number;
  layersTotal: number;
  /** Layers listed (phase 1 settled). */
  layersIndexed: number;
  /** Layers listed and verified (both phases settled). */
  layersSettled: number;
  verified: number;
  mismatched: number;
  problems: Problem[];
}

const settledOk = (r: QueryLike): boolean =>
  r.status === 'success' || (r.status === 'error' && !isAbortError(r.error));

function unreadableProblem(node: GraphNode, error: unknown): Problem {
  const why = error instanceof Error ? error.message : String(error);
  return problem(
    'error',
    'blob-unreadable',
    node.id,
    `could not read ${node.source ?? node.id}: ${why}`,
  );
}

/** Problems found by the check of one node (a blob's hash, or a layer's verify pass). */
export function checkProblems(node: GraphNode, result: QueryLike): Problem[] {
  const out: Problem[] = [];
  if (result.status === 'error' && !isAbortError(result.error))
    out.push(unreadableProblem(node, result.error));
  if (result.status !== 'success') return out;
  const data = result.data as BlobCheck | LayerVerifyResult;
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

/**
 * Problems of a layer from both passes, each once: the listing's (what the tar says), then the
 * verify pass's (mismatches; what reading the layer again found that the listing did not).
 */
export function layerProblems(node: GraphNode, index: QueryLike, verify: QueryLike): Problem[] {
  const out: Problem[] = [];
  const seen = new Set<string>();
  const add = (p: Problem): void => {
    const k = `${p.code}\n${p.where}\n${p.message}`;
    if (seen.has(k)) return;
    seen.add(k);
    out.push(p);
  };
  if (index.status === 'error' && !isAbortError(index.error))
    add(unreadableProblem(node, index.error));
  const listed = index.status === 'success' ? (index.data as LayerIndexResult) : null;
  listed?.problems.forEach(add);
  checkProblems(node, verify).forEach(add);
  const checked = verify.status === 'success' ? (verify.data as LayerVerifyResult) : null;
  if (listed && checked && listed.entryCount !== checked.entryCount) {
    add(
      problem(
        'error',
        'layer-changed',
        node.id,
        `layer ${node.id} listed ${listed.entryCount ?? 'no'} entries when first read and ${checked.entryCount ?? 'no'} when read again to verify: the file changed while it was open`,
      ),
    );
  }
  return out;
}

// Each checkable node with its queries' hashes, made once per image: a summary runs over every
// node each time a check settles, and hashing 10,000 keys each time took seconds.
const plans = new WeakMap<
  LoadedImage,
  { node: GraphNode; check: string; index: string | null }[]
>();

function checkPlan(image: LoadedImage) {
  let plan = plans.get(image);
  if (!plan) {
    plan = [];
    for (const node of image.graph.nodes.values()) {
      const key = checkKey(image, node);
      if (!key) continue;
      const index = indexKey(image, node);
      plan.push({ node, check: hashKey(key), index: index ? hashKey(index) : null });
    }
    plans.set(image, plan);
  }
  return plan;
}

/** How often, at most, the live summary of an image's checks is recomputed. */
const SUMMARY_THROTTLE_MS = 200;

/** Live summary of every check of an image. */
export function useCheckSummary(image: LoadedImage): CheckSummary {
  const client = useQueryClient();
  // Many checks settle a second: summing them all at most every 200 ms keeps each pass short.
  const version = useCacheVersion((key) => key[2] === image.inputKey, SUMMARY_THROTTLE_MS);
  return useMemo(() => {
    void version;
    const cache = client.getQueryCache();
    const plan = checkPlan(image);
    const summary: CheckSummary = {
      total: plan.length,
      settled: 0,
      layersTotal: 0,
      layersIndexed: 0,
      layersSettled: 0,
      verified: 0,
      mismatched: 0,
      problems: [],
    };
    const stateOf = (hash: string): QueryLike => cache.get(hash)?.state ?? PENDING;
    for (const { node, check, index: indexHash } of plan) {
      const r = stateOf(check);
      const isLayer = node.kind === 'layer';
      const index = indexHash ? stateOf(indexHash) : null;
      if (index) {
        summary.layersTotal++;
        if (settledOk(index)) summary.layersIndexed++;
      }
      if (settledOk(r) && (!index || settledOk(index))) {
        summary.settled++;
        if (isLayer) summary.layersSettled++;
      }
      const c = checkFromQuery(r);
      if (c.state === 'verified') summary.verified++;
      if (c.state === 'mismatch') summary.mismatched++;
      if (r.status === 'pending' && (!index || index.status === 'pending')) continue;
      summary.problems.push(...(index ? layerProblems(node, index, r) : checkProblems(node, r)));
    }
    return summary;
  }, [client, image, version]);
}
