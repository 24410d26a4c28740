import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import type { ImageSummary } from '../../../core/graph/model.ts';
import type { PathEvent } from '../../../core/fs/types.ts';
import { noImageReasons, nonFilesystemReason } from '../../components/non-filesystem.ts';
import { useImageAnalysis } from '../../queries/analysis.ts';
import type { LoadedImage } from '../../state/loaded-image.ts';
import { FileTree } from './tree/file-tree.tsx';
import { hashFor, navigate, useViewState } from '../../state/navigation.ts';
import { LayerSelector } from './layers/layer-selector.tsx';
import { PathHistory } from './layers/path-history.tsx';
import { WastedSpace } from './layers/wasted-space.tsx';
import { FilterInput } from './tree/tree-filter-input.tsx';
import { compileFilter } from './tree/tree-filter.ts';
import { useTreeFilter } from './tree/use-tree-filter.ts';
import { TreeModel, type SortKey } from '../../../core/fs/tree-model.ts';
import { SHOW_ALL, type ChangeFilter } from '../../../core/fs/change-filter.ts';
import { ChangeToggles } from './tree/change-toggles.tsx';
import type { FsRow, TreeMode } from '../../../core/fs/fs-rows.ts';
import { SelectedFile } from './viewer/selected-file.tsx';
import { useFsHistory, useFsSource, useFsTree, useKeepBlobs } from './use-filesystem.ts';
import { useTreeExpansion } from './tree/use-tree-expansion.ts';
import './filesystem.css';

const EMPTY_MODEL = TreeModel.build<FsRow>([]);

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
 * The filesystem explorer of one image, or, for a manifest that holds no filesystem (an
 * attestation, a signature, an artifact) or no image at all, what it is instead.
 */
export const FilesystemView = memo(function FilesystemView(props: FilesystemViewProps) {
  const { image, summary } = props;
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
  return <FilesystemExplorer {...props} />;
});

/**
 * The filesystem explorer of one image: the layer selector, change toggles and filter, the tree
 * (built in a worker once every layer is indexed), the file viewer and the selected path's history.
 */
function FilesystemExplorer({
  image,
  summary,
  sideTarget,
  onPathHistory,
  defer = false,
}: FilesystemViewProps) {
  const hash = useViewState();
  const analysis = useImageAnalysis(image, summary);
  const source = useFsSource(image, summary);
  useKeepBlobs(image, source);
  const layerCount = summary?.layers.length ?? 0;
  const mode: TreeMode = hash.mode ?? { kind: 'merged', upTo: Math.max(0, layerCount - 1) };
  const [changes, setChanges] = useState<ChangeFilter>(SHOW_ALL);
  const [sort, setSort] = useState<SortKey>('name');
  const [filterText, setFilterText] = useState('');
  const [asked, setAsked] = useState(false);
  // A link's or a layer's mode or path builds the tree, and it stays built after (adjusting
  // state while rendering, React's pattern for state that follows props).
  if (!asked && (hash.path !== null || hash.mode !== null)) setAsked(true);
  const held = defer && !asked && hash.path === null && hash.mode === null;
  const rowsSource = useMemo(() => (held ? { ...source, image: null } : source), [held, source]);
  // Built in the filesystem worker with the toggles applied; the page reads rows as they show.
  const rowsQuery = useFsTree(image, rowsSource, mode, changes);
  const tree = rowsQuery.data;
  const model = tree?.model ?? EMPTY_MODEL;
  const compiled = useMemo(() => compileFilter(filterText), [filterText]);
  const { filter, pending: filtering } = useTreeFilter(model, compiled);
  const selected = hash.path;
  const [expanded, setExpanded] = useTreeExpansion(model, EMPTY_MODEL, selected, filter);
  const selectedId = selected ? model.idOf(selected) : undefined;
  const selectedRow = selectedId !== undefined ? model.entryOf(selectedId) : null;
  const history = useFsHistory(image, source, selected);
  const events = selected ? (history.data ?? null) : null;
  useEffect(() => onPathHistory?.(events), [events, onPathHistory]);
  const config = summary?.configDocument;
  const createdBy = useCallback(
    (layer: number): string | null =>
      config?.history.find((e) => e.layerIndex === layer)?.createdBy ?? null,
    [config],
  );

  // Both halves are always on screen, so a tree link carries only the path.
  const select = useCallback((path: string) => navigate({ path }), []);
  const setMode = (m: TreeMode) => navigate({ mode: m });
  const hrefFor = (path: string) => hashFor({ path });

  const side = (
    <div className="fs-explorer-side">
      <SelectedFile
        image={image}
        source={source}
        row={selectedRow}
        mode={mode}
        onNavigate={select}
        hrefFor={hrefFor}
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
          pending={filtering}
        />
      </div>
      <div className="fs-explorer-main">
        {/* Which mode's rows are on screen: the previous mode's stay shown (busy) until the new ones come. */}
        <div
          className="fs-explorer-tree"
          aria-busy={rowsQuery.isPlaceholderData}
          data-shown-mode={
            tree && !rowsQuery.isPlaceholderData
              ? `${mode.kind}-${mode.kind === 'merged' ? mode.upTo : mode.layer}`
              : undefined
          }
        >
          {source.image !== null && source.unreadable.length > 0 && (
            <p className="fs-note warn-text" role="note">
              {source.unreadable.length === source.total ? 'No layer' : 'Not every layer'} could be
              read as a tar (layer {source.unreadable.map((i) => i + 1).join(', ')}); such a layer
              is shown empty here, and its problem is listed on it.
            </p>
          )}
          {source.image !== null && held ? (
            <p className="fs-note" role="status">
              Layers listed. The tree is built once the checks finish, so they run smoothly.{' '}
              <button type="button" className="btn btn-small" onClick={() => setAsked(true)}>
                Build the tree now
              </button>
            </p>
          ) : source.image === null ? (
            <p className="fs-note" role="status">
              Reading the layers… {source.indexed}/{source.total} indexed
            </p>
          ) : rowsQuery.error ? (
            <p className="fs-note error-text" role="alert">
              {String((rowsQuery.error as Error).message)}
            </p>
          ) : !tree ? (
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
}
