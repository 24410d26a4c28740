import { memo, type ReactNode } from 'react';
import { CheckBadge } from '../../components/check-badge.tsx';
import { DigestLink } from '../../components/digest-link.tsx';
import { explainMediaType, shortMediaType } from '../../components/explain.ts';
import { formatBytes, formatCount, formatRate, layerNumber } from '../../components/format.ts';
import { Hint } from '../../components/hint.tsx';
import { useLayerFocus } from '../../components/layer-focus.ts';
import { ProblemList } from '../../components/problem-list.tsx';
import type { Problem } from '../../../core/oci/problem.ts';
import type { GraphNode } from '../../../core/graph/model.ts';
import {
  checkFromQuery,
  layerProblems,
  staticCheck,
  useLayerJob,
  useNodeCheck,
  useNodeCheckProblems,
} from '../../queries/checks.ts';
import type { LoadedImage } from '../../state/loaded-image.ts';
import { navigate, useViewState } from '../../state/navigation.ts';
import {
  rate,
  useJobProgress,
  verifyProgressKey,
  type JobProgress,
} from '../../state/progress-store.ts';
import { createdByText, type LayerTableRow } from './layer-rows.ts';

/** Net and hidden bytes of one layer, once the image's layers are merged. */
export interface LayerSizesView {
  netBytes: number;
  hiddenBytes: number;
}

/** A progress bar with bytes done of total and the rate. */
function ProgressBar({
  p,
  size,
  label,
  state,
}: {
  p: JobProgress;
  size: number;
  label: string;
  state: string;
}) {
  const total = p.total || size || 1;
  const pct = Math.min(100, (p.bytes / total) * 100);
  return (
    <span className="read-progress" data-state={state}>
      <span
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={p.bytes}
        className="bar"
      >
        <span className="bar-fill" style={{ width: `${pct}%` }} />
      </span>
      <span className="bar-text mono">
        {formatBytes(p.bytes)} / {formatBytes(total)} · {formatRate(rate(p))}
      </span>
    </span>
  );
}

/**
 * A running job's bar, or `idle` until its first report. The one part of a row that follows each
 * report: the row's cells (and their queries) are not rendered again for it.
 */
function JobBar({
  image,
  progressKey,
  size,
  label,
  state,
  idle,
}: {
  image: LoadedImage;
  progressKey: string;
  size: number;
  label: string;
  state: string;
  idle: ReactNode;
}) {
  const p = useJobProgress(image.progress, progressKey);
  if (!p) return idle;
  return <ProgressBar p={p} size={size} label={label} state={state} />;
}

/** The read column (phase 1): queued, a progress bar while the worker lists the layer, then the entry count. */
function ReadState({ image, digest, size }: { image: LoadedImage; digest: string; size: number }) {
  const job = useLayerJob(image, digest);
  if (!image.store.has(digest)) return <span className="muted">—</span>;
  if (job.status === 'success') {
    const r = job.data;
    return (
      <span className="read-done" data-state="indexed">
        {r.entryCount === null
          ? 'read'
          : `${formatCount(r.entryCount)} ${r.entryCount === 1 ? 'entry' : 'entries'}`}
      </span>
    );
  }
  if (job.status === 'error') return <span className="check check-failed">unreadable</span>;
  return (
    <JobBar
      image={image}
      progressKey={digest}
      size={size}
      label={`reading layer ${digest}`}
      state="reading"
      idle={
        <span className="muted" data-state="queued">
          queued
        </span>
      }
    />
  );
}

/**
 * The diff_id column: pending until the layer's checks settle (the listing hashes the
 * uncompressed stream, another worker the raw bytes, with its own progress bar), then the
 * config's claim checked against the uncompressed stream's hash.
 */
function DiffIdState({
  image,
  digest,
  diffId,
  size,
}: {
  image: LoadedImage;
  digest: string;
  diffId: string | null;
  size: number;
}) {
  const job = useLayerJob(image, digest);
  const v = job.verify;
  if (v.status === 'error') {
    return (
      <span className="check check-failed" data-state="failed" title={v.error.message}>
        unreadable
      </span>
    );
  }
  if (v.status === 'pending') {
    return (
      <JobBar
        image={image}
        progressKey={verifyProgressKey(digest)}
        size={size}
        label={`verifying layer ${digest}`}
        state="verifying"
        idle={
          diffId ? (
            <span className="check check-pending" title={diffId} data-state="pending">
              pending
            </span>
          ) : (
            <span className="muted">none</span>
          )
        }
      />
    );
  }
  const d = v.data.diffId;
  const title =
    d.state === 'mismatch'
      ? `config says ${d.want}\ncontent hashes to ${d.got}`
      : (d.got ?? d.want ?? '');
  return (
    <span className={`check check-${d.state}`} title={title} data-state={d.state}>
      {d.state === 'verified' ? '✓ ' : d.state === 'mismatch' ? '✗ ' : ''}
      {d.state === 'not-computed' ? 'not computed' : d.state}
    </span>
  );
}

/**
 * One layer row (and its problems beneath), or a history step that made no layer. Memoized: the
 * panel re-renders as listings arrive, and each row already follows its own jobs.
 */
