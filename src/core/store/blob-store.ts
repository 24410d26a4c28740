/** One blob an input holds, under the digest its location claims (verify checks the claim). */
export interface StoredBlob {
  digest: string;
  blob: Blob;
  /** Where it lives in the input: `blobs/sha256/…`, `<id>/layer.tar`, or `(synthesized)`. */
  source: string;
  /** True for documents this tool wrote itself (manifests synthesized for docker archives). */
  synthesized?: boolean;
}

/** The one small interface every input adapts to: content by digest. */
export interface BlobStore {
  /** The blob stored under this digest, if the input has it. */
  get(digest: string): StoredBlob | undefined;
  /** Every blob, in a stable order. */
  list(): StoredBlob[];
}

/** A BlobStore over a map; adapters fill it. */
export class MapBlobStore implements BlobStore {
  private readonly blobs = new Map<string, StoredBlob>();

  /** Add a blob; the first one stored under a digest wins. */
  add(entry: StoredBlob): void {
    if (!this.blobs.has(entry.digest)) this.blobs.set(entry.digest, entry);
  }

  /** Put a blob under its digest in place of what was there (a remote blob once read). */
  replace(entry: StoredBlob): void {
    this.blobs.set(entry.digest, entry);
  }

  get(digest: string): StoredBlob | undefined {
    return this.blobs.get(digest);
  }

  list(): StoredBlob[] {
    return [...this.blobs.values()];
  }
}

/** Read a whole (small) blob as bytes. */
export async function readBytes(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer());
}
