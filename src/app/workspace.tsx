import {
  startTransition,
  Suspense,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type ReactNode,
} from 'react';
import type { PathEvent } from '../core/fs/types.ts';
import { defaultImage } from '../core/graph/choose-image.ts';
import type { GraphNode, ImageGraph, ImageSummary } from '../core/graph/model.ts';
import {
  focusFromEvents,
  LayerFocusContext,
  NO_LAYER_FOCUS,
  type LayerFocus,
} from './components/layer-focus.ts';
import { chunkComponent } from './components/chunk-component.tsx';
import { BlobView } from './features/blob/blob-view.tsx';
import { DetailsPanel } from './features/document/details-panel.tsx';
import { LearnBottom, LearnTop } from './features/learn/node-learn.tsx';
import { useDetailsTab, useTreeFollowsNode } from './layout/linked-selection.ts';
import { PaneSeparator } from './layout/pane-separator.tsx';
import { PANE_LIMITS, usePaneSizes } from './layout/pane-sizes.ts';
import { useCheckSummary } from './queries/live-summary.ts';
import { useImageChecks } from './queries/use-image-checks.ts';
import type { LoadedImage } from './state/loaded-image.ts';
import { hashFor, navigate, useViewState, type ViewState } from './state/navigation.ts';
import { LayersAndProblems, type BottomTab } from './workspace-bottom.tsx';
import { SummaryBar } from './workspace-summary.tsx';
import './workspace-views.css';

/** The graph (and React Flow) load in their own chunk, fetched while the start page is shown. */
const graphChunk = chunkComponent(() =>
  import('./features/graph/graph-view.tsx').then((m) => m.default),
);
export const loadGraphView = graphChunk.load;
const GraphView = graphChunk.Component;
/** The filesystem explorer loads in its own chunk, fetched as the workspace first mounts. */
const filesystemChunk = chunkComponent(() =>
  import('./features/filesystem/filesystem-view.tsx').then((m) => m.FilesystemView),
);
const FilesystemPane = filesystemChunk.Component;

/** The image whose layers are listed: the one the hash names if it holds the selected node, else one that does. */
export function pickImage(
  graph: ImageGraph,
  view: Pick<ViewState, 'image' | 'node'>,
  node: GraphNode,
): ImageSummary | null {
  const holds = (img: ImageSummary): boolean =>
    img.manifest === node.id ||
    img.config?.digest.value === node.id ||
    img.layers.some((l) => l.descriptor.digest.value === node.id);
  const named = graph.images.find((i) => i.manifest === view.image);
  if (named && (node.kind === 'top' || holds(named))) return named;
  return graph.images.find(holds) ?? named ?? defaultImage(graph.images);
}

const selectNode = (id: string): void => navigate({ node: id });

/** The graph, lazily until its chunk is here. */
function Graph({ image, selected }: { image: LoadedImage; selected: string }) {
  return (
    <Suspense fallback={<p className="empty-note">Drawing the graph…</p>}>
      <GraphView image={image} selected={selected} />
    </Suspense>
  );
}

/** Renders its child with whether the checks still run; only it re-renders as they progress. */
function ChecksAware({
  image,
  children,
}: {
  image: LoadedImage;
  children: (checking: boolean) => ReactNode;
}) {
  const summary = useCheckSummary(image);
  return children(summary.settled < summary.total);
}

/** The selected file's layers, as marks for the graph and the table. */
function useLayerFocusState(
  selected: ImageSummary | null,
): [LayerFocus, (events: readonly PathEvent[] | null) => void] {
  const [focus, setFocus] = useState<LayerFocus>(NO_LAYER_FOCUS);
  const digests = useMemo(
    () => selected?.layers.map((l) => l.descriptor.digest.value) ?? [],
    [selected],
  );
  const onPathHistory = useCallback(
    (events: readonly PathEvent[] | null) =>
      setFocus(events ? focusFromEvents(events, digests) : NO_LAYER_FOCUS),
    [digests],
  );
  return [focus, onPathHistory];
}

/**
 * The workspace mounts in steps, one commit a frame, so no commit (and the layout after it)
 * holds the main thread long: the panes' frames and the summary first, then the graph, the
 * layers table, the filesystem explorer and the details. All of it in one commit took 35-45 ms
 * of CPU here (70-115 ms on a loaded machine), for any image; React Flow's mount alone lays the
 * whole page out once (it measures its box as it mounts).
 */
export const MOUNT_STEPS = { graph: 1, layers: 2, filesystem: 3, details: 4 } as const;
const LAST_STEP = 4;

/** Which mount step the workspace is at (0 on its first commit, then one more each frame). */
function useMountStep(): number {
  const [step, setStep] = useState(0);
  useEffect(() => {
    if (step >= LAST_STEP) return;
    // After the frame that shows this step: the next commit is a task of its own, not the one
    // that lays out and paints this one.
    const id = requestAnimationFrame(() => startTransition(() => setStep(step + 1)));
    return () => cancelAnimationFrame(id);
  }, [step]);
  return step;
}

/**
 * The first view after a load has its own address: the image it shows is named in the hash, so
 * a link to a dropped image can tell the right image from another.
 */
function useFirstViewAddress(view: ViewState, manifest: string | null, top: string): void {
  useEffect(() => {
    if (view.image !== null) return;
    const patch = manifest ? { image: manifest } : { node: top };
    if (manifest || view.node === null)
      history.replaceState(null, '', location.pathname + location.search + hashFor(patch));
  });
}

/** The details pane's two views, in the order their buttons show. */
const DETAILS_TABS: readonly (readonly ['node' | 'file', string])[] = [
  ['node', 'Selected node'],
  ['file', 'Selected file'],
];

