import { describe, expect, it } from 'vitest';
import { listLayer } from '../core/layers/list-layer.ts';
import { blobOf, noise, sameBytes } from '../core/testing/bytes.ts';
import { gzip, makeTar, type TarSpec } from '../core/testing/tar-writer.ts';
import { inProcess } from './testing/fixture-source.ts';
import { encodeEntries } from './entry-codec.ts';
import { SHOW_ALL } from '../core/fs/change-filter.ts';
import { decodeTree } from './tree-codec.ts';
import * as session from './fs-session.ts';
import { fsKeepBlobs, type FsLayerBlob, type FsReadProgress, type FsReply } from './fs-session.ts';

/** The value of a reply that must hold one (the worker had all it needed). */
async function ok<T>(reply: Promise<FsReply<T>>): Promise<T> {
  const r = await reply;
  if (!r.ok) throw new Error(`the worker still needs ${JSON.stringify(r)}`);
  return r.value;
}
// The handlers, their replies unwrapped: every call below sends what the worker needs, except
// where a test asks `session.fsRead` for the reply itself.
const fsTree = (...a: Parameters<typeof session.fsTree>) => ok(session.fsTree(...a));
/** Every row of a tree the worker sent, as the page reads them. */
async function fsRows(...a: Parameters<typeof session.fsTree>) {
  const { tree, layerCount } = await fsTree(...a);
  const model = decodeTree(tree);
  const rows = Array.from({ length: model.size }, (_, id) => model.entryOf(id));
  return { rows: rows.filter((r) => r !== null), layerCount };
}
const fsHistory = (...a: Parameters<typeof session.fsHistory>) => ok(session.fsHistory(...a));
const fsRead = (...a: Parameters<typeof session.fsRead>) => ok(session.fsRead(...a));
const fsLines = (...a: Parameters<typeof session.fsLines>) => ok(session.fsLines(...a));
const fsBlob = (...a: Parameters<typeof session.fsBlob>) => ok(session.fsBlob(...a));

const enc = new TextEncoder();
/** A text of numbered lines, over several 64 KiB pages. */
const BIG = enc.encode(
  Array.from({ length: 40_000 }, (_, i) => `line ${i + 1} ${'x'.repeat(i % 17)}\n`).join(''),
);
const BIN = noise(300_000, 7);
const newlinesBefore = (bytes: Uint8Array, offset: number): number =>
  bytes.subarray(0, offset).filter((b) => b === 10).length;

const LAYER0: TarSpec[] = [
  { path: 'etc/', type: 'dir' },
  { path: 'etc/hostname', content: 'demo\n' },
  { path: 'etc/motd', content: 'welcome\n' },
  { path: 'usr/share/big.txt', content: BIG },
  { path: 'usr/share/big-link.txt', type: 'hardlink', linkTarget: 'usr/share/big.txt' },
  { path: 'usr/lib/data.bin', content: BIN },
];
const LAYER1: TarSpec[] = [
  { path: 'etc/', type: 'dir' },
  { path: 'etc/hostname', content: 'changed\n' },
  { path: 'etc/.wh.motd' },
];

/** Two gzip layers indexed the way the app does (checkpoints every 64 KiB, so reads resume). */
async function image(key: string, checkpointEvery = 64 << 10) {
  const layers = [];
  const blobs: FsLayerBlob[] = [];
  for (const [i, specs] of [LAYER0, LAYER1].entries()) {
    const blob = blobOf(gzip(makeTar(specs)));
    const index = await listLayer(blob, { checkpointEvery });
    layers.push({ name: `layer${i}`, entries: encodeEntries(index.entries) });
    blobs.push({ blob, compression: index.compression, checkpoints: index.checkpoints });
  }
  return { args: { key, layers }, blobs };
}

