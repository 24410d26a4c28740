import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { download, FetchError, type OpenProgress } from './open-source.ts';

// A local server with the answers a hostile or broken host can give.
let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/endless') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(64 * 1024, 1);
      const pump = (): void => {
        while (res.write(chunk)) {
          if (res.destroyed) return;
        }
        res.once('drain', pump);
      };
      res.on('close', () => res.removeAllListeners('drain'));
      pump();
    } else if (req.url === '/stall') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.write(Buffer.alloc(1000, 2)); // then nothing, ever
    } else if (req.url === '/big-length') {
      res.writeHead(200, { 'content-length': String(10_000_000) });
      res.end();
    } else if (req.url === '/ok') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(Buffer.from('hello image'));
    } else if (req.url === '/to-file') {
      res.writeHead(302, { location: 'file:///etc/passwd' });
      res.end();
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
});

const limits = { capBytes: 1024 * 1024, stallMs: 300 };
function get(path: string, progress: OpenProgress[] = [], signal = new AbortController().signal) {
  return download(`${base}${path}`, {
    signal,
    progress: (p) => progress.push(p),
    limits,
    pageHref: 'https://example.org/',
  });
}
async function failure(p: Promise<unknown>): Promise<FetchError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(FetchError);
  return e as FetchError;
}

describe('download', () => {
  it('fetches a loopback URL with progress and a rate', async () => {
    const seen: OpenProgress[] = [];
    const blob = await get('/ok', seen);
    expect(await blob.text()).toBe('hello image');
    expect(seen.at(-1)).toMatchObject({ phase: 'download', bytes: 11 });
    expect(typeof seen.at(-1)?.rate).toBe('number');
  });

  it('stops an endless response at the cap, and says so', async () => {
    const seen: OpenProgress[] = [];
    const e = await failure(get('/endless', seen));
    expect(e.reason).toBe('too-large');
    expect(e.message).toMatch(/larger than 1048576 bytes, the most this page holds in memory/);
    expect(Math.max(...seen.map((p) => p.bytes))).toBeLessThanOrEqual(limits.capBytes);
  });

  it('refuses a declared length over the cap before reading it', async () => {
    expect((await failure(get('/big-length'))).reason).toBe('too-large');
  });

  it('ends a stalled download with a message', async () => {
    const e = await failure(get('/stall'));
    expect(e.reason).toBe('stalled');
    expect(e.message).toMatch(/sent nothing for 0 s; the download was stopped/);
  });

  it('reports a redirect to file: as a fetch failure, never reading the file', async () => {
    const e = await failure(get('/to-file'));
    expect(e.reason).toBe('cors');
    expect(e.message).toMatch(/redirected to an address the browser will not follow/);
  });

  it('names an HTTP error', async () => {
    const e = await failure(get('/missing'));
    expect(e).toMatchObject({ reason: 'http', status: 404 });
  });

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'http://example.com/i.tar'])(
    'refuses %s before any request',
    async (url) => {
      const e = await failure(
        download(url, { signal: new AbortController().signal, progress: () => {}, limits }),
      );
      expect(e.reason).toBe('refused');
    },
  );

  it('stops when the caller aborts', async () => {
    const c = new AbortController();
    const p = download(`${base}/endless`, {
      signal: c.signal,
      progress: () => {},
      limits: { capBytes: 1e12, stallMs: 10_000 },
    });
    setTimeout(() => c.abort(new DOMException('Cancel', 'AbortError')), 50);
    const e = await p.then(
      () => null,
      (x: unknown) => x as Error,
    );
    expect(e?.name).toBe('AbortError');
  });
});
