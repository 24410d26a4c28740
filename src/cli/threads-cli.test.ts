import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixturesDir, repoRoot } from './testing/fixtures.ts';

// The built CLI with its layers on worker threads (OCI_EXPLORER_THREADS=3: this thread and two
// workers; small images use one thread unless told) prints byte for byte what it prints on one thread: the golden files.
const cli = resolve(repoRoot, 'bin/oci-explorer.js');
const fx = (p: string): string => join(fixturesDir, p);

const work = mkdtempSync(join(tmpdir(), 'threads-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
// Loaded before the CLI: counts the worker threads it starts, into the file COUNT_FILE names.
const counter = join(work, 'count-workers.mjs');
writeFileSync(
  counter,
  `import { createRequire, syncBuiltinESMExports } from 'node:module';
import { writeFileSync } from 'node:fs';
const wt = createRequire(import.meta.url)('node:worker_threads');
let n = 0;
wt.Worker = class extends wt.Worker { constructor(...a) { super(...a); n++; } };
syncBuiltinESMExports();
process.on('exit', () => writeFileSync(process.env.COUNT_FILE, String(n)));`,
);

let runs = 0;
function run(
  args: string[],
  threads: string,
): { code: number | null; out: string; err: string; workers: number } {
  const count = join(work, `count-${runs++}`);
  const r = spawnSync('node', ['--import', counter, cli, ...args], {
    maxBuffer: 1 << 26,
    env: { ...process.env, OCI_EXPLORER_THREADS: threads, COUNT_FILE: count },
  });
  return {
    code: r.status,
    out: r.stdout.toString('utf8'),
    err: r.stderr.toString('utf8'),
    workers: Number(readFileSync(count, 'utf8')),
  };
}

describe('the CLI on a pool of threads', () => {
  // [golden file, arguments, worker threads started: this thread takes a layer too]
  it.each([
    ['ls-whiteout-dir', ['ls', '--json', fx('go-containerregistry/mutate/whiteout_dir.tar')], 2],
    [
      'ls-whiteout-dir-layer-2',
      ['ls', '--json', '--layer', '2', fx('go-containerregistry/mutate/whiteout_dir.tar')],
      2,
    ],
    [
      'ls-regclient-arm64',
      ['ls', '--json', '--platform', 'linux/arm64', fx('regclient/testrepo')],
      0,
    ],
  ] as const)('%s matches its golden output', (name, args, workers) => {
    const r = run([...args], '3');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.workers).toBe(workers);
    expect(r.out).toBe(readFileSync(resolve(repoRoot, 'src/cli/golden', `${name}.json`), 'utf8'));
  });

  it.each([
    ['verify --json', ['verify', '--json', fx('dive/test-docker-image.tar')]],
    ['ls --sha256', ['ls', '--json', '--sha256', fx('dive/test-docker-image.tar')]],
    ['ls --sha256 (zstd)', ['ls', '--json', '--sha256', fx('dive/test-oci-zstd-image.tar')]],
    ['ls (eStargz)', ['ls', '--json', fx('dive/test-oci-estargz-image.tar')]],
    ['inspect --layers', ['inspect', '--json', '--layers', fx('dive/test-docker-image.tar')]],
  ])('%s prints the same on threads as on one thread', (_name, args) => {
    const threads = run(args, '3');
    const one = run(args, '0');
    expect(threads.code).toBe(one.code);
    expect(threads.err).toBe(one.err);
    expect(threads.out).toBe(one.out);
    expect(threads.out.length).toBeGreaterThan(100);
    expect(one.workers).toBe(0);
    if (args.includes(fx('dive/test-docker-image.tar'))) expect(threads.workers).toBe(2);
  });
});
