// Teaching in place: the guided walk on the lesson demo, "About this …" with spec links, the
// commands of a config and a layer run in bash on the loaded layout, the input's files.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import { fixture, screenshot } from './harness.mjs';
import { assert, eventually, expectText, graphNode, selectNode } from './expect.mjs';

const LESSON = 'The image-spec lesson: one layer, Cmd ["sh"]';
const MULTI = 'One tag, two platforms, and an SBOM attestation';
const SPEC = 'https://github.com/opencontainers/image-spec/blob/v1.1.1/';
const FOLDER = 'Open an OCI layout folder';
const details = (page) => page.getByRole('complementary', { name: 'Details' });

/** An "About this …" region is shown, open, with links into the spec at its release tag. */
async function expectAbout(page, name) {
  const region = details(page).getByRole('region', { name });
  await region.waitFor();
  const hrefs = await region.getByRole('link').evaluateAll((as) => as.map((a) => a.href));
  assert.ok(hrefs.length > 0, `${name} has spec links`);
  for (const h of hrefs) assert.ok(h.startsWith(SPEC), `${h} points at ${SPEC}`);
}

function bash(command, cwd) {
  return execFileSync('bash', ['-c', command], { cwd, maxBuffer: 1 << 26 });
}

/** The commands the Commands region shows, in order. */
async function shownCommands(page) {
  const region = details(page).getByRole('region', { name: 'Commands' });
  await region.waitFor();
  return region.locator('code').allTextContents();
}

