import { link, ROOT, type Linked } from './tree-link.ts';

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

/** Children of every node in one sort order: ids (CSR, by parent) and each node's position. */
interface Order {
  ids: Int32Array;
  pos: Int32Array;
}

/**
 * A model's structure as typed arrays, to move between threads by transfer: the filesystem
 * worker builds the model and sorts it, the page reads it without doing either.
 */
export interface TreeColumns {
  size: number;
  parents: Int32Array;
  depths: Int32Array;
  totals: Float64Array;
  dirFlags: Uint8Array;
  childStart: Int32Array;
  /** Children in each sort order. */
  byName: Order;
  bySize: Order;
  /** Every node id in path order (`<` on the canonical paths), for finding a path's node. */
  pathOrder: Int32Array;
}

/** The typed arrays of a model's columns (to transfer). */
export function treeColumnBuffers(c: TreeColumns): ArrayBuffer[] {
  const arrays = [c.parents, c.depths, c.totals, c.dirFlags, c.childStart, c.pathOrder];
  arrays.push(c.byName.ids, c.byName.pos, c.bySize.ids, c.bySize.pos);
  return arrays.map((a) => a.buffer as ArrayBuffer);
}

/** How a model reaches each node's path and entry: arrays at hand, or decoded on demand. */
interface Source<E> {
  pathAt: (id: number) => string;
  entryAt: (id: number) => E | null;
}

/**
 * The explorer's tree over a flat listing, built once per listing for 100,000+ entries: nodes in
 * columns (typed arrays), parents created for paths whose directories the listing leaves out,
 * directory totals in one pass, children sorted on demand and cached per sort key. Node 0 is
 * the root `/`; every other node is a path. Nothing here knows about expansion or the DOM. A
 * model built elsewhere (a worker) arrives as `TreeColumns` with its paths and entries decoded
 * on demand (`fromColumns`): the page then holds no object per node.
 */
export class TreeModel<E extends TreeEntry = TreeEntry> {
  /** Nodes, the root included (ids 0..size-1). */
  readonly size: number;
  private readonly source: Source<E>;
  // Names and lower-cased names are sliced on first use: most rows are never shown or sorted.
  private readonly names: (string | undefined)[];
  private readonly keys: (string | undefined)[];
  private readonly parents: Int32Array;
  private readonly depths: Int32Array;
  private readonly totals: Float64Array;
  private readonly dirFlags: Uint8Array;
  private readonly childStart: Int32Array;
  private readonly childIds: Int32Array;
  /** Folders by path (a built model), else null: `pathOrder` finds every path. */
  private readonly byPath: Map<string, number> | null;
  private fullIndex: Map<string, number> | null;
  private readonly pathOrder: Int32Array | null;
  private readonly sorted = new Map<SortKey, Order>();

  /** Build from entries in any order (paths canonical: absolute, no trailing `/`); sorted is fastest. */
  static build<E extends TreeEntry>(entries: readonly E[]): TreeModel<E> {
    const linked = link(entries, false) ?? link(entries, true)!;
    return new TreeModel(
      linked.paths.length,
      structureOf(linked),
      {
        pathAt: (id) => linked.paths[id]!,
        entryAt: (id) => linked.entries[id]!,
      },
      linked,
    );
  }

  /**
   * A model from columns made by `columns()` (in another thread), its paths and entries read
   * through `pathAt` and `entryAt` (which may decode on demand; the model caches neither).
   */
  static fromColumns<E extends TreeEntry>(
    c: TreeColumns,
    pathAt: (id: number) => string,
    entryAt: (id: number) => E | null,
  ): TreeModel<E> {
    const model = new TreeModel<E>(
      c.size,
      { ...c, childIds: c.byName.ids },
      { pathAt, entryAt },
      null,
      c.pathOrder,
    );
    model.sorted.set('name', c.byName);
    model.sorted.set('size', c.bySize);
    return model;
  }

