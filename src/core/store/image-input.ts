import type { Descriptor } from '../oci/types.ts';
import type { Problem } from '../oci/problem.ts';
import type { BlobStore } from './blob-store.ts';

/** The input formats this tool reads, detected from content. */
export type InputFormat =
  | 'oci-layout'
  | 'oci-archive'
  | 'docker-archive'
  | 'docker-archive-oci'
  | 'docker-archive-v1'
  | 'registry';

/** One entry of the top-level document: a descriptor plus the names the input gives it. */
export interface RootEntry {
  descriptor: Descriptor;
  /** `org.opencontainers.image.ref.name`, or the first RepoTag of a docker archive. */
  refName: string | null;
  /** Every tag the input gives (docker archives may give several). */
  tags: string[];
  /** JSON path of the entry in the top document (e.g. `index.json $.manifests[2]`). */
  where: string;
}

/** An input opened and adapted: blobs by digest, and where the walk starts. */
export interface ImageInput {
  format: InputFormat;
  /** The whole input was compressed (a `.tar.gz`): it was decompressed once to be sliced. */
  wrapper: 'gzip' | 'zstd' | null;
  store: BlobStore;
  /** The top document exactly as stored (`index.json`, `manifest.json`, or `repositories`). */
  top: { name: string; bytes: Uint8Array | null };
  roots: RootEntry[];
  /** imageLayoutVersion from `oci-layout`, when there is one. */
  layoutVersion: string | null;
  problems: Problem[];
  /** Every file of the folder or archive, as it holds them (the lesson's `tree`); none for a registry. */
  files?: InputFileEntry[];
}

/** One file of a folder or archive: its path there and its size. */
export interface InputFileEntry {
  path: string;
  size: number;
}

/** The input could not be read as an image at all; `message` says what was found and what is accepted. */
export class UnreadableInputError extends Error {
  constructor(
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
    this.name = 'UnreadableInputError';
  }
}

/** What this tool accepts, for error messages. */
export const ACCEPTED_FORMATS =
  'an OCI image layout folder (oci-layout, index.json, blobs/), an oci-archive tar, a docker save tar (legacy or Docker 25+), a podman save tar, or a gzip/zstd-compressed one of these';
