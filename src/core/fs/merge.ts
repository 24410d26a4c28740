import { problem } from '../oci/problem.ts';
import type { Problem } from '../oci/problem.ts';
import type { ProblemCode } from '../oci/problem-codes.ts';
import { buildChangeSet } from './change-set.ts';
import { parentOf } from './clean-path.ts';
import { LiveTree } from './live-tree.ts';
import type { PathRecord, PlaceError } from './live-tree.ts';
import type {
  ChangeEntry,
  ContentSource,
  History,
  LayerInput,
  PathEvent,
  RemovalMarker,
} from './types.ts';

/** Everything the merge learns: per-path histories (the source of every view) and per-layer facts. */
export interface MergeResult {
  /** Every path ever present → its events in layer order (one alone, or an array). */
  paths: ReadonlyMap<string, History>;
  /** Per layer: its change set in archive order. */
  changes: ChangeEntry[][];
  /** Per layer: the paths it touched (may repeat). */
  touched: string[][];
  /** Per layer: lower-layer paths its whiteout and opaque markers removed (may repeat). */
  removedFromLower: string[][];
  /** Per layer: for each whiteout of a directory, entry index → file bytes it removed (dive's whiteout size). */
  whiteoutBytes: Map<number, number>[];
  /** Per layer: what was skipped or could not be applied. */
  problems: Problem[][];
}

const PLACE_MESSAGES: Record<PlaceError, string> = {
  missing: 'a parent directory is missing',
  'not-directory': 'a parent path is not a directory; expected a directory or a symlink to one',
  'symlink-loop': 'resolving the parent path follows more than 40 symlinks; expected no loop',
};

/**
 * Apply layers in order, exactly as image-spec layer.md and containerd's applier do, and record
 * every change to every path. Within a layer: (1) opaque markers, then whiteouts, act on what
 * lower layers left (layer.md: "applied first ... regardless of the ordering"; "whiteout files
 * MUST only apply to resources in lower/parent layers"); (2) the other entries are applied in
 * archive order: a directory over a directory changes attributes only, anything else replaces
 * the path and what was below it; missing parents are created (mode 0755, as umoci's MkdirAll).
 */
export function mergeLayers(layers: readonly LayerInput[]): MergeResult {
  const merger = new Merger();
  for (let i = 0; i < layers.length; i++) merger.apply(i, layers[i]!);
  return merger.finish();
}

class Merger {
  private readonly tree = new LiveTree();
  private readonly result: Omit<MergeResult, 'paths'> = {
    changes: [],
    touched: [],
    removedFromLower: [],
    whiteoutBytes: [],
    problems: [],
  };
  private layer = 0;
  private name = '';
  private touched: string[] = [];
  private removed: string[] = [];
  private whiteoutBytes = new Map<number, number>();
  private problems: Problem[] = [];
  /** Hardlink target (as placed) → link path → the link's entry (to unlink when the target goes). */
  private readonly linksTo = new Map<string, Map<string, ChangeEntry>>();
  /** Where the last `linkSource` found its target (symlinked parents resolved). */
  private linkPlaced = '';
  private readonly createImplicit = (dir: string): void => {
    const rec = this.tree.record(dir);
    rec.type = 'dir';
    rec.children = new Set();
    rec.entry = null;
    rec.layer = this.layer;
    this.tree.attach(dir, rec, this.tree.live(parentOf(dir))!);
    this.record(dir, rec, 'added', undefined, undefined, undefined, true);
  };

  /**
   * The result: each path's history alone. The tree's state (a record per path, a set of
   * children per directory) is only for applying layers: 300,000 paths kept it as ~35 MB.
   */
  finish(): MergeResult {
    // In place: each key's value replaced (a second map of every path would be ~10 MB more).
    const paths = this.tree.records as Map<string, PathRecord | History>;
    for (const [path, rec] of this.tree.records)
      paths.set(path, rec.history.length === 1 ? rec.history[0]! : rec.history);
    return { ...this.result, paths: paths as Map<string, History> };
  }

