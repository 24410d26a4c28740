import { useState } from 'react';
import type { Problem } from '../../../core/oci/problem.ts';
import { formatCount } from '../../components/format.ts';
import { ProblemList } from '../../components/problem-list.tsx';
import type { LoadedImage } from '../../state/loaded-image.ts';

/** Problems listed before "Show all": an index of 10,000 broken manifests must not draw 10,000 rows at once. */
export const PROBLEMS_SHOWN = 200;

/** Every problem of the image in one list, errors first; each links to the node it belongs to. */
export function ProblemsPanel({
  image,
  problems,
}: {
  image: LoadedImage;
  problems: readonly Problem[];
}) {
  const [all, setAll] = useState(false);
  if (problems.length === 0) {
    return (
      <p className="empty-note">
        No problems found{image.graph.images.length ? '' : ' in what could be read'}.
      </p>
    );
  }
  const sorted = [...problems].sort((a, b) =>
    a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1,
  );
  const shown = all ? sorted : sorted.slice(0, PROBLEMS_SHOWN);
  return (
    <>
      <ProblemList
        problems={shown}
        nodes={new Set(image.graph.nodes.keys())}
        label="All problems"
      />
      {shown.length < sorted.length && (
        <button type="button" className="btn btn-small" onClick={() => setAll(true)}>
          Show all {formatCount(sorted.length)} problems (
          {formatCount(sorted.length - shown.length)} more)
        </button>
      )}
    </>
  );
}
