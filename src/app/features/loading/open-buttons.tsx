import { useRef, useState } from 'react';
import { beginPick, pickedFromDirectoryInput, preparePick, type Picked } from './picked.ts';

// React types do not know the directory-picker attributes; every current browser supports them.
const directoryProps = { webkitdirectory: '', directory: '' } as Record<string, string>;

/**
 * The two ways to pick an image without dragging: a folder picker and a file picker. `verb`
 * starts their accessible names ("Open an OCI layout folder"); the compare menu's pair says
 * "Compare with", so no input's name contains another's.
 */
export function OpenButtons({
  onPicked,
  size = 'normal',
  verb = 'Open',
}: {
  onPicked: (p: Picked) => void;
  size?: 'normal' | 'large';
  verb?: 'Open' | 'Compare with';
}) {
  const testPrefix = verb === 'Open' ? '' : 'second-';
  const folder = useRef<HTMLInputElement>(null);
  const file = useRef<HTMLInputElement>(null);
  // A folder is handed over a few tasks after its change event: to whoever is current then.
  const latest = useRef(onPicked);
  latest.current = onPicked;
  // Between the pick and the hand-over (a large folder takes a few tenths of a second) the
  // button says what is happening.
  const [reading, setReading] = useState(false);
  const cls = size === 'large' ? 'btn btn-primary btn-large' : 'btn';
  return (
    <div className="open-buttons" role="group" aria-label="Open an image">
      <button
        type="button"
        className={cls}
        aria-busy={reading || undefined}
        onClick={() => folder.current?.click()}
      >
        {reading ? 'Reading the folder…' : 'Open folder…'}
      </button>
      <button type="button" className={cls} onClick={() => file.current?.click()}>
        Open file…
      </button>
      <input
        ref={folder}
        type="file"
        className="visually-hidden"
        tabIndex={-1}
        aria-label={`${verb} an OCI layout folder`}
        data-testid={`${testPrefix}folder-input`}
        {...directoryProps}
        onChange={(e) => {
          // Taken before the input is cleared (that empties its list); the rest is done a
          // slice at a time, and a newer pick or drop stops it.
          const files = Array.from(e.currentTarget.files ?? []);
          e.currentTarget.value = '';
          setReading(true);
          void preparePick(
            (signal) => pickedFromDirectoryInput(files, signal),
            (p) => latest.current(p),
          ).finally(() => setReading(false));
        }}
      />
      <input
        ref={file}
        type="file"
        className="visually-hidden"
        tabIndex={-1}
        aria-label={`${verb} an image archive file`}
        data-testid={`${testPrefix}file-input`}
        onChange={(e) => {
          const f = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (!f) return;
          beginPick();
          onPicked({ kind: 'file', file: f });
        }}
      />
    </div>
  );
}
