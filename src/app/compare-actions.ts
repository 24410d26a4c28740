import { defaultImage } from '../core/graph/choose-image.ts';
import { requestForRef, requestForUrl } from './features/loading/picked.ts';
import { navigate } from './state/navigation.ts';
import type { SecondImage } from './state/second-image.ts';
import { withSecondSource, type SecondSource } from './state/second-source.ts';
import type { OpenRequest } from './state/session.ts';

/** Open the compare view of two manifests of the input already open (no second source). */
export function compareWithin(manifestA: string, manifestB: string): void {
  history.replaceState(null, '', withSecondSource(location.href, null));
  navigate({ image: manifestA, compare: manifestB, path: null });
}

/**
 * Open a second input and, once it is open, the compare view of `manifestA` with its default
 * image. `param` is the second source's query key when it can travel in a link (a URL or a
 * registry reference); a dropped or picked input cannot, and removes any.
 */
export async function compareWithInput(
  second: SecondImage,
  req: OpenRequest,
  manifestA: string | null,
  param: SecondSource | null,
): Promise<void> {
  history.replaceState(null, '', withSecondSource(location.href, param));
  const input = await second.open(req);
  const b = input && defaultImage(input.graph.images);
  if (b) navigate({ image: manifestA, compare: b.manifest, path: null });
}

/** The open request for a second source named in the query (`src2` or `ref2`). */
export function requestForSecond(source: SecondSource): OpenRequest {
  return source.key === 'src2'
    ? requestForUrl(source.value, location.href)
    : requestForRef(source.value);
}

/** Leave the compare view: its keys go from the hash and the query, the second input is dropped. */
export function closeCompare(second: SecondImage | null): void {
  history.replaceState(null, '', withSecondSource(location.href, null));
  second?.clear();
  navigate({ compare: null, part: 'files', strict: false, path: null });
}
