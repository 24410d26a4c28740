// The app's side of `npm run bench`: in headless Chromium, open the bench image's layout folder
// through the folder input and read the page's marks — drop to graph visible, drop to every layer
// listed (phase 1), drop to every layer verified (phase 2) — beside the CLI doing the same work
// in the same run: `ls --json` (list and merge; it also hashes diff_ids) and `verify` (digests and
// diff_ids). App and CLI runs alternate, so a busy neighbour weighs on both alike.
// `node e2e/bench-app.mjs [--no-build] [--runs N] [--timeline] [layout-dir]`; without a dir, the bench image.
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import {
  benchArgs,
  LONG_TASK_OBSERVER,
  launchChromium,
  longTasks,
  repoRoot,
  run,
  startPreview,
} from './harness.mjs';
import { rendererPeakMb, samplePeak } from '../scripts/bench/renderer-memory.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Open `layout` once in a fresh page of `browser`; returns its marks, measures and long tasks. */
export async function appRun(browser, url, layout) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    await context.addInitScript(LONG_TASK_OBSERVER);
    const page = await context.newPage();
    await page.goto(url);
    await page.evaluate(
      () => new Promise((r) => requestIdleCallback(() => r(undefined), { timeout: 2000 })),
    );
    await page.waitForFunction(() => true);
    const idleMb = rendererPeakMb();
    const stopSampling = samplePeak();
    let peakMb = null;
    try {
      await page.getByLabel('Open an OCI layout folder').setInputFiles(layout);
      await page.waitForFunction(
        () => performance.getEntriesByName('oci:checks-done').length > 0,
        null,
        { timeout: 600_000, polling: 500 },
      );
    } finally {
      peakMb = stopSampling();
    }
    const { tasks, marks } = await longTasks(page);
    const extra = await page.evaluate(() => ({
      workers:
        /** @type {PerformanceMark | undefined} */ (performance.getEntriesByName('oci:pool')[0])
          ?.detail?.size ?? null,
      measures: performance
        .getEntriesByType('measure')
        .filter((m) => m.name.startsWith('oci:'))
        .map((m) => ({ name: m.name, start: m.startTime, duration: m.duration })),
    }));
    const open = marks['oci:open'];
    const during = tasks.filter(
      (t) =>
        t.start + t.duration >= marks['oci:checks-start'] && t.start <= marks['oci:checks-done'],
    );
    return {
      graphVisibleMs: marks['oci:graph-visible'] - open,
      indexedMs: marks['oci:layers-indexed'] - open,
      verifiedMs: marks['oci:layers-verified'] - open,
      longestTaskMs: Math.max(0, ...during.map((t) => t.duration)),
      // The renderer's peak memory above its level before the drop (the page and its workers).
      peakAboveIdleMb: peakMb !== null && idleMb !== null ? peakMb - idleMb : null,
      workers: extra.workers,
      timeline: [
        ...extra.measures.map((m) => ({ ...m, start: m.start - open })),
        ...during.map((t) => ({ name: 'long task', start: t.start - open, duration: t.duration })),
      ],
    };
  } finally {
    await context.close();
  }
}

/** Wall time of one CLI command on `layout`, in ms. */
function cliRun(args, layout) {
  const t0 = performance.now();
  const r = spawnSync(
    process.execPath,
    [resolve(repoRoot, 'bin/oci-explorer.js'), ...args, layout],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      maxBuffer: 1 << 30,
    },
  );
  if (r.status !== 0 && r.status !== 1) throw new Error(`the CLI failed: ${r.stderr}`);
  return performance.now() - t0;
}

