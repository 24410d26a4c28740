import type { Digest } from './digest.ts';
import type { Problem } from './problem.ts';

/** os / architecture / variant (and the rarer fields), per image-index.md#image-index-property-descriptions. */
export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
  osVersion?: string;
  osFeatures?: string[];
  features?: string[];
}

/** A content descriptor (descriptor.md): a typed, sized, content-addressed pointer. */
export interface Descriptor {
  mediaType: string;
  digest: Digest;
  size: number;
  urls?: string[];
  annotations?: Record<string, string>;
  /** Embedded content, decoded from the base64 `data` field. */
  data?: Uint8Array;
  platform?: Platform;
  artifactType?: string;
}

/** An image index (image-index.md) or a Docker manifest list. */
export interface ImageIndex {
  kind: 'index';
  schemaVersion: number;
  /** Media type from the document itself, if it declares one. */
  mediaType?: string;
  artifactType?: string;
  manifests: Descriptor[];
  subject?: Descriptor;
  annotations?: Record<string, string>;
}

/** An image manifest (manifest.md) or a Docker schema 2 manifest. */
export interface ImageManifest {
  kind: 'manifest';
  schemaVersion: number;
  mediaType?: string;
  artifactType?: string;
  config: Descriptor;
  layers: Descriptor[];
  subject?: Descriptor;
  annotations?: Record<string, string>;
}

/** A Docker schema 1 manifest: recognised and reported, never interpreted as an image. */
export interface Schema1Manifest {
  kind: 'manifest-schema1';
  schemaVersion: 1;
  name?: string;
  tag?: string;
  architecture?: string;
  fsLayers: string[];
  signed: boolean;
}

/** One history row of a config (config.md#properties). */
export interface HistoryEntry {
  created?: string;
  createdBy?: string;
  author?: string;
  comment?: string;
  emptyLayer: boolean;
  /** Index into `rootfs.diff_ids` (and so into the manifest's layers) for non-empty rows; null for empty ones. */
  layerIndex: number | null;
}

/** The run settings of a config (`config` field). Docker's capitalised names are kept as the spec keeps them. */
export interface RunConfig {
  User?: string;
  ExposedPorts?: Record<string, unknown>;
  Env?: string[];
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  Volumes?: Record<string, unknown>;
  WorkingDir?: string;
  Labels?: Record<string, string>;
  StopSignal?: string;
  ArgsEscaped?: boolean;
  Healthcheck?: unknown;
  Shell?: string[];
  OnBuild?: string[] | null;
}

/** An image configuration (config.md), OCI or Docker. */
export interface ImageConfig {
  kind: 'config';
  created?: string;
  author?: string;
  architecture: string;
  os: string;
  variant?: string;
  osVersion?: string;
  osFeatures?: string[];
  config?: RunConfig;
  diffIds: Digest[];
  rootfsType?: string;
  history: HistoryEntry[];
}

/** The `oci-layout` file of an image layout (image-layout.md#oci-layout-file). */
export interface LayoutHeader {
  imageLayoutVersion: string;
}

/** Any document this tool parses. */
export type OciDocument = ImageIndex | ImageManifest | Schema1Manifest | ImageConfig;

/** What parsing returns: the value when it could be made at all, and every problem found. */
export interface Parsed<T> {
  value: T | undefined;
  problems: Problem[];
}
