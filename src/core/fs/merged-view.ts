import { parentOf } from './clean-path.ts';
import type { FsEntryType, History, MergedEntry, PathEvent } from './types.ts';

// umoci creates missing parents with MkdirAll(0777) under umask 022; containerd uses 0700.
const IMPLICIT_DIR_MODE = 0o755;

/** Whether a history is one event alone (not an array of them). */
const isOne = (history: History): history is PathEvent => !Array.isArray(history);

/** A history as an array of its events, in layer order. */
export const eventsOf = (history: History): readonly PathEvent[] =>
  isOne(history) ? [history] : history;

/** The event that decides a path's state after layers 0..n (the last one at or below n). */
export function eventAt(history: History, n: number): PathEvent | undefined {
  if (isOne(history)) return history.layer <= n ? history : undefined;
  for (let i = history.length - 1; i >= 0; i--) {
    const event = history[i]!;
    if (event.layer <= n) return event;
  }
  return undefined;
}

/**
 * The type an added/modified event leaves (a hardlink whose target went away is a regular file),
 * read without making the entry (`entryFromEvent` takes it from here).
 */
export function typeOfEvent(event: PathEvent): FsEntryType {
  const e = event.entry;
  if (e === undefined || event.implicit === true) return 'dir';
  return event.unlinked !== undefined ? 'file' : (e.type as FsEntryType);
}

/** The size an added/modified event leaves (a hardlink: the size of the file it shares). */
export function sizeOfEvent(event: PathEvent): number {
  const e = event.entry;
  if (e === undefined || event.implicit === true) return 0;
  if (e.type === 'file') return e.size;
  return event.source !== undefined ? event.source.size : e.size;
}

/** The merged entry an added/modified event leaves at `path`. */
export function entryFromEvent(path: string, event: PathEvent): MergedEntry {
  const e = event.entry;
  if (e === undefined || event.implicit === true) {
    return {
      path,
      type: 'dir',
      size: 0,
      mode: IMPLICIT_DIR_MODE,
      uid: 0,
      gid: 0,
      mtime: 0,
      linkTarget: null,
      layer: event.layer,
      index: -1,
      implicit: true,
      content: null,
    };
  }
  // A hardlink whose target went away is a regular file with the bytes it shared.
  const unlinked = event.unlinked !== undefined;
  const content =
    e.type === 'file'
      ? {
          layer: event.layer,
          index: e.index,
          dataOffset: e.dataOffset,
          size: e.size,
          sparseMap: e.sparseMap,
        }
      : (event.source ?? null);
  return {
    path,
    type: typeOfEvent(event),
    size: sizeOfEvent(event),
    mode: e.mode,
    uid: e.uid,
    gid: e.gid,
    mtime: e.mtime,
    linkTarget: unlinked ? null : (e.linkTarget ?? null),
    layer: event.layer,
    index: e.index,
    implicit: false,
    content,
  };
}

/** Every path ever seen, sorted, with its history: shared by the views of one filesystem. */
export interface PathIndex {
  /** Canonical paths in sort order (the ls --json order). */
  paths: readonly string[];
  /** histories[i] is the history of paths[i]. */
  histories: readonly History[];
  /** Path → history, for lookups. */
  byPath: ReadonlyMap<string, History>;
}

/** Sort the paths of a merge once, for every view to walk in order. */
export function indexPaths(byPath: PathIndex['byPath']): PathIndex {
  const paths = [...byPath.keys()].sort();
  const histories = paths.map((p) => byPath.get(p)!);
  return { paths, histories, byPath };
}

const ROOT = entryFromEvent('/', { layer: 0, action: 'added', implicit: true });

/** The merged filesystem after layers 0..n: lookups, a sorted listing, children, directory sizes. */
export class MergedView {
  /** The last layer applied (0-based). */
  readonly layer: number;
  private readonly index: PathIndex;
  private sorted: MergedEntry[] | null = null;
  private childIndex: Map<string, MergedEntry[]> | null = null;
  private dirSizes: Map<string, number> | null = null;

  /** A view of the paths in `index` as they stand after layer `layer`. */
  constructor(index: PathIndex, layer: number) {
    this.index = index;
    this.layer = layer;
  }

  /** Number of paths, the root excluded. */
  get count(): number {
    return this.list().length;
  }

  /** The entry at a canonical path (`/` is the root), if present. */
  get(path: string): MergedEntry | undefined {
    const history = this.index.byPath.get(path);
    const event = history === undefined ? undefined : eventAt(history, this.layer);
    if (event === undefined || event.action === 'deleted') return path === '/' ? ROOT : undefined;
    return entryFromEvent(path, event);
  }

  /** Every path but the root, sorted by path (the ls --json order). */
  list(): readonly MergedEntry[] {
    if (this.sorted === null) {
      const out: MergedEntry[] = [];
      this.eachPresent((path, event) => out.push(entryFromEvent(path, event)));
      this.sorted = out;
    }
    return this.sorted;
  }

  /**
   * Every path but the root with the event that leaves it as it is, sorted by path, without
   * making its entry (`entryFromEvent` makes it): for a pass that needs a few fields of each,
   * as the tree and the layer sizes do (300,000 entries made at once are ~50 MB).
   */
  eachPresent(visit: (path: string, event: PathEvent, history: History) => void): void {
    const { paths, histories } = this.index;
    for (let i = 0; i < paths.length; i++) {
      const path = paths[i]!;
      const history = histories[i]!;
      const event = eventAt(history, this.layer);
      if (event !== undefined && event.action !== 'deleted' && path !== '/')
        visit(path, event, history);
    }
  }

  /** The entries directly inside a directory, sorted by path. */
  children(dir: string): readonly MergedEntry[] {
    if (this.childIndex === null) {
      const index = new Map<string, MergedEntry[]>();
      for (const entry of this.list()) {
        const parent = parentOf(entry.path);
        let list = index.get(parent);
        if (list === undefined) {
          list = [];
          index.set(parent, list);
        }
        list.push(entry);
      }
      this.childIndex = index;
    }
    return this.childIndex.get(dir) ?? [];
  }

  /**
   * Bytes of regular files at and below `path`. A hardlink adds nothing (its bytes are counted
   * at the file it shares), so each stored byte counts once, as `du` does.
   */
  dirSize(path: string): number {
    if (this.dirSizes === null) {
      const sizes = new Map<string, number>();
      for (const entry of this.list()) {
        if (entry.type !== 'file' || entry.size === 0) continue;
        for (let p = entry.path; p !== ''; p = parentOf(p)) {
          sizes.set(p, (sizes.get(p) ?? 0) + entry.size);
        }
      }
      this.dirSizes = sizes;
    }
    return this.dirSizes.get(path) ?? 0;
  }
}