export const tests = [
  {
    name: 'teach: the walk through the lesson demo visits index, manifest, config, layer, filesystem',
    async run({ page, url }) {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(url);
      await page.getByRole('button', { name: LESSON }).click();
      await page.getByRole('button', { name: 'Walk through this image' }).click();
      const status = page.getByRole('group', { name: 'Guided walk' }).getByRole('status');
      const visited = [];
      const expectations = [
        ['About this archive', 'About this index'],
        ['About this manifest'],
        ['About this config'],
        ['About this layer'],
      ];
      for (let step = 1; step <= 5; step++) {
        await expectText(status, new RegExp(`^Step ${step} of 5`));
        if (step <= 4) {
          for (const name of expectations[step - 1]) await expectAbout(page, name);
          const heading = await details(page).getByRole('heading', { level: 2 }).textContent();
          visited.push(heading.split(' ')[0]);
        } else {
          await page.getByRole('region', { name: 'Filesystem' }).waitFor();
          await page
            .getByRole('tree', { name: 'Filesystem' })
            .locator('[data-path="/lib64"]')
            .waitFor();
          visited.push('filesystem');
        }
        await screenshot(page, `teach-walk-${step}`);
        if (step === 3) {
          await page.setViewportSize({ width: 390, height: 844 });
          await screenshot(page, 'teach-walk-3-narrow');
          await page.setViewportSize({ width: 1280, height: 800 });
        }
        // Keyboard only: the walk keeps the focus on its Next button.
        if (step < 5) await page.keyboard.press('Enter');
      }
      assert.deepEqual(visited, ['index', 'manifest', 'config', 'layer', 'filesystem']);
    },
  },
  {
    name: 'teach: a config’s and a layer’s commands run on the loaded layout and print what the app shows',
    async run({ page, url }) {
      const rel = 'go-containerregistry/layout/test_index_one_image';
      const dir = fixture(rel);
      await page.goto(url);
      await page.getByLabel(FOLDER).setInputFiles(dir);
      const index = JSON.parse(bash('cat index.json', dir).toString());
      const manifest = JSON.parse(
        bash(`cat blobs/sha256/${index.manifests[0].digest.slice(7)}`, dir).toString(),
      );

      // The config: jq prints the document the app shows; sha256sum prints its digest.
      await selectNode(graphNode(page, 'config', manifest.config.digest));
      await expectAbout(page, 'About this config');
      const config = await shownCommands(page);
      assert.equal(config[0], "cd 'test_index_one_image'");
      const shownJson = await details(page).getByTestId('json-text').textContent();
      let ran = 0;
      for (const c of config.slice(1)) {
        const out = bash(`${config[0]} && ${c}`, dirname(dir));
        ran++;
        if (c.startsWith('jq .'))
          assert.deepEqual(JSON.parse(out.toString()), JSON.parse(shownJson));
        if (c.startsWith('sha256sum'))
          assert.equal(`sha256:${out.toString().split(' ')[0]}`, manifest.config.digest);
        if (c.startsWith('skopeo'))
          assert.equal(
            `sha256:${createHash('sha256').update(out).digest('hex')}`,
            manifest.config.digest,
          );
      }
      assert.equal(ran, 3);
      await screenshot(page, 'teach-commands-config');

      // The layer: its listing has as many lines as the app counts entries; the diff_id matches.
      const layer = manifest.layers[0].digest;
      await selectNode(graphNode(page, 'layer', layer));
      await expectAbout(page, 'About this layer');
      const entries = details(page)
        .locator('dt', { hasText: /^entries$/ })
        .locator('xpath=following-sibling::dd[1]');
      await eventually(async () => assert.match(await entries.textContent(), /^\d+$/));
      const commands = await shownCommands(page);
      const listing = commands.find((c) => c.startsWith('tar -tvzf'));
      assert.ok(listing, 'a gzip layer is listed with tar -tvzf');
      const lines = bash(`${commands[0]} && ${listing}`, dirname(dir))
        .toString()
        .split('\n')
        .filter(Boolean);
      assert.equal(String(lines.length), (await entries.textContent()).trim());
      const sum = commands.find((c) => c.startsWith('sha256sum'));
      assert.equal(
        `sha256:${bash(`${commands[0]} && ${sum}`, dirname(dir)).toString().split(' ')[0]}`,
        layer,
      );
      await details(page).getByRole('button', { name: 'Show the tar entries as stored' }).click();
      const rows = details(page)
        .getByRole('table', { name: 'Tar entries as stored' })
        .locator('tr');
      await eventually(async () => assert.equal(await rows.count(), lines.length));
      await screenshot(page, 'teach-commands-layer');
    },
  },
  {
    name: 'teach: the input’s files, each selecting its node; an index says what a pull picks',
    async run({ page, url }) {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(url);
      await page.getByRole('button', { name: MULTI }).click();
      const files = details(page).getByRole('region', { name: 'Files of the input' });
      await files.waitFor();
      await expectText(files, /oci-layout.*imageLayoutVersion 1\.0\.0/);
      // In `tree` order: the blobs, then index.json (oci-layout stands for no node).
      const buttons = await files.getByRole('button').allTextContents();
      assert.equal(buttons.at(-1), 'index.json');
      assert.ok(
        buttons.slice(0, -1).every((b) => /^blobs\/sha256\/[0-9a-f]{64}$/.test(b)),
        buttons.join(),
      );
      await screenshot(page, 'teach-input-files');
      // The nested index: the one whose About counts two images and an attestation.
      for (const b of buttons.slice(0, -1)) {
        await files.getByRole('button', { name: b }).click();
        // Wait until the details show this blob, so a region of the node before is not read.
        const hex = b.slice('blobs/sha256/'.length);
        await expectText(details(page).locator('.details-head'), new RegExp(hex));
        const about = details(page).getByRole('region', { name: 'About this index' });
        if (await about.count()) {
          await expectText(about, /lists 2 images, one per platform, and 1 attestation/);
          const pull = details(page).getByRole('region', { name: 'What a pull picks' });
          await expectText(pull, /linux\/arm\/v7 → nothing/);
          await screenshot(page, 'teach-index-pull');
          return;
        }
        await page.goBack();
      }
      throw new Error('no blob of the input selected the nested index');
    },
  },
];
