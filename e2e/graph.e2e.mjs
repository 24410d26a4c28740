// The browser app, part 3: blobs that open, badges that never contradict, a graph that scales.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { buildBigIndex } from './big-index.mjs';
import { fixture, screenshot } from './harness.mjs';
import { assert, checksDone, eventually, expectText, graphNode, selectNode } from './expect.mjs';

const details = (page) => page.getByRole('complementary', { name: 'Details' });
const contents = (page) => page.getByRole('region', { name: 'Blob contents' });

/** No progress bar and no "pending" / "queued" state left anywhere on the page. */
async function everyIndicatorEnded(page) {
  await eventually(async () => {
    assert.equal(await page.getByRole('progressbar').count(), 0, 'a progress bar is still shown');
    const states = await page
      .locator('[data-state]')
      .evaluateAll((els) => els.map((e) => e.dataset.state));
    assert.ok(
      !states.some((s) => s === 'pending' || s === 'queued' || s === 'reading'),
      `states left: ${states.join(', ')}`,
    );
  });
}

/** The drawn nodes' boxes on screen, in reading order (top to bottom), with the graph pane's box. */
async function drawnBoxes(page) {
  return page.evaluate(() => {
    const pane = /** @type {HTMLElement} */ (
      document.querySelector('.graph-canvas')
    ).getBoundingClientRect();
    const nodes = [...document.querySelectorAll('.react-flow__node')].map((n) => {
      const r = n.getBoundingClientRect();
      return { kind: n.querySelector('.kind')?.textContent, x: r.x, y: r.y, width: r.width };
    });
    return { pane: { x: pane.x, width: pane.width }, nodes: nodes.sort((a, b) => a.y - b.y) };
  });
}

