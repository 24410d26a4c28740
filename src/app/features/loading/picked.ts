import { checkSourceUrl } from '../../../core/net/source-url.ts';
import type { RegistryCredentials } from '../../../core/registry/registry-client.ts';
import type { OpenRequest } from '../../state/session.ts';

/** What the user gave: a folder's files with their relative paths, or one file. */
export type Picked =
  { kind: 'folder'; name: string; files: [string, File][] } | { kind: 'file'; file: File };

/** Files from a `webkitdirectory` input: `webkitRelativePath` holds `folder/blobs/sha256/…`. */
export function pickedFromDirectoryInput(list: FileList | readonly File[]): Picked | null {
  const files = [...list];
  if (files.length === 0) return null;
  const entries: [string, File][] = files.map((f) => [f.webkitRelativePath || f.name, f]);
  const name = entries[0]![0].split('/')[0] || 'folder';
  return { kind: 'folder', name, files: entries };
}

/** How many files of a folder (beside its top-level ones) its input key reads the size and time of. */
const KEY_SAMPLE = 64;

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
  // Reading a picked File's size or time costs Chromium a file-system call on the page's
  // thread (~1 ms each: 10,000 files held it for 8 s), so the key reads the top-level files
  // (index.json, oci-layout, manifest.json: they change when the image does) and a sample.
  let bytes = 0;
  let newest = 0;
  const step = Math.max(1, Math.floor(p.files.length / KEY_SAMPLE));
  p.files.forEach(([path, f], i) => {
    if (i % step !== 0 && path.split('/').length > 2) return;
    bytes += f.size;
    newest = Math.max(newest, f.lastModified);
  });
  return {
    source: { kind: 'folder', name: p.name, entries: p.files },
    inputKey: `folder:${p.name}:${p.files.length}:${bytes}:${newest}`,
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
