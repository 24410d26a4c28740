import type { Problem } from '../../../core/oci/problem.ts';
import { ProblemList } from '../../components/problem-list.tsx';
import type { LoadedImage } from '../../state/loaded-image.ts';

/** Every problem of the image in one list, errors first; each links to the node it belongs to. */
export function ProblemsPanel({
  image,
  problems,
}: {
  image: LoadedImage;
  problems: readonly Problem[];
}) {
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
  return (
    <ProblemList problems={sorted} nodes={new Set(image.graph.nodes.keys())} label="All problems" />
  );
}
