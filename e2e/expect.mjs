// Small waiting assertions over playwright-core (the test runner package is not used here).
import assert from 'node:assert/strict';

export { assert };

/** Retry `fn` until it stops throwing or `timeout` ms pass; rethrows the last error. */
export async function eventually(fn, { timeout = 15_000, every = 100 } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise((r) => setTimeout(r, every));
    }
  }
}

/** Wait until a locator's text matches. */
export async function expectText(locator, pattern, opts) {
  await eventually(async () => {
    const text = await locator.innerText();
    assert.match(text, pattern);
  }, opts);
}

/** Wait until a locator matches exactly `n` elements. */
export async function expectCount(locator, n, opts) {
  await eventually(async () => assert.equal(await locator.count(), n), opts);
}

/**
 * The graph node whose accessible name starts with its kind and names `id`: its name (as the
 * box shows it), or its digest or a prefix of it (the name ends with the whole digest).
 */
export function graphNode(page, kind, id) {
  const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page.getByRole('button', {
    name: new RegExp(`^${kind} (${escaped}[ ,]|.*, digest ${escaped})`),
  });
}

/** Wait until every check has settled (the app marks `oci:checks-done`). */
export async function checksDone(page) {
  await page.waitForFunction(
    () => performance.getEntriesByName('oci:checks-done').length > 0,
    null,
    { timeout: 30_000, polling: 200 },
  );
}

/** Select a graph node the way a keyboard user does (it need not be in view): focus, then Enter. */
export async function selectNode(node) {
  await node.focus();
  await node.press('Enter');
}
