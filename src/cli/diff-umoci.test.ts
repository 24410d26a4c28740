import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliBin, repoRoot } from './testing/fixtures.ts';
import { scratchDir } from './testing/scratch-dir.ts';

// `oci-explorer diff` checked against Debian's tools: both images unpacked by `umoci unpack`,
// compared with `diff -r --no-dereference` (presence, content, type, symlink targets) and lstat
// (mode, owner). Images: the compare images (scripts/fixtures/make-compare-images.mjs) and a
// pair built and changed with umoci itself in this test (umoci writes the whiteouts).
// umoci is required: .ci/run installs it; without it this suite fails and says so.
const work = scratchDir('oci-explorer-diff-umoci-');
const hasUmoci = spawnSync('sh', ['-c', 'command -v umoci']).status === 0;

interface CliFile {
  kind: string;
  path: string;
  fields?: string[];
}

function sh(cmd: string, args: string[]): void {
  execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Unpack the layout's one image with umoci; returns the rootfs. */
function unpack(layout: string, tag: string, name: string): string {
  const bundle = join(work, `bundle-${name}`);
  rmSync(bundle, { recursive: true, force: true });
  sh('umoci', ['unpack', '--image', `${layout}:${tag}`, bundle]);
  return join(bundle, 'rootfs');
}

/** Every path under a rootfs with what lstat says (mode, owner, type). */
function walk(root: string): Map<string, { type: string; mode: number; uid: number; gid: number }> {
  const out = new Map<string, { type: string; mode: number; uid: number; gid: number }>();
  const go = (dir: string, rel: string): void => {
    for (const name of readdirSync(dir)) {
      const st = lstatSync(join(dir, name));
      const type = st.isDirectory()
        ? 'dir'
        : st.isSymbolicLink()
          ? 'symlink'
          : st.isFile()
            ? 'file'
            : 'other';
      out.set(`${rel}/${name}`, { type, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid });
      if (st.isDirectory()) go(join(dir, name), `${rel}/${name}`);
    }
  };
  go(root, '');
  return out;
}

/**
 * What the native tools say differs, as `kind path` lines: `diff -rq --no-dereference` for
 * presence, content, type and symlink targets (a whole missing folder is one line, as diff
 * prints it), lstat for mode and owner of the paths in both.
 */
function nativeDiff(ra: string, rb: string): string[] {
  const r = spawnSync('diff', ['-rq', '--no-dereference', ra, rb], { encoding: 'utf8' });
  if (r.status === 2) throw new Error(`diff -r failed: ${r.stderr}`);
  const rel = (p: string, root: string): string => p.slice(root.length) || '/';
  const out = new Map<string, string>();
  for (const l of r.stdout.split('\n').filter(Boolean)) {
    let m: RegExpExecArray | null;
    if ((m = /^Only in (.*): (.*)$/.exec(l))) {
      const inA = m[1]!.startsWith(ra);
      const dir = rel(m[1]!, inA ? ra : rb);
      out.set(`${dir === '/' ? '' : dir}/${m[2]}`, inA ? 'removed' : 'added');
    } else if ((m = /^(?:Files|Symbolic links) (.*) and (.*) differ$/.exec(l))) {
      out.set(rel(m[1]!, ra), l.startsWith('Symbolic') ? 'metadata' : 'content');
    } else if ((m = /^File (.*) is an? (.*) while file (.*) is an? (.*)$/.exec(l))) {
      // diff cannot compare two devices or two FIFOs: it names them, even when equal.
      if (m[2] !== m[4]) out.set(rel(m[1]!, ra), 'type');
    } else throw new Error(`unexpected diff -r line: ${l}`);
  }
  const a = walk(ra);
  const b = walk(rb);
  for (const [path, x] of a) {
    const y = b.get(path);
    if (!y || x.type !== y.type || out.has(path)) continue;
    const modeDiffers = x.type !== 'symlink' && x.mode !== y.mode;
    if (modeDiffers || x.uid !== y.uid || x.gid !== y.gid) out.set(path, 'metadata');
  }
  return [...out].map(([p, k]) => `${k} ${p}`).sort();
}

/** The CLI's JSON diff in the same form: paths under an added, removed or retyped folder folded into it. */
function cliDiff(
  a: string,
  b: string,
  extra: string[] = [],
): { lines: string[]; code: number | null } {
  const r = spawnSync('node', [cliBin, 'diff', a, b, '--json', ...extra], { encoding: 'utf8' });
  if (r.status === 2) throw new Error(`diff failed: ${r.stderr}`);
  const files = (JSON.parse(r.stdout) as { files: CliFile[] }).files;
  const tops = new Set(
    files.filter((f) => f.kind !== 'content' && f.kind !== 'metadata').map((f) => f.path),
  );
  const under = (p: string): boolean => {
    for (let q = p.slice(0, p.lastIndexOf('/')); q; q = q.slice(0, q.lastIndexOf('/')))
      if (tops.has(q)) return true;
    return false;
  };
  const lines = files
    .filter((f) => !under(f.path))
    .map((f) => `${f.kind} ${f.path}`)
    .sort();
  return { lines, code: r.status };
}

describe('diff agrees with umoci unpack + diff -r --no-dereference + lstat', () => {
  it('umoci is installed (.ci/run installs it)', () => {
    if (!hasUmoci)
      throw new Error(
        'UMOCI IS MISSING: the diff checks against umoci unpack + diff -r did not run. Install it (apt-get install umoci) or run .ci/run.',
      );
  });

  const images = join(work, 'images');
  beforeAll(() => {
    if (!hasUmoci) return;
    execFileSync('node', [resolve(repoRoot, 'scripts/fixtures/make-compare-images.mjs'), images]);
    buildWithUmoci();
  });

  it.skipIf(!hasUmoci).each([
    ['base', 'changed'],
    ['base', 'rebuilt'],
    ['changed', 'base'],
    ['shared-a', 'shared-b'],
    ['umoci-v1', 'umoci-v2'],
  ])('%s against %s', (x, y) => {
    const expected = nativeDiff(
      unpack(join(images, x), 'latest', x),
      unpack(join(images, y), 'latest', y),
    );
    const got = cliDiff(join(images, x), join(images, y));
    expect(got.lines).toEqual(expected);
    expect(got.code).toBe(expected.length === 0 ? 0 : 1);
    // The umoci pair has every kind of change: the comparison above cannot pass vacuously.
    if (x === 'umoci-v1')
      expect(new Set(expected.map((l) => l.split(' ')[0]))).toEqual(
        new Set(['added', 'removed', 'content', 'metadata', 'type']),
      );
  });

  it.skipIf(!hasUmoci)('two platforms of one index', () => {
    const multi = join(images, 'multi');
    const expected = nativeDiff(unpack(multi, 'amd64', 'amd64'), unpack(multi, 'arm64', 'arm64'));
    const r = spawnSync(
      'node',
      [
        cliBin,
        'diff',
        multi,
        multi,
        '--json',
        '--platform',
        'linux/amd64',
        '--platform-b',
        'linux/arm64',
      ],
      { encoding: 'utf8' },
    );
    const files = (JSON.parse(r.stdout) as { files: CliFile[] }).files;
    expect(files.map((f) => `${f.kind} ${f.path}`).sort()).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
  });

  /** v1 from a folder, v2 from v1 changed as a person would (umoci repack writes the whiteouts). */
  function buildWithUmoci(): void {
    const v1 = join(images, 'umoci-v1');
    sh('umoci', ['init', '--layout', v1]);
    sh('umoci', ['new', '--image', `${v1}:latest`]);
    const b1 = join(work, 'build-1');
    sh('umoci', ['unpack', '--image', `${v1}:latest`, b1]);
    const r = join(b1, 'rootfs');
    for (const d of ['etc', 'usr/lib', 'var/cache/apt', 'srv/www', 'opt'])
      mkdirSync(join(r, d), { recursive: true });
    writeFileSync(join(r, 'etc/hostname'), 'alpha\n');
    writeFileSync(join(r, 'etc/motd'), 'welcome\n');
    writeFileSync(join(r, 'usr/lib/libx.so.1'), 'x'.repeat(5000));
    symlinkSync('libx.so.1', join(r, 'usr/lib/libx.so'));
    linkSync(join(r, 'usr/lib/libx.so.1'), join(r, 'usr/lib/libx-link'));
    writeFileSync(join(r, 'var/cache/apt/a.bin'), 'a'.repeat(300));
    writeFileSync(join(r, 'var/cache/apt/b.bin'), 'b'.repeat(300));
    writeFileSync(join(r, 'srv/www/index.html'), '<p>v1</p>\n');
    writeFileSync(join(r, 'opt/tool'), '#!/bin/sh\n');
    chmodSync(join(r, 'opt/tool'), 0o755);
    sh('umoci', ['repack', '--image', `${v1}:latest`, b1]);

    const v2 = join(images, 'umoci-v2');
    execFileSync('cp', ['-a', v1, v2]);
    const b2 = join(work, 'build-2');
    sh('umoci', ['unpack', '--image', `${v2}:latest`, b2]);
    const s = join(b2, 'rootfs');
    writeFileSync(join(s, 'etc/hostname'), 'omega\n'); // same size, other bytes
    writeFileSync(join(s, 'usr/lib/libx.so.1'), 'y'.repeat(6000)); // new size (and its hardlink)
    chmodSync(join(s, 'opt/tool'), 0o700); // mode only
    rmSync(join(s, 'etc/motd')); // a whiteout
    rmSync(join(s, 'var/cache/apt'), { recursive: true }); // a folder removed...
    mkdirSync(join(s, 'var/cache/apt'));
    writeFileSync(join(s, 'var/cache/apt/c.bin'), 'c'); // ...and made again with other contents
    rmSync(join(s, 'usr/lib/libx.so'));
    symlinkSync('libx-link', join(s, 'usr/lib/libx.so')); // symlink retargeted
    rmSync(join(s, 'srv/www'), { recursive: true });
    writeFileSync(join(s, 'srv/www'), 'now a file\n'); // folder to file: type
    writeFileSync(join(s, 'etc/new.conf'), 'k=v\n'); // added
    sh('umoci', ['repack', '--image', `${v2}:latest`, b2]);
  }
});
