// The end-to-end run: build the app, serve it with `vite preview`, and drive Debian's Chromium
// through every e2e/*.e2e.mjs test. `node e2e/run.mjs [--no-build] [name filter]`.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CSP_VIOLATION_OBSERVER,
  LONG_TASK_OBSERVER,
  launchChromium,
  repoRoot,
  run,
  screenshot,
  startPreview,
} from './harness.mjs';

const args = process.argv.slice(2);
const build = !args.includes('--no-build');
const filter = args.find((a) => !a.startsWith('--'));
const TEST_TIMEOUT = 60_000;

const started = Date.now();
if (build) {
  await run('node', ['scripts/demo/build-demo.mjs']);
  await run('npx', ['vite', 'build', '--logLevel', 'warn']);
}

const files = readdirSync(join(repoRoot, 'e2e'))
  .filter((f) => f.endsWith('.e2e.mjs'))
  .sort();
const tests = [];
for (const f of files) {
  const mod = await import(pathToFileURL(join(repoRoot, 'e2e', f)).href);
  for (const t of mod.tests) if (!filter || t.name.includes(filter)) tests.push({ ...t, file: f });
}

const preview = await startPreview();
const browser = await launchChromium();
let failed = 0;
try {
  for (const t of tests) {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      colorScheme: t.colorScheme ?? 'light',
    });
    await context.addInitScript(LONG_TASK_OBSERVER);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // Every Content-Security-Policy violation fails the test: the page's own events, and the
    // console's reports, which also cover the workers.
    const cspViolations = [];
    await context.exposeBinding('__cspViolation', (_source, text) => cspViolations.push(text));
    await context.addInitScript(CSP_VIOLATION_OBSERVER);
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    page.setDefaultTimeout(15_000);
    const t0 = Date.now();
    try {
      await Promise.race([
        t.run({ page, url: preview.url, context }),
        new Promise((_, fail) =>
          setTimeout(
            () => fail(new Error(`timed out after ${t.timeout ?? TEST_TIMEOUT} ms`)),
            t.timeout ?? TEST_TIMEOUT,
          ),
        ),
      ]);
      if (errors.length) throw new Error(`uncaught errors in the page:\n${errors.join('\n')}`);
      if (cspViolations.length)
        throw new Error(`Content-Security-Policy violations:\n${cspViolations.join('\n')}`);
      console.log(`ok   ${t.name} (${Date.now() - t0} ms)`);
    } catch (e) {
      failed++;
      console.log(
        `FAIL ${t.name} (${Date.now() - t0} ms)\n     ${String(/** @type {Error} */ (e)?.stack ?? e)
          .split('\n')
          .slice(0, 6)
          .join('\n     ')}`,
      );
      await screenshot(page, `FAIL-${t.name.replace(/[^\w-]+/g, '-')}`).catch(() => {});
    } finally {
      // A context whose page still has a service worker running has been seen to hang on close:
      // the next test must not wait on it (a context left open is dropped with the browser).
      await Promise.race([context.close(), new Promise((r) => setTimeout(r, 10_000))]);
    }
  }
} finally {
  await browser.close();
  preview.stop();
}
console.log(
  `\n${tests.length - failed}/${tests.length} passed in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in test-results/`,
);
process.exit(failed ? 1 : 0);
