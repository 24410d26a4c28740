import { parseAuthChallenges } from './auth-challenge.ts';
import {
  formatReference,
  isDockerHub,
  manifestSelector,
  registryBase,
  type ImageReference,
} from './reference.ts';

/** Credentials the user typed: a token, or a username and password. Held in memory only. */
export interface RegistryCredentials {
  token?: string;
  username?: string;
  password?: string;
}

/** Why a registry gave no answer, sorted for what the user should read. */
export type RegistryFailure = 'unreachable' | 'auth' | 'not-found' | 'http' | 'invalid';

/** A registry request failed; the message says what to do. */
export class RegistryError extends Error {
  constructor(
    message: string,
    readonly reason: RegistryFailure,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

/** The headers a registry must send for a page on another origin to read it. */
export const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Accept, Range',
  'Access-Control-Expose-Headers': 'Docker-Content-Digest, WWW-Authenticate, Content-Length',
} as const;

/** The lines of a distribution registry's `config.yml` that send those headers. */
export const DISTRIBUTION_CORS_CONFIG = [
  'http:',
  '  headers:',
  ...Object.entries(CORS_HEADERS).map(
    ([k, v]) =>
      `    ${k}: [${v
        .split(', ')
        .map((x) => `'${x}'`)
        .join(', ')}]`,
  ),
].join('\n');

/** The command that saves an image to a file this tool opens (for registries a page cannot read). */
export function saveCommand(ref: ImageReference): string {
  const name = ref.repository.split('/').pop() ?? 'image';
  return `skopeo copy docker://${formatReference(ref)} oci-archive:${name}.tar`;
}

/** What to tell the user when a registry's answers cannot be read from this page. */
export function unreachableMessage(ref: ImageReference): string {
  const hub = isDockerHub(ref)
    ? 'Docker Hub sends no CORS headers, so no web page can read it. '
    : `${ref.registry} could not be reached, or did not allow this page to read its answers (CORS). `;
  return (
    `${hub}A registry that a page may read answers with ` +
    Object.entries(CORS_HEADERS)
      .map(([k, v]) => `${k}: ${v}`)
      .join('; ') +
    `. Or save the image to a file and drop it here: ${saveCommand(ref)}`
  );
}

/** The manifest media types asked for, in order of preference. */
export const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

/** The largest manifest read (the distribution spec's servers refuse 4 MiB and more). */
const MANIFEST_LIMIT = 4 * 1024 * 1024;

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/**
 * Reads one repository through the OCI distribution API: manifests by tag or digest, blobs by
 * digest (whole or a byte range). Anonymous pulls follow the bearer-token challenge public
 * registries send (`WWW-Authenticate: Bearer realm=…,service=…,scope=…`); typed credentials
 * are used for the token request or for Basic auth. Tokens live in this object only.
 */
export class RegistryClient {
  private authorization: string | null;
  private readonly base: string;
  private readonly fetchFn: Fetch;

  constructor(
    readonly ref: ImageReference,
    private readonly opts: {
      fetch?: Fetch;
      credentials?: RegistryCredentials;
      /** An `Authorization` value already obtained (a client rebuilt in another worker). */
      authorization?: string | null;
    } = {},
  ) {
    this.base = `${registryBase(ref)}/v2/${ref.repository}`;
    this.fetchFn = opts.fetch ?? ((i, init) => fetch(i, init));
    this.authorization =
      opts.authorization ?? (opts.credentials?.token ? `Bearer ${opts.credentials.token}` : null);
  }

  /** The `Authorization` value in use (handed to a client rebuilt in another worker, never stored). */
  get currentAuthorization(): string | null {
    return this.authorization;
  }

  /** The manifest the reference names (its tag, or its pinned digest), exactly as served. */
  async manifest(
    selector = manifestSelector(this.ref),
    signal?: AbortSignal,
  ): Promise<{ bytes: Uint8Array; mediaType: string | null }> {
    const res = await this.request(`${this.base}/manifests/${selector}`, {
      headers: { Accept: MANIFEST_ACCEPT },
      ...(signal ? { signal } : {}),
    });
    const length = Number(res.headers.get('content-length'));
    if (Number.isFinite(length) && length > MANIFEST_LIMIT)
      throw new RegistryError(`the manifest ${selector} is larger than 4 MiB`, 'invalid');
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (bytes.length > MANIFEST_LIMIT)
      throw new RegistryError(`the manifest ${selector} is larger than 4 MiB`, 'invalid');
    return { bytes, mediaType: res.headers.get('content-type') };
  }

