#!/usr/bin/env node
// Build the teaching images into a folder (default public/demo/), with no network and no tools:
//   node scripts/demo/build-demo.mjs [outDir]
// The output is byte-for-byte the same on every run (fixed mtimes, sorted members, zlib's
// fixed gzip header), so the hosted demo links stay valid and the bytes can be compared.
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll, catalogue } from './images.mjs';

const DEFAULT_OUT = fileURLToPath(new URL('../../public/demo/', import.meta.url));

/** Write every demo image and `demos.json` into `outDir`; returns the files written. */
export async function buildDemos(outDir = DEFAULT_OUT) {
  const demos = buildAll();
  await mkdir(outDir, { recursive: true });
  for (const d of demos) await writeFile(resolve(outDir, d.file), d.bytes);
  await writeFile(resolve(outDir, 'demos.json'), catalogue(demos));
  return [...demos.map((d) => d.file), 'demos.json'];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ? resolve(process.argv[2]) : DEFAULT_OUT;
  const files = await buildDemos(out);
  process.stdout.write(`demo images: ${files.join(', ')} → ${out}\n`);
}
