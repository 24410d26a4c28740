import type { FsReadProgress } from '../../../../worker/fs-session.ts';
import { formatBytes, layerNumber } from '../../../components/format.ts';
import { useKeyed, type KeyedStore } from '../../../state/progress-store.ts';
import { readKey } from '../use-filesystem.ts';

/** A read that inflates less than this before its file is quick: no words needed. */
const WORTH_SAYING = 8 << 20;

/** "Reading…"; for a read that must inflate far to reach its file, how far it has come, and why. */
export function ReadingNote({
  store,
  path,
  offset,
}: {
  store: KeyedStore<FsReadProgress>;
  path: string;
  offset: number;
}) {
  const a = useKeyed(store, readKey(path, offset));
  if (!a || a.before < WORTH_SAYING) return <p className="fs-note">Reading…</p>;
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
