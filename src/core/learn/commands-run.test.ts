import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPath, useNodeHasher } from '../../cli/node-io.ts';
import { loadGraph } from '../graph/load-graph.ts';
import type { ImageGraph } from '../graph/model.ts';
import { SNIFF_BYTES, sniffCompression } from '../layers/sniff-compression.ts';
import { listLayer } from '../layers/list-layer.ts';
import type { ImageInput } from '../store/image-input.ts';
import { fixturePath } from '../testing/fixtures.ts';
import { commandsFor, type ShellCommand } from './commands.ts';

// Every command the "Commands" region offers is run here in bash with Debian's own jq, tar,
// sha256sum, gzip, zstd, skopeo and umoci, and its output compared with what the core read.
useNodeHasher();

const DEMO_SCRIPT = fileURLToPath(new URL('../../../scripts/demo/build-demo.mjs', import.meta.url));
let demoDir = '';
let work = '';
beforeAll(() => {
  demoDir = mkdtempSync(join(tmpdir(), 'cmd-demo-'));
  work = mkdtempSync(join(tmpdir(), 'cmd-run-'));
  execFileSync(process.execPath, [DEMO_SCRIPT, demoDir], { stdio: 'pipe' });
});
afterAll(() => {
  rmSync(demoDir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

function bash(command: string, cwd: string): { code: number | null; out: Buffer; err: string } {
  const r = spawnSync('bash', ['-c', command], { cwd, maxBuffer: 1 << 28 });
  return { code: r.status, out: r.stdout, err: r.stderr.toString('utf8') };
}

/** Run the setup command where the input lives (copied for archives) and return the folder it leaves. */
function setUp(path: string, setup: ShellCommand, tag: string): string {
  const isDir = statSync(path).isDirectory();
  const base = isDir ? dirname(path) : join(work, tag);
  if (!isDir) {
    execFileSync('mkdir', ['-p', base]);
    execFileSync('cp', [path, join(base, basename(path))]);
  }
  const r = bash(`${setup.command} && pwd`, base);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return r.out.toString('utf8').trim();
}

async function check(
  graph: ImageGraph,
  input: ImageInput,
  cmd: ShellCommand,
  cwd: string,
): Promise<void> {
  const r = bash(cmd.command, cwd);
  expect({ command: cmd.command, code: r.code, err: r.err }).toEqual({
    command: cmd.command,
    code: 0,
    err: r.err.includes('level=warning') ? r.err : '',
  });
  const s = cmd.shows;
  switch (s.kind) {
    case 'document': {
      const bytes = graph.nodes.get(s.node)!.bytes!;
      expect(JSON.parse(r.out.toString('utf8'))).toEqual(
        JSON.parse(new TextDecoder().decode(bytes)),
      );
      break;
    }
    case 'raw':
      expect(`sha256:${sha256(r.out)}`).toBe(s.digest);
      break;
    case 'sha256':
      expect(`sha256:${r.out.toString('utf8').split(' ')[0]}`).toBe(s.digest);
      break;
    case 'diff-id': {
      const want = graph.images
        .flatMap((i) => i.layers)
        .find((l) => l.descriptor.digest.value === s.layer)?.diffId;
      expect(`sha256:${r.out.toString('utf8').split(' ')[0]}`).toBe(want);
      break;
    }
    case 'listing': {
      const index = await listLayer(input.store.get(s.layer)!.blob, { diffId: false });
      const lines = r.out.toString('utf8').split('\n').filter(Boolean);
      expect(lines.length).toBe(index.entries.length);
      index.entries.forEach((e, i) => expect(lines[i]).toContain(e.path.replace(/\/$/, '')));
      break;
    }
    case 'setup':
    case 'runs':
      break;
  }
}

/** Run every command of every node of an input; returns how many ran per kind of output. */
async function runAll(path: string, tag: string): Promise<Record<string, number>> {
  const input = await openPath(path);
  const graph = await loadGraph(input);
  const name = basename(path);
  const counts: Record<string, number> = {};
  let cwd: string | null = null;
  for (const node of graph.nodes.values()) {
    const stored = node.kind === 'layer' ? input.store.get(node.id) : undefined;
    const compression = stored
      ? sniffCompression(new Uint8Array(await stored.blob.slice(0, SNIFF_BYTES).arrayBuffer()))
      : undefined;
    const [setup, ...cmds] = commandsFor(graph, node, { format: input.format, name, compression });
    cwd ??= setUp(path, setup!, tag);
    for (const c of cmds) {
      await check(graph, input, c, cwd);
      counts[c.shows.kind] = (counts[c.shows.kind] ?? 0) + 1;
    }
  }
  return counts;
}

describe('the commands of every node, run with the real tools', () => {
  it.each([
    ['go-containerregistry/layout/test_index_one_image', { document: 3, listing: 1, raw: 2 }],
    ['go-containerregistry/layout/test_index', { document: 1 }],
    ['regclient/testrepo', { raw: 10, runs: 3 }],
    ['containers-image/oci-layout/delete_image_multiple_images', { document: 1 }],
    ['dive/test-oci-gzip-image.tar', { listing: 1, 'diff-id': 1 }],
    ['dive/test-oci-zstd-image.tar', { listing: 1, 'diff-id': 1 }],
    ['dive/test-oci-uncompressed-image.tar', { listing: 1 }],
    ['dive/test-docker-image.tar', { listing: 1, document: 2 }],
    ['go-containerregistry/tarball/hello-world-v25.tar', { listing: 1, document: 2 }],
  ] as const)('%s', async (rel, atLeast) => {
    const counts = await runAll(fixturePath(rel), rel.replaceAll('/', '_'));
    for (const [kind, n] of Object.entries(atLeast))
      expect(counts[kind] ?? 0).toBeGreaterThanOrEqual(n);
  });

  it.each([
    'demo-lesson.oci.tar',
    'demo-layers.oci.tar',
    'demo-multiplatform.oci.tar',
    'demo-docker.tar',
  ])('demo %s', async (file) => {
    const counts = await runAll(join(demoDir, file), file);
    expect(counts['listing'] ?? 0).toBeGreaterThan(0);
    expect(counts['document'] ?? 0).toBeGreaterThan(0);
  });
});
