import { useId } from 'react';
import type { ImageSummary } from '../core/graph/model.ts';
import { LayersPanel } from './features/layers/layers-panel.tsx';
import type { LoadedImage } from './state/loaded-image.ts';
import { AllProblems, ProblemsTabLabel } from './workspace-summary.tsx';

/** Which of the strip's two tabs is open. */
export type BottomTab = 'layers' | 'problems';

/** The strip under the graph: the selected image's layers table, and every problem, as two tabs. */
export function LayersAndProblems({
  image,
  selected,
  tab,
  onTab,
  ready,
}: {
  image: LoadedImage;
  selected: ImageSummary | null;
  tab: BottomTab;
  onTab: (tab: BottomTab) => void;
  /** False on the first frame after a load, so the graph paints before the table mounts. */
  ready: boolean;
}) {
  const tabsId = useId();
  return (
    <>
      <div
        role="tablist"
        aria-label="Layers and problems"
        className="tabs"
        onKeyDown={(e) => {
          if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
          const next = tab === 'layers' ? 'problems' : 'layers';
          onTab(next);
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
          onClick={() => onTab('layers')}
        >
          Layers{selected ? ` (${selected.layers.length})` : ''}
        </button>
        <button
          type="button"
          role="tab"
          id={`${tabsId}-problems`}
          aria-selected={tab === 'problems'}
          tabIndex={tab === 'problems' ? 0 : -1}
          aria-controls={`${tabsId}-problems-panel`}
          onClick={() => onTab('problems')}
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
        {ready && <LayersPanel image={image} selected={selected} />}
      </div>
      <div
        role="tabpanel"
        id={`${tabsId}-problems-panel`}
        aria-labelledby={`${tabsId}-problems`}
        hidden={tab !== 'problems'}
        className="tabpanel"
      >
        {ready && <AllProblems image={image} />}
      </div>
    </>
  );
}
