import {
  applyNodeChanges,
  Background,
  BackgroundVariant,
  ControlButton,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type NodeChange,
  type NodeTypes,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { COLLAPSE_AT, collapseGraph } from '../../../worker/graph-collapse.ts';
import { collapseIndexFor, prepareCollapseIndex } from './collapse-index.ts';
import { layoutCollapsed, layoutOutline } from '../../../worker/graph-layout.ts';
import { NODE_HEIGHT, NODE_WIDTH } from '../../../worker/graph-size.ts';
import { navigate } from '../../state/navigation.ts';
import type { LoadedImage } from '../../state/loaded-image.ts';
import { focusFor, initialFocus } from './focus.ts';
import { GroupNode } from './group-node.tsx';
import { ImageContext } from './image-context.ts';
import { minimapCovers, MINIMAP } from './minimap-fit.ts';
import { OciNode } from './oci-node.tsx';
import { toFlow, type FlowNode } from './to-flow.ts';
import { initialViewport, showsOutline } from './viewport.ts';
import './graph.css';

const nodeTypes: NodeTypes = { oci: OciNode, 'manifest-group': GroupNode };

const withSelection = (nodes: FlowNode[], selected: string | null): FlowNode[] =>
  nodes.map((n) => (n.id === selected ? { ...n, selected: true } : n));

function Flow({ image, selected }: { image: LoadedImage; selected: string | null }) {
  const graph = image.graph;
  // Which manifests a collapsed index keeps drawn: the one being looked at. A selection the
  // drawing does not hold (a digest link, the image picker, a search in a group) moves it.
  const [focus, setFocus] = useState(() => initialFocus(graph, selected));
  // The worker drew the first focus already (collapsing 10,000 manifests here took ~100 ms).
  // Moving it costs little once the graph's CollapseIndex is built, which is done in slices
  // ahead of time (building it in one task was most of those ~100 ms).
  const drawn = useMemo(
    () =>
      focus.join() === image.focus.join()
        ? image.drawn
        : collapseGraph(
            graph.top.id,
            [...graph.nodes.keys()],
            graph.edges,
            focus,
            COLLAPSE_AT,
            collapseIndexFor(graph.edges),
          ),
    [graph, focus, image],
  );
  const collapses = image.drawn.groups.length > 0;
  useEffect(() => {
    if (!collapses) return;
    const abort = new AbortController();
    prepareCollapseIndex(graph.edges, abort.signal).catch(() => undefined); // aborted: a new graph
    return () => abort.abort();
  }, [graph, collapses]);
  const visible = useMemo(() => new Set(drawn.nodeIds), [drawn]);
  if (selected && graph.nodes.has(selected) && !visible.has(selected)) {
    const next = focusFor(graph, selected);
    if (next.join() !== focus.join()) setFocus(next);
  }
  const wrapper = useRef<HTMLDivElement>(null);
  const [paneWidth, setPaneWidth] = useState(0);
  useLayoutEffect(() => setPaneWidth(wrapper.current?.getBoundingClientRect().width ?? 0), []);
  // The worker laid out the first drawing; a new one (the focus moved) is small, laid out here.
  const leftToRight = useMemo(
    () => (drawn.key === image.layout.key ? image.layout : layoutCollapsed(drawn)),
    [drawn, image],
  );
  // A narrow pane (a phone) that the left-to-right drawing does not fit at a readable zoom
  // shows the drawing as an outline instead.
  const narrow = showsOutline(paneWidth, leftToRight.width);
  const layout = useMemo(
    () => (narrow ? layoutOutline(drawn) : leftToRight),
    [narrow, drawn, leftToRight],
  );
  const flow = useMemo(() => toFlow(graph, drawn, layout, narrow), [graph, drawn, layout, narrow]);
  const [nodes, setNodes] = useState<FlowNode[]>(() => withSelection(flow.nodes, selected));
  const [nodesOf, setNodesOf] = useState(flow);
  if (nodesOf !== flow) {
    setNodesOf(flow);
    setNodes(withSelection(flow.nodes, selected));
  }
  const clicked = useRef<string | null>(null);
  const shown = useRef(selected);
  const rf = useReactFlow<FlowNode>();
  // The overview map: automatic (shown only where it covers no node) until the user toggles it.
  const [minimapChoice, setMinimapChoice] = useState<boolean | null>(null);
  const [minimapFree, setMinimapFree] = useState(false);

  const fit = useCallback(() => {
    const box = wrapper.current?.getBoundingClientRect();
    if (!box || box.width === 0) return;
    void rf.setViewport(initialViewport(box, layout, { outline: narrow }));
  }, [rf, layout, narrow]);

  const checkMinimap = useCallback(() => {
    const box = wrapper.current?.getBoundingClientRect();
    if (!box) return;
    setMinimapFree(!minimapCovers(box, rf.getViewport(), flow.nodes));
  }, [rf, flow]);

  // A new drawing (the focus moved) is fitted to the pane, as the first one is.
  const fitted = useRef(layout);
  useEffect(() => {
    if (fitted.current === layout) return;
    fitted.current = layout;
    fit();
    requestAnimationFrame(checkMinimap);
  }, [layout, fit, checkMinimap]);

  // The pane changes size (a window resize, a divider dragged): fit again unless the user has
  // moved the view since the last fit.
  const moved = useRef(false);
  useEffect(() => {
    const el = wrapper.current;
    if (!el) return;
    let last = el.getBoundingClientRect();
    const ro = new ResizeObserver(() => {
      const box = el.getBoundingClientRect();
      if (Math.abs(box.width - last.width) < 2 && Math.abs(box.height - last.height) < 2) return;
      last = box;
      setPaneWidth(box.width);
      if (!moved.current) fit();
      checkMinimap();
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [fit, checkMinimap]);

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
      const p = layout.positions[selected];
      const box = wrapper.current?.getBoundingClientRect();
      const v = rf.getViewport();
      // Already in view (after a fit, say): the view stays where it is.
      const onScreen =
        p &&
        box &&
        p.x * v.zoom + v.x >= 0 &&
        p.y * v.zoom + v.y >= 0 &&
        (p.x + NODE_WIDTH) * v.zoom + v.x <= box.width &&
        (p.y + NODE_HEIGHT) * v.zoom + v.y <= box.height;
      if (p && !onScreen)
        void rf.setCenter(p.x + NODE_WIDTH / 2, p.y + NODE_HEIGHT / 2, {
          zoom: Math.max(rf.getZoom(), 0.8),
          duration: 200,
        });
    }
    clicked.current = null;
  }, [selected, layout, rf]);

  const onNodesChange = useCallback((changes: NodeChange<FlowNode>[]) => {
    for (const c of changes) {
      if (c.type === 'select' && c.selected && !c.id.startsWith('group:')) {
        clicked.current = c.id;
        navigate({ node: c.id });
      }
    }
    const rest = changes.filter((c) => c.type !== 'select');
    if (rest.length) setNodes((nds) => applyNodeChanges(rest, nds));
  }, []);

  const onInit = useCallback(() => {
    fit();
    requestAnimationFrame(() => {
      performance.mark('oci:graph-visible');
      checkMinimap();
      // After this frame is painted, let the session start the workers' checks.
      setTimeout(() => image.graphShown(), 0);
    });
  }, [image, fit, checkMinimap]);

  const showMinimap = nodes.length > 6 && (minimapChoice ?? minimapFree);
  return (
    <div className="graph-canvas" ref={wrapper}>
      <ReactFlow<FlowNode>
        nodes={nodes}
        edges={flow.edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onInit={onInit}
        onMoveStart={(e) => {
          // Only a move the user makes (a drag, a wheel) stops the automatic refit.
          if (e) moved.current = true;
        }}
        onMoveEnd={checkMinimap}
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
        <Controls
          showInteractive={false}
          aria-label="Zoom controls"
          onFitView={() => (moved.current = false)}
        >
          <ControlButton
            onClick={() => setMinimapChoice(!showMinimap)}
            title={showMinimap ? 'Hide the overview map' : 'Show the overview map'}
            aria-label={showMinimap ? 'Hide the overview map' : 'Show the overview map'}
            aria-pressed={showMinimap}
          >
            <span aria-hidden="true">▣</span>
          </ControlButton>
        </Controls>
        {showMinimap && (
          <MiniMap
            pannable
            zoomable
            ariaLabel="Overview of the graph"
            nodeBorderRadius={3}
            nodeClassName={(n) =>
              n.type === 'oci'
                ? `minimap-${(n as Extract<FlowNode, { type: 'oci' }>).data.node.kind}`
                : 'minimap-group'
            }
            style={{ width: MINIMAP.width, height: MINIMAP.height }}
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
