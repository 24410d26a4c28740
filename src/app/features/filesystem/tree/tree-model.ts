/** How a layer changed a path (layer views); `deleted` rows are greyed and count for no bytes. */
export type Change = 'added' | 'modified' | 'deleted';

/** What the tree needs of a row: a canonical path (`/etc/passwd`), a type, a size. MergedEntry fits. */
export interface TreeEntry {
  path: string;
  type: string;
  size: number;
  change?: Change | null;
}

/** Sort orders: by name with directories first, or by size (directories by their total), largest first. */
export type SortKey = 'name' | 'size';

const ROOT = 0;

/** Paths linked to their parents: node 0 is `/`, a parent's id is always below its children's. */
interface Linked<E> {
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
function link<E extends TreeEntry>(list: readonly E[], exact: boolean): Linked<E> | null {
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

/**
 * The explorer's tree over a flat listing, built once per listing for 100,000+ entries: nodes in
 * columns (typed arrays), parents created for paths whose directories the listing leaves out,
 * directory totals in one pass, children sorted on demand and cached per sort key. Node 0 is
 * the root `/`; every other node is a path. Nothing here knows about expansion or the DOM.
 */
export class TreeModel<E extends TreeEntry = TreeEntry> {
  /** Nodes, the root included (ids 0..size-1). */
  readonly size: number;
  private readonly paths: string[];
  // Names and lower-cased names are sliced on first use: most rows are never shown or sorted.
  private readonly names: (string | undefined)[];
  private readonly keys: (string | undefined)[];
  private readonly entries: (E | null)[];
  private readonly parents: Int32Array;
  private readonly depths: Int32Array;
  private readonly totals: Float64Array;
  private readonly dirFlags: Uint8Array;
  private readonly childStart: Int32Array;
  private readonly childIds: Int32Array;
  private readonly byPath: Map<string, number>;
  private fullIndex: Map<string, number> | null;
  private readonly sorted = new Map<SortKey, { ids: Int32Array; pos: Int32Array }>();

  /** Build from entries in any order (paths canonical: absolute, no trailing `/`); sorted is fastest. */
  static build<E extends TreeEntry>(entries: readonly E[]): TreeModel<E> {
    return new TreeModel(link(entries, false) ?? link(entries, true)!);
  }

  private constructor(linked: Linked<E>) {
    const { paths, entries } = linked;
    this.byPath = linked.dirs;
    this.fullIndex = linked.all;

    const n = paths.length;
    this.size = n;
    this.paths = paths;
    this.entries = entries;
    this.parents = linked.parents;
    this.names = new Array<string | undefined>(n);
    this.keys = new Array<string | undefined>(n);
    this.depths = new Int32Array(n);
    this.totals = new Float64Array(n);
    this.dirFlags = new Uint8Array(n);
    const counts = new Int32Array(n + 1);
    this.names[ROOT] = '/';
    this.keys[ROOT] = '/';
    this.depths[ROOT] = -1;
    this.dirFlags[ROOT] = 1;
    for (let i = 1; i < n; i++) {
      const p = this.parents[i]!;
      this.depths[i] = this.depths[p]! + 1; // a parent always has a lower id than its children
      const e = entries[i]!;
      if (e === null || e.type === 'dir') this.dirFlags[i] = 1;
      if (e !== null && e.type === 'file' && e.change !== 'deleted') this.totals[i] = e.size;
      counts[p + 1]!++;
    }
    // Totals bottom-up in one pass: children have higher ids than their parents.
    for (let i = n - 1; i > 0; i--) this.totals[this.parents[i]!]! += this.totals[i]!;
    // Children as one array with offsets (CSR), in creation order until sorted.
    for (let i = 1; i <= n; i++) counts[i]! += counts[i - 1]!;
    this.childStart = counts;
    this.childIds = new Int32Array(Math.max(0, n - 1));
    const fill = counts.slice(0, n);
    for (let i = 1; i < n; i++) this.childIds[fill[this.parents[i]!]!++] = i;
  }

  /** The node id of a path (`/` is 0), if the tree holds it. */
  idOf(path: string): number | undefined {
    const dir = this.byPath.get(path);
    if (dir !== undefined) return dir;
    if (this.fullIndex === null) {
      this.fullIndex = new Map();
      for (let i = 0; i < this.size; i++) this.fullIndex.set(this.paths[i]!, i);
    }
    return this.fullIndex.get(path);
  }

  /** The canonical path of a node. */
  pathOf(id: number): string {
    return this.paths[id]!;
  }

  /** The last path component (`/` for the root). */
  nameOf(id: number): string {
    let name = this.names[id];
    if (name === undefined) {
      const path = this.paths[id]!;
      name = path.slice(path.lastIndexOf('/') + 1);
      this.names[id] = name;
    }
    return name;
  }

  /** The name lower-cased (type-ahead and case-insensitive filters). */
  keyOf(id: number): string {
    let key = this.keys[id];
    if (key === undefined) {
      key = this.nameOf(id).toLowerCase();
      this.keys[id] = key;
    }
    return key;
  }

  /** The row given for this path, or null for a directory the listing implied but did not hold. */
  entryOf(id: number): E | null {
    return this.entries[id]!;
  }

  /** Parent node id (-1 for the root). */
  parentOf(id: number): number {
    return this.parents[id]!;
  }

  /** 0 for paths directly under `/` (aria-level is depth + 1). */
  depthOf(id: number): number {
    return this.depths[id]!;
  }

  /** A directory (or a path the listing only implied as a parent). */
  isDir(id: number): boolean {
    return this.dirFlags[id] === 1;
  }

  /** Number of direct children. */
  childCount(id: number): number {
    return this.childStart[id + 1]! - this.childStart[id]!;
  }

  /** Regular-file bytes at and below a node (hardlinks and deleted rows count 0, as `du`). */
  totalOf(id: number): number {
    return this.totals[id]!;
  }

  /** The size column: a directory's total, else the entry's own size (a hardlink's shared size). */
  sizeOf(id: number): number {
    return this.isDir(id) ? this.totals[id]! : (this.entries[id]?.size ?? 0);
  }

  /** Direct children in `sort` order (sorted once per key, then cached). */
  children(id: number, sort: SortKey = 'name'): Int32Array {
    return this.order(sort).ids.subarray(this.childStart[id]!, this.childStart[id + 1]!);
  }

  /** 0-based position of a node among its parent's children in `sort` order. */
  positionOf(id: number, sort: SortKey = 'name'): number {
    return this.order(sort).pos[id]!;
  }

  /** Every node id of a path and its ancestors up to (not including) the root, deepest first. */
  ancestorsOf(id: number): number[] {
    const out: number[] = [];
    for (let p = this.parents[id]!; p > ROOT; p = this.parents[p]!) out.push(p);
    return out;
  }

  private order(sort: SortKey): { ids: Int32Array; pos: Int32Array } {
    let cached = this.sorted.get(sort);
    if (cached !== undefined) return cached;
    const ids = this.childIds.slice();
    const pos = new Int32Array(this.size);
    const cmp = sort === 'name' ? this.byName : this.bySize;
    const scratch: number[] = [];
    for (let p = 0; p < this.size; p++) {
      const start = this.childStart[p]!;
      const end = this.childStart[p + 1]!;
      if (end - start > 1) {
        scratch.length = 0;
        for (let i = start; i < end; i++) scratch.push(ids[i]!);
        scratch.sort(cmp);
        for (let i = start; i < end; i++) ids[i] = scratch[i - start]!;
      }
      for (let i = start; i < end; i++) pos[ids[i]!] = i - start;
    }
    cached = { ids, pos };
    this.sorted.set(sort, cached);
    return cached;
  }

  private readonly byName = (a: number, b: number): number => {
    const da = this.dirFlags[a]!;
    const db = this.dirFlags[b]!;
    if (da !== db) return db - da;
    const ka = this.keyOf(a);
    const kb = this.keyOf(b);
    if (ka !== kb) return ka < kb ? -1 : 1;
    const na = this.nameOf(a);
    const nb = this.nameOf(b);
    return na < nb ? -1 : na > nb ? 1 : 0;
  };

  private readonly bySize = (a: number, b: number): number =>
    this.sizeOf(b) - this.sizeOf(a) || this.byName(a, b);
}
