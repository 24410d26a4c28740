import { RemoteBlob, type RemoteBlobState } from '../core/registry/remote-blob.ts';

/**
 * Registry blobs across the worker boundary. A `RemoteBlob` (bytes left in a registry, fetched
 * when read) is not a real Blob: a structured clone would drop its methods. Before a message is
 * posted, `pack` replaces each one with a tagged copy of its plain state; `unpack` rebuilds them
 * where the message arrives. Messages that hold none cost one flag test: `pack` walks only once
 * this realm has made or received a RemoteBlob.
 */
const TAG = '__ociRemoteBlob';
type Tagged = { [TAG]: RemoteBlobState };

let seen = false;

/** The deepest a message is searched (a graph's nodes sit a few levels down). */
const MAX_DEPTH = 8;

function isTagged(v: unknown): v is Tagged {
  return typeof v === 'object' && v !== null && TAG in v;
}

function walk(v: unknown, depth: number, swap: (x: unknown) => unknown | undefined): unknown {
  const swapped = swap(v);
  if (swapped !== undefined) return swapped;
  if (depth >= MAX_DEPTH || typeof v !== 'object' || v === null) return v;
  if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer || v instanceof Blob) return v;
  if (Array.isArray(v)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < v.length; i++) {
      const w = walk(v[i], depth + 1, swap);
      if (w !== v[i]) (out ??= v.slice())[i] = w;
    }
    return out ?? v;
  }
  if (v instanceof Map) {
    let out: Map<unknown, unknown> | null = null;
    for (const [k, x] of v) {
      const w = walk(x, depth + 1, swap);
      if (w !== x) (out ??= new Map(v)).set(k, w);
    }
    return out ?? v;
  }
  if (Object.getPrototypeOf(v) !== Object.prototype) return v;
  let out: Record<string, unknown> | null = null;
  for (const [k, x] of Object.entries(v)) {
    const w = walk(x, depth + 1, swap);
    if (w !== x) (out ??= { ...(v as Record<string, unknown>) })[k] = w;
  }
  return out ?? v;
}

/** Note that this realm holds RemoteBlobs (a registry image was opened here). */
export function markRemoteBlobs(): void {
  seen = true;
}

/** The message with every RemoteBlob replaced by its tagged state; `remote` says whether any was. */
export function pack(value: unknown): { value: unknown; remote: boolean } {
  if (!seen) return { value, remote: false };
  let remote = false;
  const packed = walk(value, 0, (x) => {
    if (!(x instanceof RemoteBlob)) return undefined;
    remote = true;
    return { [TAG]: x.toState() } satisfies Tagged;
  });
  return { value: packed, remote };
}

/** The message with every tagged state rebuilt as a RemoteBlob. */
export function unpack(value: unknown): unknown {
  seen = true;
  return walk(value, 0, (x) => (isTagged(x) ? RemoteBlob.fromState(x[TAG]) : undefined));
}
