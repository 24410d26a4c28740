import type { FsRow, TreeMode } from '../../../../core/fs/fs-rows.ts';
import type { LoadedImage } from '../../../state/loaded-image.ts';
import { PAGE_SIZE } from './file-kind.ts';
import { FileViewer } from './file-viewer.tsx';
import { ReadingNote } from './reading-note.tsx';
import { useFilePages } from './use-file-pages.ts';
import { useFileSave } from './use-file-save.ts';
import type { FsSource } from '../use-filesystem.ts';

/** The selected row's file in the viewer: its pages as they are read, and saving it. */
export function SelectedFile(props: {
  image: LoadedImage;
  source: FsSource;
  row: FsRow | null;
  mode: TreeMode;
  onNavigate: (path: string) => void;
  hrefFor: (path: string) => string;
}) {
  const { image, source, row } = props;
  const pages = useFilePages(image, source, row, props.mode);
  const save = useFileSave(image, source, pages.file, pages.head);
  const { readable, page } = pages;
  const path = row?.path ?? null;
  const readError = pages.error as Error | null;
  return (
    <FileViewer
      file={row}
      bytes={readable ? pages.bytes : new Uint8Array(0)}
      head={readable ? (pages.head?.bytes ?? null) : new Uint8Array(0)}
      page={page}
      pageSize={PAGE_SIZE}
      firstLine={pages.firstLine}
      loading={readable && pages.bytes === null && !readError}
      error={readError ? readError.message : null}
      onPageChange={pages.setPage}
      onNavigate={props.onNavigate}
      hrefFor={props.hrefFor}
      {...(readable ? { onDownload: save.download } : {})}
      saving={save.saving && save.saving.path === path ? save.saving : null}
      saveError={save.saveError && save.saveError.path === path ? save.saveError.message : null}
      via={readable ? pages.via : null}
      readingNote={
        path ? <ReadingNote store={pages.reads} path={path} offset={page * PAGE_SIZE} /> : null
      }
    />
  );
}
