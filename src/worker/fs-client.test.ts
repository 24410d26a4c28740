import { afterEach, describe, expect, it } from 'vitest';
import { packWindows, type GzipCheckpoint } from '../core/layers/gzip-checkpoints.ts';
import { listLayer } from '../core/layers/list-layer.ts';
import { blobOf } from '../core/testing/bytes.ts';
import { gzip, makeTar, type TarSpec } from '../core/testing/tar-writer.ts';
import { explorerApi, type ExplorerApi } from './api.ts';
import { SHOW_ALL } from '../core/fs/change-filter.ts';
import { copyEntries, encodeEntries } from './entry-codec.ts';
import { decodeTree } from './tree-codec.ts';
import { FsClient, sendable, type FsImage, type FsRpc } from './fs-client.ts';
import type { FsLayerBlob } from './fs-session.ts';
import { RpcClient, serve, type Endpoint } from './rpc.ts';

const windows = (n: number): GzipCheckpoint[] =>
  packWindows(
    Array.from({ length: n }, (_, i) => ({
      out: i << 20,
      in: i << 18,
      kind: 'block' as const,
      window: new Uint8Array(32 * 1024).fill(i + 1),
    })),
  );

describe('sendable: a layer blob ready for the filesystem worker', () => {
  const blob = new Blob([new Uint8Array(10)]);

  it('hands on the verify pass’s spare copy of the windows, once', () => {
    const checkpoints = windows(3);
    const spare = (checkpoints[0]!.window.buffer as ArrayBuffer).slice(0);
    const transfer: Transferable[] = [];
    const sent = sendable({ blob, compression: 'gzip', checkpoints }, transfer, spare);
    expect(transfer).toEqual([spare]);
    sent.checkpoints!.forEach((c, i) => {
      expect(c.window.buffer).toBe(spare);
      expect(c.window).toEqual(checkpoints[i]!.window);
      expect([c.out, c.in, c.kind]).toEqual([checkpoints[i]!.out, checkpoints[i]!.in, 'block']);
    });
    // Once moved (detached), the next send packs a fresh copy; the page's own stays intact.
    structuredClone(spare, { transfer: [spare] });
    const again: Transferable[] = [];
    const resent = sendable({ blob, compression: 'gzip', checkpoints }, again, spare);
    expect(again).toHaveLength(1);
    expect(again[0]).not.toBe(spare);
    expect(again[0]).not.toBe(checkpoints[0]!.window.buffer);
    expect(resent.checkpoints![2]!.window).toEqual(checkpoints[2]!.window);
  });

  it('sends a blob without checkpoints as it is, with nothing to transfer', () => {
    const transfer: Transferable[] = [];
    expect(sendable({ blob, compression: 'gzip' }, transfer).checkpoints).toBeUndefined();
    expect(transfer).toEqual([]);
  });
});

const LAYERS: TarSpec[][] = [
  [
    { path: 'etc/', type: 'dir' },
    { path: 'etc/hostname', content: 'demo\n' },
    { path: 'etc/motd', content: 'welcome\n' },
  ],
  [
    { path: 'etc/', type: 'dir' },
    { path: 'etc/hostname', content: 'changed\n' },
  ],
];

/** A two-layer gzip image as the page holds it once listed and verified (checkpoints kept). */
async function fsImage(key: string): Promise<FsImage> {
  const layers = [];
  const blobs: FsLayerBlob[] = [];
  for (const [i, specs] of LAYERS.entries()) {
    const blob = blobOf(gzip(makeTar(specs)));
    const index = await listLayer(blob, { checkpointEvery: 64 << 10 });
    layers.push({ name: `layer${i}`, entries: encodeEntries(index.entries) });
    blobs.push({ blob, compression: index.compression, checkpoints: index.checkpoints });
  }
  return { key, layers, blobs, blobsVersion: 'cc' };
}

/** What one call carried to the worker. */
interface Sent {
  method: string;
  layers: boolean;
  blobs: string[];
}

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const ch of channels.splice(0)) {
    ch.port1.close();
    ch.port2.close();
  }
});

