import type { OpenedImage } from '../../worker/api.ts';
import type { PageBlob } from '../../worker/sent-blob.ts';
import type { ProgressStore } from './progress-store.ts';

/** An opened image on the main thread: what the worker sent, plus this session's handles. */
export interface LoadedImage extends Omit<OpenedImage, 'blobs'> {
  /** Every blob, its Blob handle rebuilt from the page's own files where it has them. */
  blobs: PageBlob[];
  /** Identifies the input (name, size, time): query keys end with it. */
  inputKey: string;
  /** Blobs by digest. */
  store: Map<string, PageBlob>;
  /** Live progress of this image's jobs, by digest. */
  progress: ProgressStore;
  /** Aborted when another image is opened. */
  signal: AbortSignal;
  /** Called by the graph once it has painted: the checks start then (see Session.open). */
  graphShown: () => void;
}
