import { useMemo } from 'react';
import { commandsFor } from '../../../core/learn/commands.ts';
import type { GraphNode } from '../../../core/graph/model.ts';
import { useLayerJob } from '../../queries/checks.ts';
import type { LoadedImage } from '../../state/loaded-image.ts';
import { CopyButton } from './copy-button.tsx';
import './learn.css';

/**
 * The "Commands" region: the shell commands that show what this panel shows, each with a copy
 * button. A layer's listing command follows the compression sniffed from its bytes once listed.
 */
export function CommandsRegion({ image, node }: { image: LoadedImage; node: GraphNode }) {
  const job = useLayerJob(image, node.kind === 'layer' ? node.id : '');
  const compression = job.status === 'success' ? job.data.compression : undefined;
  const commands = useMemo(
    () => commandsFor(image.graph, node, { format: image.format, name: image.name, compression }),
    [image, node, compression],
  );
  if (commands.length < 2) return null;
  return (
    <section className="learn-commands" aria-label="Commands">
      <h3>Do it yourself</h3>
      <p className="muted small">
        Run these in a shell where the {image.format === 'oci-layout' ? 'folder' : 'file'} is (jq,
        tar, sha256sum, zstd, skopeo and umoci from your distribution).
      </p>
      <ol>
        {commands.map((c) => (
          <li key={c.command}>
            <span className="small">{c.label}</span>
            <span className="learn-command">
              <code>{c.command}</code>
              <CopyButton text={c.command} label={c.label} />
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
