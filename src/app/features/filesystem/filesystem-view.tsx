import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ImageSummary } from '../../../core/graph/model.ts';
import { noImageReasons, nonFilesystemReason } from '../../components/non-filesystem.ts';
import { useImageAnalysis } from '../../queries/analysis.ts';
import type { LoadedImage } from '../../state/loaded-image.ts';
import { FileTree } from './file-tree.tsx';
import { ReadingNote } from './reading-note.tsx';
import { KeyedStore } from '../../state/progress-store.ts';
import type { FsReadProgress } from '../../../worker/fs-session.ts';
import { FileViewer } from './file-viewer.tsx';
import { decideView, PAGE_SIZE } from './file-kind.ts';
import { fsHashFor, navigateFs, useFsHash } from './fs-hash.ts';
import { LayerSelector } from './layer-selector.tsx';
import { PathHistory } from './path-history.tsx';
import { WastedSpace } from './wasted-space.tsx';
import { FilterInput } from './tree-filter-input.tsx';
import { applyFilter, compileFilter } from './tree-filter.ts';
import { TreeModel, type SortKey } from './tree-model.ts';
import { expandForFilter, revealPath } from './tree-rows.ts';
import type { FsRow, TreeMode } from '../../../core/fs/fs-rows.ts';
import {
  fetchFsBlob,
  useFsHistory,
  useFsLines,
  useFsRead,
  useFsRows,
  useKeepBlobs,
  useFsSource,
} from './use-filesystem.ts';
import './filesystem.css';

const EMPTY_MODEL = TreeModel.build<FsRow>([]);

/** The layer whose bytes a row shows: deleted rows as the layer before the marker, else the view's. */
function readLayerOf(row: FsRow, mode: TreeMode): number {
  if (row.change === 'deleted' && row.removedBy) return row.removedBy.layer - 1;
  return mode.kind === 'merged' ? mode.upTo : mode.layer;
}

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

/**
 * The filesystem explorer of one image, or, for a manifest that holds no filesystem (an
 * attestation, a signature, an artifact), what it is instead.
 */
export function FilesystemView({
  image,
  summary,
}: {
  image: LoadedImage;
  summary: ImageSummary | null;
}) {
  const reasons = summary
    ? [nonFilesystemReason(summary)].filter((r) => r !== null)
    : noImageReasons(image.graph);
  if (reasons.length > 0)
    return (
      <div className="fs-note callout" role="note" aria-label="No filesystem">
        {reasons.map((r) => (
          <p key={r}>{r}</p>
        ))}
      </div>
    );
  return <FilesystemExplorer image={image} summary={summary} />;
}

/**
 * The filesystem explorer of one image: the layer selector and filter, the tree (built in a
 * worker once every layer is indexed), the file viewer and the selected path's history.
 */
