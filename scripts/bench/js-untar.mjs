// `npm run bench`, js-untar section: js-untar 2.0.0 (the tar library the user named) beside our
// streaming TarReader, in headless Chromium (js-untar needs a page: it starts a classic worker from a
// blob: URL). Each case is a tar that exposes one flaw, checked against Python's tarfile; then the
// bench image's largest layer for speed and memory, and whether js-untar loads in a module worker.
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  symlinkSync,
  linkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchChromium } from '../../e2e/harness.mjs';
import { build } from 'vite';
import { benchImage, repoRoot } from './bench-image.mjs';
import { rendererPeakMb } from './renderer-memory.mjs';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const MTIME = 1704067200;

// ---------------------------------------------------------------- test tars

/** A 512-byte header written by hand (for the cases GNU tar only produces with files ≥ 8 GiB). */
function header({ name, size = 0, flag = '0', base256 = false, ustar = false }) {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, 'utf8');
  h.write('0000644\0', 100, 'latin1');
  h.write('0000000\0', 108, 'latin1');
  h.write('0000000\0', 116, 'latin1');
  if (base256) {
    // GNU base-256: high bit of the first byte set, then the value big-endian.
    h[124] = 0x80;
    let v = BigInt(size);
    for (let i = 135; i > 124; i--, v >>= 8n) h[i] = Number(v & 0xffn);
  } else h.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  h.write(`${MTIME.toString(8).padStart(11, '0')}\0`, 136, 'latin1');
  h.write(flag, 156, 'latin1');
  h.write(ustar ? 'ustar\x0000' : 'ustar  \0', 257, 'latin1');
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return h;
}

const padded = (data) => Buffer.concat([data, Buffer.alloc((512 - (data.length % 512)) % 512)]);

/** One PAX record, its decimal length counting itself. */
function paxRecord(key, value) {
  const body = ` ${key}=${value}\n`;
  const bytes = Buffer.byteLength(body);
  let n = bytes + 1;
  while (String(n).length + bytes !== n) n = String(n).length + bytes;
  return `${n}${body}`;
}

/** Writes the test tars into `dir`; returns the cases. */
function makeCases(dir) {
  const tree = join(dir, 'tree');
  const longName = `long-${'n'.repeat(115)}.txt`;
  mkdirSync(join(tree, 'd'), { recursive: true });
  mkdirSync(join(tree, 'café'), { recursive: true });
  mkdirSync(join(tree, 'u'), { recursive: true });
  writeFileSync(join(tree, 'd', longName), 'a file whose name is 120 characters long\n');
  symlinkSync(longName, join(tree, 'd', 'sym'));
  linkSync(join(tree, 'd', longName), join(tree, 'd', 'z-hard'));
  writeFileSync(join(tree, 'café', 'naïve-ünïcödé.txt'), 'bonjour\n');
  writeFileSync(join(tree, 'u', 'home.txt'), 'owned by 1000:1000\n');
  symlinkSync('home.txt', join(tree, 'u', 'link'));
  const gnuTar = (name, format, owner, ...paths) => {
    const file = join(dir, `${name}.tar`);
    execFileSync('tar', [
      `--format=${format}`,
      '--sort=name',
      `--owner=${owner}`,
      `--group=${owner}`,
      '--numeric-owner',
      `--mtime=@${MTIME}`,
      '-C',
      tree,
      '-cf',
      file,
      ...paths,
    ]);
    return file;
  };

  const data = Buffer.from('data '.repeat(300));
  const after = Buffer.from('after\n');
  const end = Buffer.alloc(1024);
  const base256 = join(dir, 'base256.tar');
  writeFileSync(
    base256,
    Buffer.concat([
      header({ name: 'big.bin', size: data.length, base256: true }),
      padded(data),
      header({ name: 'after.txt', size: after.length }),
      padded(after),
      end,
    ]),
  );
  const paxSize = join(dir, 'pax-size.tar');
  const rec = Buffer.from(paxRecord('size', data.length));
  writeFileSync(
    paxSize,
    Buffer.concat([
      header({ name: 'PaxHeaders/big.bin', size: rec.length, flag: 'x', ustar: true }),
      padded(rec),
      header({ name: 'big.bin', size: 0, ustar: true }),
      padded(data),
      header({ name: 'after.txt', size: after.length, ustar: true }),
      padded(after),
      end,
    ]),
  );

  return [
    {
      flaw: 'GNU long names and long link targets (L/K)',
      what: 'tar --format=gnu: a 122-char path, a symlink and a hardlink to it',
      file: gnuTar('gnu-long', 'gnu', 0, 'd'),
    },
    {
      flaw: 'non-ASCII names in plain headers',
      what: 'tar --format=gnu: café/naïve-ünïcödé.txt',
      file: gnuTar('gnu-utf8', 'gnu', 0, 'café'),
    },
    {
      flaw: 'control: the same names through PAX path/linkpath',
      what: 'tar --format=pax of both trees above',
      file: gnuTar('pax', 'pax', 0, 'café', 'd'),
    },
    {
      flaw: 'uid/gid (octal fields)',
      what: 'tar --format=gnu --owner=1000 --group=1000 --numeric-owner',
      file: gnuTar('uid1000', 'gnu', 1000, 'u'),
    },
    {
      flaw: 'base-256 size (GNU, sizes ≥ 8 GiB)',
      what: 'hand-written: 1,500 B file, size in base-256, then after.txt',
      file: base256,
    },
    {
      flaw: 'PAX size overriding a 0 in the header (how ≥ 8 GiB is stored)',
      what: 'hand-written: PAX size=1500, header size 0, then after.txt',
      file: paxSize,
    },
    {
      flaw: 'binary xattr value in a PAX record',
      what: 'moby fixture tarsum-legacy-layers/xattr/layer.tar (security.capability)',
      file: resolve(repoRoot, 'tests/fixtures/moby/tarsum-legacy-layers/xattr/layer.tar'),
    },
  ];
}

