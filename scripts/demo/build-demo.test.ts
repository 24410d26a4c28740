import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPath, useNodeHasher } from '../../src/cli/node-io.ts';
import { listImage, layerSource, type ListedImage } from '../../src/core/fs/list-image.ts';
import { resolvePath } from '../../src/core/fs/resolve-path.ts';
import { loadGraph } from '../../src/core/graph/load-graph.ts';
import type { ImageGraph } from '../../src/core/graph/model.ts';
import { readLayerFile } from '../../src/core/layers/read-file.ts';
import { readBytes } from '../../src/core/store/blob-store.ts';
import type { ImageInput } from '../../src/core/store/image-input.ts';

useNodeHasher();

const SCRIPT = fileURLToPath(new URL('./build-demo.mjs', import.meta.url));
const build = (dir: string): void => {
  execFileSync(process.execPath, [SCRIPT, dir], { stdio: 'pipe' });
};

let outA = '';
let outB = '';
beforeAll(() => {
  outA = mkdtempSync(join(tmpdir(), 'demo-a-'));
  outB = mkdtempSync(join(tmpdir(), 'demo-b-'));
  build(outA);
  build(outB);
});
afterAll(() => {
  rmSync(outA, { recursive: true, force: true });
  rmSync(outB, { recursive: true, force: true });
});

interface Opened {
  input: ImageInput;
  graph: ImageGraph;
}
const open = async (file: string): Promise<Opened> => {
  const input = await openPath(join(outA, file));
  return { input, graph: await loadGraph(input) };
};
const errors = (ps: readonly { severity: string }[]) => ps.filter((p) => p.severity === 'error');

interface CatalogueEntry {
  file: string;
  format: string;
  title: string;
  description: string;
  size: number;
  sha256: string;
}

describe('build-demo.mjs', () => {
  it('writes the same bytes on every run', () => {
    const files = readdirSync(outA).sort();
    expect(files).toEqual([
      'demo-docker.tar',
      'demo-layers.oci.tar',
      'demo-lesson.oci.tar',
      'demo-multiplatform.oci.tar',
      'demos.json',
    ]);
    expect(readdirSync(outB).sort()).toEqual(files);
    for (const f of files)
      expect(readFileSync(join(outB, f)).equals(readFileSync(join(outA, f)))).toBe(true);
  });

  it('catalogues each file with its format, size and digest', () => {
    const list = JSON.parse(readFileSync(join(outA, 'demos.json'), 'utf8')) as CatalogueEntry[];
    expect(list.map((d) => d.file)).toEqual([
      'demo-lesson.oci.tar',
      'demo-layers.oci.tar',
      'demo-multiplatform.oci.tar',
      'demo-docker.tar',
    ]);
    for (const d of list) {
      const bytes = readFileSync(join(outA, d.file));
      expect(d.size).toBe(bytes.length);
      expect(d.sha256).toBe(`sha256:${createHash('sha256').update(bytes).digest('hex')}`);
      expect(d.title.length).toBeGreaterThan(10);
      expect(d.description.length).toBeGreaterThan(100);
    }
  });

  it.each([
    ['demo-lesson.oci.tar', 'oci-archive', [null], 0],
    ['demo-layers.oci.tar', 'oci-archive', [null], 0],
    [
      'demo-multiplatform.oci.tar',
      'oci-archive',
      ['linux/amd64', 'linux/arm64/v8', 'unknown/unknown'],
      1,
    ],
    ['demo-docker.tar', 'docker-archive', ['linux/amd64'], 0],
  ] as const)(
    '%s reads as %s with the expected images',
    async (file, format, platforms, attestations) => {
      const { input, graph } = await open(file);
      expect(input.format).toBe(format);
      expect(errors(input.problems)).toEqual([]);
      // Teaching images read clean: not even a warning (an attestation's in-toto layer is
      // expected there, not an unknown layer type).
      expect(graph.problems).toEqual([]);
      expect(graph.images.map((im) => im.platform)).toEqual(platforms);
      expect(graph.images.filter((im) => im.attestation)).toHaveLength(attestations);
    },
  );

  it.each([
    'demo-lesson.oci.tar',
    'demo-layers.oci.tar',
    'demo-multiplatform.oci.tar',
    'demo-docker.tar',
  ])(
    '%s verifies clean: every blob hashes to its digest, every layer to its diff_id',
    async (file) => {
      const { input, graph } = await open(file);
      for (const b of input.store.list()) {
        if (b.synthesized) continue;
        const bytes = await readBytes(b.blob);
        expect(`sha256:${createHash('sha256').update(bytes).digest('hex')}`, b.source).toBe(
          b.digest,
        );
      }
      for (const image of graph.images.filter((im) => !im.attestation)) {
        const indexed = await listImage(input.store, image, { verifyDigest: true });
        expect(indexed.problems).toEqual([]);
        for (const l of indexed.layers) expect(l.index?.diffId).toBe(l.diffIdWanted);
      }
    },
  );
});

