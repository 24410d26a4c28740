import { parseDigest } from '../oci/digest.ts';
import { problem, type Problem } from '../oci/problem.ts';
import { MapBlobStore } from '../store/blob-store.ts';
import type { ImageInput } from '../store/image-input.ts';
import { createHasher } from '../verify/hasher.ts';
import { formatReference, pinReference, type ImageReference } from './reference.ts';
import { RegistryError, type RegistryClient } from './registry-client.ts';
import { RemoteBlob, type RemoteEndpoint } from './remote-blob.ts';

/** At most this many documents (manifests, configs) are read ahead while opening. */
const PREFETCH_LIMIT = 256;
/** Requests in flight at once while reading documents ahead. */
const CONCURRENCY = 6;

/** A registry image opened: the input, and the reference pinned to the manifest it resolved to. */
export interface RegistryInput {
  input: ImageInput;
  pinned: ImageReference;
}

interface Descr {
  mediaType: string;
  digest: string;
  size: number;
}

function descriptors(json: unknown, key: 'manifests' | 'layers'): Descr[] {
  const list = (json as Record<string, unknown> | null)?.[key];
  if (!Array.isArray(list)) return [];
  return list.flatMap((d: unknown) => one(d));
}

function one(d: unknown): Descr[] {
  const r = d as Record<string, unknown> | null;
  if (!r || typeof r['digest'] !== 'string' || typeof r['size'] !== 'number') return [];
  if (!parseDigest(r['digest']).ok || !Number.isSafeInteger(r['size']) || r['size'] < 0) return [];
  return [
    {
      mediaType: typeof r['mediaType'] === 'string' ? r['mediaType'] : '',
      digest: r['digest'],
      size: r['size'],
    },
  ];
}

async function sha256(bytes: Uint8Array): Promise<string> {
  const h = await createHasher('sha256');
  h.update(bytes);
  return `sha256:${h.digestHex()}`;
}

/**
 * Open an image in a registry as an input like any other: the reference resolved to its manifest
 * (hashed here: the digest names the bytes, whatever the registry's headers say), documents read
 * ahead (indexes, manifests, configs: small), layers left in the registry as `RemoteBlob`s,
 * fetched only when a view or a check reads them. The top document is an `index.json`-shaped
 * index of the one resolved manifest, written by this tool (as `skopeo copy` to a layout would).
 */
export async function openRegistry(
  client: RegistryClient,
  signal?: AbortSignal,
): Promise<RegistryInput> {
  const ref = client.ref;
  const problems: Problem[] = [];
  const name = formatReference(ref);
  const top = await client.manifest(undefined, signal);
  const digest = await sha256(top.bytes);
  if (ref.digest && ref.digest !== digest) {
    problems.push(
      problem(
        'error',
        'digest-mismatch',
        name,
        `the registry served a manifest whose digest is ${digest}, not the ${ref.digest} the reference pins`,
        'image-spec descriptor.md#digests',
      ),
    );
  }
  let topJson: unknown;
  try {
    topJson = JSON.parse(new TextDecoder().decode(top.bytes));
  } catch {
    throw new RegistryError(`${name}: the registry's manifest is not JSON`, 'invalid');
  }
  const declared = (topJson as { mediaType?: unknown } | null)?.mediaType;
  const mediaType =
    typeof declared === 'string'
      ? declared
      : (top.mediaType?.split(';')[0]?.trim() ?? 'application/vnd.oci.image.manifest.v1+json');

  const store = new MapBlobStore();
  const source = (endpoint: RemoteEndpoint, d: string): string =>
    `${ref.registry}/${ref.repository}/${endpoint}/${d}`;
  store.add({
    digest,
    blob: new Blob([top.bytes as Uint8Array<ArrayBuffer>]),
    source: source('manifests', digest),
  });

  // Read the documents ahead, breadth first, a few at a time; everything else stays remote.
  let fetched = 0;
  const queue: { json: unknown; mediaType: string }[] = [{ json: topJson, mediaType }];
  const remote = (d: Descr, endpoint: RemoteEndpoint): void => {
    if (!store.get(d.digest))
      store.add({
        digest: d.digest,
        blob: RemoteBlob.of(client, d.digest, d.size, endpoint),
        source: source(endpoint, d.digest),
      });
  };
  const readAhead = async (d: Descr, endpoint: RemoteEndpoint, document: boolean) => {
    remote(d, endpoint);
    if (!document || fetched >= PREFETCH_LIMIT || d.size > 4 * 1024 * 1024) return;
    fetched++;
    const bytes = new Uint8Array(await store.get(d.digest)!.blob.arrayBuffer());
    store.replace({
      digest: d.digest,
      blob: new Blob([bytes as Uint8Array<ArrayBuffer>]),
      source: source(endpoint, d.digest),
    });
    if (endpoint !== 'manifests') return;
    try {
      queue.push({ json: JSON.parse(new TextDecoder().decode(bytes)), mediaType: d.mediaType });
    } catch {
      // Not JSON: the graph reports it on its node.
    }
  };
  while (queue.length > 0) {
    signal?.throwIfAborted();
    const doc = queue.shift()!;
    const work: (() => Promise<void>)[] = [];
    for (const d of descriptors(doc.json, 'manifests'))
      work.push(() => readAhead(d, 'manifests', true));
    const config = one((doc.json as Record<string, unknown> | null)?.['config']);
    for (const d of config) work.push(() => readAhead(d, 'blobs', true));
    for (const d of descriptors(doc.json, 'layers')) remote(d, 'blobs');
    for (let i = 0; i < work.length; i += CONCURRENCY)
      await Promise.all(work.slice(i, i + CONCURRENCY).map((w) => w()));
  }

  const descriptor = { mediaType, digest, size: top.bytes.length };
  const index = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      {
        ...descriptor,
        annotations: { 'org.opencontainers.image.ref.name': ref.tag ?? digest },
      },
    ],
  };
  const parsedDigest = parseDigest(digest);
  if (!parsedDigest.ok) throw new RegistryError(`${name}: bad digest ${digest}`, 'invalid');
  return {
    pinned: pinReference(ref, digest),
    input: {
      format: 'registry',
      wrapper: null,
      store,
      top: { name, bytes: new TextEncoder().encode(JSON.stringify(index, null, 2)) },
      roots: [
        {
          descriptor: { mediaType, digest: parsedDigest.digest, size: top.bytes.length },
          refName: ref.tag,
          tags: ref.tag ? [ref.tag] : [],
          where: name,
        },
      ],
      layoutVersion: null,
      problems,
    },
  };
}