// ---------------------------------------------------------------- truth and comparison

const TRUTH_PY = `
import json, sys, tarfile
out = []
with tarfile.open(sys.argv[1], 'r:') as t:
    for m in t:
        x = {k[13:]: v.encode('utf-8', 'surrogateescape').hex()
             for k, v in m.pax_headers.items() if k.startswith('SCHILY.xattr.')}
        out.append([m.name, m.type.decode('latin-1'), m.size, m.uid, m.gid, m.linkname, x])
json.dump(out, sys.stdout)
`;

/** Members as Python's tarfile reads them: [name, type, size, uid, gid, link, xattrs]. */
function truthOf(file) {
  const raw = execFileSync('python3', ['-c', TRUTH_PY, file], { maxBuffer: 1 << 30 });
  return JSON.parse(raw.toString('utf8')).map(([n, f, ...rest]) => [n, typeOfFlag(f), ...rest]);
}

function typeOfFlag(f) {
  const t = { 0: 'file', '': 'file', '\0': 'file', 7: 'file', S: 'file', 1: 'hardlink' };
  const more = { 2: 'symlink', 3: 'char', 4: 'block', 5: 'dir', 6: 'fifo' };
  return t[f] ?? more[f] ?? `flag ${JSON.stringify(f)}`;
}

const short = (s, n = 28) => {
  const str = String(s);
  return JSON.stringify(str.length > n ? `${str.slice(0, n - 1)}…` : str);
};

/** `"got" for "truth"`, both cut to a window around their first difference. */
function contrast(got, want, n = 28) {
  const [g, w] = [String(got), String(want)];
  let i = 0;
  while (i < g.length && g[i] === w[i]) i++;
  const from = Math.max(0, i - 8);
  const cut = (x) => `${from > 0 ? '…' : ''}${x.slice(from)}`;
  return `${short(cut(g), n)} for ${short(cut(w), n)}`;
}

/**
 * Compares a reader's entries with the truth: names as multisets (a shifted or garbled list is not
 * counted twice), then each field on the entries matched by name.
 */
