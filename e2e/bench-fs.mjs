// The filesystem explorer's part of `npm run bench`, in headless Chromium: how long a directory
// takes to open in the tree (the bench image's largest, and a synthetic one of 5,000 entries) and
// how long a file at the end of the largest layer takes to show, once the layers are listed (the
// listing leaves gzip checkpoints that later reads start from) and once they are verified, and
// how long the tree takes to show the largest layer's own changes once that layer is picked.
// Beside them, native references on the same data: `ls -l` of a folder of as many files, and
// `tar -xzOf` of the same file (gunzip from the layer's start).
// `node e2e/bench-fs.mjs [--no-build] [--runs N]`.
import { execSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { benchArgs, launchChromium, repoRoot, run, startPreview } from './harness.mjs';
import { buildSyntheticImage } from './synthetic-image.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cli = (args) =>
  execSync(`node ${JSON.stringify(resolve(repoRoot, 'bin/oci-explorer.js'))} ${args}`, {
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  });

/** The folder with the most direct children in the merged filesystem (from the CLI's listing). */
function largestDirectory(layout) {
  const { entries } = JSON.parse(cli(`ls --json ${JSON.stringify(layout)}`));
  const counts = new Map();
  for (const e of entries) {
    const parent = e.path.slice(0, e.path.lastIndexOf('/')) || '/';
    counts.set(parent, (counts.get(parent) ?? 0) + 1);
  }
  const [path, children] = [...counts].sort((a, b) => b[1] - a[1])[0];
  return { path, children };
}

/**
 * The largest layer (compressed bytes) and its last regular files in archive order: `before` is
 * read while the layers verify, `path` and `deep` (the ones before it) once they are verified.
 */
function lastFileOfLargestLayer(layout) {
  const inspect = JSON.parse(cli(`inspect --json ${JSON.stringify(layout)}`));
  const layers = inspect.images[0].layers;
  let index = 0;
  for (let i = 1; i < layers.length; i++) if (layers[i].size > layers[index].size) index = i;
  const blob = join(layout, 'blobs', ...layers[index].digest.split(':'));
  const listing = execSync(`gzip -dc ${JSON.stringify(blob)} | tar -tv`, {
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  }).trimEnd();
  const files = listing
    .split('\n')
    .filter((l) => l.startsWith('-') && !/\/\.wh\.[^/]*$/.test(l) && !/ 0 \d{4}-/.test(l));
  const nameOf = (line) => line.slice(line.search(/\d{2}:\d{2} /) + 6);
  const abs = (name) => `/${name.replace(/^\.?\//, '')}`;
  const member = nameOf(files.at(-1));
  return {
    index,
    blob,
    path: abs(member),
    before: abs(nameOf(files.at(-2))),
    deep: [abs(nameOf(files.at(-3))), abs(nameOf(files.at(-4)))],
    member,
  };
}

/**
 * In the page: toggle a folder's row open and time it to the frame that shows its children.
 * The row is revealed first through the URL (selecting it opens the folders above it).
 */
async function timeDirectoryOpen(page, path) {
  await page.evaluate((p) => {
    location.hash = `#path=${encodeURIComponent(p)}`;
  }, path);
  const row = page.locator(`[role="treeitem"][data-path="${path}"]`);
  await row.waitFor({ timeout: 60_000 });
  if ((await row.getAttribute('aria-expanded')) === 'true') await row.locator('.fs-twisty').click();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  // From the click to the first frame that shows a child row, then a task after that frame.
  return page.evaluate(async (path) => {
    const el = document.querySelector(`[role="treeitem"][data-path="${CSS.escape(path)}"]`);
    const t0 = performance.now();
    /** @type {HTMLElement} */ (/** @type {Element} */ (el).querySelector('.fs-twisty')).click();
    const child = `[role="treeitem"][data-path^="${CSS.escape(path === '/' ? '/' : `${path}/`)}"]`;
    for (;;) {
      await new Promise((r) => requestAnimationFrame(r));
      if (document.querySelector(child)) break;
      if (performance.now() - t0 > 30_000) throw new Error(`${path} did not open`);
    }
    await new Promise((r) => setTimeout(r, 0));
    return performance.now() - t0;
  }, path);
}

/**
 * In the page: show one layer's changes, then select a file of it through the URL and time that
 * to the frame that shows its content.
 */
async function timeFileOpen(page, path, layerNumber) {
  await page.evaluate((n) => {
    const p = new URLSearchParams(location.hash.slice(1));
    p.delete('path');
    p.set('view', 'fs');
    p.set('mode', 'layer');
    p.set('layer', String(n));
    location.hash = `#${p}`;
  }, layerNumber);
  await page.waitForFunction(
    (n) =>
      document.querySelector('[role="tree"] [role="treeitem"]') &&
      document.querySelector('select option:checked')?.textContent.startsWith(`Layer ${n}`),
    layerNumber,
    { timeout: 60_000, polling: 'raf' },
  );
  return page.evaluate(async (path) => {
    // As a click in the tree does: the hash keeps its other keys and gains the path.
    const next = new URLSearchParams(location.hash.slice(1));
    next.set('path', path);
    const t0 = performance.now();
    location.hash = `#${next}`;
    const region = () => document.querySelector('[aria-label="File contents"]');
    for (;;) {
      await new Promise((r) => requestAnimationFrame(r));
      const v = region();
      const shown =
        v &&
        v.querySelector('h2')?.textContent === path &&
        (v.querySelector('.fs-content .fs-line, .fs-image') ||
          /An empty file|error/i.test(v.querySelector('.fs-note')?.textContent ?? ''));
      if (shown) break;
      if (performance.now() - t0 > 60_000) throw new Error(`${path} did not open`);
    }
    await new Promise((r) => setTimeout(r, 0));
    return performance.now() - t0;
  }, path);
}

/**
 * In the page: click layer `index`'s row in the layers table, as a user picks a layer, and time
 * it to the frame whose tree shows that layer's own changes (not the previous rows kept while
 * the worker builds the new ones).
 */
export async function timeLayerChanges(page, index) {
  const tree = page.locator('.fs-explorer-tree[data-shown-mode] [role="treeitem"]').first();
  await tree.waitFor({ timeout: 600_000 });
  await page.locator(`tr.row-layer[data-layer="${index}"]`).waitFor();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  return page.evaluate(async (index) => {
    const row = /** @type {HTMLElement} */ (
      document.querySelector(`tr.row-layer[data-layer="${index}"] > td`)
    );
    const shown = `.fs-explorer-tree[data-shown-mode="layer-${index}"] [role="treeitem"]`;
    const t0 = performance.now();
    row.click();
    for (;;) {
      await new Promise((r) => requestAnimationFrame(r));
      if (document.querySelector(shown)) break;
      if (performance.now() - t0 > 60_000) throw new Error(`layer ${index + 1} did not show`);
    }
    await new Promise((r) => setTimeout(r, 0));
    return performance.now() - t0;
  }, index);
}

/** One fresh page: open `layout`, then time what the bench asks. */
/**
 * @param {{ dir?: string, file?: { index: number, blob: string, path: string, before: string,
 *   deep: string[], member: unknown } }} target what to open: a folder, or a file
 */
async function fsRun(browser, url, layout, target) {
  const { dir, file } = target;
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.getByLabel('Open an OCI layout folder').setInputFiles(layout);
    await page.waitForFunction(
      () => performance.getEntriesByName('oci:layers-indexed').length > 0,
      null,
      { timeout: 600_000, polling: 100 },
    );
    const out = {};
    out.dirMs = await timeDirectoryOpen(page, dir);
    if (file) {
      // Back to the merged view of the whole image, then pick the largest layer.
      await page.evaluate(() => {
        location.hash = '#';
      });
      out.layerChangesMs = await timeLayerChanges(page, file.index);
      // Listed, still verifying: the listing's checkpoints are there, but the workers are busy
      // hashing.
      out.fileListedMs = await timeFileOpen(page, file.before, file.index + 1);
      await page.waitForFunction(
        () => performance.getEntriesByName('oci:checks-done').length > 0,
        null,
        { timeout: 600_000, polling: 200 },
      );
      // Verified: the read starts from the nearest checkpoint, on idle workers. The last file was not read yet
      // (the first read was of the one before it), so nothing comes from a cache; nor were the
      // two before that, read next: three samples a page.
      out.fileVerifiedMs = await timeFileOpen(page, file.path, file.index + 1);
      out.deepVerifiedMs = [];
      for (const path of file.deep)
        out.deepVerifiedMs.push(await timeFileOpen(page, path, file.index + 1));
    }
    return out;
  } finally {
    await context.close();
  }
}