  /** A manifest by digest, as a response to stream (documents listed in an index). */
  async manifestResponse(digest: string, signal?: AbortSignal): Promise<Response> {
    return this.request(`${this.base}/manifests/${digest}`, {
      headers: { Accept: MANIFEST_ACCEPT },
      ...(signal ? { signal } : {}),
    });
  }

  /** A blob's bytes as a stream: all of it, or `[start, end)`. */
  async blob(
    digest: string,
    range?: { start: number; end: number },
    signal?: AbortSignal,
  ): Promise<Response> {
    const headers: Record<string, string> = {};
    if (range) headers['Range'] = `bytes=${range.start}-${range.end - 1}`;
    return this.request(`${this.base}/blobs/${digest}`, {
      headers,
      ...(signal ? { signal } : {}),
    });
  }

  private async request(url: string, init: RequestInit, retried = false): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.authorization) headers.set('Authorization', this.authorization);
    let res: Response;
    try {
      res = await this.fetchFn(url, { ...init, headers, credentials: 'omit' });
    } catch (e) {
      if (init.signal?.aborted) throw e;
      throw new RegistryError(unreachableMessage(this.ref), 'unreachable');
    }
    if (res.status === 401 && !retried) {
      await res.body?.cancel().catch(() => {});
      await this.authenticate(res.headers.get('www-authenticate'), init.signal ?? undefined);
      return this.request(url, init, true);
    }
    if (res.ok) return res;
    await res.body?.cancel().catch(() => {});
    if (res.status === 401 || res.status === 403)
      throw new RegistryError(
        `${this.ref.registry} refused access to ${this.ref.repository} (HTTP ${res.status}); give a token or a username and password`,
        'auth',
        res.status,
      );
    if (res.status === 404)
      throw new RegistryError(
        `${formatReference(this.ref)}: ${url.slice(this.base.length + 1)} was not found (HTTP 404)`,
        'not-found',
        404,
      );
    throw new RegistryError(`${url} answered HTTP ${res.status}`, 'http', res.status);
  }

  /** Answer a 401's challenge: a bearer token from the realm, or Basic credentials. */
  private async authenticate(header: string | null, signal?: AbortSignal): Promise<void> {
    const creds = this.opts.credentials;
    const challenges = header ? parseAuthChallenges(header) : [];
    const bearer = challenges.find((c) => c.scheme === 'bearer');
    const basicAuth =
      creds?.username !== undefined
        ? `Basic ${btoa(`${creds.username}:${creds.password ?? ''}`)}`
        : null;
    if (bearer?.params['realm']) {
      const realm = new URL(bearer.params['realm']);
      if (realm.protocol !== 'https:' && realm.protocol !== 'http:')
        throw new RegistryError(`the token service ${realm.href} is not http(s)`, 'auth');
      if (bearer.params['service']) realm.searchParams.set('service', bearer.params['service']);
      realm.searchParams.set(
        'scope',
        bearer.params['scope'] ?? `repository:${this.ref.repository}:pull`,
      );
      let res: Response;
      try {
        res = await this.fetchFn(realm.href, {
          headers: basicAuth ? { Authorization: basicAuth } : {},
          credentials: 'omit',
          ...(signal ? { signal } : {}),
        });
      } catch (e) {
        if (signal?.aborted) throw e;
        throw new RegistryError(
          `the token service ${realm.origin} could not be reached, or did not allow this page to read its answer (CORS)`,
          'unreachable',
        );
      }
      if (!res.ok)
        throw new RegistryError(
          `the token service ${realm.origin} refused a token for ${this.ref.repository} (HTTP ${res.status})`,
          'auth',
          res.status,
        );
      const body = (await res.json().catch(() => null)) as {
        token?: unknown;
        access_token?: unknown;
      } | null;
      const token = body?.token ?? body?.access_token;
      if (typeof token !== 'string' || token === '')
        throw new RegistryError(
          `the token service ${realm.origin} answered without a token`,
          'auth',
        );
      this.authorization = `Bearer ${token}`;
      return;
    }
    if (challenges.some((c) => c.scheme === 'basic') && basicAuth) {
      this.authorization = basicAuth;
      return;
    }
    throw new RegistryError(
      header
        ? `${this.ref.registry} asks for credentials (${challenges.map((c) => c.scheme).join(', ') || 'unknown scheme'}); give a token or a username and password`
        : `${this.ref.registry} answered 401 without saying how to authenticate (is WWW-Authenticate exposed to this page?)`,
      'auth',
      401,
    );
  }
}
