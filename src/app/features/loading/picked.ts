import { checkSourceUrl } from '../../../core/net/source-url.ts';
import type { RegistryCredentials } from '../../../core/registry/registry-client.ts';
import { runInSlices, yieldToPage } from '../../../worker/time-slices.ts';
import type { OpenRequest } from '../../state/session.ts';

/** What the user gave: a folder's files with their relative paths, or one file. */
export type Picked =
  | { kind: 'folder'; name: string; files: [string, File][]; stamp: FolderStamp }
  | { kind: 'file'; file: File };

/** What a folder's input key reads of its files (`folderStampSteps`). */
export interface FolderStamp {
  /** Bytes and newest time of the files read. */
  bytes: number;
  newest: number;
  /** A hash of every path (hex). */
  paths: string;
}

let picking: AbortController | null = null;

/**
 * A new pick or drop begins: the files of the one before it are no longer wanted, so its
 * walk and its preparation stop (one signal for the folder input and the drop alike).
 */
export function beginPick(): AbortSignal {
  picking?.abort(new DOMException('Another image was picked', 'AbortError'));
  picking = new AbortController();
  return picking.signal;
}

/**
 * A pick made ready a slice at a time (`prepare` gets the pick's signal), handed to `deliver`
 * unless a newer pick or drop began meanwhile; a stopped or failed preparation hands nothing.
 */
export function preparePick(
  prepare: (signal: AbortSignal) => Promise<Picked | null>,
  deliver: (p: Picked) => void,
): Promise<void> {
  const signal = beginPick();
  return prepare(signal).then(
    (p) => {
      if (p && !signal.aborted) deliver(p);
    },
    () => {},
  );
}

/**
 * Files from a `webkitdirectory` input (`webkitRelativePath` holds `folder/blobs/sha256/…`),
 * taken a slice of the page's time at a time: 10,000 picked files held the change event's
 * task for 150–270 ms when done at once (most of it the input key's file-system calls).
 * Rejects with the signal's reason once a newer pick aborts it.
 */
export async function pickedFromDirectoryInput(
  list: readonly File[],
  signal: AbortSignal,
): Promise<Picked | null> {
  if (list.length === 0) return null;
  // Not in the change event's task: the browser has already held it making the Files.
  await yieldToPage();
  const entries = await runInSlices(entrySteps(list), signal);
  const name = entries[0]![0].split('/')[0] || 'folder';
  return pickedFolder(name, entries, signal);
}

function* entrySteps(list: readonly File[]): Generator<void, [string, File][], void> {
  const entries: [string, File][] = [];
  for (const f of list) {
    entries.push([f.webkitRelativePath || f.name, f]);
    yield;
  }
  return entries;
}

/** A folder as picked, with the stamp its input key is made of (`folderStamp`). */
export async function pickedFolder(
  name: string,
  files: [string, File][],
  signal: AbortSignal,
): Promise<Picked> {
  return { kind: 'folder', name, files, stamp: await folderStamp(files, signal) };
}

/** A folder of at most this many files has every file's size and time read for its key. */
const KEY_SMALL = 64;
/** At most this many top-level files of a larger folder are read. */
const KEY_TOP = 64;
/** The longest wait for the browser before the key's file-system calls (`browserSettled`). */
const SETTLE_MAX_MS = 1000;

/**
 * What a folder's input key is made of, a slice of the page's time at a time. Reading a picked
 * File's size or time costs Chromium a file-system call on the page's thread each (~1 ms,
 * 3 ms on a busy machine: 64 sampled files took 190 ms of it), so a folder of more than
 * `KEY_SMALL` files has only its top-level files read (index.json, oci-layout, manifest.json:
 * they change when the image does); the hash of every path tells a blob added, removed or
 * renamed (a layout's blobs are named by their digests). A small folder has every file read.
 * The reads wait until the browser has read a first file (`browserSettled`).
 */
