/**
 * Priorities of calls in the worker pool (higher runs first), in one place. Opening an image
 * comes first; then documents (small, they fill in the graph); then each layer's listing (the
 * filesystem worker merges them, outside the pool); then other blobs; last the layers' verify
 * passes. Calls below `Foreground` are background: the pool starts a spare worker rather than
 * make a foreground call wait behind them, and a file read pauses them.
 */
export const Priority = {
  open: 10,
  document: 4,
  listing: 3,
  blob: 2,
  verify: 1,
} as const;

/** One of the pool's priorities. */
export type Priority = (typeof Priority)[keyof typeof Priority];

/** The lowest foreground priority: a layer's listing never waits behind background work. */
export const FOREGROUND: Priority = Priority.listing;
