// The compare view (issue 15) on the images scripts/fixtures/make-compare-images.mjs writes: two
// platforms of one index, a pair with one file changed (and more), a rebuild that changes only
// mtimes (equal with the noise filter, different without); its link; 1280 and 390 px; axe.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { axeViolations } from './axe.mjs';
import { screenshot } from './harness.mjs';
import { assert, eventually, expectText } from './expect.mjs';
import { push, startRegistry } from './registry.mjs';
import { makeCompareImages } from '../scripts/fixtures/make-compare-images.mjs';

const FOLDER = 'Open an OCI layout folder';
/** A registry config's `http:` block with the headers a page needs (as the app shows them). */
const CORS = [
  'http:',
  '  headers:',
  "    Access-Control-Allow-Origin: ['*']",
  "    Access-Control-Allow-Methods: ['GET', 'HEAD', 'OPTIONS']",
  "    Access-Control-Allow-Headers: ['Authorization', 'Accept', 'Range']",
  "    Access-Control-Expose-Headers: ['Docker-Content-Digest', 'WWW-Authenticate', 'Content-Length']",
].join('\n');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/** @type {Record<string, string> | null} */
let images = null;
/** The compare images, written once per run. */
function image(/** @type {string} */ name) {
  const written = /** @type {Record<string, string>} */ (
    images ?? makeCompareImages(mkdtempSync(join(tmpdir(), 'oci-compare-')))
  );
  images = written;
  return written[name];
}

/** Open a layout folder as image A and wait for the workspace. */
async function openA(page, url, name, hash = '') {
  // From a blank page, so a link differing only in its hash loads afresh.
  await page.goto('about:blank');
  await page.goto(url + hash);
  await page.getByLabel(FOLDER).setInputFiles(image(name));
  await page.locator('h1.summary-title, main.compare').first().waitFor({ timeout: 30_000 });
}

/** The "Compare with…" panel, opened. */
async function compareMenu(page) {
  await page.getByRole('button', { name: 'Compare with…' }).click();
  return page.getByRole('group', { name: 'Compare with' });
}

/** Open a second folder from "Compare with…" as image B. */
async function compareWithFolder(page, name) {
  const menu = await compareMenu(page);
  await menu.getByLabel('Compare with an OCI layout folder').setInputFiles(image(name));
  await page.locator('main.compare').waitFor({ timeout: 30_000 });
}

/** At desktop size, open folder `a` as image A, then folder `b` as B from "Compare with…". */
async function openPair(page, url, a, b) {
  await page.setViewportSize(DESKTOP);
  await openA(page, url, a);
  await compareWithFolder(page, b);
}

const verdict = (page) => page.getByTestId('compare-verdict');
const pathButton = (page, path) => page.getByRole('button', { name: new RegExp(`^${path},`) });
const changedPath = (page, path) =>
  page
    .getByRole('table', { name: 'Changed paths' })
    .getByRole('button', { name: new RegExp(`^${path},`) });