function compare(truth, got) {
  const norm = (n) => String(n).replace(/\/+$/, '');
  const byName = new Map();
  for (const t of truth) {
    const k = norm(t[0]);
    if (!byName.has(k)) byName.set(k, []);
    byName.get(k).push(t);
  }
  const pairs = [];
  const extra = [];
  for (const g of got) {
    const list = byName.get(norm(g[0]));
    if (list?.length) pairs.push([list.shift(), g]);
    else extra.push(g[0]);
  }
  const missing = [...byName.values()].flat().map((t) => t[0]);
  const cells = { names: missing.length || extra.length ? `${missing.length}✗` : 'ok' };
  let detail = '';
  if (missing.length && extra.length)
    detail = `${short(extra[0])} for ${short(missing[0])}; ${missing.length} missing, ${extra.length} not in the tar`;
  else if (missing.length) detail = `${missing.length} missing, first ${short(missing[0])}`;
  else if (extra.length) detail = `${extra.length} not in the tar, first ${short(extra[0])}`;
  const field = (label, applies, value) => {
    const ps = pairs.filter(([t]) => applies(t));
    const bad = ps.filter(([t, g]) => value(t) !== value(g));
    cells[label] = ps.length === 0 ? '—' : bad.length ? `${bad.length}✗` : 'ok';
    if (bad.length && !detail)
      detail = `${label} ${contrast(value(bad[0][1]), value(bad[0][0]))} (${short(bad[0][0][0], 24)})`;
  };
  const all = () => true;
  const isLink = (t) => t[1] === 'symlink' || t[1] === 'hardlink';
  field('types', all, (e) => e[1]);
  field('uid/gid', all, (e) => `${e[3]}/${e[4]}`);
  field('links', isLink, (e) => e[5] ?? '');
  field(
    'sizes',
    (t) => t[1] === 'file',
    (e) => String(e[2]),
  );
  const hasX = truth.some((t) => Object.keys(t[6]).length);
  if (hasX) {
    const xs = (e) =>
      Object.entries(e[6] ?? {})
        .sort()
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
    field('xattrs', (t) => Object.keys(t[6]).length > 0, xs);
  } else cells.xattrs = '—';
  const ok = got.length === truth.length && !Object.values(cells).some((c) => c.includes('✗'));
  return { cells, detail, ok };
}

const COLS = ['names', 'types', 'uid/gid', 'links', 'sizes', 'xattrs'];
function line(label, truth, r) {
  if (r.error)
    return `  ${label.padEnd(9)} ${'error'.padStart(7)}  ${`${label}: failed`.padEnd(19)} ${r.error}`;
  const c = compare(truth, r.entries);
  const verdict = `${label}: ${c.ok ? 'correct' : 'garbled'}`;
  const cells = COLS.map((k) => c.cells[k].padEnd(k.length + 1)).join(' ');
  if (r.problems?.length) c.detail += ` ${r.problems.length} problem(s): ${r.problems[0]}`;
  return `  ${label.padEnd(9)} ${String(r.entries.length).padStart(7)}  ${verdict.padEnd(19)} ${cells} ${c.detail}`;
}

// ---------------------------------------------------------------- the page

const PAGE = `<!doctype html><meta charset="utf-8"><title>js-untar vs TarReader</title>
<script src="/js-untar.js"></script>
<script type="module">
import { TarReader } from '/reader.js';
const hex = (u8) => Array.from(u8, (b) => b.toString(16).padStart(2, '0')).join('');
const enc = new TextEncoder();
const ourRow = (e) => [e.path, e.type, e.size, e.uid, e.gid, e.linkTarget ?? '',
  Object.fromEntries(Object.entries(e.xattrs ?? {}).map(([k, v]) => [k, hex(v)]))];
const theirRow = (f) => [f.name, f.type, f.size, f.uid, f.gid, f.linkname ?? '',
  Object.fromEntries(Object.keys(f).filter((k) => k.startsWith('SCHILY.xattr.'))
    .map((k) => [k.slice(13), hex(enc.encode(String(f[k])))]))];
const load = async (url) => (await fetch(url)).arrayBuffer();
window.jsUntar = async (url) => {
  const buf = await load(url);
  const bytes = buf.byteLength;
  const t0 = performance.now();
  try {
    const files = await untar(buf);
    return { ms: performance.now() - t0, bytes, entries: files.map(theirRow) };
  } catch (e) { return { error: String(e?.message ?? e) }; }
};
window.oursBuffer = async (url) => {
  const u8 = new Uint8Array(await load(url));
  const t0 = performance.now();
  const out = [];
  const r = new TarReader({ onEntry: (e) => out.push(e) });
  for (let i = 0; i < u8.length; i += 1 << 20) r.push(u8.subarray(i, i + (1 << 20)));
  r.finish();
  return { ms: performance.now() - t0, bytes: u8.length, entries: out.map(ourRow), problems: r.problems.map((p) => p.message) };
};
window.oursStream = async (url) => {
  const t0 = performance.now();
  const out = [];
  const r = new TarReader({ onEntry: (e) => out.push(e) });
  const body = (await fetch(url)).body.getReader();
  let bytes = 0;
  for (;;) {
    const { done, value } = await body.read();
    if (done) break;
    bytes += value.length;
    r.push(value);
  }
  r.finish();
  return { ms: performance.now() - t0, bytes, entries: out.map(ourRow), problems: r.problems.map((p) => p.message) };
};
window.fetchOnly = async (url) => {
  const t0 = performance.now();
  const body = (await fetch(url)).body.getReader();
  let bytes = 0;
  for (;;) {
    const { done, value } = await body.read();
    if (done) break;
    bytes += value.length;
  }
  return { ms: performance.now() - t0, bytes };
};
window.inModuleWorker = () => new Promise((done) => {
  const w = new Worker('/module-worker.js', { type: 'module' });
  w.onmessage = (e) => { done(e.data); w.terminate(); };
  w.onerror = (e) => { done({ jsUntar: 'worker error: ' + e.message, ours: '?' }); w.terminate(); };
});
window.ready = true;
</script>`;

