import { lazy, memo, startTransition, Suspense, useEffect, useId, useMemo, useState } from 'react';
import type { GraphNode, ImageGraph, ImageSummary } from '../core/graph/model.ts';
import type { Problem } from '../core/oci/problem.ts';
import { formatBytes } from './components/format.ts';
import { ImagePicker } from './components/image-picker.tsx';
import { BlobView } from './features/blob/blob-view.tsx';
import { DetailsPanel } from './features/document/details-panel.tsx';
import { navigateFs, useFsHash } from './features/filesystem/fs-hash.ts';
import { LayersPanel } from './features/layers/layers-panel.tsx';
import { ProblemsPanel } from './features/problems/problems-panel.tsx';
import { useCheckSummary } from './queries/checks.ts';
import type { LoadedImage } from './state/loaded-image.ts';
import { hashFor, navigate, useViewState, type ViewState } from './state/navigation.ts';
import './workspace-views.css';

type GraphViewModule = typeof import('./features/graph/graph-view.tsx');
let graphModule: GraphViewModule | null = null;

/** The graph (and React Flow) load in their own chunk, fetched while the start page is shown. */
export const loadGraphView = (): Promise<GraphViewModule> =>
  import('./features/graph/graph-view.tsx').then((m) => (graphModule = m));
const LazyGraphView = lazy(loadGraphView);
/** The filesystem explorer loads in its own chunk, when first shown. */
const FilesystemView = lazy(() =>
  import('./features/filesystem/filesystem-view.tsx').then((m) => ({ default: m.FilesystemView })),
);

/** The image whose layers are listed: the one the hash names if it holds the selected node, else one that does. */
export function pickImage(
  graph: ImageGraph,
  view: ViewState,
  node: GraphNode,
): ImageSummary | null {
  const holds = (img: ImageSummary): boolean =>
    img.manifest === node.id ||
    img.config?.digest.value === node.id ||
    img.layers.some((l) => l.descriptor.digest.value === node.id);
  const named = graph.images.find((i) => i.manifest === view.image);
  if (named && (node.kind === 'top' || holds(named))) return named;
  return (
    graph.images.find(holds) ??
    named ??
    graph.images.find((i) => !i.attestation && !i.artifactType) ??
    graph.images[0] ??
    null
  );
}

/** How the platform picker names an image. */
const platformLabel = (i: ImageSummary): string =>
  `${i.platform ?? (i.attestation ? 'attestation' : 'unknown platform')}${i.refName ? ` · ${i.refName}` : ''} · ${i.manifest.slice(7, 19)}`;