/** Wall ms of a shell command (median of `runs`). */
function timeShell(cmd, runs) {
  const xs = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync('sh', ['-c', cmd], { stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`${cmd} failed`);
    xs.push(performance.now() - t0);
  }
  return median(xs);
}

/** A folder of `n` empty files, for `ls -l` as the native reference of listing a folder. */
function nativeFolder(n) {
  const dir = mkdtempSync(join(tmpdir(), 'oci-bench-dir-'));
  const sub = join(dir, 'd');
  mkdirSync(sub);
  for (let i = 0; i < n; i++) writeFileSync(join(sub, `file-${i}.txt`), '');
  return { dir, sub };
}

/** Run the filesystem bench on the bench image's layout; prints its lines. */
export async function benchFilesystem(layout, { runs = 3, build = true } = {}) {
  if (build) await run('npx', ['vite', 'build', '--logLevel', 'warn']);
  const dir = largestDirectory(layout);
  const file = lastFileOfLargestLayer(layout);
  const synthetic = buildSyntheticImage({ files: 5_000, fileSize: 200, dirs: 1 });
  const folder = nativeFolder(5_000);
  const preview = await startPreview();
  const browser = await launchChromium();
  const bench = [];
  const five = [];
  try {
    for (let i = 0; i < runs; i++) {
      bench.push(await fsRun(browser, preview.url, layout, { dir: dir.path, file }));
      five.push(await fsRun(browser, preview.url, synthetic.dir, { dir: '/usr/share/data/d0' }));
    }
  } finally {
    await browser.close();
    preview.stop();
  }
  const lsSmall = timeShell(`ls -l ${JSON.stringify(folder.sub)} > /dev/null`, 5);
  const tarFile = timeShell(
    `tar -xzOf ${JSON.stringify(file.blob)} ${JSON.stringify(file.member)} > /dev/null`,
    3,
  );
  rmSync(synthetic.dir, { recursive: true, force: true });
  rmSync(folder.dir, { recursive: true, force: true });

  const each = (xs) => `[${xs.map((x) => x.toFixed(0)).join(', ')}]`;
  const ms = (x) => `${x.toFixed(0).padStart(6)} ms`;
  const pick = (k) => bench.map((r) => r[k]);
  console.log(
    `\n== the filesystem explorer in headless Chromium; medians of ${runs} fresh pages ==`,
  );
  console.log(
    `open ${dir.path} (${dir.children} entries, the bench image's largest folder)  ${ms(median(pick('dirMs')))}  goal < 100 ms  ${each(pick('dirMs'))}`,
  );
  console.log(
    `open a folder of 5,000 entries (synthetic image)   ${ms(median(five.map((r) => r.dirMs)))}  goal < 100 ms  ${each(five.map((r) => r.dirMs))}`,
  );
  console.log(`  native: ls -l of a folder of 5,000 empty files   ${ms(lsSmall)}`);
  console.log(`last file of the largest layer (layer ${file.index + 1}): ${file.path}`);
  console.log(
    `  open it once listed, while verifying             ${ms(median(pick('fileListedMs')))}  goal < 200 ms  ${each(pick('fileListedMs'))}`,
  );
  console.log(
    `  open it once verified (gzip checkpoints)         ${ms(median(pick('fileVerifiedMs')))}  goal < 200 ms  ${each(pick('fileVerifiedMs'))}`,
  );
  const deep = [...pick('fileVerifiedMs'), ...bench.flatMap((r) => r.deepVerifiedMs)];
  console.log(
    `  it and the two files before it, once verified    ${ms(median(deep))}  goal < 200 ms  ${each(deep)}`,
  );
  console.log(`  native: tar -xzOf of the layer (gunzip from the start)  ${ms(tarFile)}`);
  console.log(
    `select the largest layer (layer ${file.index + 1}) → its changes in the tree  ${ms(median(pick('layerChangesMs')))}  goal < 200 ms  ${each(pick('layerChangesMs'))}`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = benchArgs();
  const { benchImage } = await import('../scripts/bench/bench-image.mjs');
  await benchFilesystem(benchImage().layout, { runs: args.runs, build: !args.has('--no-build') });
}
