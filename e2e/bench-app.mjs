// The app's side of `npm run bench`: in headless Chromium, open the bench image's layout folder
// through the folder input and read the page's marks — drop to graph visible, drop to every layer
// indexed — beside the CLI doing the same work (`inspect --layers`) in the same run.
// `node e2e/bench-app.mjs [--no-build] [--runs N] [layout-dir]`; without a dir, the bench image.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import {
  LONG_TASK_OBSERVER,
  launchChromium,
  longTasks,
  repoRoot,
  run,
  startPreview,
} from './harness.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Open `layout` `runs` times in fresh pages; returns the marks of each run. */
export async function benchApp(layout, { runs = 3, build = true } = {}) {
  if (build) await run('npx', ['vite', 'build', '--logLevel', 'warn']);
  const preview = await startPreview();
  const browser = await launchChromium();
  const results = [];
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      await context.addInitScript(LONG_TASK_OBSERVER);
      const page = await context.newPage();
      await page.goto(preview.url);
      await page.evaluate(
        () => new Promise((r) => requestIdleCallback(() => r(), { timeout: 2000 })),
      );
      await page.waitForFunction(() => true);
      await page.getByLabel('Open an OCI layout folder').setInputFiles(layout);
      await page.waitForFunction(
        () => performance.getEntriesByName('oci:checks-done').length > 0,
        null,
        { timeout: 600_000, polling: 500 },
      );
      const { tasks, marks } = await longTasks(page);
      const indexing = tasks.filter(
        (t) =>
          t.start + t.duration >= marks['oci:checks-start'] && t.start <= marks['oci:checks-done'],
      );
      results.push({
        graphVisibleMs: marks['oci:graph-visible'] - marks['oci:open'],
        layersIndexedMs: marks['oci:layers-indexed'] - marks['oci:open'],
        longestTaskWhileIndexingMs: Math.max(0, ...indexing.map((t) => t.duration)),
        workers: await page.evaluate(() =>
          Math.max(1, Math.min(8, (navigator.hardwareConcurrency || 2) - 1)),
        ),
      });
      await context.close();
    }
  } finally {
    await browser.close();
    preview.stop();
  }
  return results;
}

/** Time the CLI reading every layer of the same input. */
export function benchCli(layout, runs = 3) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(
      process.execPath,
      [resolve(repoRoot, 'bin/oci-explorer.js'), 'inspect', '--layers', layout],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    if (r.status !== 0 && r.status !== 1) throw new Error(`the CLI failed: ${r.stderr}`);
    times.push(performance.now() - t0);
  }
  return times;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
  let layout = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs');
  if (!layout) {
    const { benchImage } = await import('../scripts/bench/bench-image.mjs');
    layout = benchImage().layout;
  }
  const app = await benchApp(layout, { runs, build: !args.includes('--no-build') });
  const cli = benchCli(layout, runs);
  const graph = median(app.map((r) => r.graphVisibleMs));
  const indexed = median(app.map((r) => r.layersIndexedMs));
  const cliMs = median(cli);
  console.log(
    `== the app in headless Chromium (${app[0].workers} worker${app[0].workers > 1 ? 's' : ''}; medians of ${runs}) ==`,
  );
  console.log(`drop → graph visible          ${graph.toFixed(0).padStart(7)} ms   (goal < 300 ms)`);
  console.log(
    `drop → every layer indexed    ${indexed.toFixed(0).padStart(7)} ms   ${(indexed / cliMs).toFixed(2)}x the CLI (goal ≤ 1.5x)`,
  );
  console.log(`CLI inspect --layers          ${cliMs.toFixed(0).padStart(7)} ms`);
  console.log(
    `longest main-thread task while indexing: ${Math.max(...app.map((r) => r.longestTaskWhileIndexingMs)).toFixed(0)} ms (goal ≤ 50 ms)`,
  );
}
