import { useState } from 'react';
import type { FsRow } from '../../../core/fs/fs-rows.ts';
import type { LoadedImage } from '../../state/loaded-image.ts';
import { PAGE_SIZE } from './file-kind.ts';
import { fetchFsBlob, type FsSource } from './use-filesystem.ts';

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

/** A download in flight (bytes so far), or the error of the last one, each for its path. */
export interface FileDownload {
  saving: { path: string; bytes: number; total: number } | null;
  saveError: { path: string; message: string } | null;
  download: () => void;
}

/**
 * Save the selected file's exact bytes: a small file from the page already read, a larger one
 * whole from the worker, with progress and a named error.
 */
export function useFileDownload(
  image: LoadedImage,
  source: FsSource,
  row: FsRow | null,
  file: { path: string; layer: number } | null,
  head: { size: number; bytes: Uint8Array } | undefined,
): FileDownload {
  const [saving, setSaving] = useState<FileDownload['saving']>(null);
  const [saveError, setSaveError] = useState<FileDownload['saveError']>(null);
  const download = () => {
    if (!row || !file || saving) return;
    const name = row.path.slice(row.path.lastIndexOf('/') + 1);
    const small = head && head.size <= PAGE_SIZE ? head.bytes : null;
    const path = row.path;
    setSaveError(null);
    let whole: Promise<Blob>;
    if (small) whole = Promise.resolve(new Blob([small as BlobPart]));
    else {
      setSaving({ path, bytes: 0, total: row.size });
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
