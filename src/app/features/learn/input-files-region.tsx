import { useMemo, useState } from 'react';
import { inputFiles, type InputFile } from '../../../core/learn/input-files.ts';
import { formatBytes, formatCount } from '../../components/format.ts';
import type { LoadedImage } from '../../state/loaded-image.ts';
import './learn.css';

/** Files listed at first, and how many more each "Show more" adds: 10,000 rows took ~1 s to insert. */
export const FILES_SHOWN = 200;

/**
 * The input's files by image: sorting 10,000 paths takes ~10 ms, and a render React drops
 * (interrupted by an update) would otherwise list them again.
 */
const listed = new WeakMap<LoadedImage, InputFile[]>();

function filesOf(image: LoadedImage): InputFile[] {
  let files = listed.get(image);
  if (!files) listed.set(image, (files = inputFiles(image.graph, image)));
  return files;
}

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
  const files = useMemo(() => filesOf(image), [image]);
  const [shown, setShown] = useState(FILES_SHOWN);
  const more = Math.min(FILES_SHOWN * 5, files.length - shown);
  return (
    <section className="learn-files" aria-label="Files of the input">
      <h3>
        Files of the {image.format === 'oci-layout' ? 'folder' : 'archive'}{' '}
        <span className="muted small">({files.length})</span>
      </h3>
      <ul>
        {files.slice(0, shown).map((f) => (
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
      {more > 0 && (
        <button type="button" className="learn-more" onClick={() => setShown(shown + more)}>
          Show {formatCount(more)} more of {formatCount(files.length - shown)} not listed
        </button>
      )}
    </section>
  );
}
