// Hostile images in the page: a gzip bomb (2 GiB of zeros in ~9 MB) opened, then replaced by a
// small image before it is read: the small image is listed and verified while the bomb's work
// is stopped (how fast is measured in `npm run bench`, not here).
import { createHash } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGzip, gzipSync } from 'node:zlib';
import { assert, checksDone, eventually, expectText } from './expect.mjs';
import { item, tree, viewer } from './tree.mjs';
import { repoRoot, screenshot } from './harness.mjs';
import { sha256, tarHeader, tarOf, writeLayout } from './oci-writer.mjs';

/** An OCI layout whose one layer is a tar of `bytes` zeros, gzip -1. */
async function buildBomb(bytes) {
  const dir = mkdtempSync(join(tmpdir(), 'oci-bomb-'));
  const diff = createHash('sha256');
  const gz = createGzip({ level: 1 });
  const file = join(dir, 'layer.gz');
  const out = createWriteStream(file);
  gz.pipe(out);
  const write = async (b) => {
    diff.update(b);
    if (!gz.write(b)) await new Promise((r) => gz.once('drain', () => r(undefined)));
  };
  await write(tarHeader('zeros', bytes));
  const zeros = Buffer.alloc(8 << 20);
  for (let left = bytes; left > 0; left -= zeros.length)
    await write(zeros.subarray(0, Math.min(left, zeros.length)));
  await write(Buffer.alloc(512 + 1024));
  await new Promise((r) => {
    out.on('finish', () => r(undefined));
    gz.end();
  });
  const layer = readFileSync(file);
  rmSync(file);
  writeLayout(dir, [{ bytes: layer, diffId: `sha256:${diff.digest('hex')}` }]);
  return dir;
}

/** A layout of one gzip layer holding `files` ([path, bytes]). */
function buildImage(files) {
  const dir = mkdtempSync(join(tmpdir(), 'oci-hostile-'));
  const tar = tarOf(files);
  writeLayout(dir, [{ bytes: gzipSync(tar), diffId: sha256(tar) }]);
  return dir;
}

export const tests = [
  {
    name: 'hostile images: a small image opened over a gzip bomb is listed and verified; the bomb is left',
    timeout: 90_000,
    async run({ page, url }) {
      const bomb = await buildBomb(2 * 1024 ** 3);
      try {
        await page.goto(url);
        await page.getByLabel('Open an OCI layout folder').setInputFiles(bomb);
        // The bomb's layer is being read when the next image comes.
        await page.waitForFunction(
          () => performance.getEntriesByName('oci:checks-start').length > 0,
          null,
          { timeout: 30_000 },
        );
        await page.waitForTimeout(1500);
        await page.evaluate(() => performance.clearMarks('oci:checks-done'));
        // With an image open, the header and the workspace each have this input: either opens it.
        await page
          .getByLabel('Open an image archive file')
          .first()
          .setInputFiles(join(repoRoot, 'dist/demo/demo-layers.oci.tar'));
        await checksDone(page);
        await eventually(async () =>
          assert.doesNotMatch(await page.locator('body').innerText(), /mismatch|unreadable/i),
        );
      } finally {
        rmSync(bomb, { recursive: true, force: true });
      }
    },
  },
  {
    name: 'hostile images: an SVG with a script is drawn, never a document of this origin; its name with U+202E reads as stored',
    async run({ page, url }) {
      const svg = Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" onload="parent.__owned=1">' +
          '<script>parent.__owned=2; document.title="owned"</script><rect width="40" height="40" fill="red"/></svg>',
      );
      const dir = buildImage([
        ['evil.svg', svg],
        ['evil\u202egvs.txt', Buffer.from('text')],
      ]);
      try {
        await page.goto(url);
        await page.getByLabel('Open an OCI layout folder').setInputFiles(dir);
        await item(page, '/evil.svg').click();
        const shown = viewer(page).getByRole('img');
        await shown.waitFor();
        assert.equal(await shown.evaluate((el) => el.tagName), 'CANVAS');
        // No element of the page points at a blob: URL that holds SVG.
        const svgUrls = await page.evaluate(async () => {
          const found = [];
          for (const el of document.querySelectorAll('[src^="blob:"], [href^="blob:"]')) {
            const u = el.getAttribute('src') ?? el.getAttribute('href') ?? '';
            const blob = await fetch(u)
              .then((r) => r.blob())
              .catch(() => null);
            if (blob?.type.includes('svg')) found.push(u);
          }
          return found;
        });
        assert.deepEqual(svgUrls, []);
        assert.equal(await page.evaluate(() => window.__owned ?? null), null);
        assert.notEqual(await page.title(), 'owned');
        // The reversed name is spelled out, not reversed.
        await expectText(tree(page), /evil\\u202egvs\.txt/);
        await screenshot(page, 'hostile-svg');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
];
