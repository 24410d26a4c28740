import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DISTRIBUTION_CORS_CONFIG } from '../../src/core/registry/registry-client.ts';

/** Debian's distribution registry; `.ci/run` installs the `docker-registry` package. */
export const REGISTRY_BIN = '/usr/bin/docker-registry';

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => ok(port));
    });
  });
}

/** A distribution registry on 127.0.0.1, in a temp folder; with CORS headers unless told not to. */
export interface LocalRegistry {
  host: string;
  stop(): void;
}

/** Start the registry and wait until `/v2/` answers. */
export async function startRegistry({ cors = true } = {}): Promise<LocalRegistry> {
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
    ...(cors
      ? DISTRIBUTION_CORS_CONFIG.split('\n').map((l, i) => (i === 0 ? 'http:' : l))
      : ['http:']),
    `  addr: 127.0.0.1:${port}`,
  ].join('\n');
  writeFileSync(join(dir, 'config.yml'), `${config}\n`);
  const child: ChildProcess = spawn(REGISTRY_BIN, ['serve', join(dir, 'config.yml')], {
    stdio: 'ignore',
  });
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

/** Push an image with skopeo (`oci:DIR[:ref]`, `oci-archive:FILE`) to `host/repo:tag`. */
export function push(source: string, host: string, repoTag: string, all = false): void {
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
 * token, to anyone (`user` unset) or only to Basic `user:password`.
 */
export async function startTokenProxy(
  upstream: string,
  opts: { user?: { name: string; password: string }; token?: string } = {},
): Promise<{ host: string; tokenRequests: number; stop(): void }> {
  const token = opts.token ?? 'token-for-pulls';
  const state = { host: '', tokenRequests: 0, stop: () => {} };
  const server: Server = createHttpServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${state.host}`);
    if (url.pathname === '/token') {
      state.tokenRequests++;
      const want = opts.user
        ? `Basic ${Buffer.from(`${opts.user.name}:${opts.user.password}`).toString('base64')}`
        : null;
      if (want && req.headers.authorization !== want) return void res.writeHead(401).end();
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ token, expires_in: 300 }));
    }
    if (req.headers.authorization !== `Bearer ${token}`) {
      const repo = /^\/v2\/(.+)\/(?:manifests|blobs)\//.exec(url.pathname)?.[1] ?? '';
      res.writeHead(401, {
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
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    req.pipe(fwd);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  state.host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.stop = () => {
    server.closeAllConnections();
    server.close();
  };
  return state;
}
