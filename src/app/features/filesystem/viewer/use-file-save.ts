import { useState } from 'react';
import type { FsFile } from '../../../../worker/fs-client.ts';
import type { FsReadResult } from '../../../../worker/fs-session.ts';
import type { LoadedImage } from '../../../state/loaded-image.ts';
import { PAGE_SIZE } from './file-kind.ts';
import { fetchFsBlob, type FsSource } from '../use-filesystem.ts';

/** Hand a Blob to the browser's download. */
function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  // The download has its own reference by the time this runs.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A save in progress (bytes gathered so far), or why the last one failed, for one path. */
export interface FileSave {
  saving: { path: string; bytes: number; total: number } | null;
  saveError: { path: string; message: string } | null;
  /** Save the file: a small one from the page already read, a large one gathered in the worker. */
  download: () => void;
}

/** Saving the selected file to the user's disk. */
export function useFileSave(
  image: LoadedImage,
  source: FsSource,
  file: (FsFile & { size: number }) | null,
  head: FsReadResult | undefined,
): FileSave {
  const [saving, setSaving] = useState<FileSave['saving']>(null);
  const [saveError, setSaveError] = useState<FileSave['saveError']>(null);
  const download = () => {
    if (!file || saving) return;
    const { path } = file;
    const name = path.slice(path.lastIndexOf('/') + 1);
    const small = head && head.size <= PAGE_SIZE ? head.bytes : null;
    setSaveError(null);
    let whole: Promise<Blob>;
    if (small) whole = Promise.resolve(new Blob([small as BlobPart]));
    else {
      setSaving({ path, bytes: 0, total: file.size });
      whole = fetchFsBlob(image, source, file, (p) => setSaving({ path, ...p }));
    }
    whole
      .then((blob) => saveBlob(blob, name))
      .catch((e: unknown) =>
        setSaveError({ path, message: `Could not save ${path}: ${(e as Error).message}` }),
      )
      .finally(() => setSaving(null));
  };
  return { saving, saveError, download };
}
