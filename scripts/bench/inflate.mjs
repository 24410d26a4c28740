// The gzip inflaters side by side on the bench image's largest layer, in MB/s of output:
// ours (WebAssembly, src/wasm/inflate), pako and Node's zlib in this process; `igzip -dc`,
// `libdeflate-gunzip` and `gzip -dc` as native references (igzip is the machine's limit).
// In-process figures are medians of 3 (wall time, and CPU time, which a busy machine bends less).
// `node scripts/bench/inflate.mjs` runs this section alone.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { benchImage, repoRoot } from './bench-image.mjs';
import { hasTool, timeCommand } from './timing.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The largest blob of a layout (the bench image's largest layer). */
export function largestLayer(layout) {
  const dir = resolve(layout, 'blobs/sha256');
  return readdirSync(dir)
    .map((f) => resolve(dir, f))
    .sort((a, b) => statSync(b).size - statSync(a).size)[0];
}

/** Wall and CPU ms of `fn` (which returns the output byte count), median of `runs`. */
function timeIt(fn, runs = 3) {
  const wall = [];
  const cpu = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    bytes = fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu), bytes };
}

/** Feed `gz` in 1 MiB pieces to an inflater with the push/read/end protocol; output bytes. */
function drive(inf, gz) {
  let n = 0;
  for (let o = 0; o < gz.length; o += 1 << 20) {
    inf.push(gz.subarray(o, o + (1 << 20)));
    for (let c = inf.read(); c; c = inf.read()) n += c.length;
  }
  inf.end();
  for (let c = inf.read(); c; c = inf.read()) n += c.length;
  return n;
}

/** Print the inflate section; returns the figures (MB/s) for the caller's summary. */
export async function benchInflate(img = benchImage()) {
  if (!existsSync(resolve(repoRoot, 'dist-cli/core/layers/wasm-gzip-inflater.js')))
    spawnSync('npx', ['tsc', '-p', 'tsconfig.cli.json'], { cwd: repoRoot, stdio: 'inherit' });
  const dist = (p) => import(resolve(repoRoot, 'dist-cli', p));
  const { WasmGzipInflater } = await dist('core/layers/wasm-gzip-inflater.js');
  const { GzipInflater } = await dist('core/layers/gzip-inflater.js');
  const file = largestLayer(img.layout);
  const gz = new Uint8Array(readFileSync(file));
  const out = gunzipSync(gz).length;
  const mbs = (ms) => out / 1e6 / (ms / 1000);

  const ours = [];
  // As the layer listing reads: each output chunk a view of the module's memory.
  for (let i = 0; i < 3; i++) ours.push(await WasmGzipInflater.create({ reuseOutput: true }));
  let next = 0;
  const rows = [
    {
      label: 'ours (WebAssembly, src/wasm/inflate; views)',
      t: timeIt(() => drive(ours[next++], gz)),
    },
    { label: 'pako', t: timeIt(() => drive(new GzipInflater(), gz)) },
    { label: 'Node zlib (gunzipSync)', t: timeIt(() => gunzipSync(gz).length) },
  ];
  /** @type {{ label: string, ms: number }[]} */
  const native = [];
  for (const [label, cmd] of [
    ['igzip -dc (ISA-L: the limit)', 'igzip -dc'],
    ['libdeflate-gunzip -c (whole file)', 'libdeflate-gunzip -c'],
    ['gzip -dc', 'gzip -dc'],
  ]) {
    if (hasTool(cmd.split(' ')[0]))
      native.push({ label, ms: timeCommand(`${cmd} < ${file} > /dev/null`).ms });
  }
  console.log(
    `\n== inflate: the largest layer (${(gz.length / 1e6).toFixed(0)} MB → ${(out / 1e6).toFixed(0)} MB), MB/s of output ==`,
  );
  console.log(`${'inflater'.padEnd(40)} ${'wall'.padStart(10)} ${'CPU'.padStart(10)}`);
  for (const { label, t } of rows) {
    if (t.bytes !== out) throw new Error(`${label} made ${t.bytes} bytes, not ${out}`);
    console.log(
      `${label.padEnd(40)} ${mbs(t.wall).toFixed(0).padStart(10)} ${mbs(t.cpu).toFixed(0).padStart(10)}`,
    );
  }
  for (const { label, ms } of native)
    console.log(`${label.padEnd(40)} ${mbs(ms).toFixed(0).padStart(10)}`);
  const [oursRow, pakoRow, zlibRow] = rows.map((r) => mbs(r.t.wall));
  const igzip = native.find((r) => r.label.startsWith('igzip'));
  console.log(
    `ours: ${(oursRow / zlibRow).toFixed(2)}x Node's zlib, ${(oursRow / pakoRow).toFixed(2)}x pako` +
      (igzip ? `, ${(oursRow / mbs(igzip.ms)).toFixed(2)}x igzip` : '') +
      ' (wall time)',
  );
  return { ours: oursRow, pako: pakoRow, zlib: zlibRow };
}

if (import.meta.url === `file://${process.argv[1]}`) await benchInflate();
