import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, useContext } from 'react';
import { badgeFor } from '../../components/badge-state.ts';
import { CheckBadge } from '../../components/check-badge.tsx';
import { useLayerFocus } from '../../components/layer-focus.ts';
import { shortDigest } from '../../components/format.ts';
import { nodeKindWord } from '../../components/node-kind.ts';
import { useNodeCheck, useNodeCheckProblems } from '../../queries/checks.ts';
import { ImageContext } from './image-context.ts';
import { nodeDetail, type OciFlowNode } from './to-flow.ts';

/** One node box: kind, short digest, verification state, and what it is. */
function OciNodeBox({ data, selected }: NodeProps<OciFlowNode>) {
  const image = useContext(ImageContext)!;
  const { node, subtitle } = data;
  const check = useNodeCheck(image, node);
  const fileLayer = useLayerFocus(node.id);
  const found = useNodeCheckProblems(image, node);
  // What reading found and what the checks found, both on the node (not only in the list).
  const problems = found.length ? [...node.problems, ...found] : node.problems;
  const kind = nodeKindWord(node);
  const detail = nodeDetail(node, subtitle);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  return (
    <div
      className={`oci-node kind-${node.kind} state-${badgeFor(check, problems).state}${selected ? ' is-selected' : ''}${node.present ? '' : ' is-missing'}`}
      data-kind={kind}
      data-file-layer={fileLayer}
    >
      <Handle type="target" position={Position.Left} id="in" isConnectable={false} />
      <Handle type="target" position={Position.Top} id="subject-in" isConnectable={false} />
      <div className="oci-node-top">
        {/* Spaces between the words, so the box's text reads as the start of the node's name. */}
        <span className={`kind kind-${node.kind}`}>{kind}</span>{' '}
        <span className="oci-node-digest mono">
          {node.digest ? shortDigest(node.digest, 12) : node.id}
        </span>{' '}
        {/* The state is the node's description's business: hidden here, it would break the name. */}
        <span aria-hidden="true">
          <CheckBadge check={check} problems={problems} compact />
        </span>
      </div>
      <div className="oci-node-sub">
        <span className="oci-node-detail">{detail}</span>
        {node.labels.map((l) => (
          <span key={l} className={`label label-${l}`}>
            {' '}
            {l}
          </span>
        ))}
        {errors > 0 && (
          <span className="count count-error" title={`${errors} error${errors > 1 ? 's' : ''}`}>
            {errors}
          </span>
        )}
        {warnings > 0 && (
          <span
            className="count count-warning"
            title={`${warnings} warning${warnings > 1 ? 's' : ''}`}
          >
            {warnings}
          </span>
        )}
      </div>
      <Handle type="source" position={Position.Right} id="out" isConnectable={false} />
      <Handle type="source" position={Position.Bottom} id="subject-out" isConnectable={false} />
      {/* An outline's edges (a narrow pane) leave from under the node's left edge. */}
      <Handle
        type="source"
        position={Position.Bottom}
        id="tree-out"
        isConnectable={false}
        className="tree-out"
      />
    </div>
  );
}

/** The node component registered with React Flow. */
export const OciNode = memo(OciNodeBox);
