import { joinPath, parentOf } from './clean-path.ts';
import type { ChangeEntry, ContentSource, FsEntryType, PathEvent } from './types.ts';

/**
 * Everything known about one path: its history (kept after it is deleted) and, while layers are
 * applied, its state in the tree. One record per path, in one Map, keeps lookups per entry low.
 */
export interface PathRecord {
  history: PathEvent[];
  present: boolean;
  type: FsEntryType;
  /** Directories: the canonical paths of their present children. */
  children: Set<string> | null;
  /** The entry that wrote the path (null for an implicit directory) and its layer. */
  entry: ChangeEntry | null;
  layer: number;
  /** Hardlinks: the bytes they share. */
  source: ContentSource | null;
}

/** Why an entry's parent path cannot be resolved. */
export type PlaceError = 'missing' | 'not-directory' | 'symlink-loop';

// Linux gives up after 40 symlinks in one lookup (MAXSYMLINKS).
const MAX_HOPS = 40;

/** The tree being built: a Map of path records, directories holding a set of child paths. */
export class LiveTree {
  readonly records = new Map<string, PathRecord>();
  /** Set by place() when it returns null. */
  error: PlaceError = 'missing';
  /** Set by place() when it returns a path: the record of that path's parent directory. */
  parent: PathRecord | undefined = undefined;

  constructor() {
    const root = this.record('/');
    root.present = true;
    root.children = new Set();
  }

  /** The record of a path, made (absent, with an empty history) if there is none. */
  record(path: string): PathRecord {
    let rec = this.records.get(path);
    if (rec === undefined) {
      rec = {
        history: [],
        present: false,
        type: 'dir',
        children: null,
        entry: null,
        layer: -1,
        source: null,
      };
      this.records.set(path, rec);
    }
    return rec;
  }

  /** The record of a path present in the tree. */
  live(path: string): PathRecord | undefined {
    const rec = this.records.get(path);
    return rec !== undefined && rec.present ? rec : undefined;
  }

  /** Mark a record present and link it under its parent (a present directory, as place() gave it). */
  attach(path: string, rec: PathRecord, parent: PathRecord): void {
    if (rec.present) return;
    rec.present = true;
    parent.children!.add(path);
  }

  /** Unlink `path` from its parent and mark it and everything below absent; returns them, `path` first. */
  detach(path: string): string[] {
    this.records.get(parentOf(path))?.children?.delete(path);
    const removed: string[] = [];
    const stack = [path];
    while (stack.length > 0) {
      const p = stack.pop()!;
      const rec = this.records.get(p);
      if (rec === undefined || !rec.present) continue;
      removed.push(p);
      rec.present = false;
      if (rec.children !== null) for (const child of rec.children) stack.push(child);
      rec.children = null;
      rec.source = null;
    }
    return removed;
  }

  /**
   * Resolve the parent directories of `path` as containerd's fs.RootPath does: a symlink in a
   * parent position is followed inside the root (`..` stops at the root, absolute targets start
   * there); the last component is never followed. With `create`, missing parents are made by
   * calling `onCreate` top-down. Returns where the entry lands, or null (see `error`).
   */
  place(path: string, create: boolean, onCreate: (dir: string) => void): string | null {
    if (path === '/') {
      this.parent = this.records.get('/');
      return path;
    }
    const parent = this.live(parentOf(path));
    if (parent !== undefined && parent.type === 'dir') {
      this.parent = parent;
      return path;
    }
    let parts = path.slice(1).split('/');
    let dir = '/';
    let i = 0;
    let hops = 0;
    while (i < parts.length - 1) {
      const next = joinPath(dir, parts[i]!);
      const rec = this.live(next);
      if (rec === undefined) {
        if (!create) return this.fail('missing');
        onCreate(next);
      } else if (rec.type === 'symlink') {
        if (++hops > MAX_HOPS) return this.fail('symlink-loop');
        const target = resolveWithin(dir, rec.entry?.linkTarget ?? '');
        parts = [...(target === '/' ? [] : target.slice(1).split('/')), ...parts.slice(i + 1)];
        dir = '/';
        i = 0;
        continue;
      } else if (rec.type !== 'dir') {
        return this.fail('not-directory');
      }
      dir = next;
      i++;
    }
    this.parent = this.live(dir);
    return joinPath(dir, parts[parts.length - 1]!);
  }

  private fail(error: PlaceError): null {
    this.error = error;
    return null;
  }
}

/** Resolve a symlink target found in `dir`, clamping `..` at the root (securejoin semantics). */
export function resolveWithin(dir: string, target: string): string {
  const parts: string[] = target.startsWith('/') || dir === '/' ? [] : dir.slice(1).split('/');
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return '/' + parts.join('/');
}
