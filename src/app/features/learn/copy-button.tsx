import { useState } from 'react';

/** A button that copies a text to the clipboard and says so for a moment. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [done, setDone] = useState<'copied' | 'failed' | null>(null);
  return (
    <button
      type="button"
      className="btn btn-small"
      aria-label={`Copy: ${label}`}
      onClick={() => {
        const clip = navigator.clipboard as Clipboard | undefined;
        (clip ? clip.writeText(text) : Promise.reject(new Error('no clipboard'))).then(
          () => setDone('copied'),
          () => setDone('failed'),
        );
        setTimeout(() => setDone(null), 1500);
      }}
    >
      {done ?? 'Copy'}
    </button>
  );
}
