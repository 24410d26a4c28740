import type { TreeEntry } from './tree-model.ts';

/** The root's node id. */
export const ROOT = 0;

/** Paths linked to their parents: node 0 is `/`, a parent's id is always below its children's. */
export interface Linked<E> {
  paths: string[];
  entries: (E | null)[];
  parents: Int32Array;
  /** Folders (and implied parents) by path. */
  dirs: Map<string, number>;
  /** Every path, when it was needed. */
  all: Map<string, number> | null;
}

/**
 * Give every path a node and a parent, creating the parents the listing leaves out. The fast
 * way (`exact` false) keeps only folders in a map, as a Map.set per path is most of the cost at
 * 100k entries; it needs input sorted by path and gives up (null) on anything else. The exact
 * way maps every path.
 */
export function link<E extends TreeEntry>(list: readonly E[], exact: boolean): Linked<E> | null {
  // Preallocated: growing arrays by push costs more than the rest (copies and GC) at 100k.
  let capacity = list.length + 64;
  const paths = new Array<string>(capacity);
  const entries = new Array<E | null>(capacity);
  let parents = new Int32Array(capacity);
  let n = 1;
  paths[0] = '/';
  entries[0] = null;
  parents[0] = -1;
  const dirs = new Map<string, number>([['/', ROOT]]);
  const all = exact ? new Map<string, number>([['/', ROOT]]) : null;
  // Sorted input lists a path before anything below it, so a non-folder with children (a file
  // that replaced a folder, greyed deleted rows below it) is found just before: only paths
  // that start with it (`dir-x`, `dir.d/…`) can come between.
  const listedBefore = (dir: string): number | undefined => {
    let i = n - 1;
    while (i > 0 && paths[i]!.startsWith(dir) && paths[i] !== dir) i--;
    return paths[i] === dir ? i : undefined;
  };
  const add = (path: string, parent: number, entry: E | null): number => {
    const id = n++;
    if (id >= capacity) {
      capacity *= 2;
      const grown = new Int32Array(capacity);
      grown.set(parents);
      parents = grown;
    }
    paths[id] = path;
    entries[id] = entry;
    parents[id] = parent;
    if (entry === null || entry.type === 'dir') dirs.set(path, id);
    all?.set(path, id);
    return id;
  };
  let lastDir = '/';
  let lastDirId = ROOT;
  const parentOf = (path: string): number => {
    const slash = path.lastIndexOf('/');
    // Most paths share the previous one's folder: compare in place, allocate nothing.
    if (slash <= 0) return ROOT;
    if (slash === lastDir.length && path.startsWith(lastDir)) return lastDirId;
    const dir = path.slice(0, slash);
    let id = dirs.get(dir);
    if (id === undefined) {
      id = all === null ? listedBefore(dir) : all.get(dir);
      if (id === undefined) id = add(dir, parentOf(dir), null);
      else dirs.set(dir, id);
    }
    lastDir = dir;
    lastDirId = id;
    return id;
  };
  let previous = '';
  for (let i = 0; i < list.length; i++) {
    const e = list[i]!;
    const path = e.path;
    if (path === '/') continue;
    if (all !== null) {
      const known = all.get(path);
      if (known !== undefined) {
        entries[known] = e;
        if (e.type === 'dir') dirs.set(path, known);
        continue;
      }
    } else if (path <= previous) return null;
    previous = path;
    add(path, parentOf(path), e);
  }
  paths.length = n;
  entries.length = n;
  return { paths, entries, parents: parents.slice(0, n), dirs, all };
}
