import type { GraphNode } from '../../../core/graph/model.ts';
import type { LoadedImage } from '../../state/loaded-image.ts';
import { AboutNode } from './about-node.tsx';
import { CommandsRegion } from './commands-region.tsx';
import { InputFilesRegion } from './input-files-region.tsx';
import { PullChoices } from './pull-choices.tsx';
import { RawEntries } from './raw-entries.tsx';

/**
 * What opens a node's panel: "About this …"; for the top document the input's files (each
 * selects its node through `onSelect`); for an index what a pull on each platform picks.
 */
export function LearnTop({
  image,
  node,
  onSelect,
}: {
  image: LoadedImage;
  node: GraphNode;
  onSelect: (nodeId: string) => void;
}) {
  return (
    <>
      <AboutNode image={image} node={node} />
      {node.kind === 'top' && (
        <InputFilesRegion image={image} selected={null} onSelect={onSelect} />
      )}
      {(node.kind === 'index' || node.kind === 'top') && <PullChoices node={node} />}
    </>
  );
}

/** What closes a node's panel: a layer's raw tar entries, then the commands that show the same. */
export function LearnBottom({ image, node }: { image: LoadedImage; node: GraphNode }) {
  return (
    <>
      {node.kind === 'layer' && image.store.has(node.id) && (
        <RawEntries image={image} digest={node.id} />
      )}
      <CommandsRegion image={image} node={node} />
    </>
  );
}
