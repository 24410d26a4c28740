// The browser app, part 1: real fixtures through the real file inputs, in the production build.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, longTasks, screenshot } from './harness.mjs';
import {
  assert,
  checksDone,
  eventually,
  expectCount,
  expectText,
  graphNode,
  selectNode,
} from './expect.mjs';
import { buildSyntheticImage } from './synthetic-image.mjs';

const FOLDER = 'Open an OCI layout folder';
const FILE = 'Open an image archive file';
const expected = (rel) =>
  JSON.parse(readFileSync(fixture(`${rel.replace(/\.tar$/, '')}.expected.json`), 'utf8'));

/** Open a fixture through one of the two file inputs. */
async function open(page, url, rel, input) {
  if (page.url() === 'about:blank') await page.goto(url);
  await page.getByLabel(input).setInputFiles(fixture(rel));
}

/** Records, in the page, each change of a layer row's read and diff_id states (window.__rowStates). */
const ROW_STATE_RECORDER = `
  window.__rowStates = [];
  const last = new Map();
  const record = () => {
    for (const row of document.querySelectorAll('tr.row-layer')) {
      const read = row.querySelector('.read-cell [data-state]')?.dataset.state ?? null;
      const diff = row.querySelector('.diff-id-cell [data-state]')?.dataset.state ?? null;
      const key = read + ' ' + diff;
      if (last.get(row.dataset.layer) === key) continue;
      last.set(row.dataset.layer, key);
      window.__rowStates.push({ layer: row.dataset.layer, read, diff });
    }
  };
  new MutationObserver(record).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-state'],
  });
`;

/** The layer row for layer `i` of the listed image. */
const layerRow = (page, i) => page.locator(`tr.row-layer[data-layer="${i}"]`);

