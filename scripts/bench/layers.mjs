// The layer engine beside native tools, on the bench image: index + merge every layer
// (`oci-explorer ls --json`) against `gzip -dc LAYER | tar -t` per layer and `umoci unpack`;
// then, in-process, the time to read the last file of the largest layer after indexing.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { repoRoot } from './bench-image.mjs';
import { spreadImage } from './spread-image.mjs';
import { hasTool, row, timeCommand } from './timing.mjs';

const dist = (p) => import(resolve(repoRoot, 'dist-cli', p));

/** Print the layer-engine section of the benchmark. */
export async function benchLayers(img) {
  const { openPath, useNodeHasher } = await dist('cli/node-io.js');
  const { loadGraph } = await dist('core/graph/load-graph.js');
  const { listImage, layerSource } = await dist('core/fs/list-image.js');
  const { readLayerFile } = await dist('core/layers/read-file.js');
  useNodeHasher();
  const cli = `node ${resolve(repoRoot, 'bin/oci-explorer.js')}`;
  const input = await openPath(img.layout);
  const graph = await loadGraph(input);
  const layers = graph.images[0].layers.map(
    (l) => input.store.get(l.descriptor.digest.value).source,
  );
  const uncompressed = graph.images[0].layers.length;

  console.log(
    '\n== layers: index + merge (every layer decompressed, diff_id hashed, tar listed, merged) ==',
  );
  const gz = layers.map((p) => join(img.layout, p)).join(' ');
  const native = timeCommand(`for f in ${gz}; do gzip -dc $f | tar -t > /dev/null; done`);
  console.log(
    row(
      `gzip -dc | tar -t, ${uncompressed} layers one after another`,
      native.ms,
      native.ms,
      `peak ${native.peakMb?.toFixed(0)} MB`,
    ),
  );
  const tmp = mkdtempSync(join(tmpdir(), 'oci-explorer-bench-'));
  try {
    if (hasTool('umoci')) {
      const umoci = timeCommand(
        `rm -rf ${tmp}/b && umoci unpack --image ${img.layout}:latest ${tmp}/b > /dev/null`,
        3,
      );
      console.log(
        row(
          'umoci unpack (writes the files to disk)',
          umoci.ms,
          native.ms,
          `peak ${umoci.peakMb?.toFixed(0)} MB`,
        ),
      );
    } else console.log('umoci not installed: skipped');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const ours = timeCommand(`${cli} ls --json ${img.layout} > /dev/null`);
  console.log(
    row(
      'oci-explorer ls --json (a thread per core)',
      ours.ms,
      native.ms,
      `peak ${ours.peakMb?.toFixed(0)} MB; goal <= 1.00x`,
    ),
  );
  const oneThread = timeCommand(
    `OCI_EXPLORER_THREADS=0 ${cli} ls --json ${img.layout} > /dev/null`,
  );
  console.log(row('  the same on one thread (OCI_EXPLORER_THREADS=0)', oneThread.ms, native.ms));
  const t0 = performance.now();
  const indexed = await listImage(input.store, graph.images[0], {
    concurrency: 2,
    checkpointEvery: 0,
  });
  const inProcess = performance.now() - t0;
  const entries = indexed.layers.reduce((s, l) => s + (l.index?.entries.length ?? 0), 0);
  console.log(
    row(
      `  the core alone in-process (our WebAssembly gzip), ${entries} entries`,
      inProcess,
      native.ms,
      `heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`,
    ),
  );

  console.log(
    "\n== cat: the last file of the largest layer, after indexing with gzip checkpoints (the app's mode) ==",
  );
  const t1 = performance.now();
  const withCp = await listImage(input.store, graph.images[0], { concurrency: 2 });
  console.log(
    row(
      '  index + merge with checkpoints every 4 MiB (in-process)',
      performance.now() - t1,
      native.ms,
    ),
  );
  const largest = withCp.layers.reduce((a, b) =>
    (b.index?.uncompressedSize ?? 0) > (a.index?.uncompressedSize ?? 0) ? b : a,
  );
  const last = largest.index.entries
    .filter((e) => e.type === 'file')
    .reduce((a, b) => (b.dataOffset > a.dataOffset ? b : a));
  const source = layerSource(withCp, largest.position);
  const times = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await readLayerFile(source, last);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const blobPath = join(img.layout, layers[largest.position]);
  const full = timeCommand(`gzip -dc ${blobPath} > /dev/null`);
  console.log(
    row(
      `read ${last.path} (${last.size} B at offset ${(last.dataOffset / 1e6).toFixed(0)} MB)`,
      times[2],
      null,
      `${largest.index.checkpoints.length} checkpoints`,
    ),
  );
  console.log(
    row('gzip -dc of that whole layer (what a tool without an index pays)', full.ms, null),
  );
  console.log(
    `\nGoals: ls --json within 1.0x of the native pipeline (0.6x on the spread image); memory that grows with files, not bytes; cat under 100 ms. Layer sizes: ${layers.map((p) => `${(statSync(join(img.layout, p)).size / 1e6).toFixed(0)} MB`).join(', ')} compressed.`,
  );
  await benchSpread(img, cli);
}

/** `ls --json` on an image whose bytes are spread over several layers (layers in parallel). */
async function benchSpread(img, cli) {
  const dir = await spreadImage(img);
  console.log(`\n== ls on an image spread over several layers (${dir}) ==`);
  const blob = (digest) => join(dir, 'blobs/sha256', digest.slice('sha256:'.length));
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
  const manifest = JSON.parse(readFileSync(blob(index.manifests[0].digest), 'utf8'));
  const gz = manifest.layers.map((l) => blob(l.digest)).join(' ');
  const sizes = manifest.layers.map((l) => `${(l.size / 1e6).toFixed(0)}`).join(', ');
  const native = timeCommand(`for f in ${gz}; do gzip -dc $f | tar -t > /dev/null; done`);
  console.log(
    row(
      `spread: gzip -dc | tar -t, ${manifest.layers.length} layers (${sizes} MB)`,
      native.ms,
      native.ms,
    ),
  );
  const ours = timeCommand(`${cli} ls --json ${dir} > /dev/null`);
  console.log(
    row(
      'spread: oci-explorer ls --json',
      ours.ms,
      native.ms,
      `peak ${ours.peakMb?.toFixed(0)} MB; goal <= 0.60x`,
    ),
  );
}
