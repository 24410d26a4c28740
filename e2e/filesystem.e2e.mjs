// The browser app, part 2: the filesystem explorer, the file viewer, links, the demo images.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fixture, repoRoot, screenshot, serveStatic } from './harness.mjs';
import { assert, eventually, expectText } from './expect.mjs';
import { chooseMode, expand, item, tree, viewer } from './tree.mjs';

/** Open a demo image with its start-page button. */
async function openDemo(page, url, title) {
  await page.goto(url);
  await page.getByRole('button', { name: title }).click();
  // The tree sits beside the graph: no tab to open.
  await page.getByRole('region', { name: 'Filesystem' }).waitFor();
}

const LAYERS = 'Five layers that add, change, delete and link';

/** Pick a layer by the number the app shows (layers count from 1). */
async function selectLayer(page, n) {
  const select = page.getByLabel('Layer', { exact: true });
  const option = select.locator('option', { hasText: new RegExp(`^Layer ${n}( |$)`) });
  await select.selectOption(await option.getAttribute('value'));
}

export const tests = [
  {
    name: 'filesystem: demo button, /etc, a text file, a binary as hex',
    async run({ page, url }) {
      await openDemo(page, url, LAYERS);
      assert.match(page.url(), /\?src=\.?\/?demo\/demo-layers\.oci\.tar/);
      await item(page, '/etc').waitFor({ timeout: 30_000 });
      await expand(page, '/etc');
      await item(page, '/etc/hostname').click();
      await expectText(viewer(page).locator('.fs-content'), /^\s*1\s*demo\s*$/);
      // A small gzip layer has no checkpoints: the viewer says the read inflated it from the start.
      await expectText(viewer(page).locator('.fs-via'), /inflating the layer from its start/);
      await screenshot(page, 'fs-text-file');

      await expand(page, '/usr');
      await expand(page, '/usr/lib');
      await expand(page, '/usr/lib/app');
      await item(page, '/usr/lib/app/libdemo.so').click();
      await expectText(viewer(page), /7f 45 4c 46/i);
      await screenshot(page, 'fs-hex-file');

      // A large text file is read a 64 KiB page at a time.
      await expand(page, '/usr/share');
      await expand(page, '/usr/share/doc');
      await expand(page, '/usr/share/doc/app');
      await item(page, '/usr/share/doc/app/CHANGELOG.txt').click();
      await expectText(viewer(page).locator('.fs-content'), /change 00001:/);
      await viewer(page).getByRole('button', { name: 'Next page' }).click();
      await expectText(viewer(page).locator('.fs-content'), /change 0\d{4}:/);
      await eventually(async () =>
        assert.doesNotMatch(await viewer(page).locator('.fs-content').innerText(), /change 00001:/),
      );
      // Line k of the file reads "change k:", so a later page's numbers can be checked line by line.
      const numbered = async () => {
        const rows = await viewer(page)
          .locator('.fs-line')
          .evaluateAll((els) =>
            els.map((el) => [el.querySelector('.fs-line-no')?.textContent, el.textContent]),
          );
        const checked = rows.filter(([, text]) => /^\d+change \d{5}:/.test(text));
        assert.ok(checked.length > 10, `too few whole lines on the page: ${checked.length}`);
        for (const [no, text] of checked)
          assert.equal(Number(no), Number(/change (\d{5}):/.exec(text)?.[1]), text);
        return checked;
      };
      await eventually(numbered);
      await screenshot(page, 'fs-paged-text');
      while (await viewer(page).getByRole('button', { name: 'Next page' }).isEnabled())
        await viewer(page).getByRole('button', { name: 'Next page' }).click();
      await expectText(
        viewer(page).getByRole('navigation', { name: 'Pages' }),
        /Page (\d+) of \1 /,
      );
      await eventually(numbered);
      await screenshot(page, 'fs-paged-text-last');

      // A file of several pages downloads whole.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        viewer(page).getByRole('button', { name: 'Download' }).click(),
      ]);
      assert.equal(download.suggestedFilename(), 'CHANGELOG.txt');
      const saved = await readFile(await download.path(), 'utf8');
      const lines = saved.split('\n');
      assert.equal(lines.length, 2401);
      assert.match(lines[0], /^change 00001:/);
      assert.match(lines[2399], /^change 02400:/);
    },
  },
  {
    name: "filesystem: one layer's changes show the deleted path with its marker; glob filter",
    async run({ page, url }) {
      await openDemo(page, url, LAYERS);
      await item(page, '/etc').waitFor({ timeout: 30_000 });
      await chooseMode(page, "Only this layer's changes");
      await selectLayer(page, 5);
      await expand(page, '/etc');
      const motd = item(page, '/etc/motd');
      await expectText(motd, /deleted/);
      await expectText(motd, /by \.wh\.motd in layer 5/);
      assert.match(page.url(), /mode=layer&layer=5(&|$)/);
      // The folder layer 5 makes opaque carries the badge.
      await expand(page, '/var');
      await expand(page, '/var/cache');
      await expectText(item(page, '/var/cache/apk'), /opaque/);
      await screenshot(page, 'fs-layer-changes');

      await chooseMode(page, 'Merged up to layer');
      await page.getByLabel('Filter').fill('*.so');
      await item(page, '/usr/lib/app/libdemo.so').waitFor();
      await eventually(async () => assert.equal(await item(page, '/etc/hostname').count(), 0));
      await expectText(page.getByText(/\d+ match/), /match/);
      await screenshot(page, 'fs-glob-filter');
    },
  },
  {
    name: 'filesystem: keyboard navigation of the tree, and a reloaded deep link',
    async run({ page, url }) {
      await openDemo(page, url, LAYERS);
      await item(page, '/etc').click();
      const active = async () => {
        const id = await tree(page).getAttribute('aria-activedescendant');
        return page.locator(`[id="${id}"]`).getAttribute('data-path');
      };
      await eventually(async () => assert.equal(await active(), '/etc'));
      await page.keyboard.press('ArrowRight');
      await eventually(async () =>
        assert.equal(await item(page, '/etc').getAttribute('aria-expanded'), 'true'),
      );
      await page.keyboard.press('ArrowDown');
      await eventually(async () => assert.equal(await active(), '/etc/app'));
      await page.keyboard.press('End');
      await eventually(async () => assert.equal(await active(), '/lib'));
      await page.keyboard.press('Home');
      await eventually(async () => assert.equal(await active(), '/etc'));
      for (const _ of [1, 2, 3, 4]) await page.keyboard.press('ArrowDown');
      await eventually(async () => assert.equal(await active(), '/etc/hostname'));
      await page.keyboard.press('Enter');
      await expectText(viewer(page).locator('h2'), /^\/etc\/hostname$/);
      await eventually(async () => assert.match(page.url(), /path=\/etc\/hostname/));

      await page.reload();
      await expectText(viewer(page).locator('h2'), /^\/etc\/hostname$/, { timeout: 30_000 });
      await expectText(viewer(page).locator('.fs-content'), /demo/);
      await eventually(async () =>
        assert.equal(await item(page, '/etc/hostname').getAttribute('aria-selected'), 'true'),
      );
      await screenshot(page, 'fs-deep-link-reloaded');
    },
  },
  {
    name: 'filesystem: a link to a dropped image waits for it, and says so when another is dropped',
    async run({ page, url }) {
      await openDemo(page, url, LAYERS);
      await expand(page, '/etc');
      await item(page, '/etc/hostname').click();
      await eventually(async () => assert.match(page.url(), /image=sha256:[0-9a-f]{64}/));
      await eventually(async () => assert.match(page.url(), /path=\/etc\/hostname/));
      const hash = new URL(page.url()).hash;
      const manifest = /image=(sha256:[0-9a-f]{12})/.exec(hash)?.[1];

      // The same view, without ?src=: the link waits for the image to be dropped.
      await page.goto(`${url}${hash}`);
      await expectText(
        page.getByRole('note', { name: 'Linked view' }),
        new RegExp(`/etc/hostname in image ${manifest}`),
      );
      await screenshot(page, 'fs-link-waiting');

      // A different image: told so, and it opens at its start.
      await page
        .getByLabel('Open an image archive file')
        .setInputFiles(fixture('dive/test-docker-image.tar'));
      const alert = page.getByRole('alert');
      await expectText(alert, /different image from the one the link was made for/);
      await expectText(alert, new RegExp(`/etc/hostname in image ${manifest}`));
      await eventually(async () => assert.doesNotMatch(page.url(), /path=/));
      await page.getByRole('region', { name: 'Image graph' }).waitFor();
      await screenshot(page, 'fs-link-mismatch');

      // The image the link was made from: the linked view opens (with an image open, the header
      // and the workspace each have this input: either opens it).
      await page
        .getByLabel('Open an image archive file')
        .first()
        .setInputFiles(join(repoRoot, 'dist/demo/demo-layers.oci.tar'));
      await expectText(viewer(page).locator('h2'), /^\/etc\/hostname$/, { timeout: 30_000 });
      await expectText(viewer(page).locator('.fs-content'), /demo/);
      assert.equal(await page.getByRole('alert').count(), 0);
      assert.match(page.url(), /path=\/etc\/hostname/);
    },
  },
  {
    name: "filesystem: dive test image, root/example deleted by layer 10's .wh.example",
    async run({ page, url }) {
      await page.goto(url);
      await page
        .getByLabel('Open an image archive file')
        .setInputFiles(fixture('dive/test-docker-image.tar'));
      await page.getByRole('region', { name: 'Filesystem' }).waitFor();
      await page.getByLabel("Only this layer's changes").check({ timeout: 30_000 });
      await selectLayer(page, 10);
      await expand(page, '/root');
      const row = item(page, '/root/example');
      await expectText(row, /deleted/);
      await expectText(row, /by \.wh\.example in layer 10/);
      await screenshot(page, 'fs-dive-whiteout');
    },
  },
  {
    name: 'filesystem: the platform picker switches the tree to the arm64 image',
    async run({ page, url }) {
      await openDemo(page, url, 'One tag, two platforms, and an SBOM attestation');
      const picker = page.getByLabel('Platform');
      const arm = await picker.locator('option', { hasText: 'linux/arm64' }).getAttribute('value');
      await picker.selectOption(arm);
      await expand(page, '/usr');
      await expand(page, '/usr/bin');
      await item(page, '/usr/bin/hello').click();
      // Byte 0x12 of the ELF header is the machine: 0xb7 is AArch64.
      await expectText(viewer(page), /00000010\s+\S\S \S\S b7/);
      assert.match(page.url(), new RegExp(`image=${arm}`));
      await screenshot(page, 'fs-multiplatform-arm64');
    },
  },
  {
    name: 'the built site works from a sub-path: a demo image opens, its files read in workers',
    async run({ page }) {
      const site = await serveStatic(join(repoRoot, 'dist'), '/some-project/explorer/');
      try {
        const missing = [];
        page.on('response', (r) => r.status() >= 400 && missing.push(`${r.status()} ${r.url()}`));
        await openDemo(page, site.url, LAYERS);
        await item(page, '/etc').waitFor({ timeout: 30_000 });
        await expand(page, '/etc');
        await item(page, '/etc/hostname').click();
        await expectText(viewer(page).locator('.fs-content'), /^\s*1\s*demo\s*$/);
        assert.match(page.url(), /^http:\/\/127\.0\.0\.1:\d+\/some-project\/explorer\//);
        assert.deepEqual(missing, []);
      } finally {
        site.close();
      }
    },
  },
];
