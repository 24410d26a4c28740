import { useEffect, useRef, useState } from 'react';
import { pickedFromDrop, takeDropEntries } from './folder-walk.ts';
import { preparePick, type Picked } from './picked.ts';

const hasFiles = (e: DragEvent): boolean => [...(e.dataTransfer?.types ?? [])].includes('Files');

/**
 * Drop anywhere: listens on the window, shows a full-page target while files are dragged over,
 * and walks a dropped folder. A new drop or pick aborts the walk of the previous one. `comparing`: the
 * compare view is open, where a drop opens image B, and the target says so.
 */
export function DropTarget({
  onDropStart,
  onPicked,
  comparing = false,
}: {
  onDropStart: () => void;
  onPicked: (p: Picked) => void;
  comparing?: boolean;
}) {
  const [over, setOver] = useState(false);
  const depth = useRef(0);
  const handlers = useRef({ onDropStart, onPicked });
  handlers.current = { onDropStart, onPicked };

  useEffect(() => {
    const enter = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth.current++;
      setOver(true);
    };
    const overFn = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setOver(false);
    };
    const drop = (e: DragEvent): void => {
      if (!e.dataTransfer || !hasFiles(e)) return;
      e.preventDefault();
      depth.current = 0;
      setOver(false);
      const taken = takeDropEntries(e.dataTransfer);
      handlers.current.onDropStart();
      void preparePick(
        (signal) => pickedFromDrop(taken, signal),
        (p) => handlers.current.onPicked(p),
      );
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', overFn);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', overFn);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);

  if (!over) return null;
  return (
    <div className="drop-overlay" role="status" aria-label="Drop target">
      <div className="drop-overlay-box">
        <strong>{comparing ? 'Drop to compare' : 'Drop to open'}</strong>
        <span>
          an OCI layout folder, or an image archive (.tar, .tar.gz, .tar.zst)
          {comparing && ', as image B beside the image open'}
        </span>
        <span className="muted">Nothing is uploaded: the image is read in this tab.</span>
      </div>
    </div>
  );
}
