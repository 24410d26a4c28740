import { memo, useMemo } from 'react';
import type { ImageSummary } from '../core/graph/model.ts';
import type { WalkTarget } from '../core/learn/walk.ts';
import type { Problem } from '../core/oci/problem.ts';
import { formatBytes, formatCount } from './components/format.ts';
import { ImagePicker } from './components/image-picker.tsx';
import { GuidedWalk } from './features/learn/guided-walk.tsx';
import { ProblemsPanel } from './features/problems/problems-panel.tsx';
import { CopyLinkButton } from './layout/copy-link-button.tsx';
import { CompareMenu } from './compare-menu.tsx';
import { useCheckSummary } from './queries/live-summary.ts';
import type { LoadedImage } from './state/loaded-image.ts';
import { navigate } from './state/navigation.ts';

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
  // The summary's problems keep their identity while they are unchanged (see useCheckSummary).
  const checkProblems = summary.problems;
  const problems = useMemo(
    () => dedupe([...graphProblems, ...checkProblems]),
    [graphProblems, checkProblems],
  );
  return { summary, problems };
}

/**
 * Select what a step of the guided walk shows: a node (its details, and a layer's changes in the
 * tree), or an image's whole filesystem (its manifest, the tree merged up to its last layer).
 */
function walkTo(t: WalkTarget): void {
  navigate(
    t.view === 'node'
      ? { node: t.node, image: t.image }
      : { node: t.image, image: t.image, mode: null, path: null },
  );
}

/** How the platform picker names an image. */
const platformLabel = (i: ImageSummary): string =>
  `${i.platform ?? (i.attestation ? 'attestation' : 'unknown platform')}${i.refName ? ` · ${i.refName}` : ''} · ${i.manifest.slice(7, 19)}`;

/** The platform picker of an index, or the one image's platform. */
function PlatformPicker({
  image,
  selected,
}: {
  image: LoadedImage;
  selected: ImageSummary | null;
}) {
  const images = image.graph.images;
  if (images.length < 2)
    return selected?.platform ? <span className="muted small">{selected.platform}</span> : null;
  return (
    <span className="small platform-picker">
      <ImagePicker
        images={images}
        value={selected?.manifest ?? null}
        onChange={(m) => navigate({ image: m, node: m })}
        label="Platform"
        labelOf={platformLabel}
      />
    </span>
  );
}

/** The summary line at the top of the workspace: what was opened, the checks, the platform, a link. */
export const SummaryBar = memo(function SummaryBar({
  image,
  selected,
  onProblems,
}: {
  image: LoadedImage;
  selected: ImageSummary | null;
  onProblems: () => void;
}) {
  const { summary, problems } = useImageProblems(image);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const total = image.blobs.reduce((s, b) => s + b.size, 0);
  const done = summary.settled === summary.total;
  const top = image.graph.top.id;
  const listed = useMemo(
    () => image.graph.edges.filter((e) => e.from === top && e.role === 'manifests').length,
    [image, top],
  );
  return (
    <div className="summary-bar">
      <div className="summary-facts" role="status" aria-label="Image summary">
        {/* The workspace's top heading; focused after a load so focus never falls to the page. */}
        <h1 className="summary-title mono" tabIndex={-1} data-focus-first>
          {image.name}
        </h1>
        <span className="pill">{image.format}</span>
        {image.wrapper && <span className="pill">{image.wrapper}</span>}
        {image.graph.partial ? (
          // A large index's preview: its first image is drawn, the rest are still being read.
          <span className="muted">reading the index’s {formatCount(listed)} manifests…</span>
        ) : (
          <span className="muted">
            {image.graph.images.length} image{image.graph.images.length === 1 ? '' : 's'} ·{' '}
            {image.blobs.length} blobs · {formatBytes(total)}
          </span>
        )}
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
      <span className="spacer" />
      <GuidedWalk graph={image.graph} onStep={walkTo} />
      <PlatformPicker image={image} selected={selected} />
      <CompareMenu image={image} selected={selected} />
      <CopyLinkButton />
    </div>
  );
});

/** The problems tab's label, with a live count. */
export function ProblemsTabLabel({ image }: { image: LoadedImage }) {
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
export function AllProblems({ image }: { image: LoadedImage }) {
  const { problems } = useImageProblems(image);
  return <ProblemsPanel image={image} problems={problems} />;
}