function FilesystemExplorer({
  image,
  summary,
}: {
  image: LoadedImage;
  summary: ImageSummary | null;
}) {
  const hash = useFsHash();
  const analysis = useImageAnalysis(image, summary);
  const source = useFsSource(image, summary);
  useKeepBlobs(image, source);
  const layerCount = summary?.layers.length ?? 0;
  const mode: TreeMode = hash.mode ?? { kind: 'merged', upTo: Math.max(0, layerCount - 1) };
  const [showDeleted, setShowDeleted] = useState(true);
  const [sort, setSort] = useState<SortKey>('name');
  const [filterText, setFilterText] = useState('');
  const rowsQuery = useFsRows(image, source, mode, showDeleted);
  const rows = rowsQuery.data?.rows;
  const model = useMemo(() => (rows ? TreeModel.build<FsRow>(rows) : EMPTY_MODEL), [rows]);
  const compiled = useMemo(() => compileFilter(filterText), [filterText]);
  const filter = useMemo(
    () => (compiled && !compiled.error ? applyFilter(model, compiled) : null),
    [model, compiled],
  );
  const selected = hash.path;
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set());
  // A selection from the URL (a reload, a link) opens the folders above it.
  const revealed = useRef<string | null>(null);
  useEffect(() => {
    if (!selected || model === EMPTY_MODEL) return;
    const key = `${selected} ${model.size}`;
    if (revealed.current === key) return;
    revealed.current = key;
    setExpanded((e) => revealPath(model, e, selected));
  }, [selected, model]);
  useEffect(() => {
    if (filter) setExpanded((e) => expandForFilter(e, filter));
  }, [filter]);

  const selectedId = selected ? model.idOf(selected) : undefined;
  const selectedRow = selectedId !== undefined ? model.entryOf(selectedId) : null;
  const readable =
    selectedRow !== null &&
    (selectedRow.type === 'file' || selectedRow.type === 'hardlink') &&
    selectedRow.size > 0;
  const [page, setPage] = useState(0);
  useEffect(() => setPage(0), [selected]);
  const fileRef =
    readable && selectedRow
      ? { path: selectedRow.path, layer: readLayerOf(selectedRow, mode) }
      : null;
  const length = selectedRow ? Math.min(PAGE_SIZE, selectedRow.size) : 0;
  const reads = useMemo(() => new KeyedStore<FsReadProgress>(), []);
  const head = useFsRead(image, source, fileRef, 0, length, reads);
  const pageRead = useFsRead(
    image,
    source,
    page > 0 ? fileRef : null,
    page * PAGE_SIZE,
    PAGE_SIZE,
    reads,
  );
  // A later page of a text file numbers its lines as in the whole file: the worker counts the
  // newlines before the page (paging on counts one more page).
  const headData = head.data;
  const isText = useMemo(
    () => headData !== undefined && decideView(headData.bytes, headData.size).kind === 'text',
    [headData],
  );
  const lines = useFsLines(image, source, page > 0 && isText ? fileRef : null, page * PAGE_SIZE);
  const history = useFsHistory(image, source, selected);
  const config = summary?.configDocument;
  const createdBy = useCallback(
    (layer: number): string | null => {
      const h = config?.history.find((e) => e.layerIndex === layer);
      return h?.createdBy ?? null;
    },
    [config],
  );

  const select = useCallback((path: string) => navigateFs({ view: 'fs', path }), []);
  const setMode = (m: TreeMode) => navigateFs({ mode: m });
  const hrefFor = (path: string) => fsHashFor({ view: 'fs', path }, location.hash);

  const bytes = page === 0 ? (head.data?.bytes ?? null) : (pageRead.data?.bytes ?? null);
  const readError = (page === 0 ? head.error : pageRead.error) as Error | null;
  const [saving, setSaving] = useState<{ path: string; bytes: number; total: number } | null>(null);
  const [saveError, setSaveError] = useState<{ path: string; message: string } | null>(null);
  const download = () => {
    if (!selectedRow || !fileRef || saving) return;
    const name = selectedRow.path.slice(selectedRow.path.lastIndexOf('/') + 1);
    const small = head.data && head.data.size <= PAGE_SIZE ? head.data.bytes : null;
    const path = selectedRow.path;
    setSaveError(null);
    let whole: Promise<Blob>;
    if (small) whole = Promise.resolve(new Blob([small as BlobPart]));
    else {
      setSaving({ path, bytes: 0, total: selectedRow.size });
      whole = fetchFsBlob(image, source, fileRef, (p) => setSaving({ path, ...p }));
    }
    whole
      .then((blob) => saveBlob(blob, name))
      .catch((e: unknown) =>
        setSaveError({ path, message: `Could not save ${path}: ${(e as Error).message}` }),
      )
      .finally(() => setSaving(null));
  };

  return (
    <div className="fs-explorer">
      <div className="fs-explorer-bar">
        <LayerSelector
          layerCount={layerCount}
          mode={mode}
          onModeChange={setMode}
          createdBy={createdBy}
          showDeleted={showDeleted}
          onShowDeletedChange={setShowDeleted}
        />
        <FilterInput
          value={filterText}
          onChange={setFilterText}
          compiled={compiled}
          matches={filter ? filter.matches : null}
        />
      </div>
      <div className="fs-explorer-main">
        <div className="fs-explorer-tree">
          {source.args !== null && source.unreadable.length > 0 && (
            <p className="fs-note warn-text" role="note">
              {source.unreadable.length === source.total ? 'No layer' : 'Not every layer'} could be
              read as a tar (layer {source.unreadable.map((i) => i + 1).join(', ')}); such a layer
              is shown empty here, and its problem is listed on it.
            </p>
          )}
          {source.args === null ? (
            <p className="fs-note" role="status">
              Reading the layers… {source.indexed}/{source.total} indexed
            </p>
          ) : rowsQuery.error ? (
            <p className="fs-note error-text" role="alert">
              {String((rowsQuery.error as Error).message)}
            </p>
          ) : !rows ? (
            <p className="fs-note" role="status">
              Merging the layers…
            </p>
          ) : (
            <FileTree<FsRow>
              model={model}
              sort={sort}
              onSortChange={setSort}
              expanded={expanded}
              onExpandedChange={setExpanded}
              filter={filter}
              selected={selected}
              onSelect={select}
              label="Filesystem"
            />
          )}
        </div>
        <div className="fs-explorer-side">
          <FileViewer
            file={selectedRow}
            bytes={readable ? bytes : new Uint8Array(0)}
            head={readable ? (head.data?.bytes ?? null) : new Uint8Array(0)}
            page={page}
            pageSize={PAGE_SIZE}
            firstLine={page === 0 ? 0 : (lines.data?.linesBefore ?? null)}
            loading={readable && bytes === null && !readError}
            error={readError ? readError.message : null}
            onPageChange={setPage}
            onNavigate={select}
            hrefFor={hrefFor}
            {...(readable ? { onDownload: download } : {})}
            saving={saving && saving.path === selected ? saving : null}
            saveError={saveError && saveError.path === selected ? saveError.message : null}
            via={readable ? ((page === 0 ? head.data : pageRead.data)?.via ?? null) : null}
            readingNote={
              selected ? (
                <ReadingNote store={reads} path={selected} offset={page * PAGE_SIZE} />
              ) : null
            }
          />
          {selected && history.data ? (
            <PathHistory
              path={selected}
              events={history.data}
              createdBy={createdBy}
              onSelectLayer={(layer) => setMode({ kind: 'layer', layer })}
            />
          ) : null}
          {analysis.data ? (
            <div className="fs-waste-box">
              <h3 className="fs-waste-title">Wasted space</h3>
              <WastedSpace
                report={analysis.data.waste}
                onSelectPath={select}
                hrefFor={hrefFor}
                limit={10}
              />
            </div>
          ) : null}
        </div>
      </div>
    </div>
  );
}
