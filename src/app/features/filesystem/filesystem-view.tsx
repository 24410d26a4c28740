import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { ImageSummary } from '../../../core/graph/model.ts';
import type { PathEvent } from '../../../core/fs/types.ts';
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
import { filterChanges, SHOW_ALL, type ChangeFilter } from './change-filter.ts';
import { ChangeToggles } from './change-toggles.tsx';
import { useFileDownload } from './use-file-download.ts';
import { applyFilter, compileFilter } from './tree-filter.ts';
import { TreeModel, type SortKey } from './tree-model.ts';
import { expandForFilter, revealPath } from './tree-rows.ts';
import type { FsRow, TreeMode } from '../../../core/fs/fs-rows.ts';
import {
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

/** Every folder of a tree, to open them all. */
function allFolders(model: TreeModel<FsRow>): Set<string> {
  const out = new Set<string>();
  for (let id = 0; id < model.size; id++) if (model.isDir(id)) out.add(model.pathOf(id));
  return out;
}

/** Props of FilesystemView. */
export interface FilesystemViewProps {
  image: LoadedImage;
  summary: ImageSummary | null;
  /** Where the file viewer, the path's history and the waste go (the workspace's details pane); beside the tree without one. */
  sideTarget?: HTMLElement | null;
  /** Told the selected path's layer events (null: no path, or not known yet), so the graph and table can mark them. */
  onPathHistory?: (events: readonly PathEvent[] | null) => void;
  /**
   * Hold the tree's first build (its rows cross to this thread in one task) until this turns
   * false, e.g. while the checks run, so they stay smooth; a link, a layer or a click builds it.
   */
  defer?: boolean;
}

/**
 * The filesystem explorer of one image: the layer selector, change toggles and filter, the tree
 * (built in a worker once every layer is indexed), the file viewer and the selected path's history.
 */
export const FilesystemView = memo(function FilesystemView({
  image,
  summary,
  sideTarget,
  onPathHistory,
  defer = false,
}: FilesystemViewProps) {
  const hash = useFsHash();
  const analysis = useImageAnalysis(image, summary);
  const source = useFsSource(image, summary);
  useKeepBlobs(image, source);
  const layerCount = summary?.layers.length ?? 0;
  const mode: TreeMode = hash.mode ?? { kind: 'merged', upTo: Math.max(0, layerCount - 1) };
  const [changes, setChanges] = useState<ChangeFilter>(SHOW_ALL);
  const [sort, setSort] = useState<SortKey>('name');
  const [filterText, setFilterText] = useState('');
  const [asked, setAsked] = useState(false);
  const held = defer && !asked && hash.path === null && hash.mode === null;
  const rowsSource = useMemo(() => (held ? { ...source, args: null } : source), [held, source]);
  const rowsQuery = useFsRows(image, rowsSource, mode, changes.deleted);
  const allRows = rowsQuery.data?.rows;
  const rows = useMemo(
    () => (allRows ? filterChanges(allRows, changes) : undefined),
    [allRows, changes],
  );
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
  const events = selected ? (history.data ?? null) : null;
  useEffect(() => onPathHistory?.(events), [events, onPathHistory]);
  const config = summary?.configDocument;
  const createdBy = useCallback(
    (layer: number): string | null => {
      const h = config?.history.find((e) => e.layerIndex === layer);
      return h?.createdBy ?? null;
    },
    [config],
  );

  const select = useCallback((path: string) => navigateFs({ path }), []);
  const setMode = (m: TreeMode) => navigateFs({ mode: m });
  const hrefFor = (path: string) => fsHashFor({ path }, location.hash);

  const bytes = page === 0 ? (head.data?.bytes ?? null) : (pageRead.data?.bytes ?? null);
  const readError = (page === 0 ? head.error : pageRead.error) as Error | null;
  const { saving, saveError, download } = useFileDownload(
    image,
    source,
    selectedRow,
    fileRef,
    head.data,
  );

  const side = (
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
          selected ? <ReadingNote store={reads} path={selected} offset={page * PAGE_SIZE} /> : null
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
        <details className="fs-waste-box">
          <summary>Wasted space</summary>
          <WastedSpace report={analysis.data.waste} onSelectPath={select} hrefFor={hrefFor} />
        </details>
      ) : null}
    </div>
  );

  return (
    <div className="fs-explorer">
      <div className="fs-explorer-bar">
        <LayerSelector
          layerCount={layerCount}
          mode={mode}
          onModeChange={setMode}
          createdBy={createdBy}
          legend={false}
        />
        <ChangeToggles
          value={changes}
          onChange={setChanges}
          onExpandAll={() => setExpanded(allFolders(model))}
          onCollapseAll={() => setExpanded(new Set())}
        />
        <FilterInput
          value={filterText}
          onChange={setFilterText}
          compiled={compiled}
          matches={filter ? filter.matches : null}
        />
      </div>
      <div className="fs-explorer-main">
        {/* Which mode's rows are on screen: the previous mode's stay shown (busy) until the new ones come. */}
        <div
          className="fs-explorer-tree"
          aria-busy={rowsQuery.isPlaceholderData}
          data-shown-mode={
            rows && !rowsQuery.isPlaceholderData
              ? `${mode.kind}-${mode.kind === 'merged' ? mode.upTo : mode.layer}`
              : undefined
          }
        >
          {source.args !== null && held ? (
            <p className="fs-note" role="status">
              Layers listed. The tree is built once the checks finish, so they run smoothly.{' '}
              <button type="button" className="btn btn-small" onClick={() => setAsked(true)}>
                Build the tree now
              </button>
            </p>
          ) : source.args === null ? (
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
        {sideTarget ? createPortal(side, sideTarget) : side}
      </div>
    </div>
  );
});
