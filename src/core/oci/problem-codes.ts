import { Rule } from './rules.ts';

/** What the table says of one problem code. */
export interface ProblemCodeInfo {
  /** The severity the code is reported with unless the finding says otherwise. */
  readonly severity: 'error' | 'warning';
  /** One line: what the code means. */
  readonly meaning: string;
  /** The spec rule it breaks, when one applies. */
  readonly rule?: string;
}

const LAYOUT_BLOBS = 'image-spec image-layout.md#blobs';
const LAYOUT_INDEX = 'image-spec image-layout.md#indexjson-file';
const LAYER = 'image-spec layer.md';
const WHITEOUTS = 'image-spec layer.md#whiteouts';
const DIFF_ID = 'image-spec config.md#layer-diffid';
const DOCKER_ARCHIVE = 'docker image spec v1.2 (combined image JSON + filesystem changeset format)';
const TAR = 'POSIX pax / ustar format';

/**
 * Every problem code the project reports, the stable contract of `problems[].code` (docs/cli.md
 * lists them; a test keeps the two equal). Adding a code means adding it here first.
 */
export const PROBLEM_CODES = {
  // Reading the input: layout folders and archives.
  'layout-header-missing': {
    severity: 'error',
    meaning: 'an OCI image layout has no `oci-layout` file',
    rule: Rule.layout,
  },
  'layout-index-missing': {
    severity: 'error',
    meaning: 'an OCI image layout has no `index.json`',
    rule: LAYOUT_INDEX,
  },
  'layout-version-unsupported': {
    severity: 'error',
    meaning: '`oci-layout` names an `imageLayoutVersion` this tool does not know',
    rule: Rule.layout,
  },
  'layout-stray-blob': {
    severity: 'warning',
    meaning: 'a file under `blobs/` is not named by a digest; ignored',
    rule: LAYOUT_BLOBS,
  },
  'archive-link-dangling': {
    severity: 'warning',
    meaning: 'a symlink or hardlink in the archive points to no file of the archive',
  },
  'docker-manifest-not-list': {
    severity: 'error',
    meaning: "a docker archive's `manifest.json` is not a JSON list",
    rule: DOCKER_ARCHIVE,
  },
  'docker-manifest-entry-invalid': {
    severity: 'error',
    meaning: "an entry of a docker archive's `manifest.json` lacks `Config` or `Layers`",
    rule: DOCKER_ARCHIVE,
  },
  'docker-config-name-mismatch': {
    severity: 'warning',
    meaning: "a docker archive's config file name is not its sha256",
  },
  'repositories-invalid': {
    severity: 'error',
    meaning: 'a pre-1.10 docker archive has an unreadable `repositories` file',
  },
  'v1-parent-loop': {
    severity: 'error',
    meaning: "the `parent` chain of a pre-1.10 docker archive's layers loops",
  },
  // Blobs and descriptors.
  'blob-missing': {
    severity: 'error',
    meaning: 'a descriptor names a blob the input does not hold',
    rule: LAYOUT_BLOBS,
  },
  'blob-unreadable': {
    severity: 'error',
    meaning: 'a blob could not be read (an I/O error, not bad content)',
  },
  'digest-invalid': {
    severity: 'error',
    meaning: 'a digest does not follow the digest grammar',
    rule: Rule.digest,
  },
  'digest-unverifiable': {
    severity: 'warning',
    meaning: 'a digest uses an algorithm this tool cannot compute; its content is not verified',
    rule: Rule.digest,
  },
  'digest-mismatch': {
    severity: 'error',
    meaning: "a blob's bytes do not hash to the digest it is stored and referenced under",
    rule: Rule.digest,
  },
  'size-mismatch': {
    severity: 'error',
    meaning: "a descriptor's `size` differs from the blob's length",
    rule: Rule.descriptor,
  },
  'size-negative': { severity: 'error', meaning: 'a `size` is negative', rule: Rule.size },
  'size-invalid': {
    severity: 'error',
    meaning: 'a `size` does not fit in an int64',
    rule: Rule.size,
  },
  'size-implausible': {
    severity: 'warning',
    meaning: 'a `size` is over 1 TiB (or over 2^53, where it cannot be read exactly)',
    rule: Rule.size,
  },
  'data-invalid': {
    severity: 'error',
    meaning: 'embedded `data` is not standard base64 with padding',
    rule: Rule.data,
  },
  'data-size-mismatch': {
    severity: 'error',
    meaning: "embedded `data` is not as long as the descriptor's `size`",
    rule: Rule.data,
  },
  'data-digest-mismatch': {
    severity: 'error',
    meaning: "embedded `data` does not hash to the descriptor's digest",
    rule: Rule.data,
  },
  'url-invalid': {
    severity: 'error',
    meaning: 'an entry of `urls` is not an absolute URI',
    rule: Rule.urls,
  },
  // JSON documents.
  'json-invalid': { severity: 'error', meaning: 'a document is not JSON', rule: Rule.json },
  'json-invalid-utf8': {
    severity: 'error',
    meaning: 'a JSON document is not valid UTF-8',
    rule: Rule.json,
  },
  'json-bom': {
    severity: 'warning',
    meaning: 'a JSON document starts with a byte order mark; ignored',
    rule: Rule.json,
  },
  'document-too-large': {
    severity: 'error',
    meaning: 'a manifest, index or config is over 4 MiB; not read',
  },
  'document-kind-unknown': {
    severity: 'warning',
    meaning: 'a JSON document is not an index, manifest or config',
    rule: Rule.descriptor,
  },
  'field-missing': { severity: 'error', meaning: 'a required member is absent' },
  'field-type-invalid': { severity: 'error', meaning: 'a member has the wrong JSON type' },
  'field-null': {
    severity: 'warning',
    meaning: 'a member is `null`; read as absent (Go encoders write empty lists as null)',
  },
  'schema-version-invalid': {
    severity: 'error',
    meaning: '`schemaVersion` is not the number the document kind requires',
    rule: Rule.manifest,
  },
  'schema-version-unsupported': {
    severity: 'error',
    meaning: '`schemaVersion` is neither 1 nor 2',
    rule: Rule.manifest,
  },
  'media-type-missing': {
    severity: 'warning',
    meaning: 'a document does not name its own `mediaType`',
    rule: Rule.manifest,
  },
  'media-type-mismatch': {
    severity: 'error',
    meaning: "a document's `mediaType` is not one its kind allows",
    rule: Rule.manifest,
  },
  'media-type-invalid': {
    severity: 'error',
    meaning: 'a media type is not `type/subtype` as RFC 6838 writes it',
    rule: Rule.mediaType,
  },
  'media-type-differs': {
    severity: 'warning',
    meaning: "the descriptor's media type differs from the document's own",
    rule: Rule.descriptor,
  },
  'media-type-generic': {
    severity: 'warning',
    meaning:
      "the descriptor's media type names no document kind; the kind is read from the content",
    rule: Rule.descriptor,
  },
  // Indexes, manifests and configs.
  'index-manifests-null': {
    severity: 'warning',
    meaning: "an index's `manifests` is null; read as empty (a docker save bug)",
    rule: Rule.index,
  },
  'index-entry-media-type-unknown': {
    severity: 'warning',
    meaning: 'an index entry names neither an index nor a manifest media type',
    rule: Rule.index,
  },
  'index-too-deep': { severity: 'error', meaning: 'indexes nest more than 16 deep; not followed' },
  'ref-name-duplicate': {
    severity: 'warning',
    meaning: '`index.json` gives one ref name to several manifests',
    rule: LAYOUT_INDEX,
  },
  'layers-empty': {
    severity: 'error',
    meaning: "a manifest's `layers` is empty (an error for an OCI image, a warning for others)",
    rule: Rule.manifest,
  },
  'layer-media-type-unknown': {
    severity: 'warning',
    meaning: 'a layer media type is not a known layer type; it is not read as a filesystem',
    rule: Rule.manifest,
  },
  'artifact-type-missing': {
    severity: 'error',
    meaning: 'a manifest with the empty config has no `artifactType`',
    rule: Rule.manifest,
  },
  'manifest-schema1-unsupported': {
    severity: 'error',
    meaning: 'a Docker schema 1 manifest: no config, so no filesystem',
    rule: Rule.schema1,
  },
  'diff-ids-count-mismatch': {
    severity: 'error',
    meaning: "a manifest's layer count differs from its config's `rootfs.diff_ids`",
    rule: Rule.config,
  },
  'rootfs-type-invalid': {
    severity: 'error',
    meaning: '`rootfs.type` is not `layers`',
    rule: Rule.config,
  },
  'created-invalid': {
    severity: 'error',
    meaning: 'a `created` date is not RFC 3339',
    rule: Rule.config,
  },
  'env-invalid': {
    severity: 'error',
    meaning: 'an `Env` entry is not `VARNAME=VARVALUE`',
    rule: Rule.config,
  },
  'history-diffids-mismatch': {
    severity: 'warning',
    meaning: 'the non-empty `history` rows do not pair one to one with `rootfs.diff_ids`',
    rule: Rule.history,
  },
  // Layers: their streams.
  'layer-missing': {
    severity: 'error',
    meaning: 'a layer is not in the input; the filesystem is shown without it',
  },
  'layer-not-filesystem': {
    severity: 'error',
    meaning: 'a layer is not a tar, gzip or zstd stream',
    rule: LAYER,
  },
  'layer-too-large': {
    severity: 'error',
    meaning: 'a layer expands past the size limit; reading stopped',
  },
  'layer-unreadable': { severity: 'error', meaning: "a layer's stream could not be read" },
  'layer-ratio-suspicious': {
    severity: 'warning',
    meaning:
      'a layer inflates more than 100x, past 64 MiB: a decompression bomb, or very repetitive data',
  },
  'layer-changed': {
    severity: 'error',
    meaning:
      'a layer read twice (listed, then hashed) gave different sizes: the file changed while open',
  },
  'diff-id-mismatch': {
    severity: 'error',
    meaning: "a layer's uncompressed stream does not hash to its config's diff_id",
    rule: DIFF_ID,
  },
  'gzip-truncated': { severity: 'error', meaning: 'a gzip stream ends before its end' },
  'gzip-corrupt': { severity: 'error', meaning: 'a gzip stream is not valid gzip' },
  'zstd-truncated': { severity: 'error', meaning: 'a zstd stream ends before its end' },
  'zstd-corrupt': { severity: 'error', meaning: 'a zstd stream is not valid zstd' },
  'unsupported-compression': {
    severity: 'error',
    meaning: 'a layer is compressed in a way this tool cannot read',
  },
  // Layers: their tar.
  'tar-bad-checksum': {
    severity: 'error',
    meaning: 'a tar header has a bad checksum; reading stops there',
    rule: TAR,
  },
  'tar-bad-size': {
    severity: 'error',
    meaning: 'a tar header declares an impossible size',
    rule: TAR,
  },
  'tar-truncated': {
    severity: 'error',
    meaning: 'the tar ends inside a member or a header',
    rule: TAR,
  },
  'tar-no-end-marker': {
    severity: 'warning',
    meaning: 'the tar lacks its two end-of-archive zero blocks',
    rule: TAR,
  },
  'tar-lone-zero-block': {
    severity: 'warning',
    meaning: 'the tar ends with one zero block instead of two',
    rule: TAR,
  },
  'tar-meta-too-large': {
    severity: 'error',
    meaning: 'a PAX or GNU long-name record is over the size limit; skipped',
    rule: TAR,
  },
  'tar-pax-malformed': { severity: 'warning', meaning: 'a PAX record is malformed', rule: TAR },
  'tar-pax-nul': {
    severity: 'error',
    meaning: 'a PAX record holds a NUL in its key or in a path or name value; ignored',
    rule: TAR,
  },
  'tar-sparse-invalid': {
    severity: 'error',
    meaning: "a sparse file's map is malformed or does not fit its size",
    rule: TAR,
  },
  'tar-pax-invalid': {
    severity: 'warning',
    meaning: "a numeric PAX record is not a number; the header's value is used",
    rule: TAR,
  },
  // Layers: their paths, whiteouts and links.
  'path-empty': { severity: 'error', meaning: 'a member has an empty name; skipped' },
  'path-nul': { severity: 'error', meaning: 'a member name holds a NUL byte; skipped' },
  'path-escapes-root': {
    severity: 'error',
    meaning: "a member name's `..` climbs out of the root; skipped",
  },
  'root-not-directory': {
    severity: 'error',
    meaning: 'the root is given as something other than a directory',
  },
  'entry-type-unknown': {
    severity: 'warning',
    meaning: 'a member type is not one a filesystem holds; skipped',
  },
  'whiteout-invalid': {
    severity: 'error',
    meaning: 'a whiteout names no sibling (`.wh.` alone, `.`, `..`)',
    rule: WHITEOUTS,
  },
  'whiteout-name-in-path': {
    severity: 'error',
    meaning: 'a directory in a path is named like a whiteout marker',
    rule: WHITEOUTS,
  },
  'whiteout-meta-skipped': {
    severity: 'warning',
    meaning: 'an aufs metadata marker (`.wh..wh.*`) is not part of the filesystem; skipped',
    rule: WHITEOUTS,
  },
  'hardlink-target-empty': { severity: 'error', meaning: 'a hardlink has an empty target' },
  'hardlink-target-nul': { severity: 'error', meaning: "a hardlink's target holds a NUL byte" },
  'hardlink-target-escapes-root': {
    severity: 'error',
    meaning: "a hardlink's target climbs out of the root",
  },
  'hardlink-target-missing': {
    severity: 'error',
    meaning: "a hardlink's target does not exist in its layer or below",
  },
  'hardlink-target-directory': {
    severity: 'error',
    meaning: "a hardlink's target is a directory",
  },
  'parent-not-directory': {
    severity: 'error',
    meaning: "a member's parent path is not a directory; skipped",
  },
  'symlink-loop': {
    severity: 'error',
    meaning: "resolving a member's parent path follows more than 40 symlinks; skipped",
  },
} as const satisfies Record<string, ProblemCodeInfo>;

/** A stable, machine-readable problem code (kebab-case); see `PROBLEM_CODES`. */
export type ProblemCode = keyof typeof PROBLEM_CODES;

/** Every problem code, in table order. */
export const problemCodes = Object.keys(PROBLEM_CODES) as ProblemCode[];
