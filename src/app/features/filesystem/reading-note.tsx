import { useSyncExternalStore } from 'react';
import type { FsReadProgress } from '../../../worker/fs-session.ts';
import { formatBytes, layerNumber } from '../../components/format.ts';

/** A read's progress towards its first byte, with the page it reads. */
export type Approach = FsReadProgress & { path: string; offset: number };

/**
 * The latest progress of the file reads, kept outside React state: its updates (5 a second)
 * re-render the one note that shows them, not the explorer.
 */
export class ApproachStore {
  private value: Approach | null = null;
  private readonly listeners = new Set<() => void>();
  readonly set = (v: Approach | null): void => {
    this.value = v;
    for (const l of this.listeners) l();
  };
  readonly get = (): Approach | null => this.value;
  readonly subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
}

/** A read that inflates less than this before its file is quick: no words needed. */
const WORTH_SAYING = 8 << 20;

/** "Reading…"; for a read that must inflate far to reach its file, how far it has come, and why. */
export function ReadingNote({
  store,
  path,
  offset,
}: {
  store: ApproachStore;
  path: string;
  offset: number;
}) {
  const a = useSyncExternalStore(store.subscribe, store.get);
  if (!a || a.path !== path || a.offset !== offset || a.before < WORTH_SAYING)
    return <p className="fs-note">Reading…</p>;
  return (
    <div className="fs-note fs-reading" role="status">
      <p>
        Reading… inflating layer {layerNumber(a.layer)}{' '}
        {a.via === 'start' ? 'from its start' : 'from a checkpoint'} to reach this file:{' '}
        {formatBytes(a.inflated)} of {formatBytes(a.before)}.
      </p>
      <progress max={a.before} value={a.inflated} aria-label="Inflated before the file" />
      {a.via === 'start' ? (
        <p className="muted small">
          A gzip stream can only be read from its start, unless a checkpoint (a place to resume,
          with the 32 KiB before it) is kept: this layer&rsquo;s are saved as it is verified. Until
          then a read deep in it inflates everything before the file; verification waits meanwhile.
        </p>
      ) : null}
    </div>
  );
}
