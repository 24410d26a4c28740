import type {
  DirDelta,
  FileChangeKind,
  FileDiff,
  FileSide,
  JsonChange,
} from '../../../core/diff/types.ts';
import { formatBytes } from '../../components/format.ts';

/** Every kind of file change, in the order the view lists its toggles. */
export const FILE_KINDS: readonly FileChangeKind[] = [
  'added',
  'removed',
  'content',
  'metadata',
  'type',
];

/** How the view names each kind of change. */
export const KIND_LABELS: Record<FileChangeKind, string> = {
  added: 'added',
  removed: 'removed',
  content: 'content',
  metadata: 'metadata only',
  type: 'type',
};

/** A size change for people: `+1.20 kB`, `−340 B`, `0 B` (a real minus sign). */
export function formatDelta(n: number): string {
  if (n === 0) return '0 B';
  return `${n > 0 ? '+' : '−'}${formatBytes(Math.abs(n))}`;
}

/** The bytes a file's change adds (negative: removes): B's size less A's. */
export function fileDelta(f: FileDiff): number {
  const size = (s: FileSide | undefined): number =>
    s && (s.type === 'file' || s.type === 'hardlink') ? s.size : 0;
  return size(f.b) - size(f.a);
}

/** How many changes of each kind. */
export function kindCounts(files: readonly FileDiff[]): Record<FileChangeKind, number> {
  const out: Record<FileChangeKind, number> = {
    added: 0,
    removed: 0,
    content: 0,
    metadata: 0,
    type: 0,
  };
  for (const f of files) out[f.kind]++;
  return out;
}

/** The order of the file list: by path, or by how many bytes each change adds or removes. */
export type FileOrder = 'path' | 'delta';

/** The changes of the kinds shown, whose path holds `query`, in the chosen order (a new array). */
export function visibleFiles(
  files: readonly FileDiff[],
  kinds: ReadonlySet<FileChangeKind>,
  query: string,
  order: FileOrder,
): FileDiff[] {
  const q = query.trim().toLowerCase();
  const out = files.filter((f) => kinds.has(f.kind) && (!q || f.path.toLowerCase().includes(q)));
  if (order === 'delta')
    out.sort(
      (x, y) => Math.abs(fileDelta(y)) - Math.abs(fileDelta(x)) || (x.path < y.path ? -1 : 1),
    );
  else out.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
  return out;
}

/** The order of the directory table. */
export type DirOrder = 'delta' | 'path' | 'growth' | 'shrink';

/** Directories in the chosen order: largest change either way, by path, most grown, most shrunk. */
export function sortedDirs(dirs: readonly DirDelta[], order: DirOrder): DirDelta[] {
  const byPath = (x: DirDelta, y: DirDelta): number =>
    x.path < y.path ? -1 : x.path > y.path ? 1 : 0;
  const out = [...dirs];
  if (order === 'path') return out.sort(byPath);
  if (order === 'growth') return out.sort((x, y) => y.delta - x.delta || byPath(x, y));
  if (order === 'shrink') return out.sort((x, y) => x.delta - y.delta || byPath(x, y));
  return out.sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || byPath(x, y));
}

/** A document's changes the view shows, and how many the noise filter hides. */
export function shownChanges(changes: readonly JsonChange[]): {
  shown: JsonChange[];
  hidden: number;
} {
  const shown = changes.filter((c) => !c.noise);
  return { shown, hidden: changes.length - shown.length };
}

/** The longest a JSON value is shown in a diff row before it is cut (the full value is in the tooltip). */
export const VALUE_CHARS = 240;

/** A JSON value as one line of text, cut at `VALUE_CHARS` (`…` said); absent values are empty. */
export function valueText(v: unknown, max = VALUE_CHARS): { text: string; cut: boolean } {
  if (v === undefined) return { text: '', cut: false };
  const full = JSON.stringify(v) ?? String(v);
  return full.length > max
    ? { text: `${full.slice(0, max)}…`, cut: true }
    : { text: full, cut: false };
}

/** A file's owner as `uid:gid`. */
export const ownerOf = (s: FileSide): string => `${s.uid}:${s.gid}`;
