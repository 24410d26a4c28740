import { useId, type ReactNode } from 'react';
import type { ImageDiff } from '../../../core/diff/types.ts';
import { formatBytes, formatCount } from '../../components/format.ts';
import type { ComparePart } from '../../state/url-state.ts';
import type { CompareProgress } from '../../../worker/compare-session.ts';
import { kindCounts } from './compare-model.ts';
import { DocumentsDiff, type DocumentDigests } from './documents-diff.tsx';
import { FilesDiff } from './files-diff.tsx';
import { LayersDiff } from './layers-diff.tsx';
import { useComparison, type CompareSide } from './use-comparison.ts';
import './compare.css';

const PARTS: { value: ComparePart; label: string }[] = [
  { value: 'files', label: 'Files' },
  { value: 'layers', label: 'Layers' },
  { value: 'documents', label: 'Documents' },
];

/** What names a side's documents: its config's digest, and the index listing it (with its identity). */
function digestsOf(side: CompareSide): {
  index: string | null;
  indexId: string | null;
  config: string | null;
} {
  const { graph } = side.input;
  const image = graph.images.find((i) => i.manifest === side.manifest);
  const edge = graph.edges.find((e) => e.role === 'manifests' && e.to === side.manifest);
  const parent = edge ? graph.nodes.get(edge.from) : undefined;
  return {
    index: parent ? (parent.digest ?? parent.id) : null,
    // A layout's index.json has no digest: it is one blob only within one input.
    indexId: parent ? (parent.digest ?? `${side.input.inputKey} ${parent.id}`) : null,
    config: image?.config?.digest.value ?? null,
  };
}

/** One document's two names, and whether they are one blob. */
const pair = (a: string | null, b: string | null, idA = a, idB = b): DocumentDigests => ({
  a,
  b,
  same: idA !== null && idA === idB,
});

/** One line saying whether the two are equal under the rules chosen, and what differs. */
function Verdict({ diff, strict }: { diff: ImageDiff; strict: boolean }) {
  const rules = strict ? 'without the noise filter' : 'with the noise filter';
  if (diff.equal)
    return (
      <p className="cmp-verdict cmp-equal" data-testid="compare-verdict">
        Equal {rules}: no path and no document field differs
        {strict ? '.' : ' (beyond what the filter hides).'}
      </p>
    );
  const c = kindCounts(diff.files);
  const fields = [diff.documents.index ?? [], diff.documents.manifest, diff.documents.config]
    .flat()
    .filter((x) => !x.noise).length;
  return (
    <p className="cmp-verdict cmp-different" data-testid="compare-verdict">
      Different {rules}: {formatCount(diff.files.length)} path
      {diff.files.length === 1 ? '' : 's'} ({c.added} added, {c.removed} removed, {c.content}{' '}
      content, {c.metadata} metadata only, {c.type} type) · {formatCount(fields)} document field
      {fields === 1 ? '' : 's'}
    </p>
  );
}

function Progress({ progress }: { progress: CompareProgress | null }) {
  const text = !progress
    ? 'Starting…'
    : progress.phase === 'list'
      ? `Reading and hashing the layers of both images (${formatBytes(progress.total)} compressed)…`
      : 'Comparing the two filesystems…';
  return (
    <p className="cmp-progress" role="status">
      {text}
    </p>
  );
}

/**
 * The compare view: two images (two manifests of one input, or of two inputs) side by side, by
 * files, layers and documents, computed in a worker. `header` names the two sides (the caller
 * owns how they are chosen); the part, the noise filter and the selected path live in the URL.
 */
export function CompareView({
  a,
  b,
  part,
  strict,
  path,
  onPart,
  onStrict,
  onSelect,
  header,
}: {
  a: CompareSide;
  b: CompareSide;
  part: ComparePart;
  strict: boolean;
  path: string | null;
  onPart: (p: ComparePart) => void;
  onStrict: (strict: boolean) => void;
  onSelect: (path: string) => void;
  header: ReactNode;
}) {
  const tabsId = useId();
  const { query, progress, text } = useComparison(a, b, strict);
  const da = digestsOf(a);
  const db = digestsOf(b);
  const digests: Record<'index' | 'manifest' | 'config', DocumentDigests> = {
    index: pair(da.index, db.index, da.indexId, db.indexId),
    manifest: pair(a.manifest, b.manifest),
    config: pair(da.config, db.config),
  };
  return (
    <main className="compare" aria-label="Compare two images">
      <div className="cmp-head">
        {header}
        <label className="cmp-noise">
          <input type="checkbox" checked={!strict} onChange={(e) => onStrict(!e.target.checked)} />{' '}
          Noise filter{' '}
          <span className="muted small">(mtimes, created, history times, build annotations)</span>
        </label>
      </div>
      {query.isPending && <Progress progress={progress} />}
      {query.isError && (
        <p className="error-text" role="alert">
          The comparison failed: {query.error.message}
        </p>
      )}
      {query.data && <Verdict diff={query.data.diff} strict={strict} />}
      <div role="tablist" aria-label="Parts of the comparison" className="tabs">
        {PARTS.map((p) => (
          <button
            key={p.value}
            type="button"
            role="tab"
            id={`${tabsId}-${p.value}`}
            aria-selected={part === p.value}
            aria-controls={`${tabsId}-panel`}
            tabIndex={part === p.value ? 0 : -1}
            onClick={() => onPart(p.value)}
            onKeyDown={(e) => {
              if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
              const i = PARTS.findIndex((x) => x.value === part);
              const next = PARTS[(i + (e.key === 'ArrowRight' ? 1 : PARTS.length - 1)) % 3]!;
              onPart(next.value);
              document.getElementById(`${tabsId}-${next.value}`)?.focus();
            }}
          >
            {p.label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${tabsId}-panel`}
        aria-labelledby={`${tabsId}-${part}`}
        className="cmp-panel"
      >
        {query.data && part === 'files' && (
          <FilesDiff
            files={query.data.diff.files}
            dirs={query.data.diff.dirs}
            selected={path}
            onSelect={onSelect}
            text={text}
          />
        )}
        {query.data && part === 'layers' && <LayersDiff layers={query.data.diff.layers} />}
        {query.data && part === 'documents' && (
          <DocumentsDiff documents={query.data.diff.documents} digests={digests} />
        )}
      </div>
    </main>
  );
}
