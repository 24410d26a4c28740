// The browser app, part 3: one workspace. Graph and tree on one screen at 1280×800, a layer
// leads to its changes, a file to its layers, resizable panes, 390 px, links, focus, axe.
import { axeViolations } from './axe.mjs';
import { screenshot } from './harness.mjs';
import { assert, eventually, expectText, graphNode, selectNode } from './expect.mjs';
import { chooseMode, expand, item, tree, viewer } from './tree.mjs';

const LAYERS = 'Five layers that add, change, delete and link';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

const layerRow = (page, i) => page.locator(`tr.row-layer[data-layer="${i}"]`);

/** Open the five-layer demo with its start-page button, at a window size. */
async function openDemo(page, url, size) {
  await page.setViewportSize(size);
  await page.goto(url);
  await page.getByRole('button', { name: LAYERS }).click();
  await item(page, '/etc').waitFor({ timeout: 30_000 });
}

/** True when the element's box lies inside the window (at least `min` px of it each way). */
async function inWindow(locator, min = 40) {
  const box = await locator.boundingBox();
  const { width, height } = locator.page().viewportSize();
  return (
    box !== null &&
    box.x >= 0 &&
    box.y >= 0 &&
    box.x + Math.min(box.width, min) <= width &&
    box.y + Math.min(box.height, min) <= height &&
    box.width >= min &&
    box.height >= min
  );
}

/** The digest of layer `i` (0-based) of the listed image, from its row's link. */
const layerDigest = (page, i) => layerRow(page, i).locator('a.digest-link').getAttribute('title');

/** The paths the tree shows now. */
const shownPaths = (page) =>
  tree(page)
    .locator('[role="treeitem"]')
    .evaluateAll((rows) => rows.map((r) => r.dataset.path));

/** The axe audit of the start page, the workspace and a file open in the tree. */
async function audit({ page, url }) {
  await page.setViewportSize(DESKTOP);
  await page.goto(url);
  await page.getByRole('button', { name: LAYERS }).waitFor();
  const report = (where, v) =>
    `${where}:\n${v.map((x) => `${x.id} (${x.impact}, ${x.nodes}): ${x.help}\n  ${x.targets.join('\n  ')}`).join('\n')}`;
  let v = await axeViolations(page);
  assert.equal(v.length, 0, report('start page', v));

  await page.getByRole('button', { name: LAYERS }).click();
  await item(page, '/etc').waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => performance.getEntriesByName('oci:checks-done').length > 0);
  v = await axeViolations(page);
  assert.equal(v.length, 0, report('workspace', v));

  await expand(page, '/etc');
  await item(page, '/etc/hostname').click();
  await expectText(viewer(page).locator('.fs-content'), /demo/);
  v = await axeViolations(page);
  assert.equal(v.length, 0, report('a file open', v));
  // The screenshot is named for the colour scheme, so the light and dark runs both stay.
  const dark = await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
  await screenshot(page, `workspace-axe-file${dark ? '-dark' : ''}`);
}

