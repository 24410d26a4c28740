// The gzip inflaters in a Chromium worker, on the bench image's largest layer: ours
// (WebAssembly, through the same WasmGzipInflater the app uses, built in dist-cli) as the
// layer listing reads it (each output chunk a view of the module's memory, used before the next
// is asked for), the same with the listing's checkpoints every 1 MiB, and with each chunk copied
// out (a reader that keeps chunks); the platform's DecompressionStream and pako; MB/s of output,
// medians of alternating runs, beside `igzip -dc` (ISA-L, the machine's limit) timed in the same run.
// `node e2e/bench-inflate.mjs [--runs N] [layer.gz]`; without a file, the bench image's largest layer.
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { benchArgs, launchChromium, repoRoot } from './harness.mjs';
import { hasTool, timeCommand } from '../scripts/bench/timing.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Runs in the worker: fetch the layer once, then time each inflater on it in turn.
const WORKER = `
import { WasmGzipInflater } from '/dist-cli/core/layers/wasm-gzip-inflater.js';
import { CheckpointList } from '/dist-cli/core/layers/gzip-checkpoints.js';
import { Inflate } from '/pako.mjs';
const MiB = 1 << 20;
function drive(inf, gz) {
  let n = 0;
  for (let o = 0; o < gz.length; o += MiB) {
    inf.push(gz.subarray(o, o + MiB));
    for (let c = inf.read(); c; c = inf.read()) n += c.length;
  }
  inf.end();
  for (let c = inf.read(); c; c = inf.read()) n += c.length;
  return n;
}
const engines = {
  async ours(gz) { return drive(await WasmGzipInflater.create({ reuseOutput: true }), gz); },
  async oursCheckpoints(gz) {
    const checkpoints = new CheckpointList(1 << 20);
    return drive(await WasmGzipInflater.create({ reuseOutput: true, checkpoints }), gz);
  },
  async oursCopies(gz) { return drive(await WasmGzipInflater.create(), gz); },
  async native(gz) {
    let o = 0;
    const input = new ReadableStream({ pull(c) {
      if (o >= gz.length) return c.close();
      c.enqueue(gz.slice(o, o + MiB)); o += MiB;
    } }, { highWaterMark: 0 });
    const r = input.pipeThrough(new DecompressionStream('gzip')).getReader();
    let n = 0;
    for (;;) { const { done, value } = await r.read(); if (done) return n; n += value.length; }
  },
  async pako(gz) {
    let n = 0;
    const inf = new Inflate();
    inf.onData = (c) => { n += c.length; };
    for (let o = 0; o < gz.length; o += MiB) inf.push(gz.subarray(o, o + MiB), o + MiB >= gz.length);
    if (inf.err) throw new Error(inf.msg);
    return n;
  },
};
onmessage = async ({ data: { runs } }) => {
  try {
    postMessage(await timeAll(runs));
  } catch (e) {
    postMessage({ error: String(e) });
  }
};
async function timeAll(runs) {
  const gz = new Uint8Array(await (await fetch('/layer.gz')).arrayBuffer());
  const times = {};
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    for (const [name, run] of Object.entries(engines)) {
      const t0 = performance.now();
      bytes = await run(gz);
      (times[name] ??= []).push({ ms: performance.now() - t0, bytes });
    }
  }
  return times;
}
`;

/** Serve the worker, the built core, pako and the layer; resolves with the URL and a close. */
async function serve(layer) {
  const types = { '.js': 'text/javascript', '.mjs': 'text/javascript' };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const send = (type, body) => res.writeHead(200, { 'content-type': type }).end(body);
    if (path === '/') return send('text/html', '<!doctype html><title>inflate bench</title>');
    if (path === '/worker.mjs') return send('text/javascript', WORKER);
    if (path === '/pako.mjs')
      return send(
        'text/javascript',
        readFileSync(resolve(repoRoot, 'node_modules/pako/dist/pako.mjs')),
      );
    if (path === '/layer.gz') {
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-length': statSync(layer).size,
      });
      return void createReadStream(layer).pipe(res);
    }
    const file = resolve(repoRoot, `.${path}`);
    if (path.startsWith('/dist-cli/core/') && !path.includes('..') && existsSync(file))
      return send(types['.js'], readFileSync(file));
    res.writeHead(404).end();
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => (server.closeAllConnections(), server.close()),
  };
}

