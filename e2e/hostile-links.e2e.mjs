// Links from strangers: ?src= refuses schemes other than https / same origin / loopback http by
// name, an endless download shows its rate and stops at Cancel, a redirect to file: is a
// failed fetch, never a read of a local file.
import { createServer } from 'node:http';
import { assert, eventually, expectText } from './expect.mjs';
import { screenshot } from './harness.mjs';

/** A loopback server, cross-origin to the app, that answers as a hostile host would. */
async function hostileServer() {
  const server = createServer((req, res) => {
    const cors = { 'access-control-allow-origin': '*' };
    if (req.url === '/endless.tar') {
      res.writeHead(200, { ...cors, 'content-type': 'application/x-tar' });
      const chunk = Buffer.alloc(256 * 1024, 0x61);
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    } else if (req.url === '/stall.tar') {
      // A few bytes, then nothing, ever.
      res.writeHead(200, { ...cors, 'content-type': 'application/x-tar' });
      res.write(Buffer.alloc(4096, 0x62));
    } else if (req.url === '/to-file.tar') {
      res.writeHead(302, { ...cors, location: 'file:///etc/passwd' });
      res.end();
    } else {
      res.writeHead(404, cors);
      res.end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  const base = `http://127.0.0.1:${port}`;
  const stop = () => {
    server.closeAllConnections();
    server.close();
  };
  return { base, stop };
}

const alert = (page) => page.getByRole('alert');

export const tests = [
  {
    name: 'hostile links: javascript: and file: are refused by name, not called CORS',
    async run({ page, url }) {
      for (const [src, scheme] of [
        ['javascript:alert(document.domain)', 'javascript'],
        ['file:///etc/passwd', 'file'],
      ]) {
        await page.goto(`${url}?src=${encodeURIComponent(src)}`);
        await expectText(
          alert(page),
          new RegExp(`This link was not opened[\\s\\S]*${scheme}: URLs are refused`),
        );
        assert.doesNotMatch(await alert(page).innerText(), /CORS/);
      }
      await screenshot(page, 'hostile-link-refused');
    },
  },
  {
    name: 'hostile links: an endless download shows its rate and stops at Cancel; a redirect to file: fails',
    async run({ page, url }) {
      const server = await hostileServer();
      try {
        await page.goto(`${url}?src=${encodeURIComponent(`${server.base}/endless.tar`)}`);
        const status = page.getByRole('status');
        await expectText(status, /Downloading [\d.]+ [kMG]?B at [\d.]+ [kMG]?B\/s/);
        await screenshot(page, 'hostile-link-endless');
        await page.getByRole('button', { name: 'Cancel' }).click();
        await page.getByRole('region', { name: 'Demo images' }).waitFor();
        assert.equal(new URL(page.url()).searchParams.has('src'), false);

        await page.goto(`${url}?src=${encodeURIComponent(`${server.base}/to-file.tar`)}`);
        await expectText(alert(page), /could not be fetched/);
        await eventually(async () =>
          assert.doesNotMatch(await page.locator('body').innerText(), /root:x:0:0/),
        );
      } finally {
        server.stop();
      }
    },
  },
  {
    name: 'hostile links: a download that stalls ends after 30 s with a message',
    timeout: 90_000,
    async run({ page, url }) {
      const server = await hostileServer();
      try {
        await page.goto(`${url}?src=${encodeURIComponent(`${server.base}/stall.tar`)}`);
        await expectText(page.getByRole('status'), /Downloading/);
        await expectText(alert(page), /The download stalled[\s\S]*sent nothing for 30 s/, {
          timeout: 60_000,
        });
      } finally {
        server.stop();
      }
    },
  },
];
