import type { GraphNode } from '../../../core/graph/model.ts';
import type { LoadedImage } from '../../state/loaded-image.ts';
import { AboutNode } from './about-node.tsx';
import { CommandsRegion } from './commands-region.tsx';
import { InputFilesRegion } from './input-files-region.tsx';
import { PullChoices } from './pull-choices.tsx';
import { RawEntries } from './raw-entries.tsx';

/** What opens a node's panel: "About this …" (two regions for the top document). */
export function LearnTop({ image, node }: { image: LoadedImage; node: GraphNode }) {
  return <AboutNode image={image} node={node} />;
}

/**
 * What closes a node's panel: for the top document the input's files (each selects its node
 * through `onSelect`); for an index what a pull on each platform picks; a layer's tar entries
 * as stored; then the commands that show the same.
 */
export function LearnBottom({
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
      {node.kind === 'top' && (
        <InputFilesRegion image={image} selected={null} onSelect={onSelect} />
      )}
      {(node.kind === 'index' || node.kind === 'top') && <PullChoices node={node} />}
      {node.kind === 'layer' && image.store.has(node.id) && (
        <RawEntries image={image} digest={node.id} />
      )}
      <CommandsRegion image={image} node={node} />
    </>
  );
}
