import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir, repoRoot } from './testing/fixtures.ts';

// Golden outputs of the built CLI: the JSON contracts scripts rely on, byte for byte.
// Regenerate with UPDATE_GOLDEN=1 after an intended change, and read the diff.
const cli = resolve(repoRoot, 'bin/oci-explorer.js');
const goldenDir = resolve(repoRoot, 'src/cli/golden');
const fx = (p: string): string => join(fixturesDir, p);

function run(args: string[]): { code: number | null; out: string; err: string; bytes: Buffer } {
  const r = spawnSync('node', [cli, ...args], { maxBuffer: 1 << 26 });
  return {
    code: r.status,
    out: r.stdout.toString('utf8'),
    err: r.stderr.toString('utf8'),
    bytes: r.stdout,
  };
}

describe('golden CLI outputs', () => {
  it.each([
    ['inspect-test-index', ['inspect', '--json', fx('go-containerregistry/layout/test_index')], 0],
    [
      'inspect-hello-world-v25',
      ['inspect', '--json', fx('go-containerregistry/tarball/hello-world-v25.tar')],
      0,
    ],
    ['ls-whiteout-dir', ['ls', '--json', fx('go-containerregistry/mutate/whiteout_dir.tar')], 0],
    [
      'ls-whiteout-dir-layer-2',
      ['ls', '--json', '--layer', '2', fx('go-containerregistry/mutate/whiteout_dir.tar')],
      0,
    ],
    [
      'ls-regclient-arm64',
      ['ls', '--json', '--platform', 'linux/arm64', fx('regclient/testrepo')],
      0,
    ],
  ] as const)('%s', (name, args, code) => {
    const r = run([...args]);
    expect(r.err).toBe('');
    expect(r.code).toBe(code);
    const file = join(goldenDir, `${name}.json`);
    // Paths of the fixtures differ between machines; the contracts never print them.
    if (process.env['UPDATE_GOLDEN'] || !existsSync(file)) writeFileSync(file, r.out);
    expect(r.out).toBe(readFileSync(file, 'utf8'));
  });

  it('cat streams a file of a zstd layer byte for byte', () => {
    const r = run(['cat', fx('dive/test-oci-zstd-image.tar'), '/README.md']);
    expect(r.code).toBe(0);
    expect(r.bytes.length).toBe(11189);
    expect(r.bytes.toString('utf8')).toMatch(/^# dive/);
  });

  it('cat follows a symlink into its target and names what is not a file', () => {
    const link = run(['cat', fx('go-containerregistry/mutate/overwritten_file.tar'), 'foo.txt']);
    const target = run(['cat', fx('go-containerregistry/mutate/overwritten_file.tar'), 'bar.txt']);
    expect(link.code).toBe(0);
    expect(createHash('sha256').update(link.bytes).digest('hex')).toBe(
      createHash('sha256').update(target.bytes).digest('hex'),
    );
    const dir = run(['cat', fx('dive/test-docker-image.tar'), '/root']);
    expect(dir.code).toBe(1);
    expect(dir.err).toMatch(/\/root is a dir, not a regular file/);
    const gone = run(['cat', fx('dive/test-docker-image.tar'), '/root/example/somefile1.txt']);
    expect(gone.code).toBe(1);
    expect(gone.err).toMatch(/no such file or directory in the image/);
  });

  it('ls --layer out of range is a usage error', () => {
    const r = run(['ls', '--layer', '9', fx('go-containerregistry/mutate/whiteout_dir.tar')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--layer must be 0\.\.3/);
  });
});
