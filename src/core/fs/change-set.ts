import type { TarEntry } from '../layers/tar-entry.ts';
import { problem } from '../oci/problem.ts';
import type { Problem } from '../oci/problem.ts';
import type { ProblemCode } from '../oci/problem-codes.ts';
import { baseName, cleanPath, joinPath, parentOf } from './clean-path.ts';
import type { PathError } from './clean-path.ts';
import type { ChangeEntry } from './types.ts';

/** One layer's change set: its entries cleaned and classified, in archive order, and what was skipped. */
export interface LayerChanges {
  entries: ChangeEntry[];
  problems: Problem[];
}

/** The opaque-directory marker (image-spec layer.md "Opaque Whiteout"). */
export const OPAQUE_MARKER = '.wh..wh..opq';
/** The prefix that makes a name a whiteout marker (image-spec layer.md "Whiteouts"). */
export const WHITEOUT_PREFIX = '.wh.';
// aufs kept its own metadata under this prefix (`.wh..wh.plnk`, `.wh..wh.aufs`); containerd skips it.
const META_PREFIX = '.wh..wh.';
const WHITEOUT_RULE = 'image-spec layer.md#whiteouts';

const PATH_MESSAGES: Record<PathError, string> = {
  empty: 'the member name is empty; expected a path',
  nul: 'the member name holds a NUL byte; expected a path without one',
  'escapes-root': "the member name's `..` climbs out of the root; expected a path inside the image",
};

/**
 * Read a layer's tar members (archive order) into its change set: paths cleaned, whiteout and
 * opaque markers turned into `whiteout` / `opaque` entries, hardlink targets made absolute.
 * Members that cannot name a path in the image are skipped and reported, never followed.
 */
export function buildChangeSet(entries: Iterable<TarEntry>, layerName: string): LayerChanges {
  const out: ChangeEntry[] = [];
  const problems: Problem[] = [];
  let index = 0;
  let current: TarEntry | undefined;
  // One reporter for the loop (no closure per entry): it names the entry being read.
  const report: Report = (severity, code, message, rule) => {
    const where = `${layerName} entry ${index} ${JSON.stringify(current!.path)}`;
    problems.push(problem(severity, code, where, message, rule));
  };
  // Iterated once, in order: a caller may decode each member as it is asked for (the worker's
  // columns), so a layer's members never all exist as objects beside its change set.
  for (current of entries) {
    const entry = changeOf(current, index, report);
    if (entry) out.push(entry);
    index++;
  }
  return { entries: out, problems };
}

/** Report a problem of the entry being read. */
type Report = (
  severity: Problem['severity'],
  code: ProblemCode,
  message: string,
  rule?: string,
) => void;

/** One tar entry as a change: a member, a whiteout or an opaque marker; null when skipped. */
function changeOf(tar: TarEntry, index: number, report: Report): ChangeEntry | null {
  const cleaned = cleanPath(tar.path);
  if (!cleaned.ok) {
    report('error', `path-${cleaned.error}`, PATH_MESSAGES[cleaned.error]);
    return null;
  }
  const path = cleaned.path;
  // Every entry has the same shape: one hidden class for all of them.
  const entry: ChangeEntry = {
    path,
    type: 'file',
    markerPath: undefined,
    size: tar.size,
    mode: tar.mode & 0o7777,
    uid: tar.uid,
    gid: tar.gid,
    mtime: tar.mtime,
    linkTarget: undefined,
    dataOffset: tar.dataOffset,
    sparseMap: tar.sparse === true ? (tar.sparseMap ?? null) : undefined,
    index,
  };
  return path.lastIndexOf('/' + WHITEOUT_PREFIX) !== -1
    ? markerChange(entry, report)
    : memberChange(entry, tar, report);
}

/** A path holding `.wh.`: a whiteout, an opaque marker, or a name no image can hold. */
function markerChange(entry: ChangeEntry, report: Report): ChangeEntry | null {
  const path = entry.path;
  const marker = path.lastIndexOf('/' + WHITEOUT_PREFIX);
  const parent = parentOf(path);
  const slash = parent.length === 1 ? 0 : parent.length;
  const inParent = slash > 0 && path.lastIndexOf('/' + WHITEOUT_PREFIX, slash - 1) !== -1;
  if (marker !== slash || inParent) {
    report(
      'error',
      'whiteout-name-in-path',
      'a directory in the path is named like a whiteout marker; such names cannot exist in an image',
      WHITEOUT_RULE,
    );
    return null;
  }
  const base = baseName(path);
  if (base === OPAQUE_MARKER) {
    entry.type = 'opaque';
    entry.path = parent;
    entry.markerPath = path;
    return entry;
  }
  if (base.startsWith(META_PREFIX)) {
    report(
      'warning',
      'whiteout-meta-skipped',
      'an aufs metadata marker (`.wh..wh.*`, not the opaque marker) is not part of the filesystem; skipped',
      WHITEOUT_RULE,
    );
    return null;
  }
  const name = base.slice(WHITEOUT_PREFIX.length);
  if (name === '' || name === '.' || name === '..') {
    // Obeyed, these would delete the marker's own directory or its parent.
    report(
      'error',
      'whiteout-invalid',
      `the whiteout names ${JSON.stringify(name)}; expected the basename of a sibling`,
      WHITEOUT_RULE,
    );
    return null;
  }
  entry.type = 'whiteout';
  entry.path = joinPath(parent, name);
  entry.markerPath = path;
  return entry;
}

/** A member of the filesystem: its type, and a link's target (a hardlink's as a clean path). */
function memberChange(entry: ChangeEntry, tar: TarEntry, report: Report): ChangeEntry | null {
  if (tar.type === 'unknown') {
    report(
      'warning',
      'entry-type-unknown',
      'the member type is not one a filesystem holds; skipped',
    );
    return null;
  }
  if (entry.path === '/' && tar.type !== 'dir') {
    report(
      'error',
      'root-not-directory',
      `the root is given as a ${tar.type}; expected a directory`,
    );
    return null;
  }
  entry.type = tar.type;
  if (tar.type === 'symlink') {
    entry.linkTarget = tar.linkTarget ?? '';
  } else if (tar.type === 'hardlink') {
    const target = cleanPath(tar.linkTarget ?? '');
    if (!target.ok) {
      const raw = JSON.stringify(tar.linkTarget ?? '');
      const why = PATH_MESSAGES[target.error];
      report(
        'error',
        `hardlink-target-${target.error}`,
        `the hardlink target ${raw} is not a path in the image: ${why}`,
      );
      return null;
    }
    entry.linkTarget = target.path;
  }
  return entry;
}