describe('the filesystem session of a worker', () => {
  it('builds tree rows for the merged view and for one layer’s changes', async () => {
    const { args } = await image('rows');
    const merged = await fsRows(
      { ...args, mode: { kind: 'merged', upTo: 1 }, changes: { ...SHOW_ALL, deleted: false } },
      inProcess(),
    );
    const paths = merged.rows.map((r) => r.path);
    expect(paths).toContain('/etc/hostname');
    expect(paths).not.toContain('/etc/motd');
    expect(merged.layerCount).toBe(2);

    const changes = await fsRows(
      { ...args, mode: { kind: 'layer', layer: 1 }, changes: SHOW_ALL },
      inProcess(),
    );
    const motd = changes.rows.find((r) => r.path === '/etc/motd');
    expect(motd?.change).toBe('deleted');
    expect(motd?.removedBy).toMatchObject({ path: '/etc/.wh.motd', layer: 1 });
    // dive's toggles apply in the worker: only the deleted rows, with the folders above them.
    const deletedOnly = await fsRows(
      {
        ...args,
        mode: { kind: 'layer', layer: 1 },
        changes: { ...SHOW_ALL, added: false, modified: false, unmodified: false },
      },
      inProcess(),
    );
    expect(deletedOnly.rows.map((r) => r.path)).toEqual(['/etc/motd']);
    const history = await fsHistory({ ...args, path: '/etc/motd' }, inProcess());
    expect(history.map((e) => [e.layer, e.action])).toEqual([
      [0, 'added'],
      [1, 'deleted'],
    ]);
  });

  it('reads a file as each layer leaves it, and refuses a path a layer deleted', async () => {
    const { args, blobs } = await image('read');
    const read = (path: string, layer: number) =>
      fsRead(
        { ...args, blobs, blobsVersion: 'v1', path, layer, offset: 0, length: 1 << 16 },
        inProcess(),
      );
    expect(new TextDecoder().decode((await read('/etc/hostname', 0)).bytes)).toBe('demo\n');
    expect(new TextDecoder().decode((await read('/etc/hostname', 1)).bytes)).toBe('changed\n');
    expect(new TextDecoder().decode((await read('/etc/motd', 0)).bytes)).toBe('welcome\n');
    await expect(read('/etc/motd', 1)).rejects.toThrow('"/etc/motd" has no content to read');
  });

  it('reads any page of a large file, directly and through a hardlink', async () => {
    const { args, blobs } = await image('pages');
    for (const path of ['/usr/share/big.txt', '/usr/share/big-link.txt']) {
      for (const offset of [0, 65_536, 5 * 65_536, BIG.length - 100]) {
        const r = await fsRead(
          { ...args, blobs, blobsVersion: 'v1', path, layer: 1, offset, length: 65_536 },
          inProcess(),
        );
        expect(r.size).toBe(BIG.length);
        expect(r.offset).toBe(offset);
        expect(sameBytes(r.bytes, BIG.subarray(offset, offset + 65_536))).toBe(true);
      }
    }
  });

  it('counts the lines before any page, paging forward or jumping, with or without checkpoints', async () => {
    for (const every of [64 << 10, 0]) {
      const { args, blobs } = await image(`lines-${every}`, every);
      const file = { ...args, blobs, blobsVersion: 'v1', path: '/usr/share/big.txt', layer: 1 };
      for (const page of [1, 2, 9, 3, 0, Math.floor(BIG.length / 65_536)]) {
        const offset = page * 65_536;
        const r = await fsLines({ ...file, offset }, inProcess());
        expect(r).toEqual({ offset, linesBefore: newlinesBefore(BIG, offset) });
      }
    }
  });

  it('gathers a whole large file into a Blob, with progress up to its size', async () => {
    const { args, blobs } = await image('blob');
    const seen: number[] = [];
    const ctx = {
      ...inProcess<{ bytes: number; total: number }>(),
      progress: (p: { bytes: number; total: number }) => seen.push(p.bytes),
    };
    const blob = await fsBlob(
      { ...args, blobs, blobsVersion: 'v1', path: '/usr/lib/data.bin', layer: 1 },
      ctx,
    );
    expect(blob.size).toBe(BIN.length);
    expect(sameBytes(new Uint8Array(await blob.arrayBuffer()), BIN)).toBe(true);
    expect(seen.at(-1)).toBe(BIN.length);
  });

  it('says how each read reached its bytes: a checkpoint, or the layer’s start', async () => {
    const { args, blobs } = await image('via', 64 << 10);
    const read = (b: typeof blobs, version: string, offset: number) =>
      fsRead(
        {
          ...args,
          blobs: b,
          blobsVersion: version,
          path: '/usr/lib/data.bin',
          layer: 1,
          offset,
          length: 100,
        },
        inProcess(),
      );
    const bare = [{ ...blobs[0]!, checkpoints: [] }, blobs[1]!];
    for (const [b, version, via] of [
      [bare, '-c', 'start'],
      [blobs, 'cc', 'checkpoint'],
    ] as const) {
      const r = await read([...b], version, 200_000);
      expect(r.via).toBe(via);
      expect(sameBytes(r.bytes, BIN.subarray(200_000, 200_100))).toBe(true);
    }
  });

  it('fails clearly, without wrong bytes, when the layer blob is cut short', async () => {
    const { args, blobs } = await image('cut', 0);
    const whole = blobs[0]!.blob;
    const cut = [{ ...blobs[0]!, blob: whole.slice(0, Math.floor(whole.size / 2)) }, blobs[1]!];
    const file = { ...args, blobs: cut, blobsVersion: 'cut', path: '/usr/lib/data.bin', layer: 1 };
    await expect(fsRead({ ...file, offset: 0, length: 1 << 20 }, inProcess())).rejects.toThrow();
    await expect(fsBlob(file, inProcess())).rejects.toThrow();
  });

  it('stops when the call is aborted', async () => {
    const { args, blobs } = await image('abort');
    const controller = new AbortController();
    controller.abort(new DOMException('Another image was opened', 'AbortError'));
    await expect(
      fsLines(
        {
          ...args,
          blobs,
          blobsVersion: 'v1',
          path: '/usr/share/big.txt',
          layer: 1,
          offset: 300_000,
        },
        inProcess(controller.signal),
      ),
    ).rejects.toThrow(/Another image was opened/);
  });

  it('keeps the listings and blobs, and asks for them again only when it lacks them', async () => {
    const { args, blobs } = await image('keep');
    const light = { key: 'keep', path: '/etc/hostname', layer: 1, offset: 0, length: 100 };
    expect(await session.fsRead({ ...light, blobsVersion: '--' }, inProcess())).toEqual({
      ok: false,
      need: 'layers',
    });
    // The listings build the filesystem; then the worker asks for the one blob it reads.
    expect(await session.fsRead({ ...args, ...light, blobsVersion: '--' }, inProcess())).toEqual({
      ok: false,
      need: 'blob',
      layer: 1,
    });
    const first = await fsRead(
      { ...light, blobs: { 1: blobs[1]! }, blobsVersion: '--' },
      inProcess(),
    );
    expect(new TextDecoder().decode(first.bytes)).toBe('changed\n');
    const again = await fsRead({ ...light, blobsVersion: '--' }, inProcess());
    expect(new TextDecoder().decode(again.bytes)).toBe('changed\n');
    // Layer 1's blob changed (its checkpoints came): asked for again; layer 0's was never sent.
    expect(await session.fsRead({ ...light, blobsVersion: '-c' }, inProcess())).toEqual({
      ok: false,
      need: 'blob',
      layer: 1,
    });
    expect(await session.fsRead({ ...light, layer: 0, blobsVersion: '-c' }, inProcess())).toEqual({
      ok: false,
      need: 'blob',
      layer: 0,
    });
    expect((await fsHistory({ key: 'keep', path: '/etc/motd' }, inProcess())).length).toBe(2);
  });

  it('keeps blobs sent ahead of reads, before or after the filesystem is built', async () => {
    const { args, blobs } = await image('ahead');
    const light = { key: 'ahead', path: '/usr/lib/data.bin', offset: 200_000, length: 100 };
    // Sent before any call built the filesystem: kept for it.
    await fsKeepBlobs({ key: 'ahead', blobsVersion: 'c-', keep: { 0: blobs[0]! } }, inProcess());
    const r = await fsRead({ ...args, ...light, layer: 0, blobsVersion: 'c-' }, inProcess());
    expect(r.via).toBe('checkpoint');
    expect(sameBytes(r.bytes, BIN.subarray(200_000, 200_100))).toBe(true);
    // A newer version of layer 1's blob, sent after: read with no request for it.
    const hostnameArgs = {
      ...light,
      path: '/etc/hostname',
      layer: 1,
      offset: 0,
      blobsVersion: 'cc',
    };
    expect(await session.fsRead(hostnameArgs, inProcess())).toEqual({
      ok: false,
      need: 'blob',
      layer: 1,
    });
    await fsKeepBlobs({ key: 'ahead', blobsVersion: 'cc', keep: { 1: blobs[1]! } }, inProcess());
    const hostname = await fsRead(hostnameArgs, inProcess());
    expect(new TextDecoder().decode(hostname.bytes)).toBe('changed\n');
  });

  it('tells how a read approaches its file: the bytes inflated before it, from where', async () => {
    const { args, blobs } = await image('approach');
    const seen: FsReadProgress[] = [];
    const ctx = { ...inProcess<FsReadProgress>(), progress: (p: FsReadProgress) => seen.push(p) };
    const read = (b: FsLayerBlob[], version: string) =>
      fsRead(
        {
          ...args,
          blobs: [...b],
          blobsVersion: version,
          path: '/usr/lib/data.bin',
          layer: 1,
          offset: 250_000,
          length: 100,
        },
        ctx,
      );
    // No checkpoints: everything before the byte is inflated, from the layer's start.
    await read([{ ...blobs[0]!, checkpoints: [] }, blobs[1]!], '--');
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ via: 'start', layer: 0 });
    expect(last.before).toBeGreaterThan(250_000 + BIG.length);
    expect(last.inflated).toBe(last.before);
    expect(seen.every((p, i) => i === 0 || p.inflated >= seen[i - 1]!.inflated)).toBe(true);
    // With checkpoints: only what lies between the nearest one and the byte.
    seen.length = 0;
    await read(blobs, 'cc');
    expect(seen.at(-1)).toMatchObject({ via: 'checkpoint', layer: 0 });
    expect(seen.at(-1)!.before).toBeLessThan(last.before / 2);
  });
});
