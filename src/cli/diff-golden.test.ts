import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LayoutBuilder } from '../core/testing/layout-builder.ts';
import { repoRoot } from './testing/fixtures.ts';

// `oci-explorer diff` on the compare images (scripts/fixtures/make-compare-images.mjs): golden
// outputs, byte for byte, and diff(1)'s exit codes. Regenerate with UPDATE_GOLDEN=1 after an
// intended change, and read the diff. Runs the built CLI (`npm run prepare`).
const cli = resolve(repoRoot, 'bin/oci-explorer.js');
const goldenDir = resolve(repoRoot, 'src/cli/golden');
const work = mkdtempSync(join(tmpdir(), 'oci-explorer-diff-'));
const img = (name: string): string => join(work, name);
afterAll(() => rmSync(work, { recursive: true, force: true }));

beforeAll(() => {
  execFileSync('node', [resolve(repoRoot, 'scripts/fixtures/make-compare-images.mjs'), work]);
});

function run(args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync('node', [cli, 'diff', ...args], { encoding: 'utf8' });
  // The temporary folder's name differs on every run; the outputs never print it, but errors might.
  return { code: r.status, out: r.stdout, err: r.stderr.replaceAll(work, 'WORK') };
}

describe('diff: golden outputs and exit codes', () => {
  it.each<[string, string[], number]>([
    ['diff-base-changed.txt', ['base', 'changed'], 1],
    ['diff-base-changed.json', ['base', 'changed', '--json'], 1],
    ['diff-base-changed-ignore-metadata.txt', ['base', 'changed', '--ignore-metadata'], 1],
    ['diff-base-rebuilt.txt', ['base', 'rebuilt'], 0],
    ['diff-base-rebuilt-strict.txt', ['base', 'rebuilt', '--strict'], 1],
    [
      'diff-multi-platforms.txt',
      ['multi', 'multi', '--platform', 'linux/amd64', '--platform-b', 'linux/arm64'],
      1,
    ],
    ['diff-shared.json', ['shared-a', 'shared-b', '--json'], 1],
  ])('%s', (name, args, code) => {
    const r = run(args.map((a) => (a.startsWith('-') || a.includes('/') ? a : img(a))));
    expect(r.err).toBe('');
    expect(r.code).toBe(code);
    const file = join(goldenDir, name);
    if (process.env['UPDATE_GOLDEN'] || !existsSync(file)) writeFileSync(file, r.out);
    expect(r.out).toBe(readFileSync(file, 'utf8'));
  });

  it('an image against itself is equal (exit 0), strict or not', () => {
    expect(run([img('base'), img('base')]).code).toBe(0);
    expect(run([img('base'), img('base'), '--strict']).code).toBe(0);
    // The same layout's default image and its own platform named: still one image.
    expect(run([img('multi'), img('multi'), '--platform', 'linux/arm64']).code).toBe(0);
  });

  it('the JSON names each difference with its kind, path and both sides', () => {
    const r = run([img('base'), img('changed'), '--json']);
    const j = JSON.parse(r.out) as {
      equal: boolean;
      files: {
        kind: string;
        path: string;
        a?: { mode: number };
        b?: { mode: number };
        fields?: string[];
      }[];
    };
    expect(j.equal).toBe(false);
    expect(j.files.map((f) => `${f.kind} ${f.path}`)).toEqual([
      'content /etc/hostname',
      'metadata /etc/os-release',
      'content /opt/app/main.js',
      'added /opt/app/new.txt',
      'removed /opt/app/old.txt',
      'added /var/cache/apt/fresh.bin',
      'removed /var/cache/apt/pkgcache.bin',
      'removed /var/cache/apt/srcpkgcache.bin',
    ]);
    const mode = j.files.find((f) => f.path === '/etc/os-release')!;
    expect([mode.a?.mode, mode.b?.mode, mode.fields]).toEqual([0o644, 0o600, ['mode']]);
  });

  it.each<[string, () => string[], RegExp]>([
    ['a missing input', () => [img('base'), img('nope')], /no such file or folder/],
    ['one input only', () => [img('base')], /diff needs two inputs/],
    [
      'a platform B lacks',
      () => [img('base'), img('multi'), '--platform-b', 'linux/s390x'],
      /no image for platform linux\/s390x/,
    ],
    ['not an image', () => [img('base'), join(img('base'), 'oci-layout')], /cannot read the input/],
  ])('%s: exit 2', (_, args, message) => {
    const r = run(args());
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.out).toBe('');
  });

  it('names from the image reach the terminal escaped; --json keeps them as they are', () => {
    const evil = 'etc/evil\u001b[31m\u202Etxt.sh';
    const write = (name: string, content: string): string => {
      const b = new LayoutBuilder();
      const m = b.image([
        [
          { path: 'etc/', type: 'dir' },
          { path: evil, content },
        ],
      ]);
      const dir = img(name);
      for (const [p, bytes] of b.files) {
        mkdirSync(join(dir, p, '..'), { recursive: true });
        writeFileSync(join(dir, p), bytes);
      }
      writeFileSync(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
      writeFileSync(join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [m] }));
      return dir;
    };
    const a = write('evil-a', 'one');
    const b = write('evil-b', 'two');
    const text = run([a, b]);
    expect(text.code).toBe(1);
    expect(text.out).toContain('C /etc/evil\\x1b[31m\\u202etxt.sh');
    expect([text.out.includes('\u001b'), text.out.includes('\u202e')]).toEqual([false, false]);
    const json = JSON.parse(run([a, b, '--json']).out) as { files: { path: string }[] };
    expect(json.files.map((f) => f.path)).toEqual([`/${evil}`]);
  });

  it('problems met while reading are warnings; the exit code stays the comparison', () => {
    const broken = img('broken');
    cpSync(img('changed'), broken, { recursive: true });
    const manifest = JSON.parse(
      readFileSync(
        join(
          broken,
          'blobs/sha256',
          (
            JSON.parse(readFileSync(join(broken, 'index.json'), 'utf8')) as {
              manifests: { digest: string }[];
            }
          ).manifests[0]!.digest.slice(7),
        ),
        'utf8',
      ),
    ) as { layers: { digest: string }[] };
    // Remove the top layer: B then equals base's filesystem, with a layer-missing problem.
    unlinkSync(join(broken, 'blobs/sha256', manifest.layers[2]!.digest.slice(7)));
    expect(readdirSync(join(broken, 'blobs/sha256')).length).toBeGreaterThan(0);
    const r = run([img('base'), broken, '--ignore-metadata']);
    expect(r.err).toMatch(/^warning \(B\): error\s+layer-missing/m);
    expect(r.out).toMatch(/^Files: 0 added, 0 removed, 0 content/m);
    // Equal filesystems, but the manifests differ (a third layer): different, not unreadable.
    expect(r.code).toBe(1);
    const same = run([broken, broken]);
    expect(same.err).toMatch(/layer-missing/);
    expect(same.code).toBe(0);
  });
});
