import { isLoopbackHost } from '../net/source-url.ts';

/**
 * An image reference, `HOST[:PORT]/REPO[:TAG][@DIGEST]`, as the distribution spec and Docker
 * read it. Docker Hub's short names are expanded as Docker does: `busybox` is
 * `docker.io/library/busybox:latest`, served from `registry-1.docker.io`.
 */
export interface ImageReference {
  /** The registry as named (`docker.io`, `ghcr.io`, `127.0.0.1:5000`). */
  registry: string;
  /** The repository path (`library/busybox`). */
  repository: string;
  /** The tag, when given (a digest alone pins without one). */
  tag: string | null;
  /** The manifest digest, when pinned. */
  digest: string | null;
}

/** A reference parsed, or why not. */
export type ReferenceParse = { ok: true; ref: ImageReference } | { ok: false; reason: string };

const DOCKER_HUB = 'docker.io';
// distribution/reference grammar: path components, tags and digests.
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
const HOST =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[a-fA-F0-9:]+\])(?::\d{1,5})?$/;

/** Parse a reference; short Docker Hub names are expanded, the default tag is `latest`. */
export function parseReference(input: string): ReferenceParse {
  const text = input.trim();
  if (text === '') return { ok: false, reason: 'the reference is empty' };
  if (text.length > 512)
    return { ok: false, reason: 'the reference is longer than 512 characters' };
  let rest = text;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return { ok: false, reason: `"${digest}" is not a digest` };
  }
  let tag: string | null = null;
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return { ok: false, reason: `"${tag}" is not a tag` };
  }
  const parts = rest.split('/');
  let registry = DOCKER_HUB;
  const first = parts[0]!;
  // The first component names a registry when it looks like a host: a dot, a port, or localhost.
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    if (!HOST.test(first)) return { ok: false, reason: `"${first}" is not a registry host` };
    registry = first.toLowerCase();
    parts.shift();
  }
  if (parts.length === 0 || parts.some((p) => !COMPONENT.test(p)))
    return {
      ok: false,
      reason: `"${parts.join('/')}" is not a repository name (lowercase letters, digits and . _ - separators)`,
    };
  if (registry === DOCKER_HUB && parts.length === 1) parts.unshift('library');
  if (tag === null && digest === null) tag = 'latest';
  return { ok: true, ref: { registry, repository: parts.join('/'), tag, digest } };
}

/** The canonical text of a reference (`docker.io/library/busybox:latest@sha256:…`). */
export function formatReference(ref: ImageReference): string {
  return `${ref.registry}/${ref.repository}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}

/** The same reference pinned to a manifest digest (its tag kept for the reader). */
export function pinReference(ref: ImageReference, digest: string): ImageReference {
  return { ...ref, digest };
}

/** What to ask the registry's manifest endpoint for: the digest when pinned, else the tag. */
export function manifestSelector(ref: ImageReference): string {
  return ref.digest ?? ref.tag ?? 'latest';
}

/** Where the registry's API lives: `http:` on loopback, `https:` elsewhere; Docker Hub's API host. */
export function registryBase(ref: ImageReference): string {
  if (ref.registry === DOCKER_HUB) return 'https://registry-1.docker.io';
  const host = ref.registry.replace(/:\d+$/, '');
  return `${isLoopbackHost(host) ? 'http' : 'https'}://${ref.registry}`;
}

/** True for Docker Hub, which sends no CORS headers: a page cannot read it. */
export function isDockerHub(ref: ImageReference): boolean {
  return ref.registry === DOCKER_HUB;
}
