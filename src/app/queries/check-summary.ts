import { hashKey, useQueryClient, type QueryCache } from '@tanstack/react-query';
import { startTransition, useEffect, useMemo, useState } from 'react';
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

// Each checkable node with its queries' hashes, made once per image: a summary runs over every
// node each time checks settle, and hashing 10,000 keys each time took seconds.
const plans = new WeakMap<LoadedImage, { checks: PlannedCheck[]; hashes: Set<string> }>();

function checkPlan(image: LoadedImage): { checks: PlannedCheck[]; hashes: Set<string> } {
  let plan = plans.get(image);
  if (!plan) {
    const checks: PlannedCheck[] = [];
    for (const node of image.graph.nodes.values()) {
      const key = checkKey(image, node);
      if (!key) continue;
      const index = node.kind === 'layer' ? listingKey(image, node) : null;
      checks.push({ node, check: hashKey(key), index: index ? hashKey(index) : null });
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

/** Count and gather the problems of every check of an image, from the query cache as it is. */
export function summarize(image: LoadedImage, cache: QueryCache): CheckSummary {
  const { checks } = checkPlan(image);
  const summary: CheckSummary = {
    total: checks.length,
    settled: 0,
    layersTotal: 0,
    layersIndexed: 0,
    layersSettled: 0,
    verified: 0,
    mismatched: 0,
    problems: [],
  };
  const stateOf = (hash: string): QueryLike => cache.get(hash)?.state ?? PENDING;
  // A registry image's layers are fetched for the images a view turned to only: a layer no
  // one asked for is not a check waiting to happen.
  const remote = image.format === 'registry';
  for (const { node, check, index: indexHash } of checks) {
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
  return summary;
}

const problemText = (p: Problem): string => `${p.severity} ${p.code} ${p.where} ${p.message}`;

/** True when two problem lists say the same, in the same order. */
export function sameProblems(a: readonly Problem[], b: readonly Problem[]): boolean {
  return a.length === b.length && a.every((p, i) => problemText(p) === problemText(b[i]!));
}

/** How often, at most, the live summary of an image's checks is recomputed. */
const SUMMARY_THROTTLE_MS = 200;

/** The last problems list shown per image, handed out again while nothing in it changed. */
const lastProblems = new WeakMap<LoadedImage, Problem[]>();

/**
 * Live summary of every check of an image. Many checks settle a second (10,000 on a large
 * index): the summary is recomputed at most every 200 ms (the last change is never lost), and
 * its problems keep their identity while they are unchanged, so what lists them re-renders only
 * when they change.
 */
export function useCheckSummary(image: LoadedImage): CheckSummary {
  const client = useQueryClient();
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const { hashes } = checkPlan(image);
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = -Infinity;
    const apply = (): void => {
      timer = null;
      last = performance.now();
      startTransition(() => setVersion((v) => v + 1));
    };
    const bump = (): void => {
      if (timer === null)
        timer = setTimeout(apply, Math.max(0, last + SUMMARY_THROTTLE_MS - performance.now()));
    };
    const unsubscribe = client.getQueryCache().subscribe((event) => {
      if (event.type !== 'observerResultsUpdated' && hashes.has(event.query.queryHash)) bump();
    });
    // A change between the first render and this subscription would otherwise be missed.
    bump();
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [client, image]);
  return useMemo(() => {
    void version;
    const summary = summarize(image, client.getQueryCache());
    const before = lastProblems.get(image);
    if (before && sameProblems(before, summary.problems)) summary.problems = before;
    else lastProblems.set(image, summary.problems);
    return summary;
  }, [client, image, version]);
}