export const tests = [
  {
    name: 'workspace: graph and tree on one screen at 1280×800, the first view has its link, focus lands on the heading',
    async run({ page, url }) {
      await openDemo(page, url, DESKTOP);
      // Both halves and the details are on screen without a click.
      await eventually(async () => {
        assert.ok(await inWindow(page.getByRole('region', { name: 'Image graph' }), 200));
        assert.ok(await inWindow(tree(page), 200));
        assert.ok(await inWindow(page.getByRole('complementary', { name: 'Details' }), 200));
        assert.ok(await inWindow(page.getByRole('tab', { name: /^Layers/ }), 20));
        assert.ok(await inWindow(page.locator('.react-flow__node').first(), 20));
        assert.ok(await inWindow(item(page, '/etc'), 16));
      });
      // The first view after the load has an address naming its image.
      assert.match(new URL(page.url()).hash, /image=sha256:[0-9a-f]{64}/);
      // Choosing the demo did not drop the focus to the page: the workspace heading has it.
      assert.equal(
        await page.evaluate(() => document.activeElement?.tagName),
        'H1',
        'focus after choosing a demo',
      );
      assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1);
      await screenshot(page, 'workspace-1280-loaded');
    },
  },
  {
    name: 'workspace: a layer node shows its own changes, the merged view one click away; a manifest its filesystem',
    async run({ page, url }) {
      await openDemo(page, url, DESKTOP);
      const third = await layerDigest(page, 2);
      await selectNode(graphNode(page, 'layer', third));
      // Layer 3 adds /opt/model and nothing else: the tree holds its changes only.
      await eventually(async () => assert.deepEqual(await shownPaths(page), ['/opt']));
      assert.match(page.url(), /mode=layer&layer=3/);
      assert.ok(await page.getByLabel("Only this layer's changes").isChecked());
      await expectText(item(page, '/opt'), /added/);
      await expand(page, '/opt');
      await expand(page, '/opt/model');
      await expectText(item(page, '/opt/model/weights.bin'), /added/);
      await screenshot(page, 'workspace-layer-3-changes');

      // Layer 5 from the table: its whiteout shows /etc/motd deleted.
      await layerRow(page, 4).locator('td').first().click();
      await expand(page, '/etc');
      await expectText(item(page, '/etc/motd'), /deleted/);
      assert.match(page.url(), /mode=layer&layer=5/);
      assert.match(await layerRow(page, 4).getAttribute('class'), /is-selected/);

      // The merged view up to that layer is one click away.
      await chooseMode(page, 'Merged up to layer');
      await item(page, '/usr').waitFor();
      assert.ok((await shownPaths(page)).includes('/home'));

      // Back to layer mode, then the manifest: the image's whole filesystem again.
      await chooseMode(page, "Only this layer's changes");
      await eventually(async () => assert.ok(!(await shownPaths(page)).includes('/home')));
      const manifest = await page.getByLabel('Image', { exact: true }).inputValue();
      await selectNode(graphNode(page, 'manifest', manifest));
      await eventually(async () => assert.ok((await shownPaths(page)).includes('/home')));
      assert.ok(await page.getByLabel('Merged up to layer').isChecked());
    },
  },
  {
    name: 'workspace: a file marks its layers in the graph and the table; the change toggles',
    async run({ page, url }) {
      await openDemo(page, url, DESKTOP);
      await expand(page, '/opt');
      await expand(page, '/opt/model');
      await item(page, '/opt/model/weights.bin').click();
      // Layer 3 wrote it, layer 5 wrote it again: 5 last, 3 in its history, no other layer.
      const third = await layerDigest(page, 2);
      const fifth = await layerDigest(page, 4);
      const mark = (digest) =>
        graphNode(page, 'layer', digest).locator('.oci-node').getAttribute('data-file-layer');
      await eventually(async () => {
        assert.equal(await mark(fifth), 'last');
        assert.equal(await mark(third), 'history');
        assert.equal(await mark(await layerDigest(page, 0)), null);
        assert.equal(await layerRow(page, 4).getAttribute('data-file-layer'), 'last');
        assert.equal(await layerRow(page, 2).getAttribute('data-file-layer'), 'history');
        assert.equal(await layerRow(page, 1).getAttribute('data-file-layer'), null);
      });
      // The details show the file now, the node one click away.
      await viewer(page).waitFor();
      assert.equal(
        await page.getByRole('button', { name: 'Selected file' }).getAttribute('aria-pressed'),
        'true',
      );
      await screenshot(page, 'workspace-file-marks-layers');

      // Another file moves the marks: /etc/hostname is layer 1's only.
      await expand(page, '/etc');
      await item(page, '/etc/hostname').click();
      await eventually(async () => {
        assert.equal(await mark(await layerDigest(page, 0)), 'last');
        assert.equal(await mark(fifth), null);
      });

      // dive's toggles: hide unmodified leaves only what the last layer changed.
      await page.getByRole('checkbox', { name: 'unmodified' }).uncheck();
      await eventually(async () => assert.ok(!(await shownPaths(page)).includes('/home')));
      const changed = await shownPaths(page);
      assert.ok(changed.includes('/opt') && changed.includes('/etc'), changed.join(' '));
      await page.getByRole('button', { name: 'Expand all' }).click();
      await item(page, '/etc/motd').waitFor();
      await page.getByRole('checkbox', { name: 'deleted' }).uncheck();
      await eventually(async () => assert.equal(await item(page, '/etc/motd').count(), 0));
      await page.getByRole('checkbox', { name: 'folders only' }).check();
      await eventually(async () =>
        assert.equal(await item(page, '/opt/model/weights.bin').count(), 0),
      );
      assert.ok((await shownPaths(page)).includes('/opt/model'));
      await screenshot(page, 'workspace-toggles');
    },
  },
  {
    name: 'workspace: the panes resize by keyboard and pointer, and the sizes are remembered',
    async run({ page, url }) {
      await openDemo(page, url, DESKTOP);
      // A drag of the details bar to the left widens the details.
      const details = page.getByRole('separator', { name: 'Resize the tree and the details' });
      const box = await details.boundingBox();
      const aside = page.getByRole('complementary', { name: 'Details' });
      const wide = (await aside.boundingBox()).width;
      await page.mouse.move(box.x + 3, box.y + 200);
      await page.mouse.down();
      await page.mouse.move(box.x - 60, box.y + 200, { steps: 4 });
      await page.mouse.up();
      const wider = (await aside.boundingBox()).width;
      assert.ok(wider > wide + 40, `details ${wide} → ${wider}`);

      // The graph's bar follows the arrow keys.
      const bar = page.getByRole('separator', { name: 'Resize the graph and the tree' });
      const graphWidth = async () =>
        (await page.getByRole('region', { name: 'Image graph' }).boundingBox()).width;
      const before = await graphWidth();
      await bar.focus();
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');
      const after = await graphWidth();
      assert.ok(after < before - 40, `graph ${before} → ${after}`);
      assert.equal(Number(await bar.getAttribute('aria-valuenow')), 34);

      // The strip under the graph grows with ArrowUp, and all three survive a reload.
      const strip = page.getByRole('separator', { name: 'Resize the graph and the layers' });
      const height = Number(await strip.getAttribute('aria-valuenow'));
      await strip.focus();
      await page.keyboard.press('ArrowUp');
      assert.equal(Number(await strip.getAttribute('aria-valuenow')), height + 2);
      const sizes = await page.evaluate(() => localStorage.getItem('oci-explorer.panes.v1'));
      await page.reload();
      await item(page, '/etc').waitFor({ timeout: 30_000 });
      assert.equal(Number(await bar.getAttribute('aria-valuenow')), 34);
      assert.equal(await page.evaluate(() => localStorage.getItem('oci-explorer.panes.v1')), sizes);
      assert.ok(Math.abs((await aside.boundingBox()).width - wider) < 2);
      assert.ok(Math.abs((await graphWidth()) - after) < 2);
    },
  },
  {
    name: 'workspace: skip links reach the graph, the tree and the details; Copy link copies the view',
    async run({ page, url, context }) {
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      await openDemo(page, url, DESKTOP);
      for (const [name, check] of [
        ['Skip to the graph', (el) => el.closest('#pane-graph') !== null],
        ['Skip to the tree', (el) => el.getAttribute('role') === 'tree'],
        ['Skip to the details', (el) => el.id === 'pane-details'],
      ]) {
        // Out of sight until focused, as a keyboard user meets them.
        await page.getByRole('button', { name }).focus();
        await page.keyboard.press('Enter');
        const where = await page.evaluateHandle(() => document.activeElement);
        assert.ok(
          await where.evaluate(check),
          `${name}: focus on ${await where.evaluate((e) => e.outerHTML.slice(0, 80))}`,
        );
      }
      await page.getByRole('button', { name: 'Copy link' }).click();
      await expectText(page.locator('.copy-link [role="status"]'), /Link copied/);
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), page.url());
    },
  },
  {
    name: 'workspace: 390×844 is one column with no sideways scroll, every part reachable',
    async run({ page, url }) {
      const noSideways = async (when) => {
        const { sw, iw } = await page.evaluate(() => ({
          sw: document.documentElement.scrollWidth,
          iw: innerWidth,
        }));
        assert.ok(sw <= iw, `${when}: scrollWidth ${sw} > ${iw}`);
      };
      await page.setViewportSize(PHONE);
      await page.goto(url);
      const demo = page.getByRole('button', { name: LAYERS });
      await demo.waitFor();
      await noSideways('the start page');
      // Every demo button fits the window (a long title wraps).
      const demos = page.getByRole('region', { name: 'Demo images' }).getByRole('button');
      const boxes = await demos.evaluateAll((bs) =>
        bs.map((b) => b.getBoundingClientRect().toJSON()),
      );
      assert.equal(boxes.length, 4); // the lesson, layers, multi-platform and Docker demos
      for (const box of boxes)
        assert.ok(box.x >= 0 && box.right <= PHONE.width, `demo button ${JSON.stringify(box)}`);
      await demo.click();
      await item(page, '/etc').waitFor({ timeout: 30_000 });
      await noSideways('after the load');
      // The header's parts do not overlap.
      const brand = await page.locator('.brand').boundingBox();
      const open = await page.getByRole('button', { name: /Open file/ }).boundingBox();
      const apart =
        brand.x + brand.width <= open.x ||
        brand.y + brand.height <= open.y ||
        open.y + open.height <= brand.y;
      assert.ok(apart, `brand ${JSON.stringify(brand)} overlaps ${JSON.stringify(open)}`);
      // The layer picker and the tree's columns fit the window.
      const picker = await page.getByLabel('Layer', { exact: true }).boundingBox();
      assert.ok(picker.x >= 0 && picker.x + picker.width <= PHONE.width, JSON.stringify(picker));
      const fits = await tree(page).evaluate((t) => t.scrollWidth <= t.clientWidth);
      assert.ok(fits, 'the tree scrolls sideways');
      await screenshot(page, 'workspace-390-top');
      // Every part is reached by scrolling the page: tree, then details.
      await tree(page).scrollIntoViewIfNeeded();
      await expand(page, '/etc');
      await item(page, '/etc/hostname').click();
      await viewer(page).scrollIntoViewIfNeeded();
      await expectText(viewer(page).locator('.fs-content'), /demo/);
      assert.ok(await inWindow(viewer(page), 40));
      await noSideways('with a file open');
      await screenshot(page, 'workspace-390-file');
    },
  },
  {
    name: 'workspace: axe finds no serious or critical violation on the start page, the workspace, a file',
    run: audit,
  },
  {
    name: 'workspace: axe, the same three views in dark mode',
    colorScheme: 'dark',
    run: audit,
  },
];
