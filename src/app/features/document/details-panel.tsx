import { useMemo, type ReactNode } from 'react';
import { fieldKindOfNode } from '../../../core/graph/field-kind.ts';
import type { GraphNode } from '../../../core/graph/model.ts';
import { CheckBadge } from '../../components/check-badge.tsx';
import { DigestLink } from '../../components/digest-link.tsx';
import { explainMediaType } from '../../components/explain.ts';
import { formatBytes, formatCount, layerNumber } from '../../components/format.ts';
import { Hint } from '../../components/hint.tsx';
import { manifestFacts, nodeKindWord, parentsOf } from '../../components/node-kind.ts';
import { ProblemList } from '../../components/problem-list.tsx';
import { useLayerJob, useNodeCheck, useNodeCheckProblems } from '../../queries/checks.ts';
import type { LoadedImage } from '../../state/loaded-image.ts';
import { ConfigSummary } from './config-summary.tsx';
import { inferredFacts } from './inferred-facts.ts';
import { JsonView, type JsonLinks } from './json-view.tsx';

/** Facts a layer job found, for a selected layer node. */
function LayerFacts({ image, node }: { image: LoadedImage; node: GraphNode }) {
  const job = useLayerJob(image, node.id);
  if (!image.store.has(node.id)) return null;
  if (job.status !== 'success') return <p className="muted">Reading the layer…</p>;
  const r = job.data;
  return (
    <dl className="facts">
      <dt>compression</dt>
      <dd>{r.compression}</dd>
      <dt>uncompressed</dt>
      <dd>{formatBytes(r.uncompressedBytes)}</dd>
      <dt>entries</dt>
      <dd>{r.entryCount === null ? '—' : formatCount(r.entryCount)}</dd>
      <dt>diff_id</dt>
      <dd>
        <span className={`check check-${r.diffId.state}`}>{r.diffId.state}</span>{' '}
        <span className="mono small">{r.diffId.got ?? r.diffId.want ?? ''}</span>
        {r.diffId.state === 'mismatch' && (
          <span className="mono small"> (config says {r.diffId.want})</span>
        )}
      </dd>
    </dl>
  );
}

/** What the node is and where it lives: media type, size, source, platform and names, its check. */
function NodeFacts({
  image,
  node,
  check,
  inferredWhy,
}: {
  image: LoadedImage;
  node: GraphNode;
  check: ReturnType<typeof useNodeCheck>;
  inferredWhy: string | null;
}) {
  const facts = node.kind === 'manifest' ? manifestFacts(image.graph, node.id) : null;
  return (
    <dl className="facts">
      <dt>media type</dt>
      <dd>
        <Hint explanation={explainMediaType(node.mediaType)}>
          <span className="mono">{node.mediaType}</span>
        </Hint>
        {inferredWhy !== null && (
          <span className="inferred" title={`not in the file: ${inferredWhy}`}>
            inferred
          </span>
        )}
      </dd>
      {node.size !== null && (
        <>
          <dt>size</dt>
          <dd>
            {formatBytes(node.size)} <span className="muted">({formatCount(node.size)} bytes)</span>
          </dd>
        </>
      )}
      {node.source && (
        <>
          <dt>stored at</dt>
          <dd className="mono">{node.source}</dd>
        </>
      )}
      {facts?.platform && (
        <>
          <dt>platform</dt>
          <dd className="mono">{facts.platform}</dd>
        </>
      )}
      {(facts?.refName || (facts?.tags.length ?? 0) > 0) && (
        <>
          <dt>names</dt>
          <dd className="mono">
            {[...new Set([facts?.refName, ...(facts?.tags ?? [])].filter(Boolean))].join(', ')}
          </dd>
        </>
      )}
      {check.state === 'mismatch' && (
        <>
          <dt>digest check</dt>
          <dd className="mono small">
            want {check.want}
            <br />
            got {check.got}
          </dd>
        </>
      )}
      <ReferencedBy graph={image.graph} id={node.id} />
    </dl>
  );
}

/** The documents that reference a node, each with the role and position of the reference. */
function ReferencedBy({ graph, id }: { graph: LoadedImage['graph']; id: string }) {
  const parents = parentsOf(graph, id);
  if (parents.length === 0) return null;
  return (
    <>
      <dt>referenced by</dt>
      <dd>
        {parents.map((p, i) => (
          <span key={i} className="ref">
            <DigestLink id={p.from} />{' '}
            <span className="muted">
              {p.role === 'layers'
                ? `layer ${layerNumber(p.index)} (layers[${p.index}])`
                : p.role === 'manifests'
                  ? `manifests[${p.index}]`
                  : p.role}
            </span>
          </span>
        ))}
      </dd>
    </>
  );
}

/**
 * Everything about the selected node: what it is, its check, its problems, its document.
 * `top` and `bottom` hold what other features add (the explanation first, the commands last);
 * `children` what follows the document (the blob's contents, from the blob feature).
 */
export function DetailsPanel({
  image,
  node,
  top,
  bottom,
  children,
}: {
  image: LoadedImage;
  node: GraphNode;
  top?: ReactNode;
  bottom?: ReactNode;
  children?: ReactNode;
}) {
  const check = useNodeCheck(image, node);
  const checkProblems = useNodeCheckProblems(image, node);
  const graph = image.graph;
  const links = useMemo<JsonLinks>(() => {
    const diffIds = new Map<string, string>();
    for (const img of graph.images) {
      if (img.config?.digest.value !== node.id) continue;
      for (const l of img.layers) if (l.diffId) diffIds.set(l.diffId, l.descriptor.digest.value);
    }
    return { nodes: new Set(graph.nodes.keys()), diffIds };
  }, [graph, node.id]);
  const inferred = useMemo(() => inferredFacts(graph, node), [graph, node]);
  const problems = [...node.problems, ...checkProblems];
  const kind = nodeKindWord(node);

  return (
    <div className="details">
      {top}
      <header className="details-head">
        <h2>
          <span className={`kind kind-${node.kind}`}>{kind}</span>{' '}
          <span className="mono">{node.digest ?? node.id}</span>
        </h2>
        <div className="details-badges">
          <CheckBadge check={check} problems={problems} />
          {node.labels.map((l) => (
            <span key={l} className={`label label-${l}`}>
              {l}
            </span>
          ))}
        </div>
      </header>
      <NodeFacts
        image={image}
        node={node}
        check={check}
        inferredWhy={inferred.mediaType?.why ?? null}
      />
      <ProblemList problems={problems} nodes={links.nodes} label={`Problems of this ${kind}`} />
      {!node.present && (
        <p className="callout callout-error">
          The input does not hold this blob: it is referenced but missing.
        </p>
      )}
      {node.synthesized && (
        <p className="callout">
          Written by this tool: a docker archive carries no manifests, so one is made from its
          manifest.json entry.
        </p>
      )}
      {node.kind === 'layer' && <LayerFacts image={image} node={node} />}
      {node.document?.kind === 'config' && <ConfigSummary config={node.document} />}
      {node.bytes && (
        <JsonView
          bytes={node.bytes}
          links={links}
          label={`${kind} JSON`}
          kind={fieldKindOfNode(node)}
          inferred={inferred}
          fileName={node.digest ? `${node.digest.replace(/[^A-Za-z0-9._-]/g, '-')}.json` : node.id}
        />
      )}
      {children}
      {bottom}
    </div>
  );
}
