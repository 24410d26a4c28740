import { makeDigest } from '../oci/digest.ts';
import { MediaType } from '../oci/media-types.ts';
import { parseJson } from '../oci/parse-json.ts';
import { problem, type Problem } from '../oci/problem.ts';
import type { Descriptor } from '../oci/types.ts';
import { sniffCompression } from '../layers/sniff-compression.ts';
import { hashBlob, hashBytes } from '../verify/hash-blob.ts';
import { MapBlobStore, readBytes } from './blob-store.ts';
import { synthesizeManifest } from './synthesize.ts';
import type { FileSet } from './file-set.ts';
import type { ImageInput, RootEntry } from './image-input.ts';
import { layoutBlobStore, layoutRoots, layoutVersion } from './oci-layout.ts';

const DOC = 'manifest.json';

interface DockerEntry {
  Config: string;
  RepoTags: string[];
  Layers: string[];
}

/** Read `manifest.json` of a `docker save` / `podman save` archive into entries, reporting what is wrong. */
function readEntries(json: unknown, problems: Problem[]): DockerEntry[] {
  if (!Array.isArray(json)) {
    problems.push(
      problem(
        'error',
        'docker-manifest-not-list',
        DOC,
        `manifest.json must be a JSON list of images, got ${json === null ? 'null' : typeof json}`,
        'docker image spec v1.2 (combined image JSON + filesystem changeset format)',
      ),
    );
    return [];
  }
  const out: DockerEntry[] = [];
  json.forEach((raw: unknown, i) => {
    const where = `${DOC} $[${i}]`;
    if (typeof raw !== 'object' || raw === null) {
      problems.push(
        problem('error', 'docker-manifest-entry-invalid', where, 'entry is not an object'),
      );
      return;
    }
    const e = raw as Record<string, unknown>;
    if (typeof e['Config'] !== 'string') {
      problems.push(
        problem(
          'error',
          'docker-manifest-entry-invalid',
          `${where}.Config`,
          'Config must be the path of the image config in the archive',
        ),
      );
      return;
    }
    const layers = Array.isArray(e['Layers'])
      ? e['Layers'].filter((l): l is string => typeof l === 'string')
      : [];
    if (!Array.isArray(e['Layers']))
      problems.push(
        problem(
          'warning',
          'docker-manifest-entry-invalid',
          `${where}.Layers`,
          'Layers is missing or not a list; the image is read with no layers',
        ),
      );
    const tags = Array.isArray(e['RepoTags'])
      ? e['RepoTags'].filter((t): t is string => typeof t === 'string')
      : [];
    out.push({ Config: e['Config'], RepoTags: tags, Layers: layers });
  });
  return out;
}

/** The digest a member's name claims: `blobs/sha256/<hex>`, `<hex>.json`, `<hex>.tar.gz`, `sha256:<hex>`. */
export function digestFromName(path: string): string | null {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const m = /^(?:sha256:)?([a-f0-9]{64})(?:\.json|\.tar|\.tar\.gz|\.tar\.zst)?$/.exec(base);
  if (!m) return null;
  if (path.includes('/') && !/(^|\/)blobs\/sha256\/[a-f0-9]{64}$/.test(path)) return null;
  return `sha256:${m[1]}`;
}

const LAYER_TYPE = {
  none: MediaType.dockerLayer,
  gzip: MediaType.dockerLayerGzip,
  zstd: MediaType.dockerLayerZstd,
} as const;

/** Describe one layer file: digest claimed by its name, else its diff_id when uncompressed, else hashed. */
async function layerDescriptor(
  path: string,
  blob: Blob,
  diffId: string | undefined,
): Promise<Descriptor & { compression: string }> {
  const head = new Uint8Array(await blob.slice(0, 512).arrayBuffer());
  const compression = sniffCompression(head);
  const kind = compression === 'gzip' || compression === 'zstd' ? compression : 'none';
  let digest = digestFromName(path);
  if (digest === null && kind === 'none' && diffId !== undefined) digest = diffId;
  if (digest === null) digest = await hashBlob(blob);
  return { mediaType: LAYER_TYPE[kind], digest: digestValue(digest), size: blob.size, compression };
}

function digestValue(v: string): Descriptor['digest'] {
  return makeDigest('sha256', v.slice('sha256:'.length));
}