export const tests = [
  {
    name: 'compare: two platforms of one index, by files, layers and documents, with its link',
    timeout: 90_000,
    async run({ page, url }) {
      await page.setViewportSize(DESKTOP);
      await openA(page, url, 'multi');
      const menu = await compareMenu(page);
      await screenshot(page, 'compare-menu-1280');
      await menu.getByRole('button', { name: 'Compare', exact: true }).click();
      await expectText(verdict(page), /^Different with the noise filter: \d+ path/, {
        timeout: 30_000,
      });
      const hash = new URLSearchParams((await page.evaluate(() => location.hash)).slice(1));
      assert.match(hash.get('image') ?? '', /^sha256:/);
      assert.match(hash.get('compare') ?? '', /^sha256:/);
      assert.notEqual(hash.get('image'), hash.get('compare'));

      // The one changed file: both hashes, and its line diff.
      await changedPath(page, '/bin/sh').click();
      const detail = page.getByRole('region', { name: 'Selected change' });
      await expectText(detail, /content/);
      const lines = detail.getByLabel('Line diff');
      await expectText(lines, /amd64 shell/);
      await expectText(lines, /arm64 shell/);
      assert.equal(await detail.locator('.cmp-line-removed').count(), 1);
      assert.equal(await detail.locator('.cmp-line-added').count(), 1);
      assert.match(await page.evaluate(() => location.hash), /path=\/bin\/sh/);
      await screenshot(page, 'compare-platforms-files-1280');
      let v = await axeViolations(page);
      assert.equal(v.length, 0, JSON.stringify(v, null, 1));

      // Layers: the app layer is the same blob; the base differs (its /bin/sh does).
      await page.getByRole('tab', { name: 'Layers' }).click();
      await expectText(page.getByTestId('layers-summary'), /No common base/);
      await expectText(page.getByRole('region', { name: 'A after the base' }), /same blob/);
      assert.match(await page.evaluate(() => location.hash), /part=layers/);
      await screenshot(page, 'compare-platforms-layers-1280');

      // Documents: the config's architecture, the manifest's layer digest; the index is one blob.
      await page.getByRole('tab', { name: 'Documents' }).click();
      const config = page.getByRole('region', { name: 'Config' });
      await expectText(config, /\/architecture/);
      await expectText(config, /"amd64"/);
      await expectText(config, /"arm64"/);
      await expectText(page.getByRole('region', { name: 'Index' }), /same blob/);
      await screenshot(page, 'compare-platforms-documents-1280');
      v = await axeViolations(page);
      assert.equal(v.length, 0, JSON.stringify(v, null, 1));

      // The link: a fresh page with this hash waits for the image, then opens the comparison.
      const link = await page.evaluate(() => location.hash);
      await openA(page, url, 'multi', link);
      await expectText(page.getByRole('region', { name: 'Config' }), /\/architecture/, {
        timeout: 30_000,
      });

      // At 390 px the view is one column, nothing wider than the window.
      await page.setViewportSize(PHONE);
      await page.getByRole('tab', { name: 'Files' }).click();
      await changedPath(page, '/bin/sh').click();
      await expectText(page.getByLabel('Line diff'), /arm64 shell/);
      await eventually(async () =>
        assert.ok(
          await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
          'the page scrolls sideways at 390 px',
        ),
      );
      await screenshot(page, 'compare-platforms-files-390');

      // Closing leaves the compare keys behind.
      await page.getByRole('button', { name: 'Close comparison' }).click();
      await page.locator('h1.summary-title').waitFor();
      assert.doesNotMatch(await page.evaluate(() => location.hash), /compare=|part=|strict=/);
    },
  },
  {
    name: 'compare: one file changed, and each other kind of change, from a second folder',
    timeout: 90_000,
    async run({ page, url }) {
      await openPair(page, url, 'base', 'changed');
      await expectText(verdict(page), /^Different with the noise filter/, { timeout: 30_000 });
      const list = page.getByRole('table', { name: 'Changed paths' });
      const kindOf = async (path) =>
        (
          await list
            .getByRole('row')
            .filter({ has: pathButton(page, path) })
            .innerText()
        ).split('\t')[0];
      assert.equal(await kindOf('/etc/hostname'), 'content');
      assert.equal(await kindOf('/opt/app/new.txt'), 'added');
      assert.equal(await kindOf('/opt/app/old.txt'), 'removed');
      assert.equal(await kindOf('/etc/os-release'), 'metadata only');

      // The same-size change: both hashes shown, and the line that changed.
      await changedPath(page, '/etc/hostname').click();
      const detail = page.getByRole('region', { name: 'Selected change' });
      const hashes = await detail.getByRole('row', { name: /sha256/ }).innerText();
      assert.equal(hashes.match(/[0-9a-f]{64}/g)?.length, 2, hashes);
      await expectText(detail.getByLabel('Line diff'), /alpha[\s\S]*omega/);

      // Only metadata: the mode row is marked, no line diff.
      await changedPath(page, '/etc/os-release').click();
      await expectText(detail, /differs in mode/);
      assert.equal(await detail.getByLabel('Line diff').count(), 0);

      // The kinds filter the list.
      await page.getByRole('checkbox', { name: /^content/ }).uncheck();
      await eventually(async () =>
        assert.equal(await changedPath(page, '/etc/hostname').count(), 0),
      );
      await page.getByRole('checkbox', { name: /^content/ }).check();

      // Off and on again: the filtered result comes from the cache while the worker holds the
      // strict comparison, and a line diff still reads (the worker compares again first).
      const noise = page.getByRole('checkbox', { name: /Noise filter/ });
      await noise.uncheck();
      await expectText(verdict(page), /^Different without the noise filter/, { timeout: 30_000 });
      await noise.check();
      await expectText(verdict(page), /^Different with the noise filter/);
      await changedPath(page, '/opt/app/main.js').click();
      await expectText(detail.getByLabel('Line diff'), /version two/, { timeout: 30_000 });

      // Layers: the two layers of base are the common base; B adds one.
      await page.getByRole('tab', { name: 'Layers' }).click();
      await expectText(page.getByTestId('layers-summary'), /common base of 2 layers/);
      await page.getByRole('tab', { name: 'Files' }).click();
      await changedPath(page, '/etc/hostname').click();
      await screenshot(page, 'compare-changed-files-1280');
      await page.setViewportSize(PHONE);
      await screenshot(page, 'compare-changed-files-390');
    },
  },
  {
    name: 'compare: a rebuild with new mtimes is equal with the noise filter, different without',
    timeout: 90_000,
    async run({ page, url }) {
      await openPair(page, url, 'base', 'rebuilt');
      await expectText(verdict(page), /^Equal with the noise filter/, { timeout: 30_000 });
      await screenshot(page, 'compare-rebuilt-filtered-1280');
      await page.getByRole('checkbox', { name: /Noise filter/ }).uncheck();
      await expectText(verdict(page), /^Different without the noise filter/, { timeout: 30_000 });
      assert.match(await page.evaluate(() => location.hash), /strict=1/);
      await page.getByRole('tab', { name: 'Documents' }).click();
      await expectText(page.getByRole('region', { name: 'Config' }), /\/created/);
      await screenshot(page, 'compare-rebuilt-strict-1280');
      const v = await axeViolations(page);
      assert.equal(v.length, 0, JSON.stringify(v, null, 1));
    },
  },
  {
    name: 'compare: a second image from a demo travels in the link (src2) and reopens on reload',
    timeout: 90_000,
    async run({ page, url }) {
      await page.setViewportSize(DESKTOP);
      await page.goto(`${url}?src=demo/demo-lesson.oci.tar`);
      await page.locator('h1.summary-title').waitFor({ timeout: 30_000 });
      const menu = await compareMenu(page);
      await menu.getByRole('button', { name: /Five layers/ }).click();
      await expectText(verdict(page), /^Different with the noise filter/, { timeout: 30_000 });
      const address = await page.evaluate(() => location.href);
      assert.match(address, /[?&]src=demo\/demo-lesson\.oci\.tar/);
      assert.match(address, /[?&]src2=\.\/demo\/demo-layers\.oci\.tar/);
      assert.match(address, /#.*compare=sha256:/);
      const before = await verdict(page).innerText();
      await screenshot(page, 'compare-demos-files-1280');
      await page.setViewportSize(PHONE);
      await page.getByRole('tab', { name: 'Documents' }).click();
      await screenshot(page, 'compare-demos-documents-390');
      await page.setViewportSize(DESKTOP);
      await page.reload();
      await expectText(verdict(page), /^Different/, { timeout: 30_000 });
      assert.equal(await verdict(page).innerText(), before);
      await page.getByRole('button', { name: 'Close comparison' }).click();
      await page.locator('h1.summary-title').waitFor();
      assert.doesNotMatch(await page.evaluate(() => location.href), /src2=|compare=/);
    },
  },
  {
    name: 'compare: axe finds nothing serious in dark mode, on each part of a changed pair',
    colorScheme: 'dark',
    timeout: 90_000,
    async run({ page, url }) {
      await openPair(page, url, 'base', 'changed');
      await expectText(verdict(page), /^Different/, { timeout: 30_000 });
      await changedPath(page, '/etc/hostname').click();
      await expectText(page.getByLabel('Line diff'), /omega/);
      for (const part of ['Files', 'Layers', 'Documents']) {
        await page.getByRole('tab', { name: part }).click();
        const v = await axeViolations(page);
        assert.equal(v.length, 0, `${part}: ${JSON.stringify(v, null, 1)}`);
        await screenshot(page, `compare-dark-${part.toLowerCase()}-1280`);
      }
    },
  },
  {
    name: 'compare: two tags of a registry (ref and ref2), the second pinned to its manifest',
    timeout: 90_000,
    async run({ page, url }) {
      const reg = await startRegistry({ http: CORS });
      try {
        push(`oci:${image('base')}:latest`, reg.host, 'app:v1');
        push(`oci:${image('changed')}:latest`, reg.host, 'app:v2');
        await page.setViewportSize(DESKTOP);
        await page.goto(`${url}?ref=${reg.host}/app:v1`);
        await page.locator('h1.summary-title').waitFor({ timeout: 30_000 });
        const menu = await compareMenu(page);
        await menu.getByLabel('Or a link').fill(`${reg.host}/app:v2`);
        await menu.getByRole('button', { name: 'Open', exact: true }).click();
        await expectText(verdict(page), /^Different with the noise filter: 8 paths/, {
          timeout: 30_000,
        });
        await eventually(async () =>
          assert.match(
            await page.evaluate(() => location.search),
            /[?&]ref2=127\.0\.0\.1:\d+\/app:v2@sha256:[0-9a-f]{64}/,
          ),
        );
        await changedPath(page, '/etc/hostname').click();
        await expectText(page.getByLabel('Line diff'), /omega/, { timeout: 30_000 });
        await page.reload();
        await expectText(verdict(page), /^Different with the noise filter: 8 paths/, {
          timeout: 30_000,
        });
      } finally {
        reg.stop();
      }
    },
  },
  {
    name: 'compare: a link of two dropped images waits for A, then for B dropped on the compare view',
    timeout: 90_000,
    async run({ page, url }) {
      await page.setViewportSize(DESKTOP);
      const manifestOf = (name) =>
        JSON.parse(readFileSync(join(image(name), 'index.json'), 'utf8')).manifests[0].digest;
      const hash = `#image=${manifestOf('base')}&compare=${manifestOf('changed')}`;
      await openA(page, url, 'base', hash);
      await expectText(page.locator('main.compare'), /not in the input open\. Drop the image/);
      // B as an oci-archive tar of the changed layout, dropped on the page.
      const tar = join(mkdtempSync(join(tmpdir(), 'oci-compare-tar-')), 'changed.tar');
      execFileSync('tar', ['-cf', tar, '-C', image('changed'), '.']);
      const dt = await page.evaluateHandle((data) => {
        const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([bytes], 'changed.tar'));
        return transfer;
      }, readFileSync(tar).toString('base64'));
      await page.dispatchEvent('main', 'dragenter', { dataTransfer: dt });
      await page.dispatchEvent('main', 'drop', { dataTransfer: dt });
      await expectText(verdict(page), /^Different with the noise filter: 8 paths/, {
        timeout: 30_000,
      });
      // A stayed the image it was: the link's view is kept.
      assert.match(await page.evaluate(() => location.hash), new RegExp(hash.slice(1)));
      await expectText(page.locator('.cmp-side-b'), /changed\.tar/);
    },
  },
];
