// Images in a registry, opened from the page through the distribution API: Debian's registry
// started by the test, images pushed with skopeo. Without CORS headers the page says exactly
// what the registry must send; with the config lines it shows, the image opens, its blobs are
// verified as they stream, and the link is pinned to the manifest so it reopens the same bytes.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { assert, checksDone, eventually, expectText, graphNode } from './expect.mjs';
import { fixture, repoRoot, screenshot } from './harness.mjs';
import { push, startRegistry, startTokenProxy } from './registry.mjs';
import { expand, item, viewer } from './tree.mjs';

/** What the CLI reads from the same registry (checked against the archives in tests/registry). */
function inspect(ref) {
  const out = execFileSync(
    process.execPath,
    [join(repoRoot, 'bin/oci-explorer.js'), 'inspect', '--json', `docker://${ref}`],
    { encoding: 'utf8' },
  );
  return JSON.parse(out);
}

export const tests = [
  {
    name: 'registry: no CORS is explained with the config that fixes it; with it, ?ref= opens, verifies and pins the link',
    async run({ page, url }) {
      const bare = await startRegistry();
      let config;
      try {
        push(`oci:${fixture('regclient/testrepo')}:b1`, bare.host, 'multi:b1', true);
        await page.goto(`${url}?ref=${bare.host}/multi:b1`);
        const alert = page.getByRole('alert');
        await expectText(alert, /The registry could not be read from this page/);
        await expectText(alert, /Access-Control-Allow-Origin/);
        await expectText(alert, /skopeo copy docker:\/\//);
        config = await page.getByLabel('Registry CORS configuration').innerText();
        await screenshot(page, 'registry-no-cors');
      } finally {
        bare.stop();
      }

      // The same registry configured as the page said.
      const reg = await startRegistry({ http: config.trim() });
      try {
        push(`oci:${fixture('regclient/testrepo')}:b1`, reg.host, 'multi:b1', true);
        push(`oci-archive:${fixture('dive/test-oci-zstd-image.tar')}`, reg.host, 'zst:v1');
        const want = inspect(`${reg.host}/multi:b1`);
        assert.equal(want.images.length, 4);
        await page.goto(`${url}?ref=${reg.host}/multi:b1`);
        for (const im of want.images) await graphNode(page, 'manifest', im.manifest).waitFor();
        await checksDone(page);
        await eventually(async () =>
          assert.doesNotMatch(await page.locator('body').innerText(), /mismatch|unreadable/i),
        );
        // The link is pinned to the index the tag resolved to.
        const top = JSON.parse(
          execFileSync('skopeo', [
            'inspect',
            '--raw',
            '--tls-verify=false',
            `docker://${reg.host}/multi:b1`,
          ]).toString(),
        );
        assert.equal(top.manifests.length, 4);
        await eventually(async () =>
          assert.match(page.url(), new RegExp(`\\?ref=${reg.host}/multi:b1@sha256:[0-9a-f]{64}`)),
        );
        await screenshot(page, 'registry-index');

        // A copied link reopens the same view.
        const link = page.url();
        await page.goto('about:blank');
        await page.goto(link);
        await graphNode(page, 'manifest', want.images[0].manifest).waitFor();

        // A zstd image: its layer fetched from the registry, listed and verified.
        const zst = inspect(`${reg.host}/zst:v1`);
        await page.goto(`${url}?ref=${reg.host}/zst:v1`);
        await graphNode(page, 'layer', zst.images[0].layers[0].digest).waitFor();
        await checksDone(page);
        await eventually(async () =>
          assert.doesNotMatch(await page.locator('body').innerText(), /mismatch|unreadable/i),
        );
      } finally {
        reg.stop();
      }
    },
  },
  {
    name: 'registry: Docker Hub is named at once, with the command that saves the image to a file',
    async run({ page, url }) {
      await page.goto(`${url}?ref=busybox`);
      const alert = page.getByRole('alert');
      await expectText(alert, /Docker Hub sends no CORS headers/);
      await expectText(
        alert,
        /skopeo copy docker:\/\/docker\.io\/library\/busybox:latest oci-archive:busybox\.tar/,
      );
    },
  },
  {
    name: 'registry: the bearer-token challenge, anonymous and with credentials typed into the page',
    async run({ page, url }) {
      const reg = await startRegistry();
      const open = await startTokenProxy(reg.host, { cors: true });
      const locked = await startTokenProxy(reg.host, {
        cors: true,
        user: { name: 'ana', password: 's3cret' },
      });
      try {
        push(`oci-archive:${fixture('dive/test-oci-gzip-image.tar')}`, reg.host, 'gz:v1');
        const want = inspect(`${reg.host}/gz:v1`).images[0];

        // A public registry: the page asks the token service on its own.
        await page.goto(`${url}?ref=${open.host}/gz:v1`);
        await graphNode(page, 'layer', want.layers[0].digest).waitFor();
        await checksDone(page);
        assert.ok(open.tokenRequests > 0);

        // A private one: refused, then read with the username and password typed in.
        await page.goto(`${url}?ref=${locked.host}/gz:v1`);
        await expectText(page.getByRole('alert'), /The registry asks for credentials/);
        const form = page.getByRole('form', { name: 'Registry credentials' });
        await form.getByLabel('Username').fill('ana');
        await form.getByLabel('Password').fill('s3cret');
        await screenshot(page, 'registry-credentials');
        await form.getByRole('button', { name: 'Open with these' }).click();
        await graphNode(page, 'layer', want.layers[0].digest).waitFor();
        await checksDone(page);
        // Credentials live in memory only: never in the address, never in storage.
        assert.doesNotMatch(page.url(), /ana|s3cret/);
        const stored = await page.evaluate(() =>
          JSON.stringify({ ...localStorage, ...sessionStorage }),
        );
        assert.doesNotMatch(stored, /s3cret/);
      } finally {
        open.stop();
        locked.stop();
        reg.stop();
      }
    },
  },
  {
    name: 'registry: an index fetches only the viewed platform’s layers; another platform’s when chosen; files read from the registry',
    async run({ page, url }) {
      const reg = await startRegistry();
      const proxy = await startTokenProxy(reg.host, { cors: true });
      try {
        push(
          `oci-archive:${join(repoRoot, 'dist/demo/demo-multiplatform.oci.tar')}`,
          reg.host,
          'demo:1.0',
          true,
        );
        const want = inspect(`${reg.host}/demo:1.0`).images;
        const amd = want.find((i) => i.platform === 'linux/amd64');
        const arm = want.find((i) => i.platform === 'linux/arm64/v8');
        const own = (im, other) =>
          im.layers.map((l) => l.digest).filter((d) => !other.layers.some((o) => o.digest === d));
        const fetched = (d) => proxy.requests.some((r) => r === `GET /v2/demo/blobs/${d}`);
        await page.goto(`${url}?ref=${proxy.host}/demo:1.0`);
        await checksDone(page);
        for (const d of own(amd, arm)) assert.ok(fetched(d), `amd64 layer ${d} fetched`);
        for (const d of own(arm, amd))
          assert.ok(!fetched(d), `arm64 layer ${d} left in the registry`);

        // The tree lists the viewed image; a file is read from the registry.
        await item(page, '/etc').waitFor({ timeout: 30_000 });
        await expand(page, '/etc');
        await item(page, '/etc/os-release').click();
        await expectText(viewer(page), /NAME=/);

        // Another platform: its own layer is fetched now, and its files are shown.
        const picker = page.getByLabel('Platform');
        const option = picker.locator('option', { hasText: 'linux/arm64' });
        await picker.selectOption(await option.getAttribute('value'));
        await eventually(async () => {
          for (const d of own(arm, amd)) assert.ok(fetched(d), `arm64 layer ${d} fetched`);
        });
        await item(page, '/srv').waitFor({ timeout: 30_000 });
        await screenshot(page, 'registry-platform-switch');
      } finally {
        proxy.stop();
        reg.stop();
      }
    },
  },
];
