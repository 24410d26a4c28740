import { makeDigest } from '../oci/digest.ts';
import { MediaType } from '../oci/media-types.ts';
import { parseJson } from '../oci/parse-json.ts';
import { problem, type Problem } from '../oci/problem.ts';
import type { Descriptor } from '../oci/types.ts';
import { hashBlob } from '../verify/hash-blob.ts';
import { storeSynthesized, synthesizeManifest } from './synthesize.ts';
import { MapBlobStore, readBytes } from './blob-store.ts';
import type { FileSet } from './file-set.ts';
import type { ImageInput, RootEntry } from './image-input.ts';

const DOC = 'repositories';

type V1Json = Record<string, unknown> & {
  parent?: unknown;
  config?: unknown;
  container_config?: unknown;
  created?: unknown;
};

/**
 * Adapt a pre-1.10 `docker save` archive: only `repositories` and `<id>/{json,layer.tar}` linked
 * by `parent`. There is no image config, so one is synthesized from the top layer's json, with
 * diff_ids computed by hashing each layer.tar (this format holds no digests at all).
 */
export async function openDockerArchiveV1(set: FileSet): Promise<ImageInput> {
  const problems: Problem[] = [...set.problems];
  const store = new MapBlobStore();
  const bytes = await readBytes(set.files.get(DOC)!);
  const json = parseJson(bytes, DOC);
  problems.push(...json.problems);
  const roots: RootEntry[] = [];
  const repos = json.value;
  if (typeof repos !== 'object' || repos === null || Array.isArray(repos)) {
    if (json.value !== undefined)
      problems.push(
        problem(
          'error',
          'repositories-invalid',
          DOC,
          'repositories must be an object of repository → tag → layer id',
        ),
      );
    return {
      format: 'docker-archive-v1',
      wrapper: null,
      store,
      top: { name: DOC, bytes },
      roots,
      layoutVersion: null,
      problems,
    };
  }
  for (const [repo, tags] of Object.entries(repos as Record<string, unknown>)) {
    if (typeof tags !== 'object' || tags === null) continue;
    for (const [tag, id] of Object.entries(tags as Record<string, unknown>)) {
      if (typeof id !== 'string') continue;
      const where = `${DOC} $["${repo}"]["${tag}"]`;
      const root = await synthesize(set, id, `${repo}:${tag}`, where, store, problems);
      if (root) roots.push(root);
    }
  }
  return {
    format: 'docker-archive-v1',
    wrapper: null,
    store,
    top: { name: DOC, bytes },
    roots,
    layoutVersion: null,
    problems,
  };
}

async function synthesize(
  set: FileSet,
  topId: string,
  ref: string,
  where: string,
  store: MapBlobStore,
  problems: Problem[],
): Promise<RootEntry | null> {
  const chain: { id: string; json: V1Json }[] = [];
  const seen = new Set<string>();
  for (let id: string | undefined = topId; id;) {
    if (seen.has(id)) {
      problems.push(
        problem('error', 'v1-parent-loop', `${id}/json`, `layer parents form a loop at ${id}`),
      );
      break;
    }
    seen.add(id);
    const file = set.files.get(`${id}/json`);
    if (!file) {
      problems.push(
        problem('error', 'blob-missing', `${id}/json`, `layer ${id} has no json in the archive`),
      );
      return null;
    }
    const parsed = parseJson(await readBytes(file), `${id}/json`);
    problems.push(...parsed.problems);
    const j = (parsed.value ?? {}) as V1Json;
    chain.unshift({ id, json: j });
    id = typeof j.parent === 'string' ? j.parent : undefined;
  }
  const layers: Descriptor[] = [];
  const diffIds: string[] = [];
  const history: Record<string, unknown>[] = [];
  for (const { id, json } of chain) {
    const tar = set.files.get(`${id}/layer.tar`);
    const cc = json.container_config as { Cmd?: unknown } | undefined;
    const createdBy = Array.isArray(cc?.Cmd) ? cc.Cmd.join(' ') : undefined;
    if (!tar) {
      problems.push(
        problem(
          'error',
          'blob-missing',
          `${id}/layer.tar`,
          `layer ${id} has no layer.tar in the archive`,
        ),
      );
      continue;
    }
    const digest = await hashBlob(tar);
    store.add({ digest, blob: tar, source: `${id}/layer.tar` });
    layers.push({
      mediaType: MediaType.dockerLayer,
      digest: makeDigest('sha256', digest.slice(7)),
      size: tar.size,
    });
    diffIds.push(digest);
    history.push({ created: json.created, created_by: createdBy, comment: `layer ${id}` });
  }
  const top = chain[chain.length - 1]?.json ?? {};
  const config = {
    architecture: typeof top['architecture'] === 'string' ? top['architecture'] : 'amd64',
    os: typeof top['os'] === 'string' ? top['os'] : 'linux',
    created: top.created,
    author: top['author'],
    config: top.config ?? {},
    rootfs: { type: 'layers', diff_ids: diffIds },
    history,
  };
  const stored = await storeSynthesized(store, config, `${topId}/json`);
  const descriptor = await synthesizeManifest(store, stored, layers, where, {
    os: config.os,
    architecture: config.architecture,
  });
  return {
    descriptor,
    refName: ref,
    tags: [ref],
    where,
  };
}
