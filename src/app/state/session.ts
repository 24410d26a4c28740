import { useStoreState } from './use-store-state.ts';
import type { QueryClient } from '@tanstack/react-query';
import type { ExplorerApi, OpenedImage } from '../../worker/api.ts';
import { OpenedParts } from '../../worker/opened-parts.ts';
import type { OpenProgress, Source } from '../../worker/open-source.ts';
import type { WorkerPool } from '../../worker/pool.ts';
import { Priority } from '../../worker/priority.ts';
import { isAbortError, RemoteError } from '../../worker/rpc.ts';
import { startChecks } from '../queries/jobs.ts';
import { queriesOfInput } from '../queries/keys.ts';
import { dropSpareListings } from '../queries/layer-listing.ts';
import type { LoadedImage } from './loaded-image.ts';
import { ProgressStore } from './progress-store.ts';
import { isFolderSource, wireFolder, wireSource, type WireSource } from './wire-source.ts';

/** The longest the checks wait for the graph to paint before they start anyway. */
const GRAPH_WAIT_MS = 1000;

/** Why an input could not be opened, sorted for the message the user sees. */
export interface LoadError {
  kind:
    | 'not-an-image'
    | 'refused'
    | 'cors'
    | 'http'
    | 'stalled'
    | 'too-large'
    | 'registry-unreachable'
    | 'registry-auth'
    | 'registry'
    | 'other';
  message: string;
}

/** What the app shows: nothing yet, an image opening, an image, or why it could not be opened. */
export type SessionState =
  | { status: 'empty' }
  | { status: 'opening'; id: number; label: string; progress: OpenProgress | null }
  | { status: 'ready'; id: number; image: LoadedImage }
  | { status: 'failed'; id: number; label: string; error: LoadError };

/** A request to open an image. */
export interface OpenRequest {
  source: Source;
  /** Identifies the input for the cache (see queryKeys). */
  inputKey: string;
  /** How the status line names it. */
  label: string;
}

/**
 * The one image being looked at. Opening another aborts everything the previous one started
 * (the open itself, queued and running worker jobs) and drops its unfinished cache entries.
 */
export class Session {
  private state: SessionState = { status: 'empty' };
  private readonly listeners = new Set<() => void>();
  private controller: AbortController | null = null;
  private nextId = 1;
  private currentKey: string | null = null;

  constructor(
    private readonly queryClient: QueryClient,
    private readonly pool: () => WorkerPool<ExplorerApi>,
  ) {}

  getState = (): SessionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Open an image, cancelling the previous one. Resolves once it is shown (or failed). */
  async open(req: OpenRequest): Promise<void> {
    this.cancel(req.inputKey);
    const controller = new AbortController();
    this.controller = controller;
    const id = this.nextId++;
    const signal = controller.signal;
    performance.clearMarks('oci:open');
    performance.clearMarks('oci:opened');
    performance.mark('oci:open');
    this.set({ status: 'opening', id, label: req.label, progress: null });
    let wire: WireSource;
    try {
      wire = isFolderSource(req.source)
        ? await wireFolder(req.source, signal)
        : wireSource(req.source);
    } catch (e) {
      if (!signal.aborted)
        this.set({ status: 'failed', id, label: req.label, error: describeError(e) });
      return;
    }
    let graphShown = (): void => {};
    const shown = new Promise<void>((resolve) => (graphShown = resolve));
    const progress = new ProgressStore();
    const parts = new OpenedParts(wire.files);
    const receive = (opened: OpenedImage): LoadedImage => {
      const whole = parts.finish(opened);
      return {
        ...whole,
        inputKey: req.inputKey,
        store: new Map(whole.blobs.map((b) => [b.digest, b])),
        progress,
        signal,
        graphShown,
      };
    };
    const show = (image: LoadedImage): void => {
      if (performance.getEntriesByName('oci:opened').length === 0)
        performance.mark('oci:opened', { detail: image.ms });
      this.currentKey = req.inputKey;
      this.set({ status: 'ready', id, image });
    };
    try {
      const call = this.pool().call('open', wire.source, {
        signal,
        priority: Priority.open,
        transfer: wire.transfer,
        onProgress: (p) => {
          if (signal.aborted) return;
          if (p.phase === 'part') parts.add(p.part);
          // A large index's first picture: drawn now; the whole graph replaces it when it comes.
          else if (p.phase === 'preview') show(receive(p.image));
          else if (this.state.status === 'opening' && this.state.id === id)
            this.set({ ...this.state, progress: p });
        },
      });
      void wire.feed(signal).catch(() => {});
      const opened = await call;
      if (signal.aborted) return;
      const image = receive(opened);
      show(image);
      performance.mark('oci:graph-complete');
      // Show first, then verify: the checks start once the graph has painted (or after a
      // moment, if it never does), so hashing never competes with drawing the graph.
      await Promise.race([shown, new Promise((r) => setTimeout(r, GRAPH_WAIT_MS))]);
      if (signal.aborted) return;
      void startChecks(image, this.queryClient, this.pool()).catch(() => {});
    } catch (e) {
      if (signal.aborted || isAbortError(e)) return;
      this.set({ status: 'failed', id, label: req.label, error: describeError(e) });
    }
  }

  /**
   * Abort the current image's work and forget its unfinished results; finished ones are kept
   * only when the same input is opened again (`nextKey`), so memory does not grow with each drop.
   */
  cancel(nextKey: string | null = null): void {
    this.controller?.abort(new DOMException('Another image was opened', 'AbortError'));
    this.controller = null;
    const key = this.currentKey;
    if (key !== null) {
      dropSpareListings(key);
      for (const filter of queriesOfInput(key))
        this.queryClient.removeQueries({
          ...filter,
          predicate: (q) => key !== nextKey || q.state.status !== 'success',
        });
    }
    this.currentKey = null;
  }

  /** Forget the current image entirely. */
  clear(): void {
    this.cancel();
    this.set({ status: 'empty' });
  }

  private set(state: SessionState): void {
    this.state = state;
    for (const l of this.listeners) l();
  }
}

/** Sort an error from the worker into what the user should read. */
export function describeError(e: unknown): LoadError {
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof RemoteError || e instanceof Error) {
    if (e.name === 'UnreadableInputError') return { kind: 'not-an-image', message };
    if (e.name === 'RegistryError') {
      const reason = e instanceof RemoteError ? e.data.reason : undefined;
      if (reason === 'unreachable') return { kind: 'registry-unreachable', message };
      if (reason === 'auth') return { kind: 'registry-auth', message };
      return { kind: 'registry', message };
    }
    if (e.name === 'FetchError') {
      const reason = e instanceof RemoteError ? e.data.reason : undefined;
      const kinds: readonly LoadError['kind'][] = [
        'refused',
        'cors',
        'http',
        'stalled',
        'too-large',
      ];
      const known = kinds.find((k) => k === reason);
      if (known) return { kind: known, message };
      return { kind: e instanceof RemoteError && e.data.cors === true ? 'cors' : 'http', message };
    }
  }
  return { kind: 'other', message };
}

/** The session's state, re-rendering (as a transition) on change. */
export function useSessionState(session: Session): SessionState {
  return useStoreState(session, session.getState());
}
