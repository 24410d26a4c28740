import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTar } from '../core/testing/tar-writer.ts';
import { repoRoot } from './testing/fixtures.ts';

// Bad input gets a specific message and the right exit code, never a stack trace; whatever
// could be read is still reported. These run the built CLI (`npm run prepare`).
const cli = resolve(repoRoot, 'bin/oci-explorer.js');
const work = mkdtempSync(join(tmpdir(), 'oci-explorer-bad-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const sha = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex');

function run(...args: string[]): {
  code: number | null;
  out: string;
  err: string;
  json: () => Record<string, unknown>;
} {
  const r = spawnSync('node', [cli, ...args], { encoding: 'utf8' });
  return {
    code: r.status,
    out: r.stdout,
    err: r.stderr,
    json: () => JSON.parse(r.stdout) as Record<string, unknown>,
  };
}

/** Write an OCI layout with one image; `mutate` may change the documents before they are stored. */
function layout(
  name: string,
  opts: {
    indexJson?: string;
    dropManifest?: boolean;
    layerSize?: number;
    layerDigest?: string;
  } = {},
): string {
  const dir = join(work, name);
  mkdirSync(join(dir, 'blobs/sha256'), { recursive: true });
  const put = (bytes: Uint8Array | string): { digest: string; size: number } => {
    const hex = sha(bytes);
    writeFileSync(join(dir, 'blobs/sha256', hex), bytes);
    return { digest: `sha256:${hex}`, size: Buffer.byteLength(bytes) };
  };
  const layer = makeTar([{ path: 'hello.txt', content: 'hi\n' }]);
  const l = put(layer);
  const config = put(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: [l.digest] },
    }),
  );
  const manifestJson = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
    layers: [
      {
        mediaType: 'application/vnd.oci.image.layer.v1.tar',
        digest: opts.layerDigest ?? l.digest,
        size: opts.layerSize ?? l.size,
      },
    ],
  });
  const manifest = opts.dropManifest
    ? { digest: `sha256:${sha(manifestJson)}`, size: manifestJson.length }
    : put(manifestJson);
  writeFileSync(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  writeFileSync(
    join(dir, 'index.json'),
    opts.indexJson ??
      JSON.stringify({
        schemaVersion: 2,
        manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest }],
      }),
  );
  return dir;
}

const noStack = (s: string): void => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('bad input', () => {
  it('an empty folder: exit 2, says it is empty and what is accepted', () => {
    const dir = join(work, 'empty');
    mkdirSync(dir);
    const r = run('inspect', dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/folder holds no files; expected an OCI image layout folder/);
    noStack(r.err);
  });

  it('a random binary: exit 2, not a tar, first bytes shown', () => {
    const file = join(work, 'random.bin');
    writeFileSync(file, randomBytes(4096));
    const r = run('inspect', file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not a tar archive .*first bytes [0-9a-f]{2} /);
    noStack(r.err);
  });

  it('a truncated tar: what could be read is reported, with the truncation', () => {
    const dir = layout('for-truncation');
    const members = ['oci-layout', 'index.json'].map((p) => ({
      path: p,
      content: readFileSync(join(dir, p)),
    }));
    const tar = makeTar([
      ...members,
      { path: 'blobs/sha256/big', content: new Uint8Array(10_000) },
    ]);
    const file = join(work, 'truncated.tar');
    writeFileSync(file, tar.subarray(0, 2048 + 512 + 3000));
    const r = run('inspect', '--json', file);
    const out = r.json() as { format: string; problems: { code: string; message: string }[] };
    expect(out.format).toBe('oci-archive');
    expect(
      out.problems.some((p) => p.code === 'tar-truncated' && /claims 10000 bytes/.test(p.message)),
    ).toBe(true);
    expect(out.problems.some((p) => p.code === 'blob-missing')).toBe(true);
    expect(r.code).toBe(1);
  });

  it('invalid JSON in index.json: a json-invalid problem with its position', () => {
    const r = run(
      'inspect',
      '--json',
      layout('bad-json', { indexJson: '{"schemaVersion": 2, "manifests": [' }),
    );
    const out = r.json() as { problems: { code: string; where: string; message: string }[] };
    const p = out.problems.find((x) => x.code === 'json-invalid');
    expect(p?.where).toMatch(/^index\.json/);
    expect(p?.message).toMatch(/line 1/);
    expect(r.code).toBe(1);
  });

  it('a manifest whose blob is missing: blob-missing names the digest', () => {
    const r = run('inspect', '--json', layout('missing-manifest', { dropManifest: true }));
    const out = r.json() as { images: unknown[]; problems: { code: string; message: string }[] };
    expect(out.images).toEqual([]);
    expect(out.problems.find((p) => p.code === 'blob-missing')?.message).toMatch(
      /^missing blob sha256:[0-9a-f]{64}/,
    );
    expect(r.code).toBe(1);
  });

  it('a digest with an unknown algorithm: tolerated, reported as unverifiable', () => {
    const digest = `blake9:${'ab'.repeat(32)}`;
    const r = run('inspect', '--json', layout('unknown-alg', { layerDigest: digest }));
    const out = r.json() as {
      images: { layers: { digest: string }[] }[];
      problems: { code: string; severity: string }[];
    };
    expect(out.images[0]!.layers[0]!.digest).toBe(digest);
    expect(
      out.problems.some((p) => p.code === 'digest-unverifiable' && p.severity === 'warning'),
    ).toBe(true);
  });

  it('a descriptor claiming 5 TB: warned as implausible, never allocated, size mismatch reported', () => {
    const r = run('verify', '--json', layout('huge', { layerSize: 5_000_000_000_000 }));
    const out = r.json() as { problems: { code: string; message: string }[] };
    expect(out.problems.some((p) => p.code === 'size-implausible')).toBe(true);
    expect(out.problems.find((p) => p.code === 'size-mismatch')?.message).toMatch(
      /descriptor says 5000000000000 bytes, blob has \d+/,
    );
    expect(r.code).toBe(1);
  });

  it('a manifest.json that is null: says it must be a list', () => {
    const file = join(work, 'null-manifest.tar');
    writeFileSync(file, makeTar([{ path: 'manifest.json', content: 'null' }]));
    const r = run('inspect', '--json', file);
    const out = r.json() as { format: string; problems: { code: string; message: string }[] };
    expect(out.format).toBe('docker-archive');
    expect(out.problems.find((p) => p.code === 'docker-manifest-not-list')?.message).toMatch(
      /must be a JSON list of images, got null/,
    );
    expect(r.code).toBe(1);
  });

  it('a path that does not exist: exit 2', () => {
    const r = run('verify', join(work, 'nope'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no such file or folder/);
  });

  it('a clean layout verifies (exit 0); a corrupted blob fails naming it (exit 1)', () => {
    const dir = layout('clean');
    expect(run('verify', dir).code).toBe(0);
    const configHex = (
      run('inspect', '--json', dir).json() as { images: { config: { digest: string } }[] }
    ).images[0]!.config.digest.slice(7);
    writeFileSync(
      join(dir, 'blobs/sha256', configHex),
      '{"architecture":"arm64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}',
    );
    const r = run('verify', dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      new RegExp(
        `digest-mismatch  sha256:${configHex}: digest mismatch for blobs/sha256/${configHex}: want sha256:${configHex}, got sha256:`,
      ),
    );
  });
});
