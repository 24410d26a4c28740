import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FileBlob } from './file-blob.ts';
import { fileSetFromEntries } from '../core/store/file-set.ts';
import { openBlob, openFileSet, type SpillFn } from '../core/store/open-input.ts';
import { openRegistry } from '../core/registry/open-registry.ts';
import { parseReference } from '../core/registry/reference.ts';
import { RegistryClient, RegistryError } from '../core/registry/registry-client.ts';
import { UnreadableInputError, type ImageInput } from '../core/store/image-input.ts';

export { useNodeHasher } from './node-hasher.ts';

/** Spill a decompressed archive to a temp file (deleted once opened: the Blob keeps it readable). */
const spillToTempFile: SpillFn = async (stream) => {
  const dir = await mkdtemp(join(tmpdir(), 'oci-explorer-'));
  const file = join(dir, 'archive.tar');
  await pipeline(
    Readable.fromWeb(stream as import('node:stream/web').ReadableStream<Uint8Array>),
    createWriteStream(file),
  );
  const blob = FileBlob.of(file, (await stat(file)).size);
  // Keep the file until the process exits; unlinking an open-as-blob file breaks later reads.
  process.once('exit', () => {
    void unlink(file).catch(() => undefined);
  });
  return blob;
};

async function walk(dir: string, root: string, out: [string, Blob][]): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) await walk(full, root, out);
    else if (entry.isFile() || entry.isSymbolicLink()) {
      const s = await stat(full).catch(() => null);
      if (s?.isFile())
        out.push([relative(root, full).split(sep).join('/'), FileBlob.of(full, s.size)]);
    }
  }
}

/** The prefix that names an image in a registry instead of a path (as skopeo names it). */
export const REGISTRY_PREFIX = 'docker://';

/** Open an image in a registry; credentials from OCI_EXPLORER_TOKEN or _USERNAME / _PASSWORD. */
async function openReference(text: string, signal?: AbortSignal): Promise<ImageInput> {
  const parsed = parseReference(text);
  if (!parsed.ok) throw new UnreadableInputError(`${REGISTRY_PREFIX}${text}: ${parsed.reason}`);
  const env = process.env;
  const credentials = {
    ...(env['OCI_EXPLORER_TOKEN'] ? { token: env['OCI_EXPLORER_TOKEN'] } : {}),
    ...(env['OCI_EXPLORER_USERNAME'] ? { username: env['OCI_EXPLORER_USERNAME'] } : {}),
    ...(env['OCI_EXPLORER_PASSWORD'] ? { password: env['OCI_EXPLORER_PASSWORD'] } : {}),
  };
  const client = new RegistryClient(parsed.ref, { credentials });
  try {
    return (await openRegistry(client, signal)).input;
  } catch (e) {
    if (e instanceof RegistryError) throw new UnreadableInputError(e.message);
    throw e;
  }
}

/** Open a path on disk (a layout folder, a maybe compressed tar file) or `docker://REFERENCE`. */
export async function openPath(path: string, signal?: AbortSignal): Promise<ImageInput> {
  if (path.startsWith(REGISTRY_PREFIX))
    return openReference(path.slice(REGISTRY_PREFIX.length), signal);
  const s = await stat(path);
  if (s.isDirectory()) {
    const entries: [string, Blob][] = [];
    await walk(path, path, entries);
    return openFileSet(fileSetFromEntries(entries));
  }
  return openBlob(FileBlob.of(path, s.size), {
    spill: spillToTempFile,
    ...(signal ? { signal } : {}),
  });
}

/** Write to stdout, respecting backpressure (large `cat` output). */
export async function writeOut(chunk: Uint8Array | string): Promise<void> {
  if (!process.stdout.write(chunk)) await new Promise((r) => process.stdout.once('drain', r));
}
