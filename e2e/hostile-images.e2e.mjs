// Hostile images in the page: a gzip bomb (2 GiB of zeros in ~9 MB) opened, then replaced by a
// small image before it is read: the small image is listed and verified while the bomb's work
// is stopped (how fast is measured in `npm run bench`, not here).
import { createHash } from 'node:crypto';
import {
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGzip, gzipSync } from 'node:zlib';
import { assert, checksDone, eventually, expectText } from './expect.mjs';
import { item, tree, viewer } from './tree.mjs';
import { repoRoot, screenshot } from './harness.mjs';

/** A ustar header for one regular file of `size` bytes. */
function header(name, size) {
  const h = Buffer.alloc(512);
  h.write(name, 0);
  h.write('0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  h.write('00000000000\0', 136);
  h.fill(' ', 148, 156);
  h.write('0', 156);
  h.write('ustar\0', 257);
  h.write('00', 263);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return h;
}

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
  await write(header('zeros', bytes));
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
  writeLayout(dir, layer, diff.digest('hex'));
  return dir;
}

/** Write an OCI layout into `dir` around one gzip layer (its bytes and its diff_id). */
function writeLayout(dir, layer, diffId) {
  const blobs = join(dir, 'blobs', 'sha256');
  mkdirSync(blobs, { recursive: true });
  const put = (b) => {
    const d = createHash('sha256').update(b).digest('hex');
    writeFileSync(join(blobs, d), b);
    return { digest: `sha256:${d}`, size: b.length };
  };
  const l = put(layer);
  const config = put(
    Buffer.from(
      JSON.stringify({
        architecture: 'amd64',
        os: 'linux',
        rootfs: { type: 'layers', diff_ids: [`sha256:${diffId}`] },
      }),
    ),
  );
  const manifest = put(
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
        layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...l }],
      }),
    ),
  );
  writeFileSync(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  writeFileSync(
    join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest }],
    }),
  );
}

/** A layout of one gzip layer holding `files` ([path, bytes]). */
function buildImage(files) {
  const dir = mkdtempSync(join(tmpdir(), 'oci-hostile-'));
  const parts = [];
  for (const [path, data] of files) {
    parts.push(header(path, data.length), data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  const tar = Buffer.concat(parts);
  writeLayout(dir, gzipSync(tar), createHash('sha256').update(tar).digest('hex'));
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
        await page
          .getByLabel('Open an image archive file')
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
