import { createHash } from 'node:crypto';
import { fileSetFromEntries, type FileSet } from '../store/file-set.ts';
import { makeTar, type TarSpec } from './tar-writer.ts';

/** A descriptor as JSON documents write it. */
export interface DescriptorJson {
  mediaType: string;
  digest: string;
  size: number;
  [key: string]: unknown;
}

const enc = new TextEncoder();
const MT = {
  index: 'application/vnd.oci.image.index.v1+json',
  manifest: 'application/vnd.oci.image.manifest.v1+json',
  config: 'application/vnd.oci.image.config.v1+json',
  layer: 'application/vnd.oci.image.layer.v1.tar',
} as const;

/** `sha256:<hex>` of some bytes. */
export function sha256(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/**
 * An OCI image layout built in memory, for tests: add blobs and documents, then take the
 * folder as a FileSet (`oci-layout`, `index.json`, `blobs/sha256/…`).
 */
export class LayoutBuilder {
  readonly files = new Map<string, Uint8Array>();

  /** Store bytes under their sha256 and return their descriptor (`extra` is merged in). */
  blob(bytes: Uint8Array | string, mediaType: string, extra: object = {}): DescriptorJson {
    const data = typeof bytes === 'string' ? enc.encode(bytes) : bytes;
    const digest = sha256(data);
    this.files.set(`blobs/sha256/${digest.slice(7)}`, data);
    return { mediaType, digest, size: data.length, ...extra };
  }

  /** Store a JSON document and return its descriptor. */
  json(value: unknown, mediaType: string, extra: object = {}): DescriptorJson {
    return this.blob(JSON.stringify(value), mediaType, extra);
  }

  /** A layer made of tar members; returns its descriptor and its diff_id (the tar is stored uncompressed). */
  layer(members: readonly TarSpec[]): { descriptor: DescriptorJson; diffId: string } {
    const tar = makeTar(members);
    return { descriptor: this.blob(tar, MT.layer), diffId: sha256(tar) };
  }

  /** An image: its layers, a config naming their diff_ids, and the manifest; returns the manifest's descriptor. */
  image(
    layers: readonly (readonly TarSpec[])[],
    opts: { platform?: { os: string; architecture: string }; config?: object; extra?: object } = {},
  ): DescriptorJson {
    const made = layers.map((l) => this.layer(l));
    const platform = opts.platform ?? { os: 'linux', architecture: 'amd64' };
    const config = this.json(
      {
        ...platform,
        rootfs: { type: 'layers', diff_ids: made.map((m) => m.diffId) },
        ...opts.config,
      },
      MT.config,
    );
    return this.json(
      { schemaVersion: 2, mediaType: MT.manifest, config, layers: made.map((m) => m.descriptor) },
      MT.manifest,
      { platform, ...opts.extra },
    );
  }

  /** An index over some descriptors, stored as a blob; returns its descriptor. */
  index(manifests: readonly DescriptorJson[]): DescriptorJson {
    return this.json({ schemaVersion: 2, mediaType: MT.index, manifests }, MT.index);
  }

  /** Replace a stored blob's bytes (to corrupt it on purpose); the digest it is stored under stays. */
  corrupt(descriptor: DescriptorJson, bytes: Uint8Array | string): void {
    this.files.set(
      `blobs/sha256/${descriptor.digest.slice(7)}`,
      typeof bytes === 'string' ? enc.encode(bytes) : bytes,
    );
  }

  /** Remove a stored blob (a layout that lacks it). */
  remove(descriptor: DescriptorJson): void {
    this.files.delete(`blobs/sha256/${descriptor.digest.slice(7)}`);
  }

  /** The layout folder with `index.json` listing `manifests`. */
  fileSet(manifests: readonly DescriptorJson[]): FileSet {
    const entries: [string, Blob][] = [
      ['oci-layout', new Blob(['{"imageLayoutVersion":"1.0.0"}'])],
      [
        'index.json',
        new Blob([JSON.stringify({ schemaVersion: 2, mediaType: MT.index, manifests })]),
      ],
      ...[...this.files].map(([p, b]): [string, Blob] => [p, new Blob([b as BlobPart])]),
    ];
    return fileSetFromEntries(entries);
  }
}

/** The OCI media types the builder writes. */
export const TestMediaType = MT;
