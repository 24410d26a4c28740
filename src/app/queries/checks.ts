import { useQuery, type QueryKey, type QueryState } from '@tanstack/react-query';
import type { GraphNode } from '../../core/graph/model.ts';
import type { Problem } from '../../core/oci/problem.ts';
import {
  blobUnreadable,
  mismatchProblems,
  type CheckState,
  type DigestCheck,
} from '../../core/verify/check.ts';
import type { LayerListingResult, LayerVerifyResult } from '../../worker/layer-job.ts';
import { isAbortError } from '../../worker/rpc.ts';
import type { LoadedImage } from '../state/loaded-image.ts';
import { blobCheckKey } from './blob-check.ts';
import { isCheckable } from './jobs.ts';
import { layerListingKey, watchLayerListing } from './layer-listing.ts';
import { layerVerifyKey, watchLayerVerify } from './layer-verify.ts';

/** What the check helpers read of a query: its status, data and error. */
export type QueryLike = Pick<QueryState<unknown, Error>, 'status' | 'data' | 'error'>;
/** How a query not in the cache (not started) reads. */
export const PENDING: QueryLike = { status: 'pending', data: undefined, error: null };

/**
 * A node's verification state as the graph shows it: a check's outcome (core/verify/check.ts;
 * an unreadable blob shows as `failed`), or why there is none yet (`pending`, `missing`,
 * `synthesized`, `none`).
 */
export type NodeCheckState =
  | Extract<CheckState, 'verified' | 'mismatch' | 'unverifiable'>
  | 'pending'
  | 'missing'
  | 'synthesized'
  | 'failed'
  | 'none';

/** What a blob's hash job (jobs.ts) or a layer's verify pass settles with. */
type CheckResult = (DigestCheck & { bytes: number }) | LayerVerifyResult;

/** A node's verification: its state and, for a mismatch, what was wanted and what came. */
export interface NodeCheck {
  state: NodeCheckState;
  want?: string | null;
  got?: string | null;
  message?: string;
}

/** The query key that holds a node's digest check (a layer's verify pass), or null when none. */
export function checkKey(image: LoadedImage, node: GraphNode): QueryKey | null {
  if (!isCheckable(image, node)) return null;
  return node.kind === 'layer'
    ? layerVerifyKey(node.id, image.inputKey)
    : blobCheckKey(node.id, image.inputKey);
}

/** The query key of a layer node's listing (phase 1), or null for other nodes. */
export function listingKey(image: LoadedImage, node: GraphNode): QueryKey | null {
  return node.kind === 'layer' && isCheckable(image, node)
    ? layerListingKey(node.id, image.inputKey)
    : null;
}

/** A key no query runs under: what a view watches when a node has no check. */
const NO_CHECK: QueryKey = ['no-check'];

/**
 * Options to watch the query under `key` without starting it: the session starts every check
 * (startChecks, in its order of priorities); views read the results as they come.
 */
const watch = (key: QueryKey | null) => ({ queryKey: key ?? NO_CHECK, enabled: false });

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
  const data = result.data as CheckResult;
  const d = 'diffId' in data ? data.digest : data;
  if (d.state === 'not-computed') return { state: 'pending' };
  if (d.state === 'unreadable') return { state: 'failed', want: d.want, got: d.got };
  return { state: d.state === 'unknown' ? 'unverifiable' : d.state, want: d.want, got: d.got };
}

/** Live verification state of one node. */
export function useNodeCheck(image: LoadedImage, node: GraphNode): NodeCheck {
  const state = useQuery(watch(checkKey(image, node)));
  return staticCheck(image, node) ?? checkFromQuery(state);
}

/** Problems the checks found for one node (mismatches, unreadable blobs, layer problems), live. */
export function useNodeCheckProblems(image: LoadedImage, node: GraphNode): Problem[] {
  const key = checkKey(image, node);
  const state = useQuery(watch(key));
  const index = useQuery(watch(listingKey(image, node)));
  if (node.kind === 'layer') return layerProblems(node, index, state);
  return key ? checkProblems(node, state) : [];
}

/** A layer's digest or diff_id as shown: the verify pass's check, or why there is none yet. */
export type LayerCheckView =
  DigestCheck | { state: 'pending' | 'failed'; want: string | null; got: null };

/** What is known of a layer once it is listed: the listing, and the verify pass's checks when done. */
export interface LayerJobView extends LayerListingResult {
  digest: LayerCheckView;
  diffId: LayerCheckView;
}

/** A phase's state: pending while it runs (or waits), then its result or its error. */
export type PhaseState<T> =
  | { status: 'pending'; data: undefined; error: null }
  | { status: 'success'; data: T; error: null }
  | { status: 'error'; data: undefined; error: Error };

/** A layer's two phases: `status`/`data` follow the listing (phase 1), `verify` the verify pass. */
export type LayerJobState = PhaseState<LayerJobView> & { verify: PhaseState<LayerVerifyResult> };

function phase<T>(
  state: Pick<QueryState<T, Error>, 'status' | 'data' | 'error'> | undefined,
): PhaseState<T> {
  if (!state || state.status === 'pending') return PENDING as PhaseState<T>;
  if (state.status === 'error')
    return { status: 'error', data: undefined, error: state.error ?? new Error('failed') };
  return { status: 'success', data: state.data!, error: null };
}

/** Combine a layer's listing with its verify pass (what `useLayerJob` returns). */
export function layerJobState(
  index: Pick<QueryState<LayerListingResult, Error>, 'status' | 'data' | 'error'> | undefined,
  verify: Pick<QueryState<LayerVerifyResult, Error>, 'status' | 'data' | 'error'> | undefined,
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
  };
  return { status: 'success', data, error: null, verify: v };
}

/** One layer's state, live: its listing (phase 1) and its verify pass (phase 2). */
export function useLayerJob(image: LoadedImage, digest: string): LayerJobState {
  // A layer the input does not store has no jobs: its queries stay pending, never started.
  const index = useQuery(watchLayerListing(digest, image.inputKey));
  const verify = useQuery(watchLayerVerify(digest, image.inputKey));
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

/** True once a query has settled with a result or an error other than an abort. */
export const settledOk = (r: QueryLike): boolean =>
  r.status === 'success' || (r.status === 'error' && !isAbortError(r.error));

function unreadableProblem(node: GraphNode, error: unknown): Problem {
  return blobUnreadable({ digest: node.id, source: node.source }, error);
}

/** Problems found by the check of one node (a blob's hash, or a layer's verify pass). */
export function checkProblems(node: GraphNode, result: QueryLike): Problem[] {
  const out: Problem[] = [];
  if (result.status === 'error' && !isAbortError(result.error))
    out.push(unreadableProblem(node, result.error));
  if (result.status !== 'success') return out;
  const data = result.data as CheckResult;
  const blob = { digest: node.id, source: node.source };
  if (!('diffId' in data)) return [...out, ...mismatchProblems(blob, data)];
  out.push(...mismatchProblems(blob, data.digest, data.diffId), ...data.problems);
  return out;
}

/**
 * Problems of a layer from both jobs, each once: the listing's (what the tar says), then its
 * checks' (mismatches, and a blob whose size changed between the listing and the hash).
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
  const listed = index.status === 'success' ? (index.data as LayerListingResult) : null;
  listed?.problems.forEach(add);
  checkProblems(node, verify).forEach(add);
  return out;
}
