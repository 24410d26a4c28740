import { firstBytesHex, sniffCompression } from '../layers/sniff-compression.ts';
import { decompressStream } from '../layers/decompress.ts';
import { openDockerArchive } from './docker-archive.ts';
import { openDockerArchiveV1 } from './docker-archive-v1.ts';
import { stripCommonRoot, type FileSet } from './file-set.ts';
import { ACCEPTED_FORMATS, UnreadableInputError, type ImageInput } from './image-input.ts';
import { openOciLayout } from './oci-layout.ts';
import { listTarArchive } from './tar-archive.ts';

/** Turns a decompressed stream into a Blob that can be sliced (memory in the browser, a temp file in Node). */
export type SpillFn = (stream: ReadableStream<Uint8Array>) => Promise<Blob>;

/** Default spill: collect the stream into an in-memory Blob. */
export const spillToMemory: SpillFn = async (stream) => {
  const parts: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
  }
  return new Blob(parts as unknown as ConstructorParameters<typeof Blob>[0]);
};

/** Detect the format of a set of files (a folder, or an archive's members) and adapt it. */
export async function openFileSet(input: FileSet): Promise<ImageInput> {
  const set = stripCommonRoot(input);
  const adapted = await adapt(set);
  const files = [...set.files].map(([path, blob]) => ({ path, size: blob.size }));
  return { ...adapted, files };
}

async function adapt(set: FileSet): Promise<ImageInput> {
  const has = (p: string): boolean => set.files.has(p);
  if (has('manifest.json')) return openDockerArchive(set);
  if (has('oci-layout') || has('index.json')) {
    return openOciLayout(set, set.origin === 'folder' ? 'oci-layout' : 'oci-archive');
  }
  if (has('repositories')) return openDockerArchiveV1(set);
  if (set.files.size === 0) {
    throw new UnreadableInputError(
      `${set.origin === 'folder' ? 'the folder' : 'the archive'} holds no files; expected ${ACCEPTED_FORMATS}`,
      set.problems,
    );
  }
  const top = [...new Set([...set.files.keys()].map((p) => p.split('/')[0]))]
    .slice(0, 6)
    .join(', ');
  throw new UnreadableInputError(
    `no oci-layout, index.json, manifest.json or repositories at the top level (found: ${top}); expected ${ACCEPTED_FORMATS}`,
    set.problems,
  );
}

/** Open a single file: a tar archive, or a gzip/zstd-compressed one (decompressed once, then sliced). */
export async function openBlob(
  blob: Blob,
  opts: { spill?: SpillFn; signal?: AbortSignal } = {},
): Promise<ImageInput> {
  const head = new Uint8Array(await blob.slice(0, 512).arrayBuffer());
  const kind = sniffCompression(head);
  if (kind === 'gzip' || kind === 'zstd') {
    // A compressed archive cannot be sliced: decompress it once, whole, into something that can.
    const plain = await (opts.spill ?? spillToMemory)(
      decompressStream(blob.stream(), kind, opts.signal),
    );
    const inner = await openBlob(plain, opts);
    return { ...inner, wrapper: kind };
  }
  if (kind !== 'tar') {
    const hex = firstBytesHex(head);
    throw new UnreadableInputError(
      blob.size === 0
        ? `the file is empty; expected ${ACCEPTED_FORMATS}`
        : `not a tar archive (${describeKind(kind)}; first bytes ${hex}); expected ${ACCEPTED_FORMATS}`,
    );
  }
  const set = await listTarArchive(blob, 'archive', opts.signal);
  return openFileSet(set);
}

function describeKind(kind: string): string {
  return kind === 'unknown'
    ? 'unrecognised content'
    : `${kind} data, which this tool does not read`;
}
