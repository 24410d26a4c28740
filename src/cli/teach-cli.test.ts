import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from './main.ts';
import { openPath } from './node-io.ts';
import { fixturesDir, listFixtures, repoRoot } from './testing/fixtures.ts';

// The CLI's teaching additions: cat --blob, the config lines of inspect, ls --dirs, --help.
const cli = resolve(repoRoot, 'bin/oci-explorer.js');
const goldenDir = resolve(repoRoot, 'src/cli/golden');
const fx = (p: string): string => join(fixturesDir, p);
const sha256 = (b: Uint8Array): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

function run(args: string[]): { code: number | null; out: string; err: string; bytes: Buffer } {
  const r = spawnSync('node', [cli, ...args], { maxBuffer: 1 << 26 });
  return {
    code: r.status,
    out: r.stdout.toString('utf8'),
    err: r.stderr.toString('utf8'),
    bytes: r.stdout,
  };
}

/** Run main() in this process, collecting what it writes to stdout. */
async function runHere(args: string[]): Promise<{ code: number; bytes: Buffer }> {
  const chunks: Buffer[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(Buffer.from(chunk));
    return true;
  });
  try {
    const code = await main(args);
    return { code, bytes: Buffer.concat(chunks) };
  } finally {
    spy.mockRestore();
  }
}
afterEach(() => vi.restoreAllMocks());

// Fixtures whose every referenced blob is missing on purpose.
const HOLD_NO_BLOBS = [
  'go-containerregistry/layout/test_gc_image_unknown_mediatype',
  'go-containerregistry/tarball/null_manifest',
];

describe('cat --blob', () => {
  it.each(listFixtures().map((f) => [f.name, f.input] as const))(
    'every blob of %s hashes to its digest',
    async (name, input) => {
      const opened = await openPath(input);
      const blobs = opened.store
        .list()
        .filter((b) => !b.synthesized && b.digest.startsWith('sha256:'));
      expect(blobs.length > 0 || HOLD_NO_BLOBS.includes(name)).toBe(true);
      for (const b of blobs) {
        const r = await runHere(['cat', input, '--blob', b.digest]);
        expect(r.code).toBe(0);
        expect(sha256(r.bytes)).toBe(b.digest);
      }
    },
  );

  it('takes a unique prefix through the built CLI, and names an unknown digest', () => {
    const layout = fx('go-containerregistry/layout/test_index_one_image');
    const r = run(['cat', layout, '--blob', '492b89b9dd3c']);
    expect(r.code).toBe(0);
    expect(sha256(r.bytes)).toBe(
      'sha256:492b89b9dd3cda4596f94916d17f6901455fb8bd7f4c5a2a90df8d39c90f48a0',
    );
    const none = run(['cat', layout, '--blob', 'ffffffff']);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/--blob ffffffff matches 0 blobs/);
    const bad = run(['cat', layout, '--blob', '$(x)']);
    expect(bad.code).toBe(2);
  });
});

describe('golden text outputs', () => {
  it.each([
    ['inspect-dive-docker', ['inspect', fx('dive/test-docker-image.tar')], 0],
    ['ls-dirs-dive-docker', ['ls', '--dirs', fx('dive/test-docker-image.tar')], 0],
    [
      'ls-dirs-whiteout-layer-3',
      ['ls', '--dirs', '--layer', '3', fx('go-containerregistry/mutate/whiteout_dir.tar')],
      0,
    ],
  ] as const)('%s', (name, args, code) => {
    const r = run([...args]);
    expect(r.err).toBe('');
    expect(r.code).toBe(code);
    const file = join(goldenDir, `${name}.txt`);
    if (process.env['UPDATE_GOLDEN'] || !existsSync(file)) writeFileSync(file, r.out);
    expect(r.out).toBe(readFileSync(file, 'utf8'));
  });

  it('ls --dirs lists directories only', () => {
    const r = run(['ls', '--dirs', '--json', fx('dive/test-docker-image.tar')]);
    const entries = (JSON.parse(r.out) as { entries: { type: string }[] }).entries;
    expect(entries.length).toBeGreaterThan(0);
    expect(new Set(entries.map((e) => e.type))).toEqual(new Set(['dir']));
  });
});

describe('--help', () => {
  it.each(['inspect', 'verify', 'ls', 'cat', 'diff'])('%s --help exits 0 with its usage', (cmd) => {
    const r = run([cmd, '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`^usage: oci-explorer ${cmd} `));
  });

  it('ls --help explains the mode letters, w and o included', () => {
    const r = run(['ls', '-h']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ {2}w {2}whiteout: a \.wh\.<name> marker/m);
    expect(r.out).toMatch(/^ {2}o {2}opaque directory: a \.wh\.\.wh\.\.opq marker/m);
    expect(r.out).toMatch(/^ {2}d {2}directory/m);
  });
});
