import { imageSpec } from './spec-links.ts';

/** What one field means, in our words, and the spec section that defines it. */
export interface FieldEntry {
  text: string;
  href: string;
}

/**
 * The fields one kind of document defines, keyed by the shape of their JSON path: segments
 * joined with `/`, `*` for any array item, `{}` for any member of a free-form map.
 */
export interface FieldTable {
  entries: Readonly<Record<string, FieldEntry>>;
  /** Shapes whose member names are free-form (annotations, labels, port and volume sets). */
  maps?: readonly string[];
  /** Shapes where a content descriptor sits: the descriptor table explains what is below. */
  descriptors?: readonly string[];
}

const desc = (a: string): string => imageSpec('descriptor.md', a);
const index = imageSpec('image-index.md', 'image-index-property-descriptions');
const manifest = imageSpec('manifest.md', 'image-manifest-property-descriptions');
const config = imageSpec('config.md', 'properties');

const DIGEST_TEXT =
  'The content address of the blob this descriptor points to: an algorithm and the hash of the blob exactly as stored. For a layer that is the compressed blob (the .tar.gz), unlike the diff_ids of the config, which hash the uncompressed tar.';

/** A content descriptor's fields: they mean the same wherever a descriptor sits. */
export const DESCRIPTOR_FIELDS: FieldTable = {
  entries: {
    mediaType: {
      text: 'The media type of the blob this descriptor points to, so a reader knows how to read it before fetching it.',
      href: desc('properties'),
    },
    digest: { text: DIGEST_TEXT, href: desc('digests') },
    size: {
      text: 'The size of the referenced blob in bytes, as stored. A reader checks it before trusting the content, and can refuse to fetch more than this.',
      href: desc('properties'),
    },
    urls: {
      text: 'Other places the blob may be downloaded from (used by non-distributable layers). The digest still decides whether what came is right.',
      href: desc('properties'),
    },
    annotations: {
      text: 'Free-form metadata about the referenced blob, as key-value strings; keys under org.opencontainers are reserved by the spec.',
      href: desc('properties'),
    },
    data: {
      text: 'The referenced blob itself, embedded in base64 so a reader need not fetch it; it must still match the digest and size.',
      href: desc('embedded-content'),
    },
    artifactType: {
      text: 'When the descriptor points to an artifact manifest, the type of artifact it holds (copied from that manifest).',
      href: desc('properties'),
    },
    platform: {
      text: 'The platform the referenced image runs on. A runtime pulling from an index picks the entry whose platform matches its own.',
      href: index,
    },
    'platform/architecture': {
      text: 'The CPU architecture the image is built for, in Go GOARCH terms (amd64, arm64, …).',
      href: index,
    },
    'platform/os': {
      text: 'The operating system the image is built for, in Go GOOS terms (linux, windows, …).',
      href: index,
    },
    'platform/os.version': {
      text: 'The version of the operating system the image needs (used by Windows images, e.g. 10.0.14393.1066).',
      href: index,
    },
    'platform/os.features': {
      text: 'Operating-system features the image requires (e.g. win32k for Windows).',
      href: index,
    },
    'platform/variant': {
      text: 'The variant of the CPU architecture, such as v7 or v8 for arm; see the platform variants table.',
      href: imageSpec('image-index.md', 'platform-variants'),
    },
    'platform/features': {
      text: 'Reserved by the spec for future use (Docker manifest lists used it for CPU features).',
      href: index,
    },
  },
  maps: ['annotations'],
};

/** An image index: the list of manifests, usually one per platform. */
export const INDEX_FIELDS: FieldTable = {
  entries: {
    schemaVersion: {
      text: 'The version of the index format; 2 for every index today, so old clients can tell it apart.',
      href: index,
    },
    mediaType: {
      text: 'The media type of this document itself (application/vnd.oci.image.index.v1+json). Optional, but it should be set.',
      href: index,
    },
    artifactType: {
      text: 'When this index is an artifact, the type of artifact it is.',
      href: index,
    },
    manifests: {
      text: 'Descriptors of the manifests (or nested indexes) this index lists, usually one image per platform; a runtime picks the one that matches its platform.',
      href: index,
    },
    subject: {
      text: 'The manifest this index refers to (an attestation or signature points at the image it is about). It does not make the subject part of this image.',
      href: index,
    },
    annotations: {
      text: 'Free-form metadata about the index, as key-value strings.',
      href: index,
    },
  },
  maps: ['annotations'],
  descriptors: ['manifests/*', 'subject'],
};

/** An image manifest: one platform's image, as references to its config and layers. */
export const MANIFEST_FIELDS: FieldTable = {
  entries: {
    schemaVersion: {
      text: 'The version of the manifest format; 2 for every manifest today.',
      href: manifest,
    },
    mediaType: {
      text: 'The media type of this document itself (application/vnd.oci.image.manifest.v1+json). Optional, but it should be set.',
      href: manifest,
    },
    artifactType: {
      text: 'When this manifest is an artifact (an SBOM, a signature…), the type of artifact it holds.',
      href: imageSpec('manifest.md', 'guidelines-for-artifact-usage'),
    },
    config: {
      text: 'The descriptor of the image configuration: the JSON a runtime reads to create the container (command, environment, layer hashes).',
      href: manifest,
    },
    layers: {
      text: 'Descriptors of the layers, base first: tar archives of file changes that, stacked in order, make the root filesystem.',
      href: manifest,
    },
    subject: {
      text: 'The manifest this one refers to (an attestation or signature points at the image it is about).',
      href: manifest,
    },
    annotations: {
      text: 'Free-form metadata about the manifest, as key-value strings.',
      href: manifest,
    },
  },
  maps: ['annotations'],
  descriptors: ['config', 'layers/*', 'subject'],
};

