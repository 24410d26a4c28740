// The filesystem tree and the file viewer, as the e2e tests reach them.
import { assert, eventually } from './expect.mjs';

/** The filesystem tree. */
export const tree = (page) => page.getByRole('tree', { name: 'Filesystem' });
/** The tree row of a path (rows are named by the file's name and carry their path). */
export const item = (page, path) => tree(page).locator(`[role="treeitem"][data-path="${path}"]`);
/** The file viewer. */
export const viewer = (page) => page.getByRole('region', { name: 'File contents' });

/** Expand a folder row (a click on its twisty toggles it; the keyboard's → opens it). */
export async function expand(page, path) {
  const row = item(page, path);
  await row.click();
  if ((await row.getAttribute('aria-expanded')) !== 'true') await page.keyboard.press('ArrowRight');
  await eventually(async () => assert.equal(await row.getAttribute('aria-expanded'), 'true'));
}

/**
 * Choose the tree's mode by its radio's label. The mode lives in the URL, which the radio follows
 * in the same task now (navigation.ts); this still clicks and waits for the radio to show it, so
 * the test reads the state the page shows rather than playwright's `check()` guess.
 */
export async function chooseMode(page, label) {
  const radio = page.getByLabel(label);
  await radio.click();
  await eventually(async () => assert.equal(await radio.isChecked(), true));
}
