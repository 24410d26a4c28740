import type { FsRow } from './fs-rows.ts';

/** dive's tree toggles: which change types show, and folders only. */
export interface ChangeFilter {
  added: boolean;
  modified: boolean;
  deleted: boolean;
  unmodified: boolean;
  dirsOnly: boolean;
}

/** Everything shown. */
export const SHOW_ALL: ChangeFilter = {
  added: true,
  modified: true,
  deleted: true,
  unmodified: true,
  dirsOnly: false,
};

/** True when the filter keeps every row (so the rows can be used as they are). */
export function keepsAll(f: ChangeFilter): boolean {
  return f.added && f.modified && f.deleted && f.unmodified && !f.dirsOnly;
}

/**
 * The rows a filter keeps. A folder hidden by its own change type still shows when something
 * kept lies below it (the tree implies parents), as dive keeps the path to a shown change.
 */
export function filterChanges(rows: readonly FsRow[], f: ChangeFilter): readonly FsRow[] {
  if (keepsAll(f)) return rows;
  return rows.filter((r) => {
    if (f.dirsOnly && r.type !== 'dir') return false;
    if (r.change === null) return f.unmodified;
    return f[r.change];
  });
}