  apply(layer: number, input: LayerInput): void {
    this.layer = layer;
    this.name = input.name ?? `layer ${layer}`;
    const { entries, problems } = buildChangeSet(input.entries, this.name);
    this.problems = problems;
    this.touched = [];
    this.removed = [];
    this.whiteoutBytes = new Map();
    for (const e of entries) if (e.type === 'opaque') this.applyOpaque(e);
    for (const e of entries) if (e.type === 'whiteout') this.applyWhiteout(e);
    for (const e of entries) {
      if (e.type === 'opaque' || e.type === 'whiteout') this.ensureMarkerDir(e);
      else this.applyEntry(e);
    }
    this.result.changes.push(entries);
    this.result.touched.push(this.touched);
    this.result.removedFromLower.push(this.removed);
    this.result.whiteoutBytes.push(this.whiteoutBytes);
    this.result.problems.push(this.problems);
  }

  private applyOpaque(e: ChangeEntry): void {
    const placed = this.tree.place(e.markerPath!, false, this.createImplicit);
    const dir = placed === null ? undefined : this.tree.live(parentOf(placed));
    if (dir?.children == null) return;
    const marker: RemovalMarker = { kind: 'opaque', path: e.markerPath! };
    for (const child of [...dir.children]) this.remove(child, marker, e, true);
  }

  private applyWhiteout(e: ChangeEntry): void {
    const placed = this.tree.place(e.path, false, this.createImplicit);
    const rec = placed === null ? undefined : this.tree.live(placed);
    if (rec === undefined) return;
    if (rec.type === 'dir') this.whiteoutBytes.set(e.index, this.fileBytesBelow(placed!));
    this.remove(placed!, { kind: 'whiteout', path: e.markerPath! }, e, true);
  }

  /** A marker still implies its directory exists (containerd creates a marker's parents). */
  private ensureMarkerDir(e: ChangeEntry): void {
    if (this.tree.place(e.markerPath!, true, this.createImplicit) === null) this.report(e);
  }

  private applyEntry(e: ChangeEntry): void {
    const path = this.tree.place(e.path, true, this.createImplicit);
    if (path === null) {
      this.report(e);
      return;
    }
    const parent = this.tree.parent!;
    let source: ContentSource | null = null;
    if (e.type === 'hardlink') {
      const found = this.linkSource(e);
      if (found === undefined) return;
      source = found;
    }
    const rec = this.tree.record(path);
    const existed = rec.present;
    if (existed && rec.type !== 'dir') this.unlinkFrom(path);
    if (existed && rec.type === 'dir') {
      if (e.type !== 'dir') {
        // A non-directory replacing a directory removes everything that was below it.
        const marker: RemovalMarker = { kind: 'replaced', path };
        for (const child of [...rec.children!]) this.remove(child, marker, e, false);
      }
    }
    if (e.type === 'dir') {
      if (!existed || rec.type !== 'dir') rec.children = new Set();
    } else {
      rec.children = null;
    }
    rec.type = e.type as PathRecord['type'];
    rec.entry = e;
    rec.layer = this.layer;
    rec.source = source;
    this.tree.attach(path, rec, parent);
    if (e.type === 'hardlink' && source !== null) {
      const links = this.linksTo.get(this.linkPlaced) ?? new Map<string, ChangeEntry>();
      links.set(path, e);
      this.linksTo.set(this.linkPlaced, links);
    }
    this.record(
      path,
      rec,
      existed ? 'modified' : 'added',
      e,
      undefined,
      source ?? undefined,
      undefined,
    );
  }