export async function folderStamp(
  files: readonly (readonly [string, File])[],
  signal: AbortSignal,
): Promise<FolderStamp> {
  const settled = files.length > 0 ? browserSettled(files[0]![1]) : Promise.resolve();
  const { paths, read } = await runInSlices(pathSteps(files), signal);
  await settled;
  return { ...(await runInSlices(readSteps(read), signal)), paths };
}

function* pathSteps(
  files: readonly (readonly [string, File])[],
): Generator<void, { paths: string; read: File[] }, void> {
  const read: File[] = [];
  // FNV-1a, 32 bits, twice (two offsets): 64 bits of the paths, their order included.
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (const [path, f] of files) {
    for (let k = 0; k < path.length; k++) {
      const c = path.charCodeAt(k);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x01000193);
    }
    h1 = Math.imul(h1 ^ 0x2f, 0x01000193);
    h2 = Math.imul(h2 ^ 0x0a, 0x01000193);
    const topLevel = path.indexOf('/', path.indexOf('/') + 1) < 0;
    if (files.length <= KEY_SMALL || (topLevel && read.length < KEY_TOP)) read.push(f);
    yield;
  }
  const hex = (h: number): string => (h >>> 0).toString(16).padStart(8, '0');
  return { paths: hex(h1) + hex(h2), read };
}

function* readSteps(read: readonly File[]): Generator<void, Omit<FolderStamp, 'paths'>, void> {
  let bytes = 0;
  let newest = 0;
  for (const f of read) {
    bytes += f.size;
    newest = Math.max(newest, f.lastModified);
    yield;
  }
  return { bytes, newest };
}

/**
 * Resolves once the browser has read the first bytes of `file` (or after `SETTLE_MAX_MS`).
 * Just after a pick of 10,000 files, Chromium's process is still busy with it, and a file's
 * size or time, asked for synchronously, held the page 50–320 ms (each of the first two; a
 * loaded 2-core machine, 5 tries); read asynchronously first, the page kept answering while it
 * waited (10–500 ms), and the calls after it took 0.4–44 ms.
 */
async function browserSettled(file: File): Promise<void> {
  if (typeof file.stream !== 'function') return;
  const reader = file.stream().getReader();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([reader.read(), new Promise((r) => (timer = setTimeout(r, SETTLE_MAX_MS)))]);
  } catch {
    // An unreadable file: the open says so; the key needs no more of it.
  } finally {
    clearTimeout(timer);
    reader.cancel().catch(() => {});
  }
}

/** The open request for what was picked; the input key identifies it for the cache. */
export function requestFor(p: Picked): OpenRequest {
  if (p.kind === 'file') {
    const f = p.file;
    return {
      source: { kind: 'file', name: f.name, blob: f },
      inputKey: `file:${f.name}:${f.size}:${f.lastModified}`,
      label: f.name,
    };
  }
  return {
    source: { kind: 'folder', name: p.name, entries: p.files },
    inputKey: `folder:${p.name}:${p.files.length}:${p.stamp.bytes}:${p.stamp.newest}:${p.stamp.paths}`,
    label: `${p.name}/`,
  };
}

/** The open request for `?ref=HOST/REPO:TAG` (credentials, if any, stay in this tab's memory). */
export function requestForRef(ref: string, credentials?: RegistryCredentials): OpenRequest {
  return {
    source: credentials ? { kind: 'registry', ref, credentials } : { kind: 'registry', ref },
    inputKey: `ref:${ref}`,
    label: ref,
  };
}

/** The open request for `?src=URL` (resolved against the page, so relative links work from any sub-path). */
export function requestForUrl(src: string, base: string): OpenRequest {
  // The worker refuses what checkSourceUrl refuses, with the reason; here it only resolves.
  const { url } = checkSourceUrl(src, base);
  return { source: { kind: 'url', url }, inputKey: `url:${url}`, label: url };
}