/** Synthesize a Docker schema 2 manifest for one manifest.json entry and add it and its blobs to the store. */
async function synthesizeImage(
  set: FileSet,
  entry: DockerEntry,
  i: number,
  store: MapBlobStore,
  problems: Problem[],
): Promise<RootEntry | null> {
  const where = `${DOC} $[${i}]`;
  const configBlob = set.files.get(entry.Config);
  if (!configBlob) {
    problems.push(
      problem(
        'error',
        'blob-missing',
        `${where}.Config`,
        `config file "${entry.Config}" is not in the archive`,
      ),
    );
    return null;
  }
  const configBytes = await readBytes(configBlob);
  // The image ID is the config's own hash; compute it (the file is small) rather than trust the name.
  const configDigest = await hashBytes(configBytes);
  const named = digestFromName(entry.Config);
  if (named !== null && named !== configDigest) {
    problems.push(
      problem(
        'warning',
        'docker-config-name-mismatch',
        `${where}.Config`,
        `config file is named ${named} but its sha256 is ${configDigest}`,
      ),
    );
  }
  store.add({ digest: configDigest, blob: configBlob, source: entry.Config });
  const config = parseJson(configBytes, entry.Config).value as
    | { rootfs?: { diff_ids?: unknown }; os?: unknown; architecture?: unknown; variant?: unknown }
    | undefined;
  const diffIds = Array.isArray(config?.rootfs?.diff_ids)
    ? (config.rootfs.diff_ids as unknown[]).map(String)
    : [];
  const layers: Descriptor[] = [];
  for (const [li, path] of entry.Layers.entries()) {
    const blob = set.files.get(path);
    if (!blob) {
      problems.push(
        problem(
          'error',
          'blob-missing',
          `${where}.Layers[${li}]`,
          `layer file "${path}" is not in the archive`,
        ),
      );
      continue;
    }
    const d = await layerDescriptor(path, blob, diffIds[li]);
    store.add({ digest: d.digest.value, blob, source: path });
    layers.push({ mediaType: d.mediaType, digest: d.digest, size: d.size });
  }
  const platform =
    typeof config?.os === 'string' && typeof config.architecture === 'string'
      ? {
          os: config.os,
          architecture: config.architecture,
          ...(typeof config.variant === 'string' ? { variant: config.variant } : {}),
        }
      : undefined;
  const descriptor = await synthesizeManifest(
    store,
    { digest: configDigest, size: configBlob.size },
    layers,
    where,
    platform,
  );
  return { descriptor, refName: entry.RepoTags[0] ?? null, tags: entry.RepoTags, where };
}

/** Adapt a `docker save` / `podman save` archive (legacy, or Docker 25+ with an OCI layout inside). */
export async function openDockerArchive(set: FileSet): Promise<ImageInput> {
  const problems: Problem[] = [...set.problems];
  const isOci = set.files.has('oci-layout') && set.files.has('index.json');
  const store = isOci ? layoutBlobStore(set, problems) : new MapBlobStore();
  const version = isOci ? await layoutVersion(set, problems) : null;
  const manifestBytes = await readBytes(set.files.get(DOC)!);
  const json = parseJson(manifestBytes, DOC);
  problems.push(...json.problems);
  const entries = json.value === undefined ? [] : readEntries(json.value, problems);

  if (isOci) {
    // Docker 25+: index.json is authoritative when it lists manifests; it is `"manifests": null`
    // in some versions, and then manifest.json is the only way in.
    const layout = await layoutRoots(set, problems);
    if (layout.roots.length > 0) {
      return {
        format: 'docker-archive-oci',
        wrapper: null,
        store,
        top: { name: 'index.json', bytes: layout.bytes },
        roots: layout.roots,
        layoutVersion: version,
        problems,
      };
    }
  }
  const roots: RootEntry[] = [];
  for (const [i, entry] of entries.entries()) {
    const root = await synthesizeImage(set, entry, i, store, problems);
    if (root) roots.push(root);
  }
  return {
    format: isOci ? 'docker-archive-oci' : 'docker-archive',
    wrapper: null,
    store,
    top: { name: DOC, bytes: manifestBytes },
    roots,
    layoutVersion: version,
    problems,
  };
}
