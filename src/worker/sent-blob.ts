import type { StoredBlob } from '../core/store/blob-store.ts';

/**
 * A stored blob as the worker sends it to the page: where the page's own files hold it (`entry`,
 * a position in the folder it posted), or the Blob itself when the page holds no file for it
 * (an archive's member, a synthesized manifest, embedded data, a registry blob). Receiving
 * 10,000 Blob handles held the page for ~0.9 s; a position costs nothing.
 */
export interface SentBlob {
  digest: string;
  source: string;
  synthesized?: boolean;
  /** Its size, so the page never asks a File for it (a file-system call each, on the page). */
  size: number;
  blob?: Blob;
  entry?: number;
  /** Its sha256, when the worker read it whole while opening (a document): no second read to check it. */
  sha256?: string;
}

/** A stored blob on the page: its Blob handle, its size, and its sha256 when the worker took it. */
export type PageBlob = StoredBlob & { size: number; sha256?: string };

/** The blobs to send: each by its position in the page's files when `entryOf` knows it, with its hash if taken. */
export function sendBlobs(
  list: readonly StoredBlob[],
  entryOf: (blob: Blob) => number | undefined,
  hashes: ReadonlyMap<string, string> = new Map(),
): SentBlob[] {
  return list.map((b) => {
    const entry = entryOf(b.blob);
    const sent: SentBlob = { digest: b.digest, source: b.source, size: b.blob.size };
    if (b.synthesized) sent.synthesized = true;
    const sha256 = hashes.get(b.digest);
    if (sha256) sent.sha256 = sha256;
    if (entry === undefined) sent.blob = b.blob;
    else sent.entry = entry;
    return sent;
  });
}

/** The page's blobs rebuilt from what was sent and the files it posted (`files`, by position). */
export function receiveBlobs(sent: readonly SentBlob[], files: readonly Blob[] | null): PageBlob[] {
  const out: PageBlob[] = [];
  for (const s of sent) {
    const blob = s.blob ?? (s.entry === undefined ? undefined : files?.[s.entry]);
    if (!blob) throw new Error(`blob ${s.digest} came with neither a Blob nor a file of the page`);
    const b: PageBlob = { digest: s.digest, source: s.source, size: s.size, blob };
    if (s.synthesized) b.synthesized = true;
    if (s.sha256) b.sha256 = s.sha256;
    out.push(b);
  }
  return out;
}
