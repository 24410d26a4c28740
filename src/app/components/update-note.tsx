import { useSyncExternalStore } from 'react';
import { applyUpdate, subscribeUpdate, updateReady } from '../state/app-update.ts';

/** "A new version is ready", with the button that loads it; nothing while there is none. */
export function UpdateNote() {
  const ready = useSyncExternalStore(subscribeUpdate, updateReady);
  if (!ready) return null;
  return (
    <div className="update-note" role="status">
      A new version of OCI Image Explorer is ready.{' '}
      <button type="button" className="btn btn-small" onClick={applyUpdate}>
        Reload to update
      </button>
    </div>
  );
}
