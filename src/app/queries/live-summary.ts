import { useQueryClient, type QueryCache } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
import type { Problem } from '../../core/oci/problem.ts';
import type { LoadedImage } from '../state/loaded-image.ts';
import {
  checkCount,
  checkPlan,
  emptySummary,
  sameProblems,
  summarize,
  summarizeRange,
} from './check-summary.ts';
import type { CheckSummary } from './checks.ts';

/** How often, at most, the live summary of an image's checks is recomputed. */
const SUMMARY_THROTTLE_MS = 200;
/** Images with at most this many checks are summarized in one go; larger ones in slices. */
export const SUMMARY_AT_ONCE = 2000;
/** How long one slice of a summary runs before the page gets a turn. */
const SLICE_MS = 8;

/** One image's live summary, shared by every view that shows it. */
interface Live {
  summary: CheckSummary;
  listeners: Set<() => void>;
  stop: () => void;
}

const lives = new WeakMap<LoadedImage, Live>();

/** A later task, after what the page has queued (input, rendering). */
const nextTask = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

/**
 * Count an image's checks in slices of at most SLICE_MS, so a summary of 10,000 checks (about
 * 100 ms on two busy cores) never holds the page; null if `stopped` says to give up.
 */
export async function summarizeSliced(
  image: LoadedImage,
  cache: QueryCache,
  stopped: () => boolean = () => false,
): Promise<CheckSummary | null> {
  const count = checkCount(image);
  const summary = emptySummary(count);
  let at = 0;
  while (at < count) {
    if (stopped()) return null;
    const started = performance.now();
    let step = 64;
    while (at < count && performance.now() - started < SLICE_MS) {
      summarizeRange(image, cache, summary, at, at + step);
      at += step;
      step = Math.min(step * 2, 1024);
    }
    if (at < count) await nextTask();
  }
  return summary;
}

function startLive(image: LoadedImage, cache: QueryCache): Live {
  const large = checkCount(image) > SUMMARY_AT_ONCE;
  const live: Live = {
    summary: large ? emptySummary(checkCount(image)) : summarize(image, cache),
    listeners: new Set(),
    stop: () => {},
  };
  const { hashes } = checkPlan(image);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last = -Infinity;
  let running = false;
  let again = false;
  let stopped = false;
  const publish = (summary: CheckSummary): void => {
    // Problems keep their identity while they are unchanged: what lists them re-renders only on a change.
    const before: Problem[] = live.summary.problems;
    if (sameProblems(before, summary.problems)) summary.problems = before;
    live.summary = summary;
    for (const l of live.listeners) l();
  };
  const apply = async (): Promise<void> => {
    timer = null;
    if (running) {
      again = true;
      return;
    }
    running = true;
    last = performance.now();
    const summary = large
      ? await summarizeSliced(image, cache, () => stopped)
      : summarize(image, cache);
    running = false;
    if (stopped || !summary) return;
    publish(summary);
    if (again) {
      again = false;
      bump();
    }
  };
  const bump = (): void => {
    if (timer === null && !stopped)
      timer = setTimeout(
        () => void apply(),
        Math.max(0, last + SUMMARY_THROTTLE_MS - performance.now()),
      );
  };
  const unsubscribe = cache.subscribe((event) => {
    if (event.type !== 'observerResultsUpdated' && hashes.has(event.query.queryHash)) bump();
  });
  // A change before this subscription would otherwise be missed.
  bump();
  live.stop = () => {
    stopped = true;
    unsubscribe();
    if (timer !== null) clearTimeout(timer);
  };
  return live;
}

/**
 * Live summary of every check of an image, one per image however many views show it. Many
 * checks settle a second (10,000 on a large index): it is recomputed at most every 200 ms (the
 * last change is never lost), a large image's in slices, and its problems keep their identity
 * while they are unchanged. Read through useSyncExternalStore: a summary set in a transition
 * stayed behind while another part of the page was suspended.
 */
export function useCheckSummary(image: LoadedImage): CheckSummary {
  const cache = useQueryClient().getQueryCache();
  const liveOf = useCallback((): Live => {
    let live = lives.get(image);
    if (!live) {
      live = startLive(image, cache);
      lives.set(image, live);
    }
    return live;
  }, [image, cache]);
  const subscribe = useCallback(
    (listener: () => void) => {
      const live = liveOf();
      live.listeners.add(listener);
      return () => {
        live.listeners.delete(listener);
        // The last view gone: stop listening to the cache (a view coming back starts afresh).
        if (live.listeners.size === 0) {
          live.stop();
          if (lives.get(image) === live) lives.delete(image);
        }
      };
    },
    [image, liveOf],
  );
  return useSyncExternalStore(subscribe, () => liveOf().summary);
}