/** Time the inflaters in a Chromium worker; returns medians in MB/s of output per engine. */
export async function benchInflateBrowser(layer, { runs = 3 } = {}) {
  spawnSync('npx', ['tsc', '-p', 'tsconfig.cli.json'], { cwd: repoRoot, stdio: 'inherit' });
  const server = await serve(layer);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(server.url);
    const times = await page.evaluate(
      (runs) =>
        new Promise((resolveTimes, reject) => {
          const w = new Worker('/worker.mjs', { type: 'module' });
          w.onmessage = (e) => resolveTimes(e.data);
          w.onerror = (e) => reject(new Error(e.message));
          w.postMessage({ runs });
        }),
      runs,
    );
    if (times.error) throw new Error(`the inflate bench failed in the worker: ${times.error}`);
    const out = { raw: times };
    for (const [name, list] of Object.entries(times)) {
      out[name] = median(list.map((t) => t.bytes / 1e6 / (t.ms / 1000)));
      // The best run, which a busy neighbour disturbed least.
      out[`${name}Best`] = Math.max(...list.map((t) => t.bytes / 1e6 / (t.ms / 1000)));
      out[`${name}Bytes`] = list[0].bytes;
    }
    return out;
  } finally {
    await browser.close();
    server.close();
  }
}

/** Print the browser inflate section. */
export async function printInflateBrowser(layer, opts) {
  const n = opts?.runs ?? 3;
  const r = await benchInflateBrowser(layer, opts);
  const engines = ['ours', 'oursCheckpoints', 'oursCopies', 'native', 'pako'];
  const bad = engines.filter((k) => r[`${k}Bytes`] !== r.nativeBytes);
  if (bad.length)
    throw new Error(
      `the inflaters disagree: ${engines.map((k) => `${k} ${r[`${k}Bytes`]}`).join(' / ')} bytes`,
    );
  const igzip = hasTool('igzip') ? timeCommand(`igzip -dc < ${layer} > /dev/null`, n).ms : null;
  console.log(
    `\n== inflate in a Chromium worker, largest layer, MB/s of output (median / best of ${n}, alternating) ==`,
  );
  const line = (label, k) =>
    `${label.padEnd(44)} ${r[k].toFixed(0).padStart(6)} / ${r[`${k}Best`].toFixed(0).padStart(6)}`;
  const vsNative = (k) =>
    `${(r[k] / r.native).toFixed(2)}x / ${(r[`${k}Best`] / r.nativeBest).toFixed(2)}x DecompressionStream`;
  console.log(
    `${line('ours, as the listing reads (views)', 'ours')}   ${vsNative('ours')} (goal ≥ 2x)`,
  );
  console.log(
    `${line('  the same with checkpoints every 1 MiB', 'oursCheckpoints')}   ${vsNative('oursCheckpoints')}`,
  );
  console.log(`${line('  each chunk copied out', 'oursCopies')}   ${vsNative('oursCopies')}`);
  console.log(line('DecompressionStream', 'native'));
  console.log(line('pako', 'pako'));
  if (igzip !== null) {
    const igzipMbs = r.nativeBytes / 1e6 / (igzip / 1000);
    console.log(
      `${'igzip -dc, native (the limit), same run'.padEnd(44)} ${igzipMbs.toFixed(0).padStart(6)}          ours ${(r.ours / igzipMbs).toFixed(2)}x of it`,
    );
  }
  return r;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = benchArgs();
  let layer = args.input;
  if (!layer) {
    const { benchImage } = await import('../scripts/bench/bench-image.mjs');
    const { largestLayer } = await import('../scripts/bench/inflate.mjs');
    layer = largestLayer(benchImage().layout);
  }
  await printInflateBrowser(layer, { runs: args.runs });
}
