// Documents that read and teach: fields explained from the dictionary, and a JSON document too
// deep for any recursive formatter, opened without losing the tab.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixture, screenshot } from './harness.mjs';
import { blobWriter, writeIndex } from './oci-writer.mjs';
import { assert, eventually, expectText, graphNode } from './expect.mjs';

const FOLDER = 'Open an OCI layout folder';

/** An OCI layout whose config carries a member nested `depth` arrays deep. */
function deepConfigLayout(depth) {
  const dir = mkdtempSync(join(tmpdir(), 'oci-deep-'));
  const write = blobWriter(dir);
  const put = (text) => {
    const b = Buffer.from(text);
    return { digest: write(b), size: b.length };
  };
  const text =
    `{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]},` +
    `"x":${'['.repeat(depth)}1${']'.repeat(depth)}}`;
  const config = put(text);
  const manifest = put(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
      layers: [],
    }),
  );
  writeIndex(dir, manifest);
  return { dir, config: config.digest, text };
}

export const tests = [
  {
    name: 'documents: diff_ids explained on hover with a spec link; keys reached by arrow keys',
    async run({ page, url }) {
      const rel = 'go-containerregistry/layout/test_index_one_image';
      await page.goto(url);
      await page.getByLabel(FOLDER).setInputFiles(fixture(rel));
      const config = graphNode(page, 'config', 'sha256:');
      await config.first().click();
      const json = page.getByTestId('json-text');
      const diffIds = json.locator('.j-key', { hasText: '"diff_ids"' });
      await diffIds.hover();
      const tip = page.getByRole('tooltip');
      await expectText(tip, /rootfs\.diff_ids/);
      await expectText(tip, /uncompressed tar/);
      assert.equal(
        await tip.getByRole('link').getAttribute('href'),
        'https://github.com/opencontainers/image-spec/blob/v1.1.1/config.md#layer-diffid',
      );
      assert.equal(await diffIds.getAttribute('aria-describedby'), await tip.getAttribute('id'));
      await screenshot(page, 'document-diff-ids-tooltip');

      // One tab stop in the document; arrows move it, and the key reached explains itself.
      assert.equal(await json.locator('[tabindex="0"]').count(), 1);
      await json.locator('[tabindex="0"]').focus();
      await page.keyboard.press('ArrowDown');
      await eventually(async () =>
        assert.equal(
          await page.evaluate(() => document.activeElement?.classList.contains('j-key')),
          true,
        ),
      );
      await expectText(page.getByRole('tooltip'), /spec/);
      assert.equal(await json.locator('[tabindex="0"]').count(), 1);
    },
  },
  {
    name: 'documents: a config nested 100,000 deep opens formatted with a note, the tab alive',
    async run({ page, url }) {
      const { dir, config, text: stored } = deepConfigLayout(100_000);
      try {
        await page.goto(url);
        await page.getByLabel(FOLDER).setInputFiles(dir);
        await graphNode(page, 'config', config).click();
        await expectText(page.getByRole('note'), /Nested more than 64 levels deep/);
        const text = await page.getByTestId('json-text').textContent();
        assert.ok(text.includes('"architecture": "amd64"'), 'formatted head');
        assert.ok(text.replace(/\s+/g, '').endsWith(`1${']'.repeat(100_000)}}`), 'whole tail');
        await page.getByRole('button', { name: 'Show as stored' }).click();
        await eventually(async () =>
          assert.equal(await page.getByTestId('json-text').textContent(), stored),
        );
        // The page still answers.
        assert.equal(await page.evaluate(() => 6 * 7), 42);
        await screenshot(page, 'document-deep');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
];