export const LayerRow = memo(function LayerRow({
  image,
  row,
  sizes,
}: {
  image: LoadedImage;
  row: LayerTableRow;
  sizes: LayerSizesView | undefined;
}) {
  if (row.kind === 'empty') {
    const text = createdByText(row.history);
    return (
      <tr className="row-empty">
        <td className="num muted">·</td>
        <td colSpan={8} className="muted small">
          empty layer
          {row.history.created ? ` · ${row.history.created.slice(0, 19).replace('T', ' ')}` : ''}
        </td>
        <td className="created-by mono" title={row.history.createdBy ?? ''}>
          {text}
        </td>
      </tr>
    );
  }
  const node = image.graph.nodes.get(row.descriptor.digest.value);
  if (node && node.kind !== 'layer') return <BlobDataRow image={image} row={row} node={node} />;
  return <LayerDataRow image={image} row={row} sizes={sizes} />;
});

/**
 * A manifest's blob that is not a filesystem layer (an in-toto statement, an SBOM, a signature):
 * it is hashed like any blob, never listed as a tar, so its row follows the blob's check.
 */
function BlobDataRow({
  image,
  row,
  node,
}: {
  image: LoadedImage;
  row: Extract<LayerTableRow, { kind: 'layer' }>;
  node: GraphNode;
}) {
  const digest = node.id;
  const check = useNodeCheck(image, node);
  const found = useNodeCheckProblems(image, node);
  const problems = [...node.problems, ...found];
  return (
    <>
      <tr
        className={`row-layer row-blob state-${check.state}`}
        data-layer={row.index}
        aria-label={`blob ${layerNumber(row.index)} ${digest}`}
      >
        <LeadingCells row={row} word="blob" check={check} problems={problems} />
        <td className="num">—</td>
        <td className="read-cell">
          <span className="muted" data-state="not-a-layer">
            not a layer
          </span>
        </td>
        <td className="nowrap diff-id-cell">
          <span className="muted" data-state="none">
            —
          </span>
        </td>
        <td className="num">—</td>
        <td className="num">—</td>
        <td className="created-by muted">open it to read it</td>
      </tr>
      {problems.length > 0 && (
        <tr className="row-problems">
          <td />
          <td colSpan={9}>
            <ProblemList problems={problems} label={`Problems of blob ${layerNumber(row.index)}`} />
          </td>
        </tr>
      )}
    </>
  );
}

function LayerDataRow({
  image,
  row,
  sizes,
}: {
  image: LoadedImage;
  row: Extract<LayerTableRow, { kind: 'layer' }>;
  sizes: LayerSizesView | undefined;
}) {
  const digest = row.descriptor.digest.value;
  const node = image.graph.nodes.get(digest);
  const job = useLayerJob(image, digest);
  const check = (node && staticCheck(image, node)) ?? checkFromQuery(job.verify);
  const problems = node ? [...node.problems, ...layerProblems(node, job, job.verify)] : [];
  const text = createdByText(row.history);
  const uncompressed = job.status === 'success' ? job.data.uncompressedBytes : null;
  const fileLayer = useLayerFocus(digest);
  const selected = useViewState().node === digest;
  return (
    <>
      <tr
        className={`row-layer state-${check.state}${selected ? ' is-selected' : ''}`}
        data-layer={row.index}
        data-file-layer={fileLayer}
        // The row's digest link is the keyboard's way; a click anywhere on the row selects too.
        onClick={() => navigate({ node: digest })}
        aria-label={`layer ${layerNumber(row.index)} ${digest}`}
      >
        <LeadingCells row={row} word="layer" check={check} problems={problems} />
        <td className="num">{formatBytes(uncompressed)}</td>
        <td className="read-cell">
          <ReadState image={image} digest={digest} size={row.descriptor.size} />
        </td>
        <td className="nowrap diff-id-cell">
          <DiffIdState
            image={image}
            digest={digest}
            diffId={row.diffId}
            size={row.descriptor.size}
          />
        </td>
        <td className="num">{sizes ? formatBytes(sizes.netBytes) : '—'}</td>
        <td className={`num${sizes && sizes.hiddenBytes > 0 ? ' warn-text' : ''}`}>
          {sizes ? formatBytes(sizes.hiddenBytes) : '—'}
        </td>
        <td className="created-by mono" title={row.history?.createdBy ?? ''}>
          {text || <span className="muted">no history</span>}
        </td>
      </tr>
      {problems.length > 0 && (
        <tr className="row-problems">
          <td />
          <td colSpan={9}>
            <ProblemList
              problems={problems}
              label={`Problems of layer ${layerNumber(row.index)}`}
            />
          </td>
        </tr>
      )}
    </>
  );
}

/** The cells every row of the table starts with: its number, digest and badge, type and size. */
function LeadingCells({
  row,
  word,
  check,
  problems,
}: {
  row: Extract<LayerTableRow, { kind: 'layer' }>;
  word: 'layer' | 'blob';
  check: ReturnType<typeof useNodeCheck>;
  problems: readonly Problem[];
}) {
  const digest = row.descriptor.digest.value;
  return (
    <>
      <td className="num">{layerNumber(row.index)}</td>
      <td className="nowrap">
        <DigestLink id={digest} label={`${word} ${layerNumber(row.index)} ${digest}`} />{' '}
        <CheckBadge check={check} problems={problems} compact />
      </td>
      <td className="nowrap">
        <Hint explanation={explainMediaType(row.descriptor.mediaType)}>
          {shortMediaType(row.descriptor.mediaType)}
        </Hint>
      </td>
      <td className="num">{formatBytes(row.descriptor.size)}</td>
    </>
  );
}
