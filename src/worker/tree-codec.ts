import type { FsRow } from '../core/fs/fs-rows.ts';
import type { FsEntryType } from '../core/fs/types.ts';
import {
  TreeModel,
  treeColumnBuffers,
  type TreeColumns,
  type TreeEntry,
} from '../core/fs/tree-model.ts';

/**
 * The filesystem tree as the worker sends it: the model's structure, each node's name and row
 * fields in flat columns of transferred buffers (no object per node crosses, and the page makes
 * one only for a row it shows). Paths are not sent: a node's path is its parent's, `/`, its name.
 */
export interface EncodedTree {
  columns: TreeColumns;
  /** UTF-16 code units of every name, then every link target (lone surrogates kept as they are). */
  text: Uint16Array;
  /** Per node: [nameStart, nameEnd, linkStart, linkEnd] into `text`. */
  spans: Uint32Array;
  /** Per node: flags (see below), mode, uid, gid, layer, index, content layer, content index. */
  ints: Int32Array;
  /** Per node: size, mtime, content dataOffset, content size. */
  numbers: Float64Array;
  /** Node id → rare fields: what removed a deleted row, a sparse map, a path its name cannot rebuild. */
  extras: Record<number, Partial<Pick<FsRow, 'removedBy' | 'path'>> & { sparseMap?: unknown }>;
}

const INTS = 8;
const TYPES: readonly FsEntryType[] = [
  'file',
  'dir',
  'symlink',
  'hardlink',
  'char',
  'block',
  'fifo',
];
const CHANGES: readonly FsRow['change'][] = [null, 'added', 'modified', 'deleted'];
// Flag bits: an entry at all, its type (3 bits), its change (2 bits), then one bit each.
const HAS_ENTRY = 1;
const TYPE_SHIFT = 1;
const CHANGE_SHIFT = 4;
const IMPLICIT = 1 << 6;
const OPAQUE = 1 << 7;
const HAS_LINK = 1 << 8;
const HAS_CONTENT = 1 << 9;

/**
 * Encode a model (built in the worker) into columns to transfer, each node's row made by `rowOf`
 * from its entry as it is written (a row the model holds already, or one made for the moment).
 */
export function encodeTree<E extends TreeEntry>(
  model: TreeModel<E>,
  rowOf: (entry: E) => FsRow,
): EncodedTree {
  const n = model.size;
  const spans = new Uint32Array(n * 4);
  const ints = new Int32Array(n * INTS);
  const numbers = new Float64Array(n * 4);
  const extras: EncodedTree['extras'] = {};
  let text = new Uint16Array(Math.max(64, n * 8));
  let at = 0;
  const put = (s: string): [number, number] => {
    if (at + s.length > text.length) {
      const grown = new Uint16Array(Math.max(text.length * 2, at + s.length));
      grown.set(text.subarray(0, at));
      text = grown;
    }
    const start = at;
    for (let i = 0; i < s.length; i++) text[at++] = s.charCodeAt(i);
    return [start, at];
  };
  for (let id = 0; id < n; id++) {
    const name = id === 0 ? '' : model.nameOf(id);
    const [ns, ne] = put(name);
    const path = model.pathOf(id);
    const parent = id === 0 ? '' : model.parentOf(id) === 0 ? '' : model.pathOf(model.parentOf(id));
    const x: EncodedTree['extras'][number] = {};
    if (id !== 0 && path !== `${parent}/${name}`) x.path = path;
    const item = model.entryOf(id);
    const e = item === null ? null : rowOf(item);
    let [ls, le] = [0, 0];
    if (e) {
      if (e.linkTarget !== null) [ls, le] = put(e.linkTarget);
      const c = e.content;
      const flags =
        HAS_ENTRY |
        (Math.max(0, TYPES.indexOf(e.type)) << TYPE_SHIFT) |
        (Math.max(0, CHANGES.indexOf(e.change)) << CHANGE_SHIFT) |
        (e.implicit ? IMPLICIT : 0) |
        (e.opaque ? OPAQUE : 0) |
        (e.linkTarget !== null ? HAS_LINK : 0) |
        (c ? HAS_CONTENT : 0);
      ints.set(
        [flags, e.mode, e.uid, e.gid, e.layer, e.index, c?.layer ?? 0, c?.index ?? 0],
        id * INTS,
      );
      numbers.set([e.size, e.mtime, c?.dataOffset ?? 0, c?.size ?? 0], id * 4);
      if (e.removedBy) x.removedBy = e.removedBy;
      if (c && c.sparseMap !== undefined) x.sparseMap = c.sparseMap;
    }
    spans.set([ns, ne, ls, le], id * 4);
    if (x.path !== undefined || x.removedBy || 'sparseMap' in x) extras[id] = x;
  }
  return { columns: model.columns(), text: text.slice(0, at), spans, ints, numbers, extras };
}

