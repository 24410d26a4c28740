import { useCallback, useMemo, useState } from 'react';
import type { ImageSummary } from '../../../core/graph/model.ts';
import { useImageAnalysis } from '../../queries/analysis.ts';
import type { LoadedImage } from '../../state/loaded-image.ts';
import { FileTree } from './tree/file-tree.tsx';
import { hashFor, navigate, useViewState } from '../../state/navigation.ts';
import { LayerSelector } from './layers/layer-selector.tsx';
import { PathHistory } from './layers/path-history.tsx';
import { WastedSpace } from './layers/wasted-space.tsx';
import { FilterInput } from './tree/tree-filter-input.tsx';
import { applyFilter, compileFilter } from './tree/tree-filter.ts';
import { TreeModel, type SortKey } from './tree/tree-model.ts';
import type { FsRow, TreeMode } from '../../../core/fs/fs-rows.ts';
import { SelectedFile } from './viewer/selected-file.tsx';
import { useFsHistory, useFsRows, useFsSource, useKeepBlobs } from './use-filesystem.ts';
import { useTreeExpansion } from './tree/use-tree-expansion.ts';
import './filesystem.css';

const EMPTY_MODEL = TreeModel.build<FsRow>([]);

/**
 * The filesystem explorer of one image: the layer selector and filter, the tree (built in a
 * worker once every layer is indexed), the file viewer and the selected path's history.
 */
export function FilesystemView({
  image,
  summary,
}: {
  image: LoadedImage;
  summary: ImageSummary | null;
}) {
  const hash = useViewState();
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
  const [expanded, setExpanded] = useTreeExpansion(model, EMPTY_MODEL, selected, filter);
  const selectedId = selected ? model.idOf(selected) : undefined;
  const selectedRow = selectedId !== undefined ? model.entryOf(selectedId) : null;
  const history = useFsHistory(image, source, selected);
  const config = summary?.configDocument;
  const createdBy = useCallback(
    (layer: number): string | null =>
      config?.history.find((e) => e.layerIndex === layer)?.createdBy ?? null,
    [config],
  );

  const select = useCallback((path: string) => navigate({ view: 'fs', path }), []);
  const setMode = (m: TreeMode) => navigate({ mode: m });
  const hrefFor = (path: string) => hashFor({ view: 'fs', path });

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
          {source.image === null ? (
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
            <details className="fs-waste-box">
              <summary>Wasted space</summary>
              <WastedSpace report={analysis.data.waste} onSelectPath={select} hrefFor={hrefFor} />
            </details>
          ) : null}
        </div>
      </div>
    </div>
  );
}
