// Shared pieces of the end-to-end run: build, preview server, Chromium, fixtures, screenshots.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { ensureChromium } from './ensure-chromium.mjs';

/**
 * A benchmark's command line: `--runs N` (default 3), `--flag`s, and the first other argument
 * (the input to measure, when given).
 */
export function benchArgs(argv = process.argv.slice(2)) {
  const runsAt = argv.indexOf('--runs');
  return {
    runs: runsAt >= 0 ? Number(argv[runsAt + 1]) : 3,
    input: argv.find((a, i) => !a.startsWith('--') && argv[i - 1] !== '--runs'),
    has: (flag) => argv.includes(flag),
  };
}

/** The repository root (this file lives in e2e/). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The third-party fixtures carried in tests/fixtures (OCI_FIXTURES overrides). */
export const fixturesDir = process.env.OCI_FIXTURES ?? resolve(repoRoot, 'tests/fixtures');
/** Where screenshots go. */
export const resultsDir = resolve(repoRoot, 'test-results');

/** Absolute path of a fixture. */
export function fixture(rel) {
  return join(fixturesDir, rel);
}

/** A free TCP port on localhost. */
export function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (s.address());
      s.close(() => ok(port));
    });
  });
}

/** Run a command to completion, inheriting output; rejects on a non-zero exit. */
export function run(cmd, args, opts = {}) {
  return new Promise((ok, fail) => {
    const p = spawn(cmd, args, { cwd: repoRoot, stdio: 'inherit', ...opts });
    p.once('exit', (code) =>
      code === 0 ? ok(undefined) : fail(new Error(`${cmd} ${args.join(' ')} exited with ${code}`)),
    );
  });
}

/** Start `vite preview` on a free port; resolves with its URL and a stop function once it answers. */
export async function startPreview() {
  const port = await freePort();
  const child = spawn(
    'npx',
    ['vite', 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.ok) break;
    } catch {
      // not up yet
    }
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`vite preview did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 150));
  }
  const stop = () => {
    try {
      process.kill(-(/** @type {number} */ (child.pid)), 'SIGTERM');
    } catch {
      // already gone
    }
  };
  return { url, stop };
}

/** Content types of the files the built site serves. */
/** @type {Record<string, string>} */
const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
};

/**
 * Serve a built site from `root` under `prefix` only, as a static host serves a project page.
 * Resolves with its URL and a close function.
 */
export async function serveStatic(root, prefix) {
  const server = createHttpServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!path.startsWith(prefix)) return void res.writeHead(404).end('not here');
    const rel = normalize(path.slice(prefix.length) || 'index.html');
    if (rel.startsWith('..')) return void res.writeHead(403).end();
    try {
      const body = await readFile(join(root, rel.endsWith('/') ? `${rel}index.html` : rel));
      res.writeHead(200, { 'content-type': TYPES[extname(rel)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('missing');
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

/** Debian's Chromium, headless, with the flags this machine needs. */
export function launchChromium() {
  return chromium.launch({
    executablePath: ensureChromium(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Save a screenshot under test-results/ and return its path. */
export async function screenshot(page, name) {
  if (!existsSync(resultsDir)) mkdirSync(resultsDir, { recursive: true });
  const path = join(resultsDir, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Records long tasks (over 50 ms) from page start; read them with `longTasks(page)`. */
export const LONG_TASK_OBSERVER = `
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) { window.__longTasksError = String(e); }
`;

/** Reports every Content-Security-Policy violation of the page to the binding `__cspViolation`. */
export const CSP_VIOLATION_OBSERVER = `
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolation?.(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber);
  });
`;

/** Long tasks recorded so far, and the page's performance marks. */
export function longTasks(page) {
  return page.evaluate(() => ({
    tasks: window.__longTasks ?? [],
    error: window.__longTasksError ?? null,
    marks: Object.fromEntries(
      performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]),
    ),
  }));
}
