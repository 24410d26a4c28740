import { execFileSync } from 'node:child_process';
import { mkdtempSync, openAsBlob, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explorerApi, type OpenedImage } from './api.ts';
import type { CompareSideArgs } from './compare-session.ts';
import { receiveBlobs } from './sent-blob.ts';
import { inProcess } from './testing/fixture-source.ts';

const SCRIPT = fileURLToPath(
  new URL('../../scripts/fixtures/make-compare-images.mjs', import.meta.url),
);
let out = '';
const opened = new Map<string, OpenedImage>();

async function openFolder(name: string): Promise<OpenedImage> {
  const root = join(out, name);
  const entries: [string, Blob][] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const n of readdirSync(dir)) {
      const abs = join(dir, n);
      if (statSync(abs).isDirectory()) await walk(abs);
      else entries.push([relative(root, abs), await openAsBlob(abs)]);
    }
  };
  await walk(root);
  return explorerApi.open({ kind: 'folder', name, entries }, inProcess());
}

function side(name: string, image = 0): CompareSideArgs {
  const o = opened.get(name)!;
  const summary = o.graph.images[image]!;
  const parent = o.graph.edges.find((e) => e.role === 'manifests' && e.to === summary.manifest);
  return {
    blobs: receiveBlobs(o.blobs, null),
    image: summary,
    index: parent ? (o.graph.nodes.get(parent.from)?.bytes ?? null) : null,
  };
}

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'compare-'));
  execFileSync('node', [SCRIPT, out]);
  for (const name of ['base', 'rebuilt', 'changed', 'multi'])
    opened.set(name, await openFolder(name));
}, 60_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

const compare = (key: string, a: CompareSideArgs, b: CompareSideArgs, strict = false) =>
  explorerApi.compareImages({ key, a, b, strict }, inProcess());

describe('compareImages (the compare view’s worker call)', () => {
  it('finds a rebuild with new mtimes equal under the noise filter, and different without it', async () => {
    const filtered = await compare('r', side('base'), side('rebuilt'));
    expect(filtered.diff.equal).toBe(true);
    expect(filtered.diff.files).toEqual([]);
    const strict = await compare('r', side('base'), side('rebuilt'), true);
    expect(strict.diff.equal).toBe(false);
    expect(strict.diff.files.every((f) => f.kind === 'metadata')).toBe(true);
    expect(strict.diff.documents.config.some((c) => c.pointer === '/created')).toBe(true);
  });

  it('lists each kind of change of the changed image', async () => {
    const { diff } = await compare('c', side('base'), side('changed'));
    const byPath = new Map(diff.files.map((f) => [f.path, f.kind]));
    expect(byPath.get('/etc/hostname')).toBe('content');
    expect(byPath.get('/opt/app/new.txt')).toBe('added');
    expect(byPath.get('/opt/app/old.txt')).toBe('removed');
    expect(byPath.get('/etc/os-release')).toBe('metadata');
    expect(diff.layers.shared).toHaveLength(2);
    expect(diff.layers.bAfter).toHaveLength(1);
  });

  it('compares two platforms of one index, and names the index’s change', async () => {
    const { diff } = await compare('m', side('multi', 0), side('multi', 1));
    expect(diff.files.map((f) => [f.path, f.kind])).toContainEqual(['/bin/sh', 'content']);
    expect(diff.documents.index).toEqual([]);
    expect(diff.documents.config.some((c) => c.pointer === '/architecture')).toBe(true);
  });

  it('gives a changed text file’s line diff from the comparison it keeps, and null for another', async () => {
    await compare('keep', side('base'), side('changed'));
    const text = await explorerApi.compareText({ key: 'keep', path: '/etc/hostname' }, inProcess());
    expect(text).toMatchObject({ kind: 'lines', added: 1, removed: 1 });
    if (text?.kind !== 'lines') return;
    expect(text.hunks[0]!.ops.map((o) => `${o.kind} ${o.text}`)).toEqual([
      'removed alpha',
      'added omega',
    ]);
    expect(
      await explorerApi.compareText({ key: 'other', path: '/etc/hostname' }, inProcess()),
    ).toBeNull();
    await explorerApi.compareClose(null, inProcess());
    expect(
      await explorerApi.compareText({ key: 'keep', path: '/etc/hostname' }, inProcess()),
    ).toBeNull();
  });
});
