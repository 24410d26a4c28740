import { useEffect, useState } from 'react';

/** Copy the address of the view on screen (its state lives in the URL), saying when it is done. */
export function CopyLinkButton() {
  const [said, setSaid] = useState<string | null>(null);
  useEffect(() => {
    if (!said) return;
    const t = setTimeout(() => setSaid(null), 2500);
    return () => clearTimeout(t);
  }, [said]);
  const copy = () => {
    const href = location.href;
    // The clipboard needs a secure context; without one the address is still in the status.
    const write = navigator.clipboard?.writeText(href) ?? Promise.reject(new Error('no clipboard'));
    write.then(
      () => setSaid('Link copied'),
      () => setSaid('Copy the address bar: the clipboard is not available here'),
    );
  };
  return (
    <span className="copy-link">
      <button type="button" className="btn btn-small" onClick={copy}>
        Copy link
      </button>
      <span role="status" className="muted small">
        {said ?? ''}
      </span>
    </span>
  );
}
