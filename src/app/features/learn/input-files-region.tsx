import { useMemo } from 'react';
import { inputFiles } from '../../../core/learn/input-files.ts';
import { formatBytes } from '../../components/format.ts';
import type { LoadedImage } from '../../state/loaded-image.ts';
import './learn.css';

/**
 * "Files of the input": the input as the disk or the tar holds it (the lesson's `tree`), each
 * file a button that selects its node through `onSelect`.
 */
export function InputFilesRegion({
  image,
  selected,
  onSelect,
}: {
  image: LoadedImage;
  selected?: string | null;
  onSelect: (nodeId: string) => void;
}) {
  const files = useMemo(() => inputFiles(image.graph, image), [image]);
  return (
    <section className="learn-files" aria-label="Files of the input">
      <h3>
        Files of the {image.format === 'oci-layout' ? 'folder' : 'archive'}{' '}
        <span className="muted small">({files.length})</span>
      </h3>
      <ul>
        {files.map((f) => (
          <li key={f.path}>
            {f.node ? (
              <button
                type="button"
                className="learn-file mono"
                aria-current={selected === f.node ? 'true' : undefined}
                onClick={() => onSelect(f.node!)}
              >
                {f.path}
              </button>
            ) : (
              <span className="learn-file mono">{f.path}</span>
            )}
            {f.size !== null && <span className="muted small"> {formatBytes(f.size)}</span>}
            {f.note && <span className="muted small"> · {f.note}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
