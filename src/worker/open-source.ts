import { fileSetFromEntries } from '../core/store/file-set.ts';
import { openBlob, openFileSet } from '../core/store/open-input.ts';
import type { ImageInput } from '../core/store/image-input.ts';
import { checkSourceUrl } from '../core/net/source-url.ts';
import { openRegistry, type RegistryInput } from '../core/registry/open-registry.ts';
import { isDockerHub, parseReference } from '../core/registry/reference.ts';
import {
  RegistryClient,
  RegistryError,
  unreachableMessage,
  type RegistryCredentials,
} from '../core/registry/registry-client.ts';
import { markRemoteBlobs } from './remote-transport.ts';
import { openFeed, type FeedSource } from './open-feed.ts';

/** Where an image comes from: a dropped or picked folder, one file, or a URL (`?src=`). */
export type Source =
  | { kind: 'folder'; name: string; entries: [string, Blob][] }
  | { kind: 'file'; name: string; blob: Blob }
  | { kind: 'url'; url: string }
  /** An image in a registry (`HOST/REPO:TAG`); credentials live in this tab's memory only. */
  | { kind: 'registry'; ref: string; credentials?: RegistryCredentials }
  /** A folder whose files the page posts a few at a time (see open-feed.ts). */
  | FeedSource;

/** Progress of opening: bytes downloaded (URLs) or read; `rate` in bytes per second while downloading. */
export interface OpenProgress {
  phase: 'download' | 'index' | 'layout';
  bytes: number;
  total: number | null;
  rate?: number;
}

/** Why a URL gave no image: refused before asking, refused by the browser, an HTTP error, a stall, or too large. */
export type FetchFailure = 'refused' | 'cors' | 'http' | 'stalled' | 'too-large';

/** A URL could not be fetched; `reason` sorts it for the message the user sees. */
export class FetchError extends Error {
  readonly cors: boolean;
  constructor(
    message: string,
    readonly url: string,
    readonly reason: FetchFailure,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'FetchError';
    this.cors = reason === 'cors';
  }
}

/** The most bytes a download may hold in memory: 2 GiB (stated in the README). */
export const DOWNLOAD_CAP_BYTES = 2 * 1024 ** 3;
/** A download that receives no byte for this long ends with a message. */
export const DOWNLOAD_STALL_MS = 30_000;

/** Limits of one download (tests pass smaller ones). */
export interface DownloadLimits {
  capBytes: number;
  stallMs: number;
}

/** Open a source as an image input (format detected from content, never from the name). */
export async function openSource(
  source: Source,
  opts: { signal: AbortSignal; progress: (p: OpenProgress) => void },
): Promise<ImageInput> {
  if (source.kind === 'folder') return openFileSet(fileSetFromEntries(source.entries));
  if (source.kind === 'folder-feed') return (await openFeed(source, opts)).input;
  if (source.kind === 'registry') return (await openRegistrySource(source, opts.signal)).input;
  const blob = source.kind === 'file' ? source.blob : await download(source.url, opts);
  opts.progress({ phase: 'index', bytes: 0, total: blob.size });
  return openBlob(blob, { signal: opts.signal });
}

/**
 * Fetch a URL into a Blob, streaming, with progress and rate. Refuses what `checkSourceUrl`
 * refuses (the page checks first; this is the second lock), stops at `capBytes` held in memory
 * and when no byte came for `stallMs`.
 */
export async function download(
  url: string,
  opts: {
    signal: AbortSignal;
    progress: (p: OpenProgress) => void;
    limits?: DownloadLimits;
    pageHref?: string;
  },
): Promise<Blob> {
  const limits = opts.limits ?? { capBytes: DOWNLOAD_CAP_BYTES, stallMs: DOWNLOAD_STALL_MS };
  const checked = checkSourceUrl(url, opts.pageHref ?? pageHref());
  if (!checked.ok)
    throw new FetchError(`${url} was not opened: ${checked.reason}.`, url, 'refused');
  // One controller for the request: the caller's abort, a stall, or the cap ends it.
  const request = new AbortController();
  const onAbort = (): void => request.abort(opts.signal.reason);
  opts.signal.addEventListener('abort', onAbort, { once: true });
  let stalled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      stalled = true;
      request.abort(new DOMException('stalled', 'TimeoutError'));
    }, limits.stallMs);
  };
  const stallError = (): FetchError =>
    new FetchError(
      `${url} sent nothing for ${Math.round(limits.stallMs / 1000)} s; the download was stopped.`,
      url,
      'stalled',
    );
  try {
    arm();
    let response: Response;
    try {
      response = await fetch(checked.url, { signal: request.signal, credentials: 'omit' });
    } catch (e) {
      if (opts.signal.aborted) throw e;
      if (stalled) throw stallError();
      // Browsers deliberately give no reason for a refused cross-origin request.
      throw new FetchError(
        `${url} could not be fetched: the server refused to share it with this page (CORS), could not be reached, ` +
          'or redirected to an address the browser will not follow. ' +
          'A server that hosts images for this app must answer with an Access-Control-Allow-Origin header; ' +
          'otherwise download the file and drop it here.',
        url,
        'cors',
      );
    }
    if (!response.ok) {
      throw new FetchError(
        `${url} answered HTTP ${response.status} ${response.statusText}`.trim(),
        url,
        'http',
        response.status,
      );
    }
    const length = Number(response.headers.get('content-length'));
    const total = Number.isFinite(length) && length > 0 ? length : null;
    const tooLarge = (): FetchError =>
      new FetchError(
        `${url} is larger than ${formatCap(limits.capBytes)}, the most this page holds in memory; ` +
          'download it and drop the file here instead (a dropped file is read in place, not copied).',
        url,
        'too-large',
      );
    if (total !== null && total > limits.capBytes) throw tooLarge();
    if (!response.body) return await response.blob();
    const parts: Uint8Array[] = [];
    let bytes = 0;
    const started = Date.now();
    const reader = response.body.getReader();
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (e) {
        if (stalled) throw stallError();
        throw e;
      }
      if (chunk.done) break;
      arm();
      bytes += chunk.value.length;
      if (bytes > limits.capBytes) {
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      parts.push(chunk.value);
      const seconds = (Date.now() - started) / 1000;
      opts.progress({
        phase: 'download',
        bytes,
        total,
        rate: seconds > 0 ? bytes / seconds : 0,
      });
    }
    return new Blob(parts as BlobPart[]);
  } finally {
    clearTimeout(timer);
    opts.signal.removeEventListener('abort', onAbort);
  }
}

function formatCap(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${bytes / 1024 ** 3} GiB` : `${bytes} bytes`;
}

/** The page's address as the worker knows it (a worker's location is its script's, same origin). */
function pageHref(): string {
  return typeof location === 'undefined' ? 'https://localhost/' : location.href;
}

/**
 * Open an image in a registry from this page: Docker Hub is named at once (it sends no CORS
 * headers, so no page can read it); any other registry is asked, and its layers stay remote.
 */
export async function openRegistrySource(
  source: Extract<Source, { kind: 'registry' }>,
  signal: AbortSignal,
): Promise<RegistryInput> {
  const parsed = parseReference(source.ref);
  if (!parsed.ok)
    throw new RegistryError(
      `"${source.ref}" is not an image reference: ${parsed.reason}`,
      'invalid',
    );
  if (isDockerHub(parsed.ref))
    throw new RegistryError(unreachableMessage(parsed.ref), 'unreachable');
  markRemoteBlobs();
  const client = new RegistryClient(
    parsed.ref,
    source.credentials ? { credentials: source.credentials } : {},
  );
  return openRegistry(client, signal);
}