  private constructor(
    size: number,
    st: Structure,
    source: Source<E>,
    linked: Linked<E> | null,
    pathOrder: Int32Array | null = null,
  ) {
    this.size = size;
    this.source = source;
    this.parents = st.parents;
    this.depths = st.depths;
    this.totals = st.totals;
    this.dirFlags = st.dirFlags;
    this.childStart = st.childStart;
    this.childIds = st.childIds;
    this.byPath = linked?.dirs ?? null;
    this.fullIndex = linked?.all ?? null;
    this.pathOrder = pathOrder;
    this.names = new Array<string | undefined>(size);
    this.keys = new Array<string | undefined>(size);
    this.names[ROOT] = '/';
    this.keys[ROOT] = '/';
  }

  /**
   * The model's structure with both sort orders and the path order made, to send to another
   * thread (paths and entries go separately; see the worker's tree codec). The arrays are the
   * model's own, not copies: transferring them leaves this model empty.
   */
  columns(): TreeColumns {
    const pathOrder = Int32Array.from({ length: this.size }, (_, i) => i);
    const paths = Array.from({ length: this.size }, (_, i) => this.pathOf(i));
    pathOrder.sort((a, b) => (paths[a]! < paths[b]! ? -1 : paths[a]! > paths[b]! ? 1 : 0));
    return {
      size: this.size,
      parents: this.parents,
      depths: this.depths,
      totals: this.totals,
      dirFlags: this.dirFlags,
      childStart: this.childStart,
      byName: this.order('name'),
      bySize: this.order('size'),
      pathOrder,
    };
  }

  /** The node id of a path (`/` is 0), if the tree holds it. */
  idOf(path: string): number | undefined {
    if (this.pathOrder !== null) return this.search(path);
    const dir = this.byPath?.get(path);
    if (dir !== undefined) return dir;
    if (this.fullIndex === null) {
      this.fullIndex = new Map();
      for (let i = 0; i < this.size; i++) this.fullIndex.set(this.pathOf(i), i);
    }
    return this.fullIndex.get(path);
  }

  /** Binary search of the path order (a model from columns: no map of every path is made). */
  private search(path: string): number | undefined {
    const order = this.pathOrder!;
    let lo = 0;
    let hi = order.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const at = this.pathOf(order[mid]!);
      if (at === path) return order[mid];
      if (at < path) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  /** The canonical path of a node. */
  pathOf(id: number): string {
    return this.source.pathAt(id);
  }

  /** The last path component (`/` for the root). */
  nameOf(id: number): string {
    let name = this.names[id];
    if (name === undefined) {
      const path = this.pathOf(id);
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
    return this.source.entryAt(id);
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
    return this.isDir(id) ? this.totals[id]! : (this.entryOf(id)?.size ?? 0);
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

  private order(sort: SortKey): Order {
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

/** The typed arrays a model is made of. */
type Structure = Pick<TreeColumns, 'parents' | 'depths' | 'totals' | 'dirFlags' | 'childStart'> & {
  childIds: Int32Array;
};

/** Depths, directory flags, totals bottom-up and children (CSR) of linked paths, in linear passes. */
function structureOf<E extends TreeEntry>(linked: Linked<E>): Structure {
  const { entries, parents } = linked;
  const n = linked.paths.length;
  const depths = new Int32Array(n);
  const totals = new Float64Array(n);
  const dirFlags = new Uint8Array(n);
  const counts = new Int32Array(n + 1);
  depths[ROOT] = -1;
  dirFlags[ROOT] = 1;
  for (let i = 1; i < n; i++) {
    const p = parents[i]!;
    depths[i] = depths[p]! + 1; // a parent always has a lower id than its children
    const e = entries[i]!;
    if (e === null || e.type === 'dir') dirFlags[i] = 1;
    if (e !== null && e.type === 'file' && e.change !== 'deleted') totals[i] = e.size;
    counts[p + 1]!++;
  }
  // Totals bottom-up in one pass: children have higher ids than their parents.
  for (let i = n - 1; i > 0; i--) totals[parents[i]!]! += totals[i]!;
  // Children as one array with offsets (CSR), in creation order until sorted.
  for (let i = 1; i <= n; i++) counts[i]! += counts[i - 1]!;
  const childIds = new Int32Array(Math.max(0, n - 1));
  const fill = counts.slice(0, n);
  for (let i = 1; i < n; i++) childIds[fill[parents[i]!]!++] = i;
  return { parents, depths, totals, dirFlags, childStart: counts, childIds };
}
