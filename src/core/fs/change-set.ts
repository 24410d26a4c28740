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
export function buildChangeSet(entries: readonly TarEntry[], layerName: string): LayerChanges {
  const out: ChangeEntry[] = [];
  const problems: Problem[] = [];
  const report = (
    severity: Problem['severity'],
    code: ProblemCode,
    index: number,
    message: string,
    rule?: string,
  ) => {
    const where = `${layerName} entry ${index} ${JSON.stringify(entries[index]!.path)}`;
    problems.push(problem(severity, code, where, message, rule));
  };
  for (let index = 0; index < entries.length; index++) {
    const tar = entries[index]!;
    const cleaned = cleanPath(tar.path);
    if (!cleaned.ok) {
      report('error', `path-${cleaned.error}`, index, PATH_MESSAGES[cleaned.error]);
      continue;
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
    const marker = path.lastIndexOf('/' + WHITEOUT_PREFIX);
    if (marker !== -1) {
      const parent = parentOf(path);
      const slash = parent.length === 1 ? 0 : parent.length;
      const inParent = slash > 0 && path.lastIndexOf('/' + WHITEOUT_PREFIX, slash - 1) !== -1;
      if (marker !== slash || inParent) {
        report(
          'error',
          'whiteout-name-in-path',
          index,
          'a directory in the path is named like a whiteout marker; such names cannot exist in an image',
          WHITEOUT_RULE,
        );
        continue;
      }
      const base = baseName(path);
      if (base === OPAQUE_MARKER) {
        entry.type = 'opaque';
        entry.path = parent;
        entry.markerPath = path;
      } else if (base.startsWith(META_PREFIX)) {
        report(
          'warning',
          'whiteout-meta-skipped',
          index,
          'an aufs metadata marker (`.wh..wh.*`, not the opaque marker) is not part of the filesystem; skipped',
          WHITEOUT_RULE,
        );
        continue;
      } else {
        const name = base.slice(WHITEOUT_PREFIX.length);
        if (name === '' || name === '.' || name === '..') {
          // Obeyed, these would delete the marker's own directory or its parent.
          report(
            'error',
            'whiteout-invalid',
            index,
            `the whiteout names ${JSON.stringify(name)}; expected the basename of a sibling`,
            WHITEOUT_RULE,
          );
          continue;
        }
        entry.type = 'whiteout';
        entry.path = joinPath(parent, name);
        entry.markerPath = path;
      }
      out.push(entry);
      continue;
    }
    if (tar.type === 'unknown') {
      report(
        'warning',
        'entry-type-unknown',
        index,
        'the member type is not one a filesystem holds; skipped',
      );
      continue;
    }
    if (path === '/' && tar.type !== 'dir') {
      report(
        'error',
        'root-not-directory',
        index,
        `the root is given as a ${tar.type}; expected a directory`,
      );
      continue;
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
          index,
          `the hardlink target ${raw} is not a path in the image: ${why}`,
        );
        continue;
      }
      entry.linkTarget = target.path;
    }
    out.push(entry);
  }
  return { entries: out, problems };
}