/** Alternate `runs` app runs with the CLI's `ls --json` and `verify` on the same input. */
export async function benchApp(layout, { runs = 3, build = true } = {}) {
  if (build) await run('npx', ['vite', 'build', '--logLevel', 'warn']);
  const preview = await startPreview();
  const browser = await launchChromium();
  const app = [];
  const ls = [];
  const verify = [];
  const load = [loadavg()];
  try {
    for (let i = 0; i < runs; i++) {
      app.push(await appRun(browser, preview.url, layout));
      ls.push(cliRun(['ls', '--json'], layout));
      verify.push(cliRun(['verify', '--json'], layout));
      load.push(loadavg());
    }
  } finally {
    await browser.close();
    preview.stop();
  }
  return { app, ls, verify, load };
}

const ms = (x) => `${x.toFixed(0).padStart(7)} ms`;
const short = (name) => name.replace(/sha256:(\w{8})\w+/, '$1');

/**
 * Run and print the app's section of `npm run bench`: drop → graph, every layer listed and
 * verified, each beside the CLI doing the same work in the same run, and the renderer's peak.
 */
export async function printApp(layout, { runs = 3, build = true, timeline = false } = {}) {
  const { app, ls, verify, load } = await benchApp(layout, { runs, build });
  const graph = median(app.map((r) => r.graphVisibleMs));
  const indexed = median(app.map((r) => r.indexedMs));
  const verified = median(app.map((r) => r.verifiedMs));
  const lsMs = median(ls);
  const verifyMs = median(verify);
  const workers = app[0].workers;
  const each = (xs) => xs.map((x) => x.toFixed(0)).join(', ');
  const peaks = app.map((r) => r.peakAboveIdleMb).filter((x) => x !== null);
  console.log(
    `\n== the app in headless Chromium (${workers ?? '?'} worker${workers === 1 ? '' : 's'}) beside the CLI; medians of ${runs} alternating runs ==`,
  );
  console.log(
    `drop → graph visible          ${ms(graph)}   goal < 300 ms   [${each(app.map((r) => r.graphVisibleMs))}]`,
  );
  console.log(
    `drop → every layer listed     ${ms(indexed)}   ${(indexed / lsMs).toFixed(2)}x CLI ls --json (goal ≤ 1.0x)   [${each(app.map((r) => r.indexedMs))}]`,
  );
  console.log(
    `drop → every layer verified   ${ms(verified)}   ${(verified / verifyMs).toFixed(2)}x CLI verify (goal ≤ 1.2x)   [${each(app.map((r) => r.verifiedMs))}]`,
  );
  console.log(`CLI ls --json                 ${ms(lsMs)}   [${each(ls)}]`);
  console.log(`CLI verify --json             ${ms(verifyMs)}   [${each(verify)}]`);
  console.log(
    `longest main-thread task while indexing and verifying: ${Math.max(...app.map((r) => r.longestTaskMs)).toFixed(0)} ms (goal ≤ 50 ms)`,
  );
  if (peaks.length)
    console.log(
      `renderer peak above its level before the drop: ${median(peaks).toFixed(0)} MB [${each(peaks)}] (the listing workers hold each layer's inflated bytes while WebCrypto hashes its diff_id: up to each worker's share of one budget, wholeHashCaps)`,
    );
  console.log(
    `load average (1 min) before and after each run: ${load.map((l) => l[0].toFixed(2)).join(' → ')}`,
  );
  if (timeline) {
    for (const [i, r] of app.entries()) {
      console.log(`run ${i + 1}, each layer job from its start (ms after the drop):`);
      for (const m of [...r.timeline].sort((a, b) => a.start - b.start))
        console.log(
          `  ${short(m.name).padEnd(20)} ${m.start.toFixed(0).padStart(6)} → ${(m.start + m.duration).toFixed(0).padStart(6)}  (${m.duration.toFixed(0)} ms)`,
        );
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = benchArgs();
  let layout = args.input;
  if (!layout) {
    const { benchImage } = await import('../scripts/bench/bench-image.mjs');
    layout = benchImage().layout;
  }
  await printApp(layout, {
    runs: args.runs,
    build: !args.has('--no-build'),
    timeline: args.has('--timeline'),
  });
}
