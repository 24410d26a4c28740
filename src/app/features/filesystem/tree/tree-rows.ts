import { ANCESTOR, MATCH, type FilterMatch } from './tree-filter.ts';
import type { SortKey, TreeEntry, TreeModel } from '../../../../core/fs/tree-model.ts';

/** What decides which rows show: the sort, the expanded folders (by path), an optional filter. */
export interface RowOptions {
  sort: SortKey;
  expanded: ReadonlySet<string>;
  filter?: FilterMatch | null;
}

/** One visible row, as a treeitem renders it. */
export interface TreeRow<E extends TreeEntry = TreeEntry> {
  /** Position in the visible list. */
  index: number;
  id: number;
  path: string;
  name: string;
  /** 0 for paths under `/`; aria-level is depth + 1. */
  depth: number;
  isDir: boolean;
  hasChildren: boolean;
  expanded: boolean;
  /** The size column (directories: total below). */
  size: number;
  /** The filter matched this row itself (not only something below it). */
  match: boolean;
  /** aria-posinset / aria-setsize among the visible siblings. */
  posInSet: number;
  setSize: number;
  entry: E | null;
}

/** The children a row shows: all, or under a filter's ancestors only the kept ones. */
function shownChildren(model: TreeModel, id: number, opts: RowOptions): ArrayLike<number> {
  const all = model.children(id, opts.sort);
  const f = opts.filter;
  if (!f || (f.flags[id]! & ANCESTOR) === 0) return all;
  const kept: number[] = [];
  for (let i = 0; i < all.length; i++) if (f.flags[all[i]!] !== 0) kept.push(all[i]!);
  return kept;
}

/** True when a node shows its children now: it has some and is expanded. */
export function isOpen(model: TreeModel, id: number, opts: RowOptions): boolean {
  return model.childCount(id) > 0 && opts.expanded.has(model.pathOf(id));
}

/** Append the visible rows below `id` (not `id` itself) to `out`, depth first. */
function appendBelow(model: TreeModel, id: number, opts: RowOptions, out: number[]): void {
  const stack: [ArrayLike<number>, number][] = [[shownChildren(model, id, opts), 0]];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const [list, i] = top;
    if (i >= list.length) {
      stack.pop();
      continue;
    }
    top[1] = i + 1;
    const child = list[i]!;
    out.push(child);
    if (isOpen(model, child, opts)) stack.push([shownChildren(model, child, opts), 0]);
  }
}

/** The flat list of visible node ids, top to bottom. With a filter and no match: empty. */
export function visibleRows(model: TreeModel, opts: RowOptions): Int32Array {
  if (opts.filter && opts.filter.matches === 0) return new Int32Array(0);
  const out: number[] = [];
  appendBelow(model, 0, opts, out);
  return Int32Array.from(out);
}

/**
 * Rows after expanding the row at `index` (its path already in `opts.expanded`): its visible
 * subtree is spliced in, the rest copied, so opening a folder costs its own rows, not the tree's.
 */
export function expandRow(
  model: TreeModel,
  rows: Int32Array,
  index: number,
  opts: RowOptions,
): Int32Array {
  const below: number[] = [];
  appendBelow(model, rows[index]!, opts, below);
  const out = new Int32Array(rows.length + below.length);
  out.set(rows.subarray(0, index + 1), 0);
  out.set(below, index + 1);
  out.set(rows.subarray(index + 1), index + 1 + below.length);
  return out;
}

/** Rows after collapsing the row at `index`: every deeper row that follows it is cut out. */
export function collapseRow(model: TreeModel, rows: Int32Array, index: number): Int32Array {
  const end = subtreeEnd(model, rows, index);
  if (end === index + 1) return rows;
  const out = new Int32Array(rows.length - (end - index - 1));
  out.set(rows.subarray(0, index + 1), 0);
  out.set(rows.subarray(end), index + 1);
  return out;
}

/** The first index after `index` that is not below it. */
export function subtreeEnd(model: TreeModel, rows: Int32Array, index: number): number {
  const depth = model.depthOf(rows[index]!);
  let end = index + 1;
  while (end < rows.length && model.depthOf(rows[end]!) > depth) end++;
  return end;
}

/** The row at `index`, with what a treeitem needs (position among visible siblings included). */
export function rowAt<E extends TreeEntry>(
  model: TreeModel<E>,
  rows: Int32Array,
  index: number,
  opts: RowOptions,
): TreeRow<E> {
  const id = rows[index]!;
  const parent = model.parentOf(id);
  const f = opts.filter;
  let posInSet: number;
  let setSize: number;
  if (f && (f.flags[parent]! & ANCESTOR) !== 0) {
    const siblings = shownChildren(model, parent, opts);
    setSize = siblings.length;
    posInSet = Array.prototype.indexOf.call(siblings, id) + 1;
  } else {
    setSize = model.childCount(parent);
    posInSet = model.positionOf(id, opts.sort) + 1;
  }
  return {
    index,
    id,
    path: model.pathOf(id),
    name: model.nameOf(id),
    depth: model.depthOf(id),
    isDir: model.isDir(id),
    hasChildren: model.childCount(id) > 0,
    expanded: isOpen(model, id, opts),
    size: model.sizeOf(id),
    match: f ? (f.flags[id]! & MATCH) !== 0 : false,
    posInSet,
    setSize,
    entry: model.entryOf(id),
  };
}

/** The expanded set that reveals `path`: every ancestor folder added to `expanded`. */
export function revealPath(
  model: TreeModel,
  expanded: ReadonlySet<string>,
  path: string,
): Set<string> {
  const out = new Set(expanded);
  const id = model.idOf(path);
  if (id !== undefined) for (const p of model.ancestorsOf(id)) out.add(model.pathOf(p));
  return out;
}

/** The expanded set for a new filter: what was open, plus every ancestor of a match. */
export function expandForFilter(expanded: ReadonlySet<string>, match: FilterMatch): Set<string> {
  const out = new Set(expanded);
  for (const p of match.ancestors) out.add(p);
  return out;
}
