import {
  applyNodeChanges,
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type NodeChange,
  type NodeTypes,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { NODE_HEIGHT, NODE_WIDTH } from '../../../worker/graph-size.ts';
import { navigate } from '../../state/navigation.ts';
import type { LoadedImage } from '../../state/loaded-image.ts';
import { ImageContext } from './image-context.ts';
import { OciNode } from './oci-node.tsx';
import { toFlow, type OciFlowNode } from './to-flow.ts';
import { initialViewport } from './viewport.ts';
import './graph.css';

const nodeTypes: NodeTypes = { oci: OciNode };

function Flow({ image, selected }: { image: LoadedImage; selected: string | null }) {
  const flow = useMemo(() => toFlow(image.graph, image.layout), [image]);
  const [nodes, setNodes] = useState<OciFlowNode[]>(() =>
    flow.nodes.map((n) => (n.id === selected ? { ...n, selected: true } : n)),
  );
  const wrapper = useRef<HTMLDivElement>(null);
  const clicked = useRef<string | null>(null);
  const shown = useRef(selected);
  const rf = useReactFlow<OciFlowNode>();

  useEffect(() => {
    if (shown.current === selected) return;
    shown.current = selected;
    setNodes((nds) =>
      nds.map((n) =>
        n.selected === (n.id === selected) ? n : { ...n, selected: n.id === selected },
      ),
    );
    // A selection made elsewhere (a digest link, back/forward) brings its node into view.
    if (selected && clicked.current !== selected) {
      const p = image.layout.positions[selected];
      if (p)
        void rf.setCenter(p.x + NODE_WIDTH / 2, p.y + NODE_HEIGHT / 2, {
          zoom: Math.max(rf.getZoom(), 0.8),
          duration: 200,
        });
    }
    clicked.current = null;
  }, [selected, image, rf]);

  const onNodesChange = useCallback((changes: NodeChange<OciFlowNode>[]) => {
    for (const c of changes) {
      if (c.type === 'select' && c.selected) {
        clicked.current = c.id;
        navigate({ node: c.id });
      }
    }
    const rest = changes.filter((c) => c.type !== 'select');
    if (rest.length) setNodes((nds) => applyNodeChanges(rest, nds));
  }, []);

  const onInit = useCallback(() => {
    const box = wrapper.current?.getBoundingClientRect();
    if (box)
      void rf.setViewport(
        initialViewport(box, image.layout, image.layout.positions[image.graph.top.id]),
      );
    requestAnimationFrame(() => {
      performance.mark('oci:graph-visible');
      // After this frame is painted, let the session start the workers' checks.
      setTimeout(() => image.graphShown(), 0);
    });
  }, [image, rf]);

  return (
    <div className="graph-canvas" ref={wrapper}>
      <ReactFlow<OciFlowNode>
        nodes={nodes}
        edges={flow.edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onInit={onInit}
        nodesDraggable={false}
        nodesConnectable={false}
        nodesFocusable
        edgesFocusable={false}
        minZoom={0.1}
        maxZoom={2}
        colorMode="system"
        onlyRenderVisibleElements={nodes.length > 300}
        ariaLabelConfig={{
          'node.a11yDescription.default': 'Press Enter to select this node and show its details.',
        }}
      >
        <Background variant={BackgroundVariant.Dots} gap={16} size={1} />
        <Controls showInteractive={false} aria-label="Zoom controls" />
        {nodes.length > 12 && (
          <MiniMap
            pannable
            zoomable
            ariaLabel="Overview of the graph"
            nodeBorderRadius={3}
            nodeClassName={(n) => `minimap-${(n as OciFlowNode).data.node.kind}`}
            style={{ width: 150, height: 100 }}
          />
        )}
      </ReactFlow>
    </div>
  );
}

/** The image graph: index → manifests → config and layers, pan and zoom, click to select. */
function GraphView({ image, selected }: { image: LoadedImage; selected: string | null }) {
  return (
    <ImageContext.Provider value={image}>
      <ReactFlowProvider>
        <Flow image={image} selected={selected} />
      </ReactFlowProvider>
    </ImageContext.Provider>
  );
}

export default memo(GraphView);