const MODULE_WORKER = `
let jsUntar, ours;
try {
  await import('/js-untar.js');
  jsUntar = 'loaded, typeof untar = ' + typeof self.untar;
} catch (e) { jsUntar = String(e); }
try {
  const { TarReader } = await import('/reader.js');
  const u8 = new Uint8Array(await (await fetch('/tar/0')).arrayBuffer());
  let n = 0;
  const r = new TarReader({ onEntry: () => n++ });
  r.push(u8);
  r.finish();
  ours = 'runs: ' + n + ' entries read from the first case';
} catch (e) { ours = String(e); }
postMessage({ jsUntar, ours });
`;

function serve(files, readerJs) {
  const fixed = {
    '/': ['text/html', PAGE],
    '/js-untar.js': [
      'text/javascript',
      readFileSync(resolve(repoRoot, 'node_modules/js-untar/build/dist/untar.js')),
    ],
    '/reader.js': ['text/javascript', readerJs],
    '/module-worker.js': ['text/javascript', MODULE_WORKER],
  };
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (fixed[path]) {
      res.writeHead(200, { 'content-type': fixed[path][0], 'cache-control': 'no-store' });
      res.end(fixed[path][1]);
    } else if (path.startsWith('/tar/') && files[Number(path.slice(5))]) {
      const f = files[Number(path.slice(5))];
      res.writeHead(200, {
        'content-type': 'application/x-tar',
        'content-length': statSync(f).size,
        'cache-control': 'no-store',
      });
      createReadStream(f, { highWaterMark: 1 << 20 }).pipe(res);
    } else {
      res.writeHead(404).end();
    }
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () =>
      ok({
        server,
        origin: `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`,
      }),
    ),
  );
}

async function openPage(origin) {
  const browser = await launchChromium();
  const page = await browser.newPage();
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => window.ready === true);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const heapMb = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN) / 1e6;
  };
  return { browser, page, heapMb };
}

/** The bench image's largest gzip layer blob. */
function largestLayer() {
  const dir = resolve(benchImage().layout, 'blobs/sha256');
  const gz = readdirSync(dir)
    .map((name) => ({ name, path: join(dir, name), size: statSync(join(dir, name)).size }))
    .filter((b) => {
      const fd = openSync(b.path, 'r');
      const head = Buffer.alloc(2);
      readSync(fd, head, 0, 2, 0);
      closeSync(fd);
      return head[0] === 0x1f && head[1] === 0x8b;
    });
  return gz.reduce((a, b) => (b.size > a.size ? b : a));
}

// ---------------------------------------------------------------- the section

