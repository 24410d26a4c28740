import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTar } from '../core/testing/tar-writer.ts';
import { cliBin } from './testing/fixtures.ts';
import { scratchDir } from './testing/scratch-dir.ts';

// `cat` and `ls --sha256` on a GNU tar sparse file (checked against what `tar -x` extracts), and
// on a hardlink whose target a later layer deletes (a regular file with the bytes, as an
// unpacked rootfs has it). These run the built CLI (`npm run prepare`).
const work = scratchDir('oci-explorer-sparse-cli-');
const sha = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex');

let dir = '';
let extracted: Buffer = Buffer.alloc(0);
const LINKED = 'the bytes the link keeps\n';

beforeAll(() => {
  const src = join(work, 'src');
  mkdirSync(src);
  const file = join(src, 'disk.img');
  execFileSync('truncate', ['-s', String(6 << 20), file]);
  execFileSync('dd', ['if=/etc/hostname', `of=${file}`, 'bs=1', 'seek=3000000', 'conv=notrunc'], {
    stdio: 'ignore',
  });
  execFileSync('sh', [
    '-c',
    `printf 'tail' | dd of=${file} bs=1 seek=6000000 conv=notrunc 2>/dev/null`,
  ]);
  const layerFile = join(work, 'sparse.tar');
  execFileSync('tar', ['--sparse', '--format=posix', '-cf', layerFile, '-C', src, 'disk.img']);
  const out = join(work, 'out');
  mkdirSync(out);
  execFileSync('tar', ['-xf', layerFile, '-C', out]);
  extracted = readFileSync(join(out, 'disk.img'));

  dir = join(work, 'image');
  mkdirSync(join(dir, 'blobs/sha256'), { recursive: true });
  const put = (bytes: Uint8Array | string): { digest: string; size: number } => {
    const hex = sha(bytes);
    writeFileSync(join(dir, 'blobs/sha256', hex), bytes);
    return { digest: `sha256:${hex}`, size: Buffer.byteLength(bytes) };
  };
  const layers = [
    readFileSync(layerFile),
    makeTar([
      { path: 'etc/', type: 'dir' },
      { path: 'etc/target', content: LINKED },
      { path: 'etc/link', type: 'hardlink', linkTarget: 'etc/target' },
    ]),
    makeTar([{ path: 'etc/.wh.target' }]),
  ].map(put);
  const config = put(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: layers.map((l) => l.digest) },
    }),
  );
  const manifest = put(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
      layers: layers.map((l) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar', ...l })),
    }),
  );
  writeFileSync(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  writeFileSync(
    join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          ...manifest,
          annotations: { 'org.opencontainers.image.ref.name': 'latest' },
        },
      ],
    }),
  );
});

function run(...args: string[]): { code: number | null; out: Buffer; err: string } {
  const r = spawnSync('node', [cliBin, ...args], { maxBuffer: 64 << 20 });
  return { code: r.status, out: r.stdout, err: r.stderr.toString() };
}

interface Entry {
  path: string;
  type: string;
  size: number;
  linkTarget: string | null;
  sha256?: string | null;
}

describe('sparse files and orphaned hardlinks through the CLI', () => {
  it('cat gives the sparse file as tar -x extracts it', () => {
    expect(extracted.length).toBe(6 << 20);
    const r = run('cat', dir, '/disk.img');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out.length).toBe(extracted.length);
    expect(sha(r.out)).toBe(sha(extracted));
  });

  it('ls --sha256: the sparse file at its real size and digest; the link a regular file', () => {
    const r = run('ls', '--json', '--sha256', dir);
    expect(r.code).toBe(0);
    const entries = (JSON.parse(r.out.toString()) as { entries: Entry[] }).entries;
    const disk = entries.find((e) => e.path === '/disk.img')!;
    expect(disk).toMatchObject({ type: 'file', size: extracted.length, sha256: sha(extracted) });
    const link = entries.find((e) => e.path === '/etc/link')!;
    expect(link).toMatchObject({
      type: 'file',
      size: LINKED.length,
      linkTarget: null,
      sha256: sha(LINKED),
    });
    expect(entries.find((e) => e.path === '/etc/target')).toBeUndefined();
  });

  it('cat of the orphaned hardlink gives the bytes it shared', () => {
    const r = run('cat', dir, '/etc/link');
    expect(r.code).toBe(0);
    expect(r.out.toString()).toBe(LINKED);
  });

  it('umoci unpack agrees: the link is a regular file with those bytes, the sparse file whole', () => {
    const bundle = join(work, 'bundle');
    execFileSync('umoci', ['unpack', '--rootless', '--image', `${dir}:latest`, bundle], {
      stdio: 'ignore',
    });
    const rootfs = join(bundle, 'rootfs');
    expect(lstatSync(join(rootfs, 'etc/link')).isFile()).toBe(true);
    expect(readFileSync(join(rootfs, 'etc/link'), 'utf8')).toBe(LINKED);
    expect(existsSync(join(rootfs, 'etc/target'))).toBe(false);
    expect(sha(readFileSync(join(rootfs, 'disk.img')))).toBe(sha(extracted));
  });

  it('before the target is deleted, the link is still a hardlink', () => {
    const r = run('ls', '--json', '--layer', '1', dir);
    const entries = (JSON.parse(r.out.toString()) as { entries: Entry[] }).entries;
    expect(entries.find((e) => e.path === '/etc/link')).toMatchObject({
      type: 'hardlink',
      linkTarget: '/etc/target',
    });
  });
});
