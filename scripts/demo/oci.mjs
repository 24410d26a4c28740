// Writers for OCI image layouts and docker save archives, in memory, deterministic.
import { bytesOf, gzip, makeTar, sha256 } from './tar.mjs';

export const MT = {
  index: 'application/vnd.oci.image.index.v1+json',
  manifest: 'application/vnd.oci.image.manifest.v1+json',
  config: 'application/vnd.oci.image.config.v1+json',
  layerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  inToto: 'application/vnd.in-toto+json',
};

/** Every member of every archive gets this mtime (2024-01-01T00:00:00Z): no build-time clocks. */
export const ARCHIVE_MTIME = 1_704_067_200;

/** JSON as the bytes a registry would store: compact, keys in the order written. */
export function jsonBytes(value) {
  return bytesOf(JSON.stringify(value));
}

/** A content-addressed blob store being filled: add bytes, get a descriptor back. */
export class Layout {
  constructor() {
    this.blobs = new Map();
  }

  /** Store bytes; returns the descriptor `{ mediaType, digest, size, ...extra }`. */
  add(mediaType, bytes, extra = {}) {
    const digest = sha256(bytes);
    this.blobs.set(digest, bytes);
    return { mediaType, digest, size: bytes.length, ...extra };
  }

  /** Store a layer: tar members → gzip; returns its descriptor and the diff_id. */
  addLayer(members) {
    const tar = makeTar(members);
    return { descriptor: this.add(MT.layerGzip, gzip(tar)), diffId: sha256(tar) };
  }

  /**
   * Store an image: config (its rootfs from the layers) and manifest. `history` steps are
   * `{ created_by, empty_layer? }`; returns the manifest descriptor.
   */
  /**
   * @param {{ platform: { os: string, architecture: string, variant?: string }, config: object,
   *   history: { created_by: string, empty_layer?: boolean }[],
   *   layers: { diffId: string, descriptor: object }[],
   *   annotations?: Record<string, string> }} image
   */
  addImage({ platform, config, history, layers, annotations }) {
    const configDoc = {
      created: '2024-01-01T00:00:00Z',
      architecture: platform.architecture,
      ...(platform.variant ? { variant: platform.variant } : {}),
      os: platform.os,
      config,
      rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
      history: history.map((h, i) => ({
        created: `2024-01-01T00:0${Math.min(i, 9)}:00Z`,
        created_by: h.created_by,
        comment: 'buildkit.dockerfile.v0',
        ...(h.empty_layer ? { empty_layer: true } : {}),
      })),
    };
    const manifest = {
      schemaVersion: 2,
      mediaType: MT.manifest,
      config: this.add(MT.config, jsonBytes(configDoc)),
      layers: layers.map((l) => l.descriptor),
      ...(annotations ? { annotations } : {}),
    };
    return this.add(MT.manifest, jsonBytes(manifest));
  }

  /** The layout as an oci-archive tar: oci-layout, index.json, blobs/sha256/<hex>. */
  toArchive(indexManifests, indexAnnotations) {
    const index = {
      schemaVersion: 2,
      mediaType: MT.index,
      manifests: indexManifests,
      ...(indexAnnotations ? { annotations: indexAnnotations } : {}),
    };
    const m = { mtime: ARCHIVE_MTIME };
    const members = [
      { ...m, path: 'oci-layout', content: JSON.stringify({ imageLayoutVersion: '1.0.0' }) },
      { ...m, path: 'index.json', content: jsonBytes(index) },
      { ...m, path: 'blobs', type: 'dir' },
      { ...m, path: 'blobs/sha256', type: 'dir' },
    ];
    for (const [digest, bytes] of this.blobs) {
      members.push({ ...m, path: `blobs/sha256/${digest.slice(7)}`, content: bytes });
    }
    return makeTar(members);
  }
}

/**
 * A legacy `docker save` archive (Docker before 25): `manifest.json`, `repositories`, the
 * config as `<hex>.json`, and one `<v1 id>/` folder per layer with `VERSION`, `json` and an
 * uncompressed `layer.tar`. v1 ids chain each layer to its parent, as docker computed them.
 */
export function dockerSave({ tag, config, history, layers }) {
  const [repo, version] = tag.split(':');
  const tars = layers.map((members) => makeTar(members));
  const diffIds = tars.map((t) => sha256(t));
  const configDoc = {
    architecture: 'amd64',
    config,
    created: '2024-01-01T00:00:00Z',
    history: history.map((h, i) => ({
      created: `2024-01-01T00:0${i}:00Z`,
      created_by: h.created_by,
      ...(h.empty_layer ? { empty_layer: true } : {}),
    })),
    os: 'linux',
    rootfs: { type: 'layers', diff_ids: diffIds },
  };
  const configBytes = jsonBytes(configDoc);
  const configName = `${sha256(configBytes).slice(7)}.json`;
  const m = { mtime: ARCHIVE_MTIME };
  /** @type {import('./tar.mjs').TarMember[]} */
  const members = [{ ...m, path: configName, content: configBytes }];
  const ids = [];
  let parent = '';
  tars.forEach((tar, i) => {
    const id = sha256(bytesOf(`${parent}\n${diffIds[i]}`)).slice(7);
    const v1 = {
      id,
      ...(parent ? { parent } : {}),
      created: '2024-01-01T00:00:00Z',
      container_config: { Cmd: [history.filter((h) => !h.empty_layer)[i]?.created_by ?? ''] },
      os: 'linux',
    };
    members.push(
      { ...m, path: id, type: 'dir' },
      { ...m, path: `${id}/VERSION`, content: '1.0' },
      { ...m, path: `${id}/json`, content: jsonBytes(v1) },
      { ...m, path: `${id}/layer.tar`, content: tar },
    );
    ids.push(id);
    parent = id;
  });
  const manifest = [
    { Config: configName, RepoTags: [tag], Layers: ids.map((id) => `${id}/layer.tar`) },
  ];
  members.push(
    { ...m, path: 'manifest.json', content: jsonBytes(manifest) },
    { ...m, path: 'repositories', content: jsonBytes({ [repo]: { [version]: parent } }) },
  );
  return makeTar(members);
}
