// The hosted app offline: after one visit, the service worker serves the app's own files, so the
// page reloads with no network and still opens a demo image and a dropped file; a changed
// deployment installs beside the old one and the page offers it.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assert, eventually } from './expect.mjs';
import { fixture, repoRoot, screenshot, serveStatic } from './harness.mjs';

const graph = (page) => page.getByRole('region', { name: 'Image graph' });

export const tests = [
  {
    name: 'offline: after one visit the app reloads, opens a demo and a dropped file with no network; a new deployment is offered',
    async run({ page, context }) {
      const root = mkdtempSync(join(tmpdir(), 'oci-site-'));
      cpSync(join(repoRoot, 'dist'), root, { recursive: true });
      const site = await serveStatic(root, '/explorer/');
      try {
        await page.goto(site.url);
        await page.evaluate(async () => {
          await navigator.serviceWorker.ready;
        });
        await eventually(async () =>
          assert.equal(await page.evaluate(() => !!navigator.serviceWorker.controller), true),
        );

        await context.setOffline(true);
        await page.reload();
        await page.getByRole('region', { name: 'Demo images' }).waitFor();
        await page.getByRole('region', { name: 'Demo images' }).getByRole('button').first().click();
        await graph(page).waitFor();
        await screenshot(page, 'offline-demo');
        await page
          .getByLabel('Open an image archive file')
          .setInputFiles(fixture('dive/test-docker-image.tar'));
        await eventually(async () => assert.match(await graph(page).innerText(), /manifest/i));

        // A new deployment: the same site with a changed service worker.
        await context.setOffline(false);
        const sw = join(root, 'sw.js');
        writeFileSync(sw, `${readFileSync(sw, 'utf8')}\n// the next deployment\n`);
        await page.goto(site.url);
        const note = page.getByRole('status').filter({ hasText: 'A new version' });
        await note.waitFor({ timeout: 20_000 });
        await screenshot(page, 'offline-update-ready');
        await note.getByRole('button', { name: 'Reload to update' }).click();
        await eventually(async () => assert.equal(await note.count(), 0));
      } finally {
        await context.setOffline(false);
        // Leave no service worker behind for the context's close.
        await page
          .evaluate(async () => {
            for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister();
          })
          .catch(() => {});
        site.close();
        rmSync(root, { recursive: true, force: true });
      }
    },
  },
];
