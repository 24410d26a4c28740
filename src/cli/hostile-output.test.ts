import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTar } from '../core/testing/tar-writer.ts';
import { repoRoot } from './testing/fixtures.ts';

// An image whose every string tries to drive the terminal: the human-readable output of each
// command must hold no raw control or direction character, and one entry must stay one line.
// These run the built CLI (`npm run prepare`).
const cli = resolve(repoRoot, 'bin/oci-explorer.js');
const work = mkdtempSync(join(tmpdir(), 'oci-explorer-hostile-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const ESC_TITLE = '\x1b]0;pwned\x07\x1b[2J';
const FORGED = '\n-rwsr-xr-x 0:0        1337  L0  /bin/FORGED-SUID';
const HOSTILE = `${ESC_TITLE}\x7f\x9b31m\u202Etxt.exe${FORGED}`;
// Anything a terminal would act on, or that reorders how a line reads (newline and tab included:
// one entry is one line).
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const sha = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex');

function run(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync('node', [cli, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function expectSafe(text: string): void {
  for (const line of text.split('\n')) expect(line).not.toMatch(UNSAFE);
  expect(text).not.toMatch(/^-rwsr-xr-x 0:0\s+1337/m);
}

let dir = '';

beforeAll(() => {
  dir = join(work, 'image');
  mkdirSync(join(dir, 'blobs/sha256'), { recursive: true });
  const put = (bytes: Uint8Array | string): { digest: string; size: number } => {
    const hex = sha(bytes);
    writeFileSync(join(dir, 'blobs/sha256', hex), bytes);
    return { digest: `sha256:${hex}`, size: Buffer.byteLength(bytes) };
  };
  const layer0 = makeTar([
    { path: 'etc/', type: 'dir' },
    { path: `etc/${HOSTILE}`, content: 'x' },
    { path: 'etc/link', type: 'symlink', linkTarget: `/nowhere${HOSTILE}` },
    { path: 'etc/hard', type: 'hardlink', linkTarget: `etc/${HOSTILE}` },
    // A name that is not UTF-8 (a raw 0xff byte) and a bad PAX number quoting control bytes.
    { path: 'etc/latin', pax: { path: new Uint8Array([0x65, 0x74, 0x63, 0x2f, 0xff, 0x1b]) } },
    { path: 'etc/uid', pax: { uid: `1${ESC_TITLE}` } },
  ]);
  const layer1 = makeTar([
    { path: `etc/.wh.${HOSTILE}` },
    { path: `etc/dir${HOSTILE}/`, type: 'dir' },
  ]);
  const l0 = put(layer0);
  const l1 = put(layer1);
  const config = put(
    JSON.stringify({
      architecture: `amd64${ESC_TITLE}`,
      os: `linux${FORGED}`,
      variant: `v8\u202E`,
      created: `2024${ESC_TITLE}`,
      rootfs: { type: 'layers', diff_ids: [l0.digest, l1.digest] },
      history: [{ created_by: `RUN ${HOSTILE}` }, { created_by: `COPY \x9b2J${FORGED}` }],
      config: { Entrypoint: [`/bin/sh${ESC_TITLE}`], Cmd: [FORGED] },
    }),
  );
  const manifest = put(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
      layers: [l0, l1].map((l) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar', ...l })),
      annotations: { [`key${ESC_TITLE}`]: HOSTILE },
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
          annotations: {
            'org.opencontainers.image.ref.name': `latest${HOSTILE}`,
            'io.containerd.image.name': `docker.io/x:${HOSTILE}`,
          },
        },
      ],
      annotations: { [HOSTILE]: HOSTILE },
    }),
  );
});

describe('hostile strings in the human-readable output', () => {
  it('ls: one line per entry, every name and target escaped', () => {
    const json = JSON.parse(run('ls', '--json', dir).out) as { entries: { path: string }[] };
    expect(json.entries.map((e) => e.path)).toContain(`/etc/${HOSTILE}`);
    const r = run('ls', dir);
    expectSafe(r.out);
    expectSafe(r.err);
    expect(r.out.trimEnd().split('\n')).toHaveLength(json.entries.length);
    expect(r.out).toContain('\\x1b]0;pwned\\x07\\x1b[2J\\x7f\\x9b31m\\u202etxt.exe\\n-rwsr');
    expect(r.out).toContain('-> /nowhere\\x1b]0;pwned');
    expect(r.out).toContain('/etc/\\xff\\x1b');
  });

  it('ls --layer: whiteouts and new folders escaped too', () => {
    const json = JSON.parse(run('ls', '--json', '--layer', '1', dir).out) as {
      entries: unknown[];
    };
    const r = run('ls', '--layer', '1', dir);
    expectSafe(r.out);
    expectSafe(r.err);
    expect(r.out.trimEnd().split('\n')).toHaveLength(json.entries.length);
  });

  it('inspect: platform, created, refName, entrypoint and problems escaped', () => {
    const r = run('inspect', dir);
    expectSafe(r.out);
    expectSafe(r.err);
    expect(r.out).toContain('ref "latest\\x1b]0;pwned');
    expect(r.out).toContain('linux\\n-rwsr-xr-x');
    expect(r.out).toContain('created 2024\\x1b]0;pwned');
  });

  it('inspect --layers: history and wasted paths escaped', () => {
    const r = run('inspect', '--layers', dir);
    expectSafe(r.out);
    expectSafe(r.err);
    expect(r.out).toContain('RUN \\x1b]0;pwned');
  });

  it('inspect --json keeps the strings as they are', () => {
    const out = JSON.parse(run('inspect', '--json', dir).out) as {
      images: { refName: string }[];
    };
    expect(out.images[0]!.refName).toBe(`latest${HOSTILE}`);
  });

  it('verify: problems quoting image strings escaped', () => {
    const r = run('verify', dir);
    expectSafe(r.out);
    expectSafe(r.err);
    expect(r.out).toContain('PAX record uid="1\\x1b]0;pwned');
  });

  it("cat's errors escape the paths they name", () => {
    for (const target of ['/etc/link', `/etc/dir${HOSTILE}`, `/etc/${HOSTILE}/x`, '/etc/hard/x']) {
      const r = run('cat', dir, target);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/^oci-explorer: /);
      expectSafe(r.err);
      expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    }
  });
});