/** The details pane: the selected node's panel, or the selected file (drawn into `fileTarget`). */
function DetailsPane({
  image,
  node,
  tab,
  onTab,
  ready,
  fileTarget,
}: {
  image: LoadedImage;
  node: GraphNode;
  tab: 'node' | 'file';
  onTab: (t: 'node' | 'file') => void;
  ready: boolean;
  fileTarget: (el: HTMLDivElement | null) => void;
}) {
  return (
    <aside className="pane pane-details" id="pane-details" aria-label="Details" tabIndex={-1}>
      <div className="details-switch" role="group" aria-label="Details of">
        {DETAILS_TABS.map(([value, label]) => (
          <button
            key={value}
            type="button"
            className="btn btn-small"
            aria-pressed={tab === value}
            onClick={() => onTab(value)}
          >
            {label}
          </button>
        ))}
      </div>
      <div hidden={tab !== 'node'}>
        {ready && (
          <DetailsPanel
            key={node.id}
            image={image}
            node={node}
            top={<LearnTop image={image} node={node} />}
            bottom={<LearnBottom image={image} node={node} onSelect={selectNode} />}
          >
            {node.kind !== 'top' && node.present && <BlobView image={image} node={node} />}
          </DetailsPanel>
        )}
      </div>
      <div hidden={tab !== 'file'} className="details-file" ref={fileTarget} />
    </aside>
  );
}

/**
 * The explorer for one opened image, on one screen: the graph with the layers table under it,
 * the filesystem tree beside it, and the selected node's or file's details at the side. The
 * halves answer each other: a layer shows its changes in the tree, a file marks its layers.
 */
export function Workspace({ image }: { image: LoadedImage }) {
  const view = useViewState();
  const [tab, setTab] = useState<BottomTab>('layers');
  const graph = image.graph;
  const node = graph.nodes.get(view.node ?? '') ?? graph.top;
  const selectedImage = pickImage(graph, view, node);
  const showProblems = useCallback(() => setTab('problems'), []);
  const step = useMountStep();
  useEffect(() => void filesystemChunk.load(), []);
  const selectedManifest = selectedImage?.manifest ?? null;
  useFirstViewAddress(view, selectedManifest, graph.top.id);

  useImageChecks(image, selectedManifest);
  useTreeFollowsNode(node.id, selectedImage);
  const [detailsTab, setDetailsTab] = useDetailsTab(node.id, view.path);
  const [focus, onPathHistory] = useLayerFocusState(selectedImage);
  const [sideTarget, setSideTarget] = useState<HTMLDivElement | null>(null);

  const [sizes, setSizes] = usePaneSizes();
  const grid = useRef<HTMLElement>(null);
  const box = () => grid.current?.getBoundingClientRect() ?? new DOMRect(0, 0, 1, 1);
  const style = {
    '--pane-graph': `${sizes.graph}%`,
    '--pane-details': `${sizes.details}%`,
    '--pane-bottom': `${sizes.bottom}%`,
  } as CSSProperties;

  return (
    <LayerFocusContext.Provider value={focus}>
      <main className="workspace" aria-label="Image explorer" ref={grid} style={style}>
        <SummaryBar image={image} selected={selectedImage} onProblems={showProblems} />
        <section className="pane pane-graph" id="pane-graph" aria-label="Image graph" tabIndex={-1}>
          {step >= MOUNT_STEPS.graph ? (
            <Graph image={image} selected={node.id} />
          ) : (
            <p className="empty-note">Drawing the graph…</p>
          )}
        </section>
        <PaneSeparator
          className="sep-graph"
          label="Resize the graph and the tree"
          orientation="vertical"
          value={sizes.graph}
          {...PANE_LIMITS.graph}
          fromPointer={(x) => ((x - box().left) / box().width) * 100}
          onChange={(graph) => setSizes({ graph })}
        />
        <section className="pane pane-fs" id="pane-fs" aria-label="Filesystem" tabIndex={-1}>
          <Suspense fallback={<p className="empty-note">Loading the filesystem view…</p>}>
            {step >= MOUNT_STEPS.filesystem ? (
              <ChecksAware image={image}>
                {(checking) => (
                  <FilesystemPane
                    key={selectedImage?.manifest ?? ''}
                    image={image}
                    summary={selectedImage}
                    sideTarget={sideTarget}
                    onPathHistory={onPathHistory}
                    defer={checking}
                  />
                )}
              </ChecksAware>
            ) : (
              <p className="empty-note">Loading the filesystem view…</p>
            )}
          </Suspense>
        </section>
        <PaneSeparator
          className="sep-details"
          label="Resize the tree and the details"
          orientation="vertical"
          value={sizes.details}
          inverted
          {...PANE_LIMITS.details}
          fromPointer={(x) => ((box().right - x) / box().width) * 100}
          onChange={(details) => setSizes({ details })}
        />
        <DetailsPane
          image={image}
          node={node}
          tab={detailsTab}
          onTab={setDetailsTab}
          ready={step >= MOUNT_STEPS.details}
          fileTarget={setSideTarget}
        />
        <PaneSeparator
          className="sep-bottom"
          label="Resize the graph and the layers"
          orientation="horizontal"
          value={sizes.bottom}
          inverted
          {...PANE_LIMITS.bottom}
          fromPointer={(_x, y) => ((box().bottom - y) / box().height) * 100}
          onChange={(bottom) => setSizes({ bottom })}
        />
        <section className="pane pane-bottom" aria-label="Layers and problems">
          <LayersAndProblems
            image={image}
            selected={selectedImage}
            tab={tab}
            onTab={setTab}
            ready={step >= MOUNT_STEPS.layers}
          />
        </section>
      </main>
    </LayerFocusContext.Provider>
  );
}
