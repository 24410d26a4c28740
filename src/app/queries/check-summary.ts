import { hashKey, type QueryCache, type QueryKey } from '@tanstack/react-query';
import type { GraphNode } from '../../core/graph/model.ts';
import type { Problem } from '../../core/oci/problem.ts';
import type { LoadedImage } from '../state/loaded-image.ts';
import {
  checkFromQuery,
  checkKey,
  checkProblems,
  listingKey,
  layerProblems,
  PENDING,
  settledOk,
  type CheckSummary,
  type QueryLike,
} from './checks.ts';

/** One checkable node with the hashes of its check's and (a layer's) listing's query keys. */
interface PlannedCheck {
  node: GraphNode;
  check: string;
  index: string | null;
}

/** True when every object in a key lists its own keys in sorted order (as hashKey writes them). */
function keysSorted(v: unknown): boolean {
  if (Array.isArray(v)) return v.every(keysSorted);
  if (typeof v !== 'object' || v === null) return true;
  const keys = Object.keys(v);
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! >= keys[i]!) return false;
  return Object.values(v).every(keysSorted);
}

/**
 * TanStack Query's hash of a key (`hashKey`), as plain JSON when the key's objects already list
 * their keys sorted, which the check keys do: hashKey's sorting replacer made 10,000 keys cost
 * the page ~100 ms.
 */
export function fastHashKey(key: QueryKey): string {
  return keysSorted(key) ? JSON.stringify(key) : hashKey(key);
}

// Each checkable node with its queries' hashes, made once per image: a summary runs over every
// node each time checks settle, and hashing 10,000 keys each time took seconds.
const plans = new WeakMap<LoadedImage, { checks: PlannedCheck[]; hashes: Set<string> }>();

/** Each checkable node of an image with its queries' hashes (made once per image). */
export function checkPlan(image: LoadedImage): { checks: PlannedCheck[]; hashes: Set<string> } {
  let plan = plans.get(image);
  if (!plan) {
    const checks: PlannedCheck[] = [];
    for (const node of image.graph.nodes.values()) {
      const key = checkKey(image, node);
      if (!key) continue;
      const index = node.kind === 'layer' ? listingKey(image, node) : null;
      checks.push({ node, check: fastHashKey(key), index: index ? fastHashKey(index) : null });
    }
    plan = {
      checks,
      hashes: new Set(checks.flatMap((c) => (c.index ? [c.check, c.index] : [c.check]))),
    };
    plans.set(image, plan);
  }
  return plan;
}

/** True when no one asked for this query yet (views watching it without starting it do not count). */
function neverAsked(cache: QueryCache, hash: string): boolean {
  const q = cache.get(hash);
  return !q || (q.state.status === 'pending' && q.state.fetchStatus === 'idle');
}

/** A summary with nothing counted yet, for `checks` checks. */
export function emptySummary(checks: number): CheckSummary {
  return {
    total: checks,
    settled: 0,
    layersTotal: 0,
    layersIndexed: 0,
    layersSettled: 0,
    verified: 0,
    mismatched: 0,
    problems: [],
  };
}

/** The number of checkable nodes of an image (the plan is made once per image). */
export function checkCount(image: LoadedImage): number {
  return checkPlan(image).checks.length;
}

/** Count the checks `from` to `to` (plan order) into `summary`, from the query cache as it is. */
export function summarizeRange(
  image: LoadedImage,
  cache: QueryCache,
  summary: CheckSummary,
  from: number,
  to: number,
): void {
  const { checks } = checkPlan(image);
  const stateOf = (hash: string): QueryLike => cache.get(hash)?.state ?? PENDING;
  // A registry image's layers are fetched for the images a view turned to only: a layer no
  // one asked for is not a check waiting to happen.
  const remote = image.format === 'registry';
  for (let i = from; i < Math.min(to, checks.length); i++) {
    const { node, check, index: indexHash } = checks[i]!;
    if (remote && indexHash && neverAsked(cache, indexHash)) {
      summary.total--;
      continue;
    }
    const r = stateOf(check);
    const index = indexHash ? stateOf(indexHash) : null;
    if (index) {
      summary.layersTotal++;
      if (settledOk(index)) summary.layersIndexed++;
    }
    if (settledOk(r) && (!index || settledOk(index))) {
      summary.settled++;
      if (index) summary.layersSettled++;
    }
    const c = checkFromQuery(r);
    if (c.state === 'verified') summary.verified++;
    if (c.state === 'mismatch') summary.mismatched++;
    // A check not started has nothing to say yet (an index of 10,000 would list 10,000 waits).
    if (r.status === 'pending' && (!index || index.status === 'pending')) continue;
    summary.problems.push(...(index ? layerProblems(node, index, r) : checkProblems(node, r)));
  }
}

/** Count and gather the problems of every check of an image, from the query cache as it is. */
export function summarize(image: LoadedImage, cache: QueryCache): CheckSummary {
  const count = checkCount(image);
  const summary = emptySummary(count);
  summarizeRange(image, cache, summary, 0, count);
  return summary;
}

const problemText = (p: Problem): string => `${p.severity} ${p.code} ${p.where} ${p.message}`;

/** True when two problem lists say the same, in the same order. */
export function sameProblems(a: readonly Problem[], b: readonly Problem[]): boolean {
  return a.length === b.length && a.every((p, i) => problemText(p) === problemText(b[i]!));
}