describe('demo-lesson.oci.tar is built like the lesson’s busybox', () => {
  it('has one gzip layer, Cmd ["sh"], history, lib64 -> lib and the etc/network folders', async () => {
    const { input, graph } = await open('demo-lesson.oci.tar');
    expect(graph.images).toHaveLength(1);
    const image = graph.images[0]!;
    expect(image.layers.map((l) => l.descriptor.mediaType)).toEqual([
      'application/vnd.oci.image.layer.v1.tar+gzip',
    ]);
    expect(image.configDocument!.config!.Cmd).toEqual(['sh']);
    expect(image.configDocument!.history.map((h) => h.emptyLayer)).toEqual([false, true]);
    const fs = (await listImage(input.store, image)).fs.view();
    const lib64 = resolvePath(fs, '/lib64', false);
    expect(lib64.ok && lib64.entry.type === 'symlink' && lib64.entry.linkTarget).toBe('lib');
    for (const d of ['if-up.d', 'if-down.d', 'if-pre-up.d', 'if-post-down.d']) {
      const r = resolvePath(fs, `/etc/network/${d}`);
      expect(r.ok && r.entry.type).toBe('dir');
    }
  });
});

describe('demo-layers.oci.tar teaches what it says', () => {
  let indexed: ListedImage;
  beforeAll(async () => {
    const { input, graph } = await open('demo-layers.oci.tar');
    indexed = await listImage(input.store, graph.images[0]!);
  });

  it('has five layers, each with a created_by line', async () => {
    const { graph } = await open('demo-layers.oci.tar');
    const history = graph.images[0]!.configDocument!.history;
    expect(graph.images[0]!.layers).toHaveLength(5);
    expect(history.filter((h) => !h.emptyLayer).every((h) => (h.createdBy ?? '').length > 10)).toBe(
      true,
    );
  });

  it.each([
    ['/etc/os-release', 'file', 0],
    ['/etc/passwd', 'file', 1],
    ['/usr/bin/app', 'file', 3],
    ['/usr/share/doc/app/README.md', 'file', 3],
    ['/usr/share/app/logo.png', 'file', 3],
    ['/usr/lib/app/libdemo.so', 'file', 3],
    ['/opt/model/weights.bin', 'file', 4],
    ['/var/cache/apk/.keep', 'file', 4],
    ['/bin', 'symlink', 0],
    ['/usr/local/bin/app', 'symlink', 3],
    ['/usr/bin/ls', 'hardlink', 0],
    ['/tmp', 'dir', 0],
  ] as const)('%s is a %s last written by layer %i', (path, type, layer) => {
    const e = indexed.fs.get(path);
    expect(e?.type).toBe(type);
    expect(e?.layer).toBe(layer);
  });

  it.each([
    ['/etc/motd', 4, 'whiteout', '/etc/.wh.motd'],
    ['/var/cache/apk/APKINDEX.66ab.tar.gz', 4, 'opaque', '/var/cache/apk/.wh..wh..opq'],
    ['/var/cache/apk/ca-certificates-20240226-r0.apk', 4, 'opaque', '/var/cache/apk/.wh..wh..opq'],
  ] as const)('%s is deleted by layer %i (%s %s)', (path, layer, kind, marker) => {
    expect(indexed.fs.get(path)).toBeUndefined();
    expect(indexed.fs.get(path, layer - 1)).toBeDefined();
    const last = indexed.fs.historyOf(path).at(-1)!;
    expect(last).toMatchObject({ layer, action: 'deleted', marker: { kind, path: marker } });
  });

  it('shows each change in the layer diffs', () => {
    expect(indexed.fs.layerDiff(1)).toContainEqual({ path: '/etc/passwd', change: 'modified' });
    expect(indexed.fs.layerDiff(4)).toContainEqual({ path: '/etc/motd', change: 'deleted' });
    expect(indexed.fs.layerDiff(4)).toContainEqual({
      path: '/opt/model/weights.bin',
      change: 'modified',
    });
    expect(
      indexed.fs
        .view()
        .children('/var/cache/apk')
        .map((e) => e.path),
    ).toEqual(['/var/cache/apk/.keep']);
  });

  it('links: the symlinks resolve, the hardlinks share busybox', () => {
    expect(indexed.fs.get('/bin')?.linkTarget).toBe('usr/bin');
    expect(indexed.fs.get('/usr/bin/ls')?.linkTarget).toBe('/usr/bin/busybox');
    const viaBin = resolvePath(indexed.fs.view(), '/bin/app');
    expect(viaBin.ok && viaBin.path).toBe('/usr/bin/app');
    const viaLocal = resolvePath(indexed.fs.view(), '/usr/local/bin/app');
    expect(viaLocal.ok && viaLocal.path).toBe('/usr/bin/app');
  });

  it('counts the overwritten model as the largest waste', () => {
    const waste = indexed.fs.waste();
    expect(waste.wastedFiles[0]?.path).toBe('/opt/model/weights.bin');
    expect(waste.efficiency).toBeGreaterThan(0.5);
    expect(waste.efficiency).toBeLessThan(0.9);
  });

  it('carries a setuid file and a file capability xattr', () => {
    expect(indexed.fs.get('/usr/bin/passwd')?.mode).toBe(0o4755);
    const ping = indexed.layers[0]!.index!.entries.find((e) => e.path === 'usr/bin/ping');
    expect(Object.keys(ping?.xattrs ?? {})).toEqual(['security.capability']);
  });

  it.each([
    ['/usr/share/app/logo.png', [0x89, 0x50, 0x4e, 0x47]],
    ['/usr/lib/app/libdemo.so', [0x7f, 0x45, 0x4c, 0x46]],
    ['/usr/bin/app', [0x23, 0x21, 0x2f, 0x62]],
  ] as const)('%s reads back with its magic bytes', async (path, magic) => {
    const e = indexed.fs.get(path)!;
    const bytes = await readLayerFile(layerSource(indexed, e.layer)!, {
      path,
      type: 'file',
      dataOffset: e.content!.dataOffset,
      size: e.size,
    });
    expect([...bytes.subarray(0, 4)]).toEqual(magic);
  });
});