/**
 * The real filesystem handlers served in-process over a MessageChannel (the worker's protocol,
 * structured clone included), with a log of what each call carried.
 */
function inProcessWorker(): { rpc: FsRpc; sent: Sent[] } {
  const ch = new MessageChannel();
  channels.push(ch);
  serve(ch.port2 as unknown as Endpoint, explorerApi, { progressIntervalMs: 0 });
  ch.port1.start();
  ch.port2.start();
  const client = new RpcClient<ExplorerApi>(ch.port1 as unknown as Endpoint);
  const sent: Sent[] = [];
  const rpc: FsRpc = {
    call: ((method: string, args: { layers?: unknown; blobs?: object }, opts: object) => {
      sent.push({
        method,
        layers: args.layers !== undefined,
        blobs: Object.keys(args.blobs ?? {}),
      });
      return client.call(method as 'fsRead', args as never, opts);
    }) as FsRpc['call'],
  };
  return { rpc, sent };
}

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe('FsClient: the filesystem worker behind one typed client', () => {
  it('sends the listings when the worker needs them, then the one blob it asks for', async () => {
    const { rpc, sent } = inProcessWorker();
    const fs = new FsClient(() => rpc);
    const image = await fsImage('client-first');
    const read = await fs.read(image, { path: '/etc/hostname', layer: 1 }, 0, 100);
    expect(text(read.bytes)).toBe('changed\n');
    expect(sent).toEqual([
      { method: 'fsRead', layers: false, blobs: [] },
      { method: 'fsRead', layers: true, blobs: [] },
      { method: 'fsRead', layers: false, blobs: ['1'] },
    ]);
    // The worker keeps both: the next calls carry neither.
    sent.length = 0;
    const { tree } = await fs.tree(image, { kind: 'merged', upTo: 1 }, SHOW_ALL);
    expect(decodeTree(tree).idOf('/etc/motd')).toBeDefined();
    expect(text((await fs.read(image, { path: '/etc/hostname', layer: 1 }, 0, 100)).bytes)).toBe(
      'changed\n',
    );
    expect(sent).toEqual([
      { method: 'fsTree', layers: false, blobs: [] },
      { method: 'fsRead', layers: false, blobs: [] },
    ]);
  });

  it('sends the listings once when two calls ask together: the second waits for the first', async () => {
    const { rpc, sent } = inProcessWorker();
    const fs = new FsClient(() => rpc);
    const image = await fsImage('client-together');
    const [tree, analysis] = await Promise.all([
      fs.tree(image, { kind: 'merged', upTo: 1 }, SHOW_ALL),
      fs.analysis(image),
    ]);
    expect(decodeTree(tree.tree).idOf('/etc/motd')).toBeDefined();
    expect(analysis.sizes).toHaveLength(2);
    expect(sent.filter((s) => s.layers)).toHaveLength(1);
    expect(sent.map((s) => s.method).sort()).toEqual([
      'fsAnalysis',
      'fsAnalysis',
      'fsTree',
      'fsTree',
    ]);
  });

  it('sends a layer’s blob again when its version changed, and only that layer’s', async () => {
    const { rpc, sent } = inProcessWorker();
    const fs = new FsClient(() => rpc);
    const image = await fsImage('client-version');
    await fs.read({ ...image, blobsVersion: '--' }, { path: '/etc/motd', layer: 0 }, 0, 100);
    sent.length = 0;
    const motd = await fs.read(image, { path: '/etc/motd', layer: 0 }, 0, 100);
    expect(text(motd.bytes)).toBe('welcome\n');
    expect(sent).toEqual([
      { method: 'fsRead', layers: false, blobs: [] },
      { method: 'fsRead', layers: false, blobs: ['0'] },
    ]);
    // History needs no blob at all.
    sent.length = 0;
    expect((await fs.history(image, '/etc/hostname')).map((e) => e.layer)).toEqual([0, 1]);
    expect(sent).toEqual([{ method: 'fsHistory', layers: false, blobs: [] }]);
  });

  it('needs no request for blobs handed over ahead of reads', async () => {
    const { rpc, sent } = inProcessWorker();
    const fs = new FsClient(() => rpc);
    const image = await fsImage('client-ahead');
    await fs.keepBlobs(image, [0, 1], [null, null]);
    sent.length = 0;
    expect(text((await fs.read(image, { path: '/etc/motd', layer: 0 }, 0, 100)).bytes)).toBe(
      'welcome\n',
    );
    expect(sent).toEqual([
      { method: 'fsRead', layers: false, blobs: [] },
      { method: 'fsRead', layers: true, blobs: [] },
    ]);
  });

  it('holds background work while a call runs, and releases it when the call fails', async () => {
    const { rpc } = inProcessWorker();
    let held = 0;
    const fs = new FsClient(
      () => rpc,
      () => {
        held++;
        return () => held--;
      },
    );
    const image = await fsImage('client-hold');
    const pending = fs.lines(image, { path: '/etc/hostname', layer: 1 }, 3);
    expect(held).toBe(1);
    expect(await pending).toEqual({ offset: 3, linesBefore: 0 });
    expect(held).toBe(0);
    await expect(fs.read(image, { path: '/nope', layer: 1 }, 0, 10)).rejects.toThrow(
      '"/nope" has no content to read',
    );
    expect(held).toBe(0);
  });

  it('finds the analysis in the filesystem it keeps, moving the spare listings once, holding nothing', async () => {
    const { rpc, sent } = inProcessWorker();
    let held = 0;
    const fs = new FsClient(
      () => rpc,
      () => {
        held++;
        return () => held--;
      },
    );
    const image = await fsImage('client-analysis');
    const spares = image.layers.map((l) => copyEntries(l.entries));
    let taken = 0;
    const pending = fs.analysis({
      ...image,
      takeSpares: () => (taken++ === 0 ? spares : null),
    });
    // Not a wait of the user's: the verify pass is not paused for it.
    expect(held).toBe(0);
    const analysis = await pending;
    expect(analysis.sizes.map((s) => s.layer)).toEqual([0, 1]);
    // /etc/hostname (5 bytes) is replaced by layer 1: its bytes in layer 0 are hidden.
    expect(analysis.sizes[0]!.hiddenBytes).toBe(5);
    expect(sent.map((c) => [c.method, c.layers])).toEqual([
      ['fsAnalysis', false],
      ['fsAnalysis', true],
    ]);
    // The spares were moved (detached here), the page's own listings were not.
    expect(spares[0]!.text.byteLength).toBe(0);
    expect(image.layers[0]!.entries.text.byteLength).toBeGreaterThan(0);
    // The tree then uses the same filesystem: no listings sent again.
    sent.length = 0;
    await fs.tree(image, { kind: 'merged', upTo: 1 }, SHOW_ALL);
    expect(sent).toEqual([{ method: 'fsTree', layers: false, blobs: [] }]);
  });

  it('gives up with a clear error when the worker keeps lacking what it was sent', async () => {
    const calls: string[] = [];
    // A worker that forgets everything between calls (it is replaced each time).
    const forgetful: FsRpc = {
      call: (async (method: string) => {
        calls.push(method);
        return { ok: false, need: 'layers' };
      }) as unknown as FsRpc['call'],
    };
    const image = await fsImage('client-forgetful');
    await expect(new FsClient(() => forgetful).history(image, '/etc')).rejects.toThrow(
      'the filesystem worker still lacks the layer listings after 4 calls',
    );
    expect(calls).toHaveLength(4);
    const asksOddLayer: FsRpc = {
      call: (async () => ({ ok: false, need: 'blob', layer: 7 })) as unknown as FsRpc['call'],
    };
    await expect(
      new FsClient(() => asksOddLayer).blob(image, { path: '/etc/hostname', layer: 1 }),
    ).rejects.toThrow('asked for layer 7, which the image does not have');
  });
});
