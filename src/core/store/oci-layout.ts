import { parseDigest } from '../oci/digest.ts';
import { parseIndex } from '../oci/parse-index.ts';
import { parseJson } from '../oci/parse-json.ts';
import { parseLayoutHeader } from '../oci/parse-layout.ts';
import { problem, type Problem } from '../oci/problem.ts';
import { MapBlobStore, readBytes } from './blob-store.ts';
import type { FileSet } from './file-set.ts';
import type { ImageInput, RootEntry } from './image-input.ts';

const REF_NAME = 'org.opencontainers.image.ref.name';

/** Blobs of an image layout: every file under `blobs/<algorithm>/<encoded>`. */
export function layoutBlobStore(set: FileSet, problems: Problem[]): MapBlobStore {
  const store = new MapBlobStore();
  for (const [path, blob] of set.files) {
    const m = /^blobs\/([^/]+)\/([^/]+)$/.exec(path);
    if (!m) continue;
    const parsed = parseDigest(`${m[1]}:${m[2]}`, path);
    if (!parsed.ok) {
      problems.push(
        problem(
          'warning',
          'layout-stray-blob',
          path,
          `file under blobs/ is not named by a digest: ${parsed.problem.message}`,
          'image-spec image-layout.md#blobs',
        ),
      );
      continue;
    }
    store.add({ digest: parsed.digest.value, blob, source: path });
  }
  return store;
}

/** Read the index.json entries of a layout as roots. */
export async function layoutRoots(
  set: FileSet,
  problems: Problem[],
): Promise<{ bytes: Uint8Array | null; roots: RootEntry[] }> {
  const file = set.files.get('index.json');
  if (!file) {
    problems.push(
      problem(
        'error',
        'layout-index-missing',
        'index.json',
        'the image layout has no index.json',
        'image-spec image-layout.md#indexjson-file',
      ),
    );
    return { bytes: null, roots: [] };
  }
  const bytes = await readBytes(file);
  const json = parseJson(bytes, 'index.json');
  problems.push(...json.problems);
  if (json.value === undefined) return { bytes, roots: [] };
  const index = parseIndex(json.value, 'index.json');
  problems.push(...index.problems);
  const roots = (index.value?.manifests ?? []).map((descriptor, i): RootEntry => {
    const ref = descriptor.annotations?.[REF_NAME] ?? null;
    return {
      descriptor,
      refName: ref,
      tags: ref === null ? [] : [ref],
      where: `index.json $.manifests[${i}]`,
    };
  });
  return { bytes, roots };
}

/** Read the `oci-layout` header; returns its imageLayoutVersion. */
export async function layoutVersion(set: FileSet, problems: Problem[]): Promise<string | null> {
  const file = set.files.get('oci-layout');
  if (!file) {
    problems.push(
      problem(
        'error',
        'layout-header-missing',
        'oci-layout',
        'the image layout has no oci-layout file',
        'image-spec image-layout.md#oci-layout-file',
      ),
    );
    return null;
  }
  const json = parseJson(await readBytes(file), 'oci-layout');
  problems.push(...json.problems);
  if (json.value === undefined) return null;
  const header = parseLayoutHeader(json.value, 'oci-layout');
  problems.push(...header.problems);
  return header.value?.imageLayoutVersion ?? null;
}

/** Adapt an OCI image layout (a folder, or the members of an oci-archive tar). */
export async function openOciLayout(
  set: FileSet,
  format: 'oci-layout' | 'oci-archive',
): Promise<ImageInput> {
  const problems: Problem[] = [...set.problems];
  const version = await layoutVersion(set, problems);
  const store = layoutBlobStore(set, problems);
  const { bytes, roots } = await layoutRoots(set, problems);
  return {
    format,
    wrapper: null,
    store,
    top: { name: 'index.json', bytes },
    roots,
    layoutVersion: version,
    problems,
  };
}