/** The buffers to transfer for an encoded tree. */
export function treeBuffers(t: EncodedTree): ArrayBuffer[] {
  return [
    ...treeColumnBuffers(t.columns),
    ...[t.text, t.spans, t.ints, t.numbers].map((a) => a.buffer as ArrayBuffer),
  ];
}

/** UTF-16 code units as a string, in slices (an argument list has a limit). */
function stringOf(units: Uint16Array): string {
  let out = '';
  for (let i = 0; i < units.length; i += 8192)
    out += String.fromCharCode(...units.subarray(i, i + 8192));
  return out;
}

/**
 * The page's model of an encoded tree: paths and rows are made when first asked (a shown row,
 * a search for a path) and kept; nothing is made per node up front.
 */
export function decodeTree(t: EncodedTree): TreeModel<FsRow> {
  const { spans, ints, numbers, extras } = t;
  const parents = t.columns.parents;
  const paths = new Array<string | undefined>(t.columns.size);
  const rows = new Array<FsRow | null | undefined>(t.columns.size);
  const text = (start: number, end: number): string => stringOf(t.text.subarray(start, end));
  const pathAt = (id: number): string => {
    let path = paths[id];
    if (path === undefined) {
      const parent = parents[id]!;
      path =
        id === 0
          ? '/'
          : (extras[id]?.path ??
            `${parent === 0 ? '' : pathAt(parent)}/${text(spans[id * 4]!, spans[id * 4 + 1]!)}`);
      paths[id] = path;
    }
    return path;
  };
  const entryAt = (id: number): FsRow | null => {
    let row = rows[id];
    if (row === undefined) {
      row = rowAt(id);
      rows[id] = row;
    }
    return row;
  };
  const rowAt = (id: number): FsRow | null => {
    const i = id * INTS;
    const flags = ints[i]!;
    if ((flags & HAS_ENTRY) === 0) return null;
    const x = extras[id];
    const f = id * 4;
    return {
      path: pathAt(id),
      type: TYPES[(flags >> TYPE_SHIFT) & 7]!,
      size: numbers[f]!,
      // Unsigned as they were (the column is signed for layer and index, which may be -1).
      mode: ints[i + 1]! >>> 0,
      uid: ints[i + 2]! >>> 0,
      gid: ints[i + 3]! >>> 0,
      mtime: numbers[f + 1]!,
      linkTarget: flags & HAS_LINK ? text(spans[f + 2]!, spans[f + 3]!) : null,
      layer: ints[i + 4]!,
      index: ints[i + 5]!,
      implicit: (flags & IMPLICIT) !== 0,
      content:
        flags & HAS_CONTENT
          ? {
              layer: ints[i + 6]!,
              index: ints[i + 7]!,
              dataOffset: numbers[f + 2]!,
              size: numbers[f + 3]!,
              ...(x && 'sparseMap' in x
                ? { sparseMap: x.sparseMap as NonNullable<FsRow['content']>['sparseMap'] }
                : {}),
            }
          : null,
      change: CHANGES[(flags >> CHANGE_SHIFT) & 3]!,
      removedBy: x?.removedBy ?? null,
      opaque: (flags & OPAQUE) !== 0,
    };
  };
  return TreeModel.fromColumns(t.columns, pathAt, entryAt);
}
