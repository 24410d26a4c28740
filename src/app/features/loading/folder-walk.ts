import { pickedFolder, type Picked } from './picked.ts';

// Only the parts of the File and Directory Entries API used here (Chromium, Firefox, Safari).
interface FsEntry {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  fullPath: string;
}
interface FsFileEntry extends FsEntry {
  file(ok: (f: File) => void, fail: (e: unknown) => void): void;
}
interface FsDirectoryEntry extends FsEntry {
  createReader(): {
    readEntries(ok: (entries: FsEntry[]) => void, fail: (e: unknown) => void): void;
  };
}

const fileOf = (e: FsFileEntry): Promise<File> => new Promise((ok, fail) => e.file(ok, fail));

async function readAll(dir: FsDirectoryEntry): Promise<FsEntry[]> {
  const reader = dir.createReader();
  const out: FsEntry[] = [];
  // readEntries returns at most 100 entries per call in Chromium: call until it returns none.
  for (;;) {
    const batch = await new Promise<FsEntry[]>((ok, fail) => reader.readEntries(ok, fail));
    if (batch.length === 0) return out;
    out.push(...batch);
  }
}

async function walk(
  entry: FsEntry,
  prefix: string,
  out: [string, File][],
  signal: AbortSignal,
): Promise<void> {
  signal.throwIfAborted();
  const path = prefix ? `${prefix}/${entry.name}` : entry.name;
  if (entry.isFile) out.push([path, await fileOf(entry as FsFileEntry)]);
  else if (entry.isDirectory) {
    for (const child of await readAll(entry as FsDirectoryEntry))
      await walk(child, path, out, signal);
  }
}

/** Take the entries of a drop; must run inside the drop event, before the data transfer is cleared. */
export function takeDropEntries(dt: DataTransfer): { entries: FsEntry[]; files: File[] } {
  const entries: FsEntry[] = [];
  for (const item of [...dt.items]) {
    if (item.kind !== 'file') continue;
    const e = (
      item as DataTransferItem & { webkitGetAsEntry?: () => FsEntry | null }
    ).webkitGetAsEntry?.();
    if (e) entries.push(e);
  }
  return { entries, files: [...dt.files] };
}

/**
 * Turn a drop into what to open: one file as a file; a folder (walked recursively) or several
 * items as a folder whose paths are relative to the drop.
 */
export async function pickedFromDrop(
  drop: { entries: FsEntry[]; files: File[] },
  signal: AbortSignal,
): Promise<Picked | null> {
  const { entries, files } = drop;
  if (entries.length === 0) return files[0] ? { kind: 'file', file: files[0] } : null;
  if (entries.length === 1 && entries[0]!.isFile) {
    return { kind: 'file', file: files[0] ?? (await fileOf(entries[0] as FsFileEntry)) };
  }
  const out: [string, File][] = [];
  for (const e of entries) await walk(e, '', out, signal);
  const name = entries.length === 1 ? entries[0]!.name : 'dropped files';
  return pickedFolder(name, out, signal);
}