  /** The bytes a hardlink shares, looked up in the tree as it stands (lower layers included). */
  private linkSource(e: ChangeEntry): ContentSource | null | undefined {
    const target = e.linkTarget!;
    const placed = this.tree.place(target, false, this.createImplicit);
    const rec = placed === null ? undefined : this.tree.live(placed);
    this.linkPlaced = placed ?? '';
    if (rec === undefined || rec.type === 'dir') {
      const [code, what]: [ProblemCode, string] =
        rec === undefined
          ? [
              'hardlink-target-missing',
              'does not exist in this layer or below; expected an earlier path',
            ]
          : ['hardlink-target-directory', 'is a directory; expected a non-directory'];
      this.problems.push(
        problem('error', code, this.where(e), `the hardlink target ${target} ${what}`),
      );
      return undefined;
    }
    if (rec.type === 'file' && rec.entry !== null) {
      const { index, dataOffset, size, sparseMap } = rec.entry;
      return { layer: rec.layer, index, dataOffset, size, sparseMap };
    }
    return rec.source;
  }

  /** Sum of regular-file sizes at and below `path`. */
  private fileBytesBelow(path: string): number {
    let bytes = 0;
    const stack = [path];
    while (stack.length > 0) {
      const rec = this.tree.live(stack.pop()!);
      if (rec === undefined) continue;
      if (rec.type === 'file') bytes += rec.entry?.size ?? 0;
      if (rec.children !== null) for (const child of rec.children) stack.push(child);
    }
    return bytes;
  }

  /**
   * `target` is about to be deleted or replaced: every live hardlink to it becomes a regular file
   * with the bytes it shared (an unpacked rootfs keeps the inode). The link's history says so;
   * the layer's own change set does not list it (its tar has no entry for the link).
   */
  private unlinkFrom(target: string): void {
    const links = this.linksTo.get(target);
    if (links === undefined) return;
    this.linksTo.delete(target);
    for (const [link, entry] of links) {
      const rec = this.tree.live(link);
      // The link may have been replaced or deleted since; then it is not this link any more.
      if (rec === undefined || rec.entry !== entry) continue;
      const event: PathEvent = {
        layer: this.layer,
        action: 'modified',
        entry,
        marker: undefined,
        implicit: undefined,
        source: rec.source ?? undefined,
        unlinked: target,
      };
      const history = rec.history;
      const last = history[history.length - 1];
      if (last !== undefined && last.layer === this.layer && last.action !== 'deleted') {
        event.action = last.action;
        history[history.length - 1] = event;
      } else history.push(event);
    }
  }

  private remove(path: string, marker: RemovalMarker, by: ChangeEntry, fromLower: boolean): void {
    for (const p of this.tree.detach(path)) {
      this.unlinkFrom(p);
      this.record(p, this.tree.record(p), 'deleted', by, marker, undefined, undefined);
      if (fromLower) this.removed.push(p);
    }
  }

  /** Append an event; a second write by the same layer replaces its first instead of stacking. */
  private record(
    path: string,
    rec: PathRecord,
    action: PathEvent['action'],
    entry: ChangeEntry | undefined,
    marker: RemovalMarker | undefined,
    source: ContentSource | undefined,
    implicit: true | undefined,
  ): void {
    const history = rec.history;
    const last = history[history.length - 1];
    // Every event has the same shape: one hidden class for all of them.
    const event: PathEvent = {
      layer: this.layer,
      action,
      entry,
      marker,
      implicit,
      source,
      unlinked: undefined,
    };
    if (
      last !== undefined &&
      last.layer === this.layer &&
      last.action !== 'deleted' &&
      action !== 'deleted'
    ) {
      if (last.action === 'added') event.action = 'added';
      history[history.length - 1] = event;
      return;
    }
    // A first event gets an array of its own size: a push on an empty array reserves room for
    // 17 (~130 bytes more per path, ~40 MB for a layer of 300,000 paths that most never use).
    if (history.length === 0) rec.history = [event];
    else history.push(event);
    this.touched.push(path);
  }

  private report(e: ChangeEntry): void {
    const error = this.tree.error;
    const code = error === 'symlink-loop' ? 'symlink-loop' : 'parent-not-directory';
    this.problems.push(
      problem('error', code, this.where(e), `${PLACE_MESSAGES[error]}; entry skipped`),
    );
  }

  private where(e: ChangeEntry): string {
    return `${this.name} entry ${e.index} ${JSON.stringify(e.markerPath ?? e.path)}`;
  }
}