/** Print the js-untar section of the benchmark. */
export async function benchJsUntar() {
  const started = performance.now();
  console.log(
    '\n== js-untar 2.0.0 beside our TarReader, in headless Chromium (truth: Python tarfile) ==',
  );
  if (!existsSync(CHROMIUM)) {
    console.log(`skipped: no ${CHROMIUM} (Debian's chromium package)`);
    return;
  }
  const tmp = mkdtempSync(join(tmpdir(), 'oci-explorer-js-untar-'));
  let server;
  const browsers = [];
  try {
    const cases = makeCases(tmp).filter((c) => {
      if (!existsSync(c.file)) console.log(`  skipped, fixture absent: ${c.what}`);
      return existsSync(c.file);
    });
    const layer = largestLayer();
    const layerTar = join(tmp, 'layer.tar');
    execFileSync('sh', ['-c', 'gzip -dc "$1" > "$2"', 'sh', layer.path, layerTar]);
    const files = [...cases.map((c) => c.file), layerTar];

    const out = await build({
      configFile: false,
      root: repoRoot,
      publicDir: false,
      logLevel: 'silent',
      build: {
        lib: { entry: resolve(repoRoot, 'src/core/layers/tar-reader.ts'), formats: ['es'] },
        outDir: join(tmp, 'bundle'),
        write: false,
        minify: false,
        target: 'es2022',
        copyPublicDir: false,
      },
    });
    const output = /** @type {import('vite').Rollup.RollupOutput} */ ([out].flat()[0]).output;
    const entry = output.find((o) => o.type === 'chunk' && o.isEntry);
    const readerJs = /** @type {import('vite').Rollup.OutputChunk} */ (entry).code;
    const served = await serve(files, readerJs);
    server = served.server;
    const origin = served.origin;

    console.log(
      `  ${'reader'.padEnd(9)} ${'entries'.padStart(7)}  ${'verdict'.padEnd(19)} ${COLS.map((k) => k.padEnd(k.length + 1)).join(' ')} first difference`,
    );
    const small = await openPage(origin);
    browsers.push(small.browser);
    for (const [i, c] of cases.entries()) {
      const truth = truthOf(c.file);
      console.log(
        `• ${c.flaw} — ${c.what}; truth ${truth.length} ${truth.length === 1 ? 'entry' : 'entries'}`,
      );
      const theirs = await small.page.evaluate((u) => window.jsUntar(u), `/tar/${i}`);
      const ours = await small.page.evaluate((u) => window.oursBuffer(u), `/tar/${i}`);
      theirs.entries = theirs.entries?.map(([n, f, ...rest]) => [n, typeOfFlag(f), ...rest]);
      console.log(line('js-untar', truth, theirs));
      console.log(line('ours', truth, ours));
    }
    const mw = await small.page.evaluate(() => window.inModuleWorker());
    console.log('• in a module worker (as the app runs its layer work)');
    console.log(`  js-untar  ${mw.jsUntar}`);
    console.log(`  ours      ${mw.ours}`);
    await small.browser.close();

    // The real layer: each reader in a browser of its own, so the renderer's peak RSS is its own.
    const idx = files.length - 1;
    const truth = truthOf(layerTar);
    const mb = statSync(layerTar).size / 1e6;
    console.log(
      `• the bench image's largest layer — ${layer.name.slice(0, 12)}…, ${mb.toFixed(1)} MB tar (gzip -dc), truth ${truth.length} ${truth.length === 1 ? 'entry' : 'entries'}`,
    );
    const inBrowser = async (fn) => {
      const p = await openPage(origin);
      browsers.push(p.browser);
      const idle = rendererPeakMb();
      const r = await p.page.evaluate(
        ([f, u]) => window[/** @type {'jsUntar' | 'oursStream' | 'fetchOnly'} */ (f)](u),
        [fn, `/tar/${idx}`],
      );
      r.peak = rendererPeakMb();
      r.idle = idle;
      r.heap = await p.heapMb();
      if (fn === 'oursStream')
        r.inMemory = await p.page.evaluate((u) => window.oursBuffer(u), `/tar/${idx}`);
      await p.browser.close();
      return r;
    };
    const theirs = await inBrowser('jsUntar');
    theirs.entries = theirs.entries?.map(([n, f, ...rest]) => [n, typeOfFlag(f), ...rest]);
    const stream = await inBrowser('oursStream');
    const fetchOnly = await inBrowser('fetchOnly');
    console.log(line('js-untar', truth, theirs));
    console.log(line('ours', truth, stream));
    const rate = (r) => `${(r.bytes / 1e6 / (r.ms / 1000)).toFixed(0)} MB/s`;
    const mem = (r) =>
      r.peak === null
        ? 'renderer RSS: no /proc'
        : `renderer peak RSS ${r.peak.toFixed(0)} MB (idle ${r.idle.toFixed(0)}), main JS heap ${r.heap.toFixed(0)} MB`;
    const perf = (label, r, extra) =>
      r.error
        ? `  ${label.padEnd(58)} failed: ${r.error}`
        : `  ${label.padEnd(58)} ${r.ms.toFixed(0).padStart(5)} ms ${rate(r).padStart(10)}  ${extra}`;
    console.log(
      perf('js-untar: the tar as one ArrayBuffer, every file copied back', theirs, mem(theirs)),
    );
    console.log(perf('ours: the same ArrayBuffer, pushed 1 MiB at a time', stream.inMemory, ''));
    console.log(perf('ours: streamed from fetch() (localhost HTTP)', stream, mem(stream)));
    console.log(
      perf('fetch() alone, the same stream, bytes only counted', fetchOnly, mem(fetchOnly)),
    );
    console.log(`  (js-untar section: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  } finally {
    for (const br of browsers) await br.close().catch(() => {});
    server?.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}
