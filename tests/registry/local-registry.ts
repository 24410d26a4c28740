import { createServer as createHttpServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { push, startRegistry } from '../../e2e/registry.mjs';
import { DISTRIBUTION_CORS_CONFIG } from '../../src/core/registry/registry-client.ts';

/** A registry with the CORS headers the app documents (`DISTRIBUTION_CORS_CONFIG`). */
export function startCorsRegistry(): ReturnType<typeof startRegistry> {
  return startRegistry({ http: DISTRIBUTION_CORS_CONFIG });
}

export { push, startRegistry };

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