describe('demo-multiplatform.oci.tar and demo-docker.tar', () => {
  it('labels the attestation with the image it describes, and shares the site layer', async () => {
    const { graph } = await open('demo-multiplatform.oci.tar');
    const [amd, arm, att] = graph.images;
    expect(graph.nodes.get(att!.manifest)?.labels).toContain('attestation');
    expect(amd!.layers[1]!.descriptor.digest.value).toBe(arm!.layers[1]!.descriptor.digest.value);
    expect(amd!.layers[0]!.descriptor.digest.value).not.toBe(
      arm!.layers[0]!.descriptor.digest.value,
    );
    const index = graph.nodes.get(graph.edges.find((e) => e.to === att!.manifest)!.from)!;
    const doc = JSON.parse(new TextDecoder().decode(index.bytes!)) as {
      manifests: { annotations?: Record<string, string> }[];
    };
    expect(doc.manifests[2]!.annotations).toEqual({
      'vnd.docker.reference.digest': amd!.manifest,
      'vnd.docker.reference.type': 'attestation-manifest',
    });
  });

  it('gives each docker save layer its diff_id as digest, and the tag', async () => {
    const { input, graph } = await open('demo-docker.tar');
    const image = graph.images[0]!;
    expect(image.tags).toEqual(['demo/docker:1.0']);
    expect(image.layers.map((l) => l.descriptor.digest.value)).toEqual(
      image.layers.map((l) => l.diffId),
    );
    const indexed = await listImage(input.store, image);
    expect(indexed.fs.get('/srv/www/index.html')?.layer).toBe(1);
    expect(indexed.fs.get('/usr/bin/sh')?.type).toBe('hardlink');
  });
});
