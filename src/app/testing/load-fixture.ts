import { Blob as NodeBlob } from 'node:buffer';
import { explorerApi } from '../../worker/api.ts';
import { receiveBlobs } from '../../worker/sent-blob.ts';
import { fixtureSource, inProcess } from '../../worker/testing/fixture-source.ts';
import type { LoadedImage } from '../state/loaded-image.ts';
import { ProgressStore } from '../state/progress-store.ts';

// The worker's test helpers, for the app's tests too.
export { fixturePath, fixtureSource, inProcess } from '../../worker/testing/fixture-source.ts';

// jsdom's Blob has neither stream() nor arrayBuffer(), which the core reads with (browsers have both).
if (typeof (globalThis.Blob.prototype as Partial<Blob>).arrayBuffer !== 'function') {
  globalThis.Blob = NodeBlob as unknown as typeof Blob;
}

/** Open a fixture the way the app does, but in-process: a LoadedImage for component tests. */
export async function loadFixtureImage(rel: string): Promise<LoadedImage> {
  const opened = await explorerApi.open(await fixtureSource(rel), inProcess());
  const blobs = receiveBlobs(opened.blobs, null);
  return {
    ...opened,
    blobs,
    inputKey: `test:${rel}`,
    store: new Map(blobs.map((b) => [b.digest, b])),
    progress: new ProgressStore(),
    signal: new AbortController().signal,
    graphShown: () => {},
  };
}
