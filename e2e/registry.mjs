// Debian's distribution registry (`docker-registry`, installed by .ci/run) on 127.0.0.1, for the
// registry tests: started in a temp folder with the `http:` config lines the caller gives (the
// CORS headers, or none), images pushed into it with skopeo.
import { execFileSync, spawn } from 'node:child_process';
import { createServer, request } from 'node:http';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './harness.mjs';

/** Where Debian puts the registry. */
export const REGISTRY_BIN = '/usr/bin/docker-registry';

/**
 * Start a registry; `http` is its config's `http:` block without the address (e.g. the CORS
 * headers the app shows), or `http:` alone. Resolves once `/v2/` answers.
 * @param {{ http?: string }} [opts]
 * @returns {Promise<{ host: string, stop: () => void }>}
 */
export async function startRegistry({ http = 'http:' } = {}) {
  if (!existsSync(REGISTRY_BIN))
    throw new Error(`${REGISTRY_BIN} is missing: apt-get install docker-registry`);
  const dir = mkdtempSync(join(tmpdir(), 'oci-registry-'));
  const port = await freePort();
  const config = [
    'version: 0.1',
    'log:',
    '  level: error',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${join(dir, 'data')}`,
    ...http.split('\n'),
    `  addr: 127.0.0.1:${port}`,
  ].join('\n');
  writeFileSync(join(dir, 'config.yml'), `${config}\n`);
  const child = spawn(REGISTRY_BIN, ['serve', join(dir, 'config.yml')], { stdio: 'ignore' });
  const host = `127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      if ((await fetch(`http://${host}/v2/`)).ok) break;
    } catch {
      // not up yet
    }
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`the registry did not start (exit ${child.exitCode})`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    host,
    stop() {
      child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Push an image with skopeo (`oci:DIR[:ref]`, `oci-archive:FILE`) to `host/repo:tag`.
 * @param {string} source
 * @param {string} host
 * @param {string} repoTag
 * @param {boolean} [all] every image of an index
 */
export function push(source, host, repoTag, all = false) {
  execFileSync(
    'skopeo',
    [
      'copy',
      '--quiet',
      ...(all ? ['--all'] : []),
      '--dest-tls-verify=false',
      source,
      `docker://${host}/${repoTag}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
}

/**
 * A token service in front of a registry, as public registries run one: `/v2/…` without the
 * right bearer token answers 401 with a Bearer challenge naming `/token`; `/token` gives the
 * token to anyone (`user` unset) or only to Basic `user:password`. With `cors`, it answers as a
 * registry a page may read (preflights, and the headers exposed).
 * @param {string} upstream the registry's `host:port`
 * @param {{ user?: { name: string, password: string }, token?: string, cors?: boolean }} [opts]
 * @returns {Promise<{ host: string, tokenRequests: number, requests: string[], stop: () => void }>}
 */
export async function startTokenProxy(upstream, opts = {}) {
  const token = opts.token ?? 'token-for-pulls';
  /** @type {{ host: string, tokenRequests: number, requests: string[], stop: () => void }} */
  const state = { host: '', tokenRequests: 0, requests: [], stop: () => {} };
  /** @type {Record<string, string>} */
  const cors = opts.cors
    ? {
        'access-control-allow-origin': '*',
        'access-control-allow-headers': 'Authorization, Accept, Range',
        'access-control-expose-headers': 'Docker-Content-Digest, WWW-Authenticate, Content-Length',
      }
    : {};
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${state.host}`);
    if (req.method === 'OPTIONS') return void res.writeHead(204, cors).end();
    state.requests.push(`${req.method} ${url.pathname}`);
    if (url.pathname === '/token') {
      state.tokenRequests++;
      const want = opts.user
        ? `Basic ${Buffer.from(`${opts.user.name}:${opts.user.password}`).toString('base64')}`
        : null;
      if (want && req.headers.authorization !== want) return void res.writeHead(401, cors).end();
      res.writeHead(200, { ...cors, 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ token, expires_in: 300 }));
    }
    if (req.headers.authorization !== `Bearer ${token}`) {
      const repo = /^\/v2\/(.+)\/(?:manifests|blobs)\//.exec(url.pathname)?.[1] ?? '';
      res.writeHead(401, {
        ...cors,
        'www-authenticate': `Bearer realm="http://${state.host}/token",service="local-registry",scope="repository:${repo}:pull"`,
      });
      return void res.end();
    }
    const fwd = request(
      {
        host: '127.0.0.1',
        port: Number(upstream.split(':')[1]),
        path: req.url,
        method: req.method,
        headers: { ...req.headers, authorization: '' },
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, { ...up.headers, ...cors });
        up.pipe(res);
      },
    );
    req.pipe(fwd);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  state.host = `127.0.0.1:${port}`;
  state.stop = () => {
    server.closeAllConnections();
    server.close();
  };
  return state;
}
