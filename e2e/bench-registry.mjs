// For `npm run bench`: the bench image served by Debian's distribution registry (CORS headers
// as the app documents them) and opened with `?ref=`, beside the same image dropped from disk:
// time to the graph and to every layer listed, medians of 3 fresh pages each.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { appRun } from './bench-app.mjs';
import {
  LONG_TASK_OBSERVER,
  launchChromium,
  longTasks,
  repoRoot,
  startPreview,
} from './harness.mjs';
import { push, startRegistry } from './registry.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Open `?ref=` in a fresh page; the page's marks from the open. */
async function refRun(browser, url, ref) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    await context.addInitScript(LONG_TASK_OBSERVER);
    const page = await context.newPage();
    await page.goto(`${url}?ref=${ref}`);
    await page.waitForFunction(
      () => performance.getEntriesByName('oci:checks-done').length > 0,
      null,
      { timeout: 600_000, polling: 500 },
    );
    const { marks } = await longTasks(page);
    const open = marks['oci:open'];
    return {
      graphVisibleMs: marks['oci:graph-visible'] - open,
      indexedMs: marks['oci:layers-indexed'] - open,
      verifiedMs: marks['oci:layers-verified'] - open,
    };
  } finally {
    await context.close();
  }
}

/** The registry section of `npm run bench` (the app must be built). */
export async function benchRegistry(layout, runs = 3) {
  // The CORS lines the app shows, from the built CLI's copy of the core.
  const { DISTRIBUTION_CORS_CONFIG } = await import(
    pathToFileURL(join(repoRoot, 'dist-cli/core/registry/registry-client.js')).href
  );
  const reg = await startRegistry({ http: DISTRIBUTION_CORS_CONFIG });
  const preview = await startPreview();
  const browser = await launchChromium();
  try {
    push(`oci:${layout}`, reg.host, 'bench:latest');
    const remote = [];
    const local = [];
    for (let i = 0; i < runs; i++) {
      remote.push(await refRun(browser, preview.url, `${reg.host}/bench:latest`));
      local.push(await appRun(browser, preview.url, layout));
    }
    const row = (label, key) =>
      console.log(
        `${label.padEnd(34)} ?ref= ${median(remote.map((r) => r[key]))
          .toFixed(0)
          .padStart(6)} ms   dropped ${median(local.map((r) => r[key]))
          .toFixed(0)
          .padStart(6)} ms`,
      );
    console.log(
      `\n== the bench image from a local registry (?ref=) beside dropped from disk, medians of ${runs} ==`,
    );
    row('open → graph visible', 'graphVisibleMs');
    row('open → every layer listed', 'indexedMs');
    row('open → every layer verified', 'verifiedMs');
  } finally {
    await browser.close();
    preview.stop();
    reg.stop();
  }
}
