import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { noise } from '../core/testing/bytes.ts';
import { LayoutBuilder, sha256, TestMediaType } from '../core/testing/layout-builder.ts';
import { gzip, makeTar } from '../core/testing/tar-writer.ts';
import { cliBin } from './testing/fixtures.ts';
import { scratchDir } from './testing/scratch-dir.ts';

// After its index, a command reads no layer a second time from its start: `cat` keeps the gzip
// checkpoints the index records and inflates from the one before its file (the bench image's
// last file: 2.2–3.6 s before, 1.2 s with them); `ls --sha256` hashes every file as the index
// streams past (the bench image: 3.0–3.2 s before, 1.7–2.1 s). What tells them apart here is
// how many bytes of files the command reads: a preloaded module counts what `fs.readSync`
// returns (the CLI's FileBlob reads through it), on one thread. This runs the built CLI
// (`npm run prepare`).
const work = scratchDir('oci-explorer-read-once-');
const counter = join(work, 'count-reads.mjs');
writeFileSync(
  counter,
  `import { createRequire, syncBuiltinESMExports } from 'node:module';
const fs = createRequire(import.meta.url)('node:fs');
const readSync = fs.readSync;
let n = 0;
fs.readSync = (...a) => { const got = readSync(...a); n += got; return got; };
syncBuiltinESMExports();
process.on('exit', () => fs.writeFileSync(process.env.COUNT_FILE, String(n)));`,
);

const TAIL = 'the last file of the layer\n';

/** A layout of one gzip layer: 12 MiB of noise, then a small file. */
const BIG = noise(12 << 20, 5);

function layout(): { dir: string; layerBytes: number } {
  const b = new LayoutBuilder();
  const tar = makeTar([
    { path: 'big.bin', content: BIG },
    { path: 'tail.txt', content: TAIL },
  ]);
  const gz = gzip(tar);
  const layer = b.blob(gz, 'application/vnd.oci.image.layer.v1.tar+gzip');
  const config = b.json(
    { architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [sha256(tar)] } },
    TestMediaType.config,
  );
  const manifest = b.json(
    { schemaVersion: 2, mediaType: TestMediaType.manifest, config, layers: [layer] },
    TestMediaType.manifest,
  );
  const dir = join(work, 'image');
  for (const [path, bytes] of b.files) {
    const full = join(dir, path);
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, bytes);
  }
  writeFileSync(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  writeFileSync(
    join(dir, 'index.json'),
    JSON.stringify({ schemaVersion: 2, mediaType: TestMediaType.index, manifests: [manifest] }),
  );
  return { dir, layerBytes: gz.length };
}

function run(args: string[]): { code: number | null; out: string; read: number } {
  const count = join(work, `count-${args.join('-').replace(/\W/g, '')}`);
  const r = spawnSync('node', ['--import', counter, cliBin, ...args], {
    env: { ...process.env, OCI_EXPLORER_THREADS: '0', COUNT_FILE: count },
  });
  return {
    code: r.status,
    out: r.stdout.toString('utf8'),
    read: Number(readFileSync(count, 'utf8')),
  };
}

describe('after the index, no layer is read again from its start', () => {
  const { dir, layerBytes } = layout();
  const indexOnly = run(['ls', '--json', dir]);

  it('the index alone reads the whole layer', () => {
    expect(indexOnly.code).toBe(0);
    expect(indexOnly.read).toBeGreaterThanOrEqual(layerBytes);
  });

  it('cat reads a file from the checkpoint before it', () => {
    const cat = run(['cat', dir, '/tail.txt']);
    expect(cat.code).toBe(0);
    expect(cat.out).toBe(TAIL);
    // Inflating again from the layer's start would read it all a second time.
    expect(cat.read - indexOnly.read).toBeLessThan(layerBytes / 2);
  });

  it('ls --sha256 hashes the files as the index reads them', () => {
    const ls = run(['ls', '--json', '--sha256', dir]);
    expect(ls.code).toBe(0);
    const hashes = Object.fromEntries(
      (JSON.parse(ls.out) as { entries: { path: string; sha256: string }[] }).entries.map((e) => [
        e.path,
        e.sha256,
      ]),
    );
    expect(hashes).toEqual({
      '/big.bin': createHash('sha256').update(BIG).digest('hex'),
      '/tail.txt': createHash('sha256').update(TAIL).digest('hex'),
    });
    expect(ls.read - indexOnly.read).toBeLessThan(layerBytes / 2);
  });
});
