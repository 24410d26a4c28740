import type { StoredBlob } from '../../core/store/blob-store.ts';
import type { OpenedImage } from '../../worker/api.ts';
import type { ProgressStore } from './progress-store.ts';

/** An opened image on the main thread: what the worker sent, plus this session's handles. */
export interface LoadedImage extends OpenedImage {
  /** Identifies the input (name, size, time): query keys end with it. */
  inputKey: string;
  /** Blobs by digest. */
  store: Map<string, StoredBlob>;
  /** Live progress of this image's jobs, by digest. */
  progress: ProgressStore;
  /** Aborted when another image is opened. */
  signal: AbortSignal;
  /** Called by the graph once it has painted: the checks start then (see Session.open). */
  graphShown: () => void;
}