export const tests = [
  {
    name: 'graph: on a phone an outline, at full size and within the pane; wide, left to right',
    async run({ page, url }) {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(url);
      await page.getByRole('button', { name: /Five layers/ }).click();
      await checksDone(page);
      const narrow = await drawnBoxes(page);
      assert.deepEqual(
        narrow.nodes.map((n) => n.kind),
        ['index', 'manifest', 'config', 'layer', 'layer', 'layer', 'layer', 'layer'],
      );
      for (const n of narrow.nodes) {
        // Readable: drawn at (nearly) its full 248 pixels, not at the floor zoom's half.
        assert.ok(n.width >= 240, `a ${n.kind} node ${n.width}px wide`);
        assert.ok(n.x >= narrow.pane.x, `a ${n.kind} node starts left of the pane`);
        assert.ok(
          n.x + n.width <= narrow.pane.x + narrow.pane.width,
          `a ${n.kind} node ends past the pane's right edge`,
        );
      }
      // Each level indented under the one before it.
      const [index, manifest, config] = narrow.nodes;
      assert.ok(index.x < manifest.x && manifest.x < config.x);
      await screenshot(page, 'graph-outline-390');

      await page.setViewportSize({ width: 1280, height: 800 });
      await eventually(async () => {
        const wide = await drawnBoxes(page);
        const at = (kind) => wide.nodes.find((n) => n.kind === kind);
        // Left to right again: the manifest's blobs in a column right of it.
        assert.ok(at('config').x > at('manifest').x + at('manifest').width);
      });
    },
  },
  {
    name: 'graph: the demo attestation and its SBOM open, say they hold no filesystem, and every indicator ends',
    async run({ page, url }) {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(url);
      await page.getByRole('button', { name: /two platforms/ }).click();
      await checksDone(page);
      await selectNode(page.getByRole('button', { name: /^manifest .*attestation/ }).first());
      await expectText(details(page), /attestation/);
      // Its one blob is an in-toto statement, not a layer: its row follows the blob's hash.
      const row = page.locator('tr.row-layer').first();
      await expectText(row, /not a layer/);
      await everyIndicatorEnded(page);
      await screenshot(page, 'graph-attestation-1280');

      // The statement opens: formatted JSON, and a download of the exact bytes.
      const blobNode = page.getByRole('button', { name: /^blob sha256:/ }).first();
      const name = await blobNode.getAttribute('aria-label');
      const digest = /sha256:[0-9a-f]{64}/.exec(name ?? '')?.[0];
      assert.ok(digest, `a digest in the blob node's name: ${name}`);
      await selectNode(blobNode);
      await expectText(contents(page), /"_type": "https:\/\/in-toto\.io\/Statement/);
      await expectText(contents(page), /JSON, formatted/);
      const link = contents(page).getByRole('link', { name: /Download the exact bytes/ });
      assert.ok((await link.getAttribute('download'))?.endsWith('.json'));
      assert.match((await link.getAttribute('href')) ?? '', /^blob:/);
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      const bytes = readFileSync(await download.path());
      assert.equal(`sha256:${createHash('sha256').update(bytes).digest('hex')}`, digest);
      assert.equal(page.url().startsWith(url), true, 'the download navigated away');
      await screenshot(page, 'graph-sbom-blob-1280');

      // Filesystem (the pane beside the graph): what it is, instead of "Reading the layers…" forever.
      await selectNode(page.getByRole('button', { name: /^manifest .*attestation/ }).first());
      const fsPane = page.getByRole('region', { name: 'Filesystem' });
      await expectText(fsPane.getByRole('note', { name: 'No filesystem' }), /attestation manifest/);
      assert.equal(await page.getByText(/Reading the layers/).count(), 0);
      await everyIndicatorEnded(page);
      await screenshot(page, 'graph-attestation-filesystem-1280');
      await page.setViewportSize({ width: 390, height: 844 });
      await blobNode.scrollIntoViewIfNeeded();
      await selectNode(blobNode);
      await contents(page).waitFor();
      await screenshot(page, 'graph-sbom-blob-390');
    },
  },
  {
    name: 'graph: a size mismatch and a layer that is no tar never show ✓, and nothing stays pending',
    async run({ page, url }) {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(url);
      const rel = 'containers-image/oci-layout/delete_image_only_one_image';
      await page.getByLabel('Open an OCI layout folder').setInputFiles(fixture(rel));
      await checksDone(page);
      const facts = JSON.parse(readFileSync(fixture(`${rel}.expected.json`), 'utf8'));
      const config = facts.images[0].configDigest;
      const configNode = graphNode(page, 'config', config);
      await eventually(async () => {
        const badge = configNode.locator('.check');
        assert.equal(await badge.getAttribute('data-state'), 'error');
        assert.doesNotMatch(await badge.innerText(), /✓/);
      });
      const layerNode = graphNode(page, 'layer', 'sha256:');
      await eventually(async () =>
        assert.equal(await layerNode.locator('.check').getAttribute('data-state'), 'error'),
      );
      // The problems show on the node, not only in the list.
      assert.ok((await configNode.locator('.count-error').count()) > 0);
      await selectNode(configNode);
      await expectText(
        page.getByRole('list', { name: /Problems of this config/ }),
        /size mismatch/,
      );
      await screenshot(page, 'graph-size-mismatch-1280');
      await selectNode(layerNode);
      // This "layer" holds a line of text, not a tar: it is shown as text.
      await expectText(contents(page), /insert binary content here/);
      await expectText(
        page.getByRole('region', { name: 'Filesystem' }).locator('.fs-explorer-tree'),
        /could be read as a tar/,
      );
      await everyIndicatorEnded(page);
    },
  },
  {
    name: 'graph: an index of 10,000 manifests is shown as a searchable group, and the page answers',
    async run({ page, url }) {
      await page.setViewportSize({ width: 1280, height: 800 });
      const big = buildBigIndex(10_000);
      try {
        await page.goto(url);
        await page.getByLabel('Open an OCI layout folder').setInputFiles(big.dir);
        const group = page.getByRole('group', { name: /^Manifests of index\.json/ });
        await group.waitFor({ timeout: 45_000 });
        // Drawn: the top, one manifest with its config and layer, and the group; not 10,000 nodes.
        assert.ok((await page.locator('.react-flow__node').count()) < 10);
        await screenshot(page, 'graph-big-index-1280');
        const search = group.getByRole('searchbox');
        await search.fill('v1.0.9999');
        const match = group.getByRole('list').getByRole('button').first();
        await expectText(match, /v1\.0\.9999/);
        // A keyboard choice (the page is busy hashing 10,000 documents; a pointer waits for the
        // node to hold still between frames, which says nothing about whether the page answers).
        await match.focus();
        await match.press('Enter');
        const last = big.manifests[9999];
        await expectText(details(page).getByRole('heading').first(), new RegExp(last));
        await graphNode(page, 'manifest', last).waitFor({ timeout: 15_000 });
        await screenshot(page, 'graph-big-index-chosen-1280');
      } finally {
        rmSync(big.dir, { recursive: true, force: true });
      }
    },
  },
];