export const tests = [
  {
    name: 'oci layout folder: nodes, JSON formatted and as stored, digest links, layer rows',
    async run({ page, url }) {
      const rel = 'go-containerregistry/layout/test_index_one_image';
      const facts = expected(rel).images[0];
      await open(page, url, rel, FOLDER);

      // Every node is named by its kind first, then its digest.
      await graphNode(page, 'index', 'index.json').waitFor();
      await graphNode(page, 'manifest', facts.manifestDigest).waitFor();
      await graphNode(page, 'config', facts.configDigest).waitFor();
      await graphNode(page, 'layer', facts.layers[0].digest).waitFor();
      for (const region of ['Image graph', 'Details', 'Layers and problems', 'Image summary']) {
        await page
          .getByRole('region', { name: region })
          .or(page.getByRole('complementary', { name: region }))
          .or(page.getByRole('status', { name: region }))
          .first()
          .waitFor();
      }

      // The manifest's JSON opens formatted; exactly as stored is one toggle away.
      await graphNode(page, 'manifest', facts.manifestDigest).click();
      const stored = readFileSync(
        join(fixture(rel), 'blobs/sha256', facts.manifestDigest.slice(7)),
        'utf8',
      );
      await eventually(async () =>
        assert.match(
          await page.getByTestId('json-text').textContent(),
          /^\{\n {2}"schemaVersion": 2,\n/,
        ),
      );
      await page.getByRole('button', { name: 'Show as stored' }).click();
      await eventually(async () =>
        assert.equal(await page.getByTestId('json-text').textContent(), stored),
      );

      // A media type explained on hover, with the spec link.
      await page
        .locator('.j-str', { hasText: 'application/vnd.oci.image.config.v1+json' })
        .first()
        .hover();
      const tip = page.getByRole('tooltip');
      await expectText(tip, /OCI image configuration/);
      assert.match(
        await tip.getByRole('link').getAttribute('href'),
        /image-spec\/blob\/v1\.1\.1\/config\.md/,
      );

      // A digest in the JSON is a link to its node: follow it to the config.
      await page
        .getByTestId('json-text')
        .getByRole('link', { name: new RegExp(facts.configDigest) })
        .click();
      await eventually(async () =>
        assert.match(
          decodeURIComponent(new URL(page.url()).hash),
          new RegExp(`node=${facts.configDigest}`),
        ),
      );
      await expectText(
        page.getByRole('complementary', { name: 'Details' }).getByRole('heading').first(),
        /config/i,
      );
      const summary = page.getByRole('region', { name: 'Config summary' });
      await expectText(summary, /linux\/amd64/);
      await expectText(summary, /PATH/);

      // Layer rows reach their final states: listed, digest and diff_id verified.
      await checksDone(page);
      const row = layerRow(page, 0);
      await row.locator('[data-state="indexed"]').waitFor();
      await expectText(row, /verified/);
      assert.equal(await row.locator('.check-verified[data-state="verified"]').count(), 2);
      for (const kind of ['manifest', 'config', 'layer']) {
        const id =
          kind === 'manifest'
            ? facts.manifestDigest
            : kind === 'config'
              ? facts.configDigest
              : facts.layers[0].digest;
        await graphNode(page, kind, id).locator('[data-state="verified"]').waitFor();
      }
      await screenshot(page, 'layout-folder');

      // Keyboard: a focused node is selected with Enter.
      await graphNode(page, 'layer', facts.layers[0].digest).focus();
      await page.keyboard.press('Enter');
      await eventually(async () =>
        assert.match(
          decodeURIComponent(new URL(page.url()).hash),
          new RegExp(`node=${facts.layers[0].digest}`),
        ),
      );
      await expectText(page.getByRole('complementary', { name: 'Details' }), /diff_id\s*verified/);
    },
  },
  {
    name: 'drop anywhere: a clear target while dragging, and the dropped file opens',
    async run({ page, url }) {
      await page.goto(url);
      const b64 = readFileSync(
        fixture('go-containerregistry/tarball/hello-world-v25.tar'),
      ).toString('base64');
      const dt = await page.evaluateHandle((data) => {
        const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([bytes], 'hello-world-v25.tar'));
        return transfer;
      }, b64);
      await page.dispatchEvent('main', 'dragenter', { dataTransfer: dt });
      await expectText(page.locator('.drop-overlay'), /Drop to open/);
      await screenshot(page, 'drop-target');
      await page.dispatchEvent('main', 'drop', { dataTransfer: dt });
      await expectText(
        page.getByRole('status', { name: 'Image summary' }),
        /hello-world-v25\.tar[\s\S]*docker-archive-oci/,
      );
      assert.equal(await page.locator('.drop-overlay').count(), 0);
    },
  },
  {
    name: 'multi-platform layout: nested indexes, platforms, artifacts, subject edges',
    async run({ page, url }) {
      const rel = 'regclient/testrepo';
      const facts = expected(rel);
      await open(page, url, rel, FOLDER);
      await graphNode(page, 'index', 'index.json').waitFor();
      const platformed = facts.images.find(
        (i) => i.platform?.os === 'linux' && i.platform.architecture === 'arm64',
      );
      assert.ok(platformed, 'the fixture has an arm64 image');
      const node = graphNode(page, 'manifest', platformed.manifestDigest);
      await node.waitFor();
      assert.match(await node.getAttribute('aria-label'), /linux\/arm64/);
      // Each nested index is drawn once, however many references reach it.
      const nested = new Set(
        facts.indexJsonManifests.filter((m) => m.mediaType.includes('index')).map((m) => m.digest),
      );
      for (const d of nested) await expectCount(graphNode(page, 'index', d), 1);
      // Artifacts are labelled, and referrers' subject edges drawn.
      assert.ok(
        (await page.getByRole('button', { name: /^manifest .*artifact/ }).count()) > 0,
        'artifact manifests are labelled',
      );
      assert.ok(
        (await page.locator('.react-flow__edge.edge-subject').count()) > 0,
        'subject edges are drawn',
      );
      // The image picker lists every image; choosing one lists its layers.
      const picker = page.getByLabel('Image', { exact: true });
      await expectCount(
        picker.locator('option'),
        new Set(facts.images.map((i) => i.manifestDigest)).size,
      );
      await selectNode(node);
      await expectText(page.getByRole('complementary', { name: 'Details' }), /linux\/arm64/);
      await checksDone(page);
      await screenshot(page, 'multi-platform');
    },
  },
  {
    name: 'legacy docker save tar: history rows between layers, all layers indexed and verified',
    async run({ page, url }) {
      const rel = 'dive/test-docker-image.tar';
      const facts = expected(rel).dockerImages[0];
      await open(page, url, rel, FILE);
      await expectText(page.getByRole('status', { name: 'Image summary' }), /docker-archive/);
      await checksDone(page);
      await expectCount(page.locator('tr.row-layer'), facts.diffIds.length);
      assert.ok(
        (await page.locator('tr.row-empty').count()) > 0,
        'empty-layer history steps are listed between layers',
      );
      for (let i = 0; i < facts.diffIds.length; i++) {
        const row = layerRow(page, i);
        await row.locator('[data-state="indexed"]').waitFor();
        assert.equal(
          await row.locator('.check-verified').count(),
          2,
          `layer ${i}: digest and diff_id verified`,
        );
      }
      // Net and wasted bytes arrive once every layer is merged.
      await expectText(page.locator('.layers .panel-bar'), /wasted · efficiency/);
      await expectText(layerRow(page, 3), /6\.41 kB/);
      // The manifest of a docker archive is written by this tool, and says so.
      await page.getByRole('button', { name: /^manifest sha256:/ }).click();
      await expectText(
        page.getByRole('complementary', { name: 'Details' }),
        /Written by this tool/,
      );
      await page.getByRole('tab', { name: /Layers/ }).click();
      await screenshot(page, 'docker-save-legacy');
    },
  },
  {
    name: 'Docker 25+ tar opens and verifies',
    async run({ page, url }) {
      const rel = 'go-containerregistry/tarball/hello-world-v25.tar';
      await open(page, url, rel, FILE);
      await expectText(page.getByRole('status', { name: 'Image summary' }), /docker-archive-oci/);
      await checksDone(page);
      const row = layerRow(page, 0);
      await row.locator('[data-state="indexed"]').waitFor();
      assert.equal(await row.locator('.check-verified').count(), 2);
      await page.getByRole('button', { name: /^config sha256:/ }).click();
      await expectText(page.getByRole('region', { name: 'Config summary' }), /linux\/arm64/);
      await screenshot(page, 'docker-save-v25');
    },
  },
  {
    name: 'broken layout: the missing blob is a problem on its node and in the list',
    async run({ page, url }) {
      const rel = 'go-containerregistry/layout/test_gc_image_unknown_mediatype';
      await open(page, url, rel, FOLDER);
      const missing = page.getByRole('button', { name: /^manifest sha256:.*missing/ });
      await missing.waitFor();
      await missing.locator('[data-state="missing"]').waitFor();
      await page.getByRole('tab', { name: /Problems/ }).click();
      const list = page.getByRole('list', { name: 'All problems' });
      await expectText(list, /blob-missing/);
      await missing.click();
      await expectText(
        page.getByRole('list', { name: /Problems of this manifest/ }),
        /blob-missing/,
      );
      await screenshot(page, 'broken-missing-blob');
    },
  },
  {
    name: 'not an image: says which formats are accepted',
    async run({ page, url }) {
      await open(page, url, 'README.md', FILE);
      const alert = page.getByRole('alert');
      await expectText(alert, /not an image this tool can read/);
      await expectText(
        page.getByRole('list', { name: 'Accepted formats' }),
        /OCI image layout folder[\s\S]*docker save tar/,
      );
      await screenshot(page, 'not-an-image');
    },
  },
  {
    name: '?src= URL: CORS refusal explained, and an allowed URL opens',
    async run({ page, url, context }) {
      await page.goto(`${url}?src=${encodeURIComponent('http://127.0.0.1:9/image.tar')}`);
      await expectText(page.getByRole('alert'), /CORS/);
      await screenshot(page, 'src-cors');
      const body = readFileSync(fixture('go-containerregistry/tarball/hello-world-v25.tar'));
      await context.route('https://images.example.test/**', (route) =>
        route.fulfill({
          status: 200,
          body,
          headers: { 'content-type': 'application/x-tar', 'access-control-allow-origin': '*' },
        }),
      );
      await page.goto(`${url}?src=${encodeURIComponent('https://images.example.test/hello.tar')}`);
      await expectText(
        page.getByRole('status', { name: 'Image summary' }),
        /hello\.tar[\s\S]*docker-archive-oci/,
      );
    },
  },
  {
    name: 'a large image indexes with no main-thread task over 50 ms; a new drop cancels it',
    async run({ page, url }) {
      const img = buildSyntheticImage();
      try {
        // The observer reports wall-clock time, and on a small shared machine a busy neighbour can
        // stretch a 10 ms task past 50 ms. Work that truly blocks would do so on every attempt,
        // so the image is indexed up to three times and one clean run proves the claim.
        let clean = false;
        for (let attempt = 1; attempt <= 3 && !clean; attempt++) {
          await page.goto(url);
          // Let the page settle and Playwright inject its helper scripts before measuring: their
          // first evaluation is a long task of the test harness, not of the app.
          await page.evaluate(
            () => new Promise((r) => requestIdleCallback(() => r(undefined), { timeout: 2000 })),
          );
          await page.waitForFunction(() => true);
          await graphNode(page, 'index', 'nothing-yet').count();
          await page.getByLabel(FOLDER).setInputFiles(img.dir);
          await graphNode(page, 'manifest', img.manifestDigest).waitFor();
          // Progress shows while the big layer is read.
          await layerRow(page, 0)
            .locator('[data-state="reading"], [data-state="indexed"]')
            .first()
            .waitFor();
          await checksDone(page);
          await expectText(page.locator('.layers .panel-bar'), /wasted/, { timeout: 30_000 });
          const { tasks, error, marks } = await longTasks(page);
          assert.equal(error, null, 'the Long Tasks API is available');
          // Indexing runs from the first check to the last (the workers start once the graph is drawn).
          const during = tasks.filter(
            (t) =>
              t.start + t.duration >= marks['oci:checks-start'] &&
              t.start <= marks['oci:checks-done'],
          );
          const before = tasks.filter(
            (t) => t.start >= marks['oci:open'] && t.start + t.duration < marks['oci:checks-start'],
          );
          const at = (ms) => `+${(ms - marks['oci:open']).toFixed(0)} ms`;
          const list = (ts) =>
            ts.map((t) => `${t.duration.toFixed(0)} ms at ${at(t.start)}`).join(', ') || 'none';
          console.log(
            `     attempt ${attempt}: ${(img.uncompressed / 1e6).toFixed(0)} MB uncompressed: graph visible ${at(marks['oci:graph-visible'])}, indexing ${at(marks['oci:checks-start'])} to ${at(marks['oci:checks-done'])}; ` +
              `long tasks while indexing: ${list(during)}; while drawing the graph: ${list(before)}`,
          );
          clean = during.length === 0;
        }
        assert.ok(clean, 'no main-thread task over 50 ms while the image indexes');
        await screenshot(page, 'large-image-indexed');

        // Open it again and, while its layers are read, open something else: the new image wins.
        await page.goto(url);
        await page.getByLabel(FOLDER).setInputFiles(img.dir);
        await layerRow(page, 0)
          .locator('[data-state="reading"], [data-state="queued"]')
          .first()
          .waitFor();
        await page
          .getByLabel(FILE)
          .setInputFiles(fixture('go-containerregistry/tarball/hello-world-v25.tar'));
        await expectText(
          page.getByRole('status', { name: 'Image summary' }),
          /hello-world-v25\.tar/,
        );
        await checksDone(page);
        assert.equal(await graphNode(page, 'manifest', img.manifestDigest).count(), 0);
      } finally {
        rmSync(img.dir, { recursive: true, force: true });
      }
    },
  },
  {
    name: 'each layer is inflated once: its listing and its digest both show progress, ✓ only when both end',
    async run({ page, url }) {
      const img = buildSyntheticImage({ files: 8_000 });
      try {
        // Record every state each layer row passes through: (read column, diff_id column).
        await page.addInitScript(ROW_STATE_RECORDER);
        await page.goto(url);
        await page.getByLabel(FOLDER).setInputFiles(img.dir);
        await checksDone(page);
        const { seen, marks, measures } = await page.evaluate(() => ({
          seen: window.__rowStates,
          marks: Object.fromEntries(
            performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]),
          ),
          measures: performance
            .getEntriesByType('measure')
            .map((m) => ({ name: m.name, start: m.startTime, end: m.startTime + m.duration })),
        }));
        assert.ok(marks['oci:layers-indexed'] <= marks['oci:layers-verified']);
        // One listing per layer (it also hashes the diff_id): no second inflate.
        const listed = measures.filter((m) => m.name.startsWith('oci:index '));
        assert.equal(listed.length, img.layers.length);
        for (const [i, layer] of img.layers.entries()) {
          const states = seen.filter((s) => s.layer === String(i));
          const at = (read, diff) =>
            states.findIndex((s) => read.includes(s.read) && diff.includes(s.diff));
          // The diff_id comes from the listing: a layer is never verified while it is read.
          assert.equal(
            at(['reading', 'queued'], ['verified']),
            -1,
            `layer ${i} was shown verified before its listing ended: ${JSON.stringify(states)}`,
          );
          assert.ok(at(['indexed'], ['verified']) >= 0, `layer ${i} ends listed and verified`);
          assert.equal(states.at(-1).diff, 'verified');
          const verify = measures.find((m) => m.name === `oci:verify ${layer.digest}`);
          const listing = listed.find((m) => m.name === `oci:index ${layer.digest}`);
          assert.ok(verify && listing, `layer ${i}: listed and verified once each`);
          assert.ok(verify.end >= listing.end, `layer ${i}: verified once its listing ended`);
        }
        // The big layer's digest showed its own progress bar while it was hashed.
        assert.ok(
          seen.some((s) => s.layer === '0' && s.diff === 'verifying'),
          `layer 0 showed verify progress: ${JSON.stringify(seen.filter((s) => s.layer === '0'))}`,
        );
        const row = layerRow(page, 0);
        assert.equal(await row.locator('.check-verified[data-state="verified"]').count(), 2);
        await screenshot(page, 'layers-listed-then-verified');
      } finally {
        rmSync(img.dir, { recursive: true, force: true });
      }
    },
  },
  {
    name: 'dark mode renders the graph and JSON readably',
    colorScheme: 'dark',
    async run({ page, url }) {
      await open(page, url, 'regclient/testrepo', FOLDER);
      await selectNode(page.getByRole('button', { name: /^manifest .*linux\/amd64/ }).first());
      await checksDone(page);
      await screenshot(page, 'dark-mode');
    },
  },
];