/** The run settings of a config (`config.*`); Docker's `container_config` has the same shape. */
export const RUN_CONFIG_FIELDS: Readonly<Record<string, string>> = {
  User: 'The user (name or UID, optionally :group) the process runs as, unless the container is created with another.',
  ExposedPorts:
    'The ports a container of this image listens on (port/tcp, port/udp), as a set: each key maps to an empty object.',
  Env: 'Default environment variables, each NAME=value, merged with those given when the container is created.',
  Entrypoint:
    'The command run when the container starts; Cmd is appended to it as arguments. Can be replaced at creation.',
  Cmd: 'Default arguments to the entrypoint, or, when there is no Entrypoint, the command itself (its first item is the program).',
  Volumes:
    'Directories where a container is expected to write data of its own, as a set: each key maps to an empty object.',
  WorkingDir: 'The directory the process starts in.',
  Labels: 'Free-form metadata about the image, as key-value strings (the annotation rules apply).',
  StopSignal: 'The signal sent to the process to stop the container (e.g. SIGTERM, SIGRTMIN+3).',
  ArgsEscaped:
    'Deprecated, for Docker Windows images only: Entrypoint or Cmd is one pre-escaped command line.',
  Memory: 'Reserved by the spec for compatibility with Docker (a memory limit).',
  MemorySwap: 'Reserved by the spec for compatibility with Docker (a memory and swap limit).',
  CpuShares: 'Reserved by the spec for compatibility with Docker (a relative CPU weight).',
  Healthcheck:
    'Reserved by the spec for compatibility with Docker: how to test that the container is healthy.',
};

const configEntries: Record<string, FieldEntry> = {
  created: {
    text: 'When the image was created (RFC 3339 date and time).',
    href: config,
  },
  author: { text: 'Who created the image and maintains it (name or email).', href: config },
  architecture: {
    text: 'The CPU architecture the binaries of this image are built for, in Go GOARCH terms (amd64, arm64, …).',
    href: config,
  },
  os: {
    text: 'The operating system the image is built for, in Go GOOS terms (linux, windows, …).',
    href: config,
  },
  'os.version': {
    text: 'The version of the operating system the image needs (Windows images).',
    href: config,
  },
  'os.features': {
    text: 'Operating-system features the image requires (e.g. win32k for Windows).',
    href: config,
  },
  variant: {
    text: 'The variant of the CPU architecture, such as v7 or v8 for arm.',
    href: config,
  },
  config: {
    text: 'The defaults a runtime uses to run a container of this image: command, environment, user, working directory, ports.',
    href: config,
  },
  rootfs: {
    text: 'The layers of the image by the hashes of their uncompressed content; this ties the config, and so the image ID, to the filesystem.',
    href: config,
  },
  'rootfs/type': { text: 'Always "layers".', href: config },
  'rootfs/diff_ids': {
    text: 'The DiffID of each layer, base first: the sha256 of the layer as an uncompressed tar. The manifest lists the same layers by the digest of the compressed blob, so the two hashes differ unless the layer is stored uncompressed.',
    href: imageSpec('config.md', 'layer-diffid'),
  },
  history: {
    text: 'One entry per build step, first to last, including steps that changed no file (empty_layer).',
    href: config,
  },
  'history/*/created': { text: 'When this build step ran (RFC 3339).', href: config },
  'history/*/author': { text: 'Who made this build step.', href: config },
  'history/*/created_by': {
    text: 'The command that made this step, such as a Dockerfile instruction.',
    href: config,
  },
  'history/*/comment': { text: 'A free message recorded with this step.', href: config },
  'history/*/empty_layer': {
    text: 'True when this step changed no file and so has no layer (ENV, CMD…); such entries are skipped when history is matched to layers.',
    href: config,
  },
};
for (const [k, text] of Object.entries(RUN_CONFIG_FIELDS)) {
  configEntries[`config/${k}`] = { text, href: config };
}

/** An image configuration: how to run the image, and its layers by their uncompressed hashes. */
export const CONFIG_FIELDS: FieldTable = {
  entries: configEntries,
  maps: ['config/Labels', 'config/ExposedPorts', 'config/Volumes'],
};

/** The `oci-layout` file at the top of a layout folder. */
export const LAYOUT_FIELDS: FieldTable = {
  entries: {
    imageLayoutVersion: {
      text: 'The version of the image layout this folder follows; "1.0.0" today. Its presence marks the folder as an OCI image layout.',
      href: imageSpec('image-layout.md', 'oci-layout-file'),
    },
  },
};
