import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GraphNode, ImageGraph } from '../graph/model.ts';
import { commandsFor } from './commands.ts';
import { shellQuote } from './shell-quote.ts';

const HEX = 'a'.repeat(64);

describe('shellQuote', () => {
  it.each([
    ['plain', "'plain'"],
    ["it's", "'it'\\''s'"],
    ['$(reboot)', "'$(reboot)'"],
    ['a b\nc', "'a b\nc'"],
    ['', "''"],
  ])('%j', (word, quoted) => {
    expect(shellQuote(word)).toBe(quoted);
    // bash gives back exactly the word
    const r = spawnSync('bash', ['-c', `printf %s ${quoted}`]);
    expect(r.stdout.toString('utf8')).toBe(word);
  });
});

function layerGraph(source: string): { graph: ImageGraph; node: GraphNode } {
  const node: GraphNode = {
    id: `sha256:${HEX}`,
    kind: 'layer',
    mediaType: 'application/vnd.docker.image.rootfs.diff.tar',
    digest: `sha256:${HEX}`,
    size: 1,
    present: true,
    synthesized: false,
    source,
    bytes: null,
    document: null,
    labels: [],
    problems: [],
  };
  const top = { ...node, id: 'manifest.json', kind: 'top' as const, digest: null };
  return {
    node,
    graph: { top, nodes: new Map([[node.id, node]]), edges: [], images: [], problems: [] },
  };
}

describe('commandsFor', () => {
  it('keeps a hostile path and input name inert: nothing runs, the file is still read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'inert-'));
    try {
      const evil = "$(touch PWNED)'; touch PWNED2; echo '`touch PWNED3`.tar";
      writeFileSync(join(dir, evil), Buffer.alloc(10240)); // an empty tar: end-of-archive blocks only
      const { graph, node } = layerGraph(evil);
      const cmds = commandsFor(graph, node, { format: 'docker-archive', name: '$(touch PWNED4)' });
      expect(cmds.map((c) => c.shows.kind)).toEqual(['setup', 'sha256', 'listing']);
      for (const c of cmds.slice(1)) {
        const r = spawnSync('bash', ['-c', c.command], { cwd: dir });
        expect(r.stderr.toString('utf8')).toBe('');
        expect(r.status).toBe(0);
      }
      spawnSync('bash', ['-c', cmds[0]!.command], { cwd: dir });
      for (const f of ['PWNED', 'PWNED2', 'PWNED3', 'PWNED4'])
        expect(existsSync(join(dir, f))).toBe(false);
      expect(cmds[0]!.command).toBe(
        "mkdir -p image && tar -xf '$(touch PWNED4)' -C image && cd image",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['gzip', `tar -tvzf 'blobs/sha256/${HEX}'`, `gzip -dc 'blobs/sha256/${HEX}' | sha256sum`],
    [
      'zstd',
      `zstd -dc 'blobs/sha256/${HEX}' | tar -tv`,
      `zstd -dc 'blobs/sha256/${HEX}' | sha256sum`,
    ],
    ['tar', `tar -tvf 'blobs/sha256/${HEX}'`, undefined],
  ])('lists a %s layer with the matching tool', (compression, listing, diffId) => {
    const { graph, node } = layerGraph(`blobs/sha256/${HEX}`);
    const cmds = commandsFor(graph, node, { format: 'oci-layout', name: 'img', compression });
    expect(cmds[0]!.command).toBe("cd 'img'");
    expect(cmds.find((c) => c.shows.kind === 'listing')?.command).toBe(listing);
    expect(cmds.find((c) => c.shows.kind === 'diff-id')?.command).toBe(diffId);
  });

  it('offers no listing for bytes that are not a tar', () => {
    const { graph, node } = layerGraph(`blobs/sha256/${HEX}`);
    const cmds = commandsFor(graph, node, { format: 'oci-layout', name: 'img', compression: 'xz' });
    expect(cmds.map((c) => c.shows.kind)).toEqual(['setup', 'sha256']);
  });
});