function dedupe(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = `${p.code} ${p.where} ${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Every problem of the image: what reading found and what the checks found, live. */
function useImageProblems(image: LoadedImage): {
  summary: ReturnType<typeof useCheckSummary>;
  problems: Problem[];
} {
  const summary = useCheckSummary(image);
  const graphProblems = image.graph.problems;
  const checkProblems = summary.problems;
  const key = checkProblems.map((p) => `${p.code} ${p.where}`).join('\n');
  const problems = useMemo(
    () => dedupe([...graphProblems, ...checkProblems]),
    [graphProblems, key],
  );
  return { summary, problems };
}

/** The summary line under the header: what was opened and how the checks are going. */
const SummaryBar = memo(function SummaryBar({
  image,
  onProblems,
}: {
  image: LoadedImage;
  onProblems: () => void;
}) {
  const { summary, problems } = useImageProblems(image);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const total = image.blobs.reduce((s, b) => s + b.blob.size, 0);
  const done = summary.settled === summary.total;
  return (
    <div className="summary-bar" role="status" aria-label="Image summary">
      <span className="mono strong">{image.name}</span>
      <span className="pill">{image.format}</span>
      {image.wrapper && <span className="pill">{image.wrapper}</span>}
      <span className="muted">
        {image.graph.images.length} image{image.graph.images.length === 1 ? '' : 's'} ·{' '}
        {image.blobs.length} blobs · {formatBytes(total)}
      </span>
      <span className="spacer" />
      <span className={done ? 'muted' : ''} data-testid="check-progress">
        {done ? 'checked' : 'checking'} {summary.settled}/{summary.total} blobs · layers{' '}
        {summary.layersIndexed < summary.layersTotal
          ? `listed ${summary.layersIndexed}/${summary.layersTotal}`
          : summary.layersSettled < summary.layersTotal
            ? `listed, verified ${summary.layersSettled}/${summary.layersTotal}`
            : `${summary.layersSettled}/${summary.layersTotal}`}
        {summary.mismatched > 0 && (
          <span className="error-text"> · {summary.mismatched} mismatch</span>
        )}
      </span>
      <button
        type="button"
        className={`btn btn-small${errors ? ' btn-danger' : ''}`}
        onClick={onProblems}
      >
        {errors} error{errors === 1 ? '' : 's'} · {warnings} warning{warnings === 1 ? '' : 's'}
      </button>
    </div>
  );
});

/** The problems tab's label, with a live count. */
function ProblemsTabLabel({ image }: { image: LoadedImage }) {
  const { problems } = useImageProblems(image);
  const cls = problems.some((p) => p.severity === 'error')
    ? ' count-error'
    : problems.length
      ? ' count-warning'
      : '';
  return (
    <>
      Problems <span className={`count${cls}`}>{problems.length}</span>
    </>
  );
}

/** Every problem in one list, live. */
function AllProblems({ image }: { image: LoadedImage }) {
  const { problems } = useImageProblems(image);
  return <ProblemsPanel image={image} problems={problems} />;
}

/** The explorer for one opened image: graph, details, and layers / problems. */
export function Workspace({ image }: { image: LoadedImage }) {
  const view = useViewState();
  const [tab, setTab] = useState<'layers' | 'problems'>('layers');
  const tabsId = useId();
  const graph = image.graph;
  const node = graph.nodes.get(view.node ?? '') ?? graph.top;
  const selectedImage = pickImage(graph, view, node);
  const showProblems = useMemo(() => () => setTab('problems'), []);
  // Graph first: the details and layers mount a frame later, so neither the first commit nor
  // the first layout holds the main thread long.
  const [full, setFull] = useState(false);
  useEffect(() => {
    const id = requestAnimationFrame(() => startTransition(() => setFull(true)));
    return () => cancelAnimationFrame(id);
  }, []);

  const fsView = useFsHash().view === 'fs';
  // Every link names its image, so a link to a dropped image can tell the right image from another.
  const selectedManifest = selectedImage?.manifest ?? null;
  useEffect(() => {
    if (selectedManifest && view.image === null && location.hash.length > 1)
      history.replaceState(null, '', hashFor({ image: selectedManifest }));
  });

  return (
    <main className="workspace" aria-label="Image explorer">
      <SummaryBar image={image} onProblems={showProblems} />
      <nav className="view-switch" aria-label="Views">
        <button
          type="button"
          className="btn btn-small"
          aria-pressed={!fsView}
          onClick={() => navigateFs({ view: 'graph' })}
        >
          Graph
        </button>
        <button
          type="button"
          className="btn btn-small"
          aria-pressed={fsView}
          onClick={() => navigateFs({ view: 'fs' })}
        >
          Filesystem
        </button>
        {graph.images.length > 1 ? (
          <span className="small">
            <ImagePicker
              images={graph.images}
              value={selectedImage?.manifest ?? null}
              onChange={(m) => navigate({ image: m, node: m })}
              label="Platform"
              labelOf={platformLabel}
            />
          </span>
        ) : selectedImage?.platform ? (
          <span className="muted small">{selectedImage.platform}</span>
        ) : null}
      </nav>
      {fsView && (
        <section className="pane pane-fs" aria-label="Filesystem">
          <Suspense fallback={<p className="empty-note">Loading the filesystem view…</p>}>
            <FilesystemView
              key={selectedImage?.manifest ?? ''}
              image={image}
              summary={selectedImage}
            />
          </Suspense>
        </section>
      )}
      <section className="pane pane-graph" aria-label="Image graph" hidden={fsView}>
        <Suspense fallback={<p className="empty-note">Drawing the graph…</p>}>
          {/* Once fetched, render it directly: a lazy component suspends at least once, and React
              holds back revealing suspended content for up to 300 ms. */}
          {graphModule ? (
            <graphModule.default image={image} selected={node.id} />
          ) : (
            <LazyGraphView image={image} selected={node.id} />
          )}
        </Suspense>
      </section>
      <aside className="pane pane-details" aria-label="Details" hidden={fsView}>
        {full && (
          <DetailsPanel key={node.id} image={image} node={node}>
            {node.kind !== 'top' && node.present && <BlobView image={image} node={node} />}
          </DetailsPanel>
        )}
      </aside>
      <section className="pane pane-bottom" aria-label="Layers and problems" hidden={fsView}>
        <div
          role="tablist"
          aria-label="Layers and problems"
          className="tabs"
          onKeyDown={(e) => {
            if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
            const next = tab === 'layers' ? 'problems' : 'layers';
            setTab(next);
            document.getElementById(`${tabsId}-${next}`)?.focus();
          }}
        >
          <button
            type="button"
            role="tab"
            id={`${tabsId}-layers`}
            aria-selected={tab === 'layers'}
            tabIndex={tab === 'layers' ? 0 : -1}
            aria-controls={`${tabsId}-layers-panel`}
            onClick={() => setTab('layers')}
          >
            Layers{selectedImage ? ` (${selectedImage.layers.length})` : ''}
          </button>
          <button
            type="button"
            role="tab"
            id={`${tabsId}-problems`}
            aria-selected={tab === 'problems'}
            tabIndex={tab === 'problems' ? 0 : -1}
            aria-controls={`${tabsId}-problems-panel`}
            onClick={() => setTab('problems')}
          >
            <ProblemsTabLabel image={image} />
          </button>
        </div>
        <div
          role="tabpanel"
          id={`${tabsId}-layers-panel`}
          aria-labelledby={`${tabsId}-layers`}
          hidden={tab !== 'layers'}
          className="tabpanel"
        >
          {full && <LayersPanel image={image} selected={selectedImage} />}
        </div>
        <div
          role="tabpanel"
          id={`${tabsId}-problems-panel`}
          aria-labelledby={`${tabsId}-problems`}
          hidden={tab !== 'problems'}
          className="tabpanel"
        >
          {full && <AllProblems image={image} />}
        </div>
      </section>
    </main>
  );
}
