import { useStoreState } from './use-store-state.ts';
import type { ImageGraph } from '../../core/graph/model.ts';
import type { StoredBlob } from '../../core/store/blob-store.ts';
import type { ExplorerApi } from '../../worker/api.ts';
import type { OpenProgress } from '../../worker/open-source.ts';
import type { WorkerPool } from '../../worker/pool.ts';
import { Priority } from '../../worker/priority.ts';
import { OpenedParts } from '../../worker/opened-parts.ts';
import { isAbortError } from '../../worker/rpc.ts';
import { describeError, type LoadError, type OpenRequest } from './session.ts';
import { isFolderSource, wireFolder, wireSource } from './wire-source.ts';

/** One side of a comparison: an opened input's graph and blobs, and the key naming the input. */
export interface CompareInput {
  inputKey: string;
  name: string;
  graph: ImageGraph;
  blobs: StoredBlob[];
  /** A registry image's reference pinned to the manifest it resolved to. */
  reference: string | null;
}

/** The second input of the compare view: none, opening, open, or why it could not be opened. */
export type SecondState =
  | { status: 'none' }
  | { status: 'opening'; label: string; progress: OpenProgress | null }
  | { status: 'ready'; input: CompareInput }
  | { status: 'failed'; label: string; error: LoadError };

/**
 * The second input the compare view reads (a second dropped, picked or linked image). Opening it
 * reads its graph only: its layers are read by the comparison itself. Opening another input, or
 * clearing, aborts what the previous one started.
 */
export class SecondImage {
  private state: SecondState = { status: 'none' };
  private readonly listeners = new Set<() => void>();
  private controller: AbortController | null = null;

  constructor(private readonly pool: () => WorkerPool<ExplorerApi>) {}

  getState = (): SecondState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Open the second input; resolves with it once open (null when it failed or was replaced). */
  async open(req: OpenRequest): Promise<CompareInput | null> {
    this.controller?.abort(new DOMException('Another image was opened', 'AbortError'));
    const controller = new AbortController();
    this.controller = controller;
    const { signal } = controller;
    this.set({ status: 'opening', label: req.label, progress: null });
    try {
      // Posted as the first input is (a large folder fed a few files at a time), and rebuilt
      // from its parts; a large index's preview is not drawn here: the comparison needs it whole.
      const wire = isFolderSource(req.source)
        ? await wireFolder(req.source, signal)
        : wireSource(req.source);
      const parts = new OpenedParts(wire.files);
      const call = this.pool().call('open', wire.source, {
        signal,
        priority: Priority.open,
        transfer: wire.transfer,
        onProgress: (progress) => {
          if (progress.phase === 'part') parts.add(progress.part);
          else if (progress.phase === 'preview') return;
          else if (this.controller === controller && this.state.status === 'opening')
            this.set({ ...this.state, progress });
        },
      });
      void wire.feed(signal).catch(() => {});
      const opened = parts.finish(await call);
      if (signal.aborted) return null;
      const input: CompareInput = {
        inputKey: `second:${req.inputKey}`,
        name: opened.name,
        graph: opened.graph,
        blobs: opened.blobs,
        reference: opened.reference,
      };
      this.set({ status: 'ready', input });
      return input;
    } catch (e) {
      if (signal.aborted || isAbortError(e)) return null;
      this.set({ status: 'failed', label: req.label, error: describeError(e) });
      return null;
    }
  }

  /** Forget the second input (and abort its opening). */
  clear(): void {
    this.controller?.abort(new DOMException('The comparison was closed', 'AbortError'));
    this.controller = null;
    if (this.state.status !== 'none') this.set({ status: 'none' });
  }

  private set(state: SecondState): void {
    this.state = state;
    for (const l of this.listeners) l();
  }
}

const NONE: SecondState = { status: 'none' };

/** The second input's state (none without one), re-rendering (as a transition) on change. */
export function useSecondState(second: SecondImage | null): SecondState {
  return useStoreState(second, NONE);
}
