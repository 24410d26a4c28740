import { useMemo, useRef, useState } from 'react';
import type { ImageGraph } from '../../../core/graph/model.ts';
import { walkSteps, type WalkTarget } from '../../../core/learn/walk.ts';
import './learn.css';

/**
 * "Walk through this image": index.json → manifest → config → layer → merged filesystem. Each
 * step calls `onStep(target)` (the workspace selects the view) and says what is shown.
 */
export function GuidedWalk({
  graph,
  onStep,
}: {
  graph: ImageGraph;
  onStep: (target: WalkTarget) => void;
}) {
  const steps = useMemo(() => walkSteps(graph), [graph]);
  const [at, setAt] = useState<number | null>(null);
  const next = useRef<HTMLButtonElement>(null);
  const go = (i: number | null): void => {
    setAt(i);
    if (i !== null) {
      onStep(steps[i]!.target);
      // Keep the keyboard on the walk: the Next button is where the next press goes.
      requestAnimationFrame(() => next.current?.focus());
    }
  };
  const step = at === null ? null : steps[at];
  return (
    <div className="learn-walk" role="group" aria-label="Guided walk">
      {step === null || step === undefined ? (
        <button type="button" className="btn btn-small" onClick={() => go(0)}>
          Walk through this image
        </button>
      ) : (
        <div className="learn-walk-step" role="status" aria-live="polite">
          <strong>
            Step {at! + 1} of {steps.length}: {step.title}
          </strong>{' '}
          {step.text}{' '}
          {at! + 1 < steps.length ? (
            <button ref={next} type="button" className="btn btn-small" onClick={() => go(at! + 1)}>
              Next
            </button>
          ) : (
            <button ref={next} type="button" className="btn btn-small" onClick={() => go(null)}>
              Done
            </button>
          )}{' '}
          <button type="button" className="btn btn-small" onClick={() => go(null)}>
            Stop
          </button>
        </div>
      )}
    </div>
  );
}
