import { fileSetFromEntries } from '../core/store/file-set.ts';
import { openBlob, openFileSet } from '../core/store/open-input.ts';
import type { ImageInput } from '../core/store/image-input.ts';

/** Where an image comes from: a dropped or picked folder, one file, or a URL (`?src=`). */
export type Source =
  | { kind: 'folder'; name: string; entries: [string, Blob][] }
  | { kind: 'file'; name: string; blob: Blob }
  | { kind: 'url'; url: string };

/** Progress of opening: bytes downloaded (URLs) or read. */
export interface OpenProgress {
  phase: 'download' | 'index' | 'layout';
  bytes: number;
  total: number | null;
}

/** A URL could not be fetched; `cors` is true when the browser gave no reason (CORS or network). */
export class FetchError extends Error {
  constructor(
    message: string,
    readonly url: string,
    readonly cors: boolean,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'FetchError';
  }
}

/** Open a source as an image input (format detected from content, never from the name). */
export async function openSource(
  source: Source,
  opts: { signal: AbortSignal; progress: (p: OpenProgress) => void },
): Promise<ImageInput> {
  if (source.kind === 'folder') return openFileSet(fileSetFromEntries(source.entries));
  const blob = source.kind === 'file' ? source.blob : await download(source.url, opts);
  opts.progress({ phase: 'index', bytes: 0, total: blob.size });
  return openBlob(blob, { signal: opts.signal });
}

/** Fetch a URL into a Blob, streaming, with progress. */
export async function download(
  url: string,
  opts: { signal: AbortSignal; progress: (p: OpenProgress) => void },
): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(url, { signal: opts.signal, credentials: 'omit' });
  } catch (e) {
    if (opts.signal.aborted) throw e;
    // Browsers deliberately give no reason for a refused cross-origin request.
    throw new FetchError(
      `${url} could not be fetched: the server refused to share it with this page (CORS) or could not be reached. ` +
        'A server that hosts images for this app must answer with an Access-Control-Allow-Origin header; ' +
        'otherwise download the file and drop it here.',
      url,
      true,
      null,
    );
  }
  if (!response.ok) {
    throw new FetchError(
      `${url} answered HTTP ${response.status} ${response.statusText}`.trim(),
      url,
      false,
      response.status,
    );
  }
  const length = Number(response.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  if (!response.body) return response.blob();
  const parts: Uint8Array[] = [];
  let bytes = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    bytes += value.length;
    opts.progress({ phase: 'download', bytes, total });
  }
  return new Blob(parts as BlobPart[]);
}
