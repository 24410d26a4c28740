import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixturePath, fixtureSource, inProcess } from './testing/fixture-source.ts';
import { explorerApi } from './api.ts';
import { decodeEntries } from './entry-codec.ts';
import { hashesOfReply, layerVerifyResult, type LayerListingReply } from './layer-job.ts';

/** A listing as the page's checks meet it: with its diff_id, which may follow on a port. */
const settled = async (r: LayerListingReply) => ({
  ...r,
  diffIdGot: (await hashesOfReply(r)).diffId,
});

const ONE = 'go-containerregistry/layout/test_index_one_image';
const DIVE = 'dive/test-docker-image.tar';
const expected = (rel: string) =>
  JSON.parse(readFileSync(fixturePath(`${rel.replace(/\.tar$/, '')}.expected.json`), 'utf8'));

describe('worker API, run in-process', () => {
  it('opens a layout folder: graph, blobs and a position for every node', async () => {
    const opened = await explorerApi.open(await fixtureSource(ONE), inProcess());
    const facts = expected(ONE).images[0];
    expect(opened.format).toBe('oci-layout');
    expect(opened.name).toBe('test_index_one_image');
    expect([...opened.graph.nodes.keys()].sort()).toEqual(
      ['index.json', facts.manifestDigest, facts.configDigest, facts.layers[0].digest].sort(),
    );
    expect(opened.blobs).toHaveLength(3);
    for (const id of opened.graph.nodes.keys()) expect(opened.layout.positions[id]).toBeDefined();
  });

  it('lists a layer with its diff_id, then checks it beside its hashed digest', async () => {
    const opened = await explorerApi.open(await fixtureSource(ONE), inProcess());
    const facts = expected(ONE).images[0];
    const layer = opened.blobs.find((b) => b.digest === facts.layers[0].digest)!;
    const seen: number[] = [];
    const ctx = {
      ...inProcess<{ bytes: number; total: number; uncompressed: number }>(),
      progress: (p: { bytes: number }) => seen.push(p.bytes),
    };
    const args = {
      blob: layer.blob!,
      digest: layer.digest,
      diffId: facts.diffIds[0],
      mediaType: facts.layers[0].mediaType,
    };
    const r = await explorerApi.listLayer(args, ctx);
    expect(r.compression).toBe('gzip');
    expect(decodeEntries(r.entries!).map((e) => e.path)).toHaveLength(r.entryCount!);
    expect(seen.length).toBeGreaterThan(0);
    const listing = await settled(r);
    expect(listing.diffIdGot).toBe(facts.diffIds[0]);
    const v = layerVerifyResult(args, listing, await explorerApi.hashLayer(args, inProcess()));
    expect(v.digest.state).toBe('verified');
    expect(v.diffId).toEqual({ state: 'verified', want: facts.diffIds[0], got: facts.diffIds[0] });
    expect(v.entryCount).toBe(r.entryCount);
  });

  it('reports a digest and a diff_id that do not match', async () => {
    const opened = await explorerApi.open(await fixtureSource(ONE), inProcess());
    const facts = expected(ONE).images[0];
    const layer = opened.blobs.find((b) => b.digest === facts.layers[0].digest)!;
    const wrong = `sha256:${'0'.repeat(64)}`;
    const args = {
      blob: layer.blob!,
      digest: wrong,
      diffId: wrong,
      mediaType: facts.layers[0].mediaType,
    };
    const [listing, hashed] = await Promise.all([
      explorerApi.listLayer(args, inProcess()),
      explorerApi.hashLayer(args, inProcess()),
    ]);
    const r = layerVerifyResult(args, await settled(listing), hashed);
    expect(r.digest).toEqual({ state: 'mismatch', want: wrong, got: facts.layers[0].digest });
    expect(r.diffId.state).toBe('mismatch');
  });

  it('opens a docker save tar and finds its wasted bytes once every layer is read', async () => {
    const opened = await explorerApi.open(await fixtureSource(DIVE), inProcess());
    expect(opened.format).toBe('docker-archive');
    const image = opened.graph.images[0]!;
    const layers = [];
    for (const l of image.layers) {
      const stored = opened.blobs.find((b) => b.digest === l.descriptor.digest.value)!;
      const args = {
        blob: stored.blob!,
        digest: stored.digest,
        diffId: l.diffId,
        mediaType: l.descriptor.mediaType,
      };
      const r = await explorerApi.listLayer(args, inProcess());
      expect(
        layerVerifyResult(args, await settled(r), await explorerApi.hashLayer(args, inProcess()))
          .diffId.state,
      ).toBe('verified');
      layers.push({ name: stored.digest, entries: r.entries! });
    }
    const reply = await explorerApi.fsAnalysis({ key: 'api-dive', layers }, inProcess());
    if (!reply.ok) throw new Error(`the analysis still needs ${reply.need}`);
    const analysis = reply.value;
    expect(analysis.sizes).toHaveLength(image.layers.length);
    expect(analysis.waste.wastedBytes).toBeGreaterThan(0);
    expect(analysis.sizes.some((s) => s.hiddenBytes > 0)).toBe(true);
  });

  it('sends the sha256 of each document it read, and none for a layer', async () => {
    const facts = expected(ONE).images[0];
    const source = await fixtureSource(ONE);
    if (source.kind !== 'folder') throw new Error('a folder fixture');
    // The config's file holds other bytes than its name says: its hash tells.
    const configPath = `blobs/sha256/${facts.configDigest.slice(7)}`;
    const entries = source.entries.map(([p, b]): [string, Blob] =>
      p.endsWith(configPath)
        ? [p, new Blob(['{"rootfs":{"type":"layers","diff_ids":[]}}'])]
        : [p, b],
    );
    const opened = await explorerApi.open({ ...source, entries }, inProcess());
    const sha = new Map(opened.blobs.map((b) => [b.digest, b.sha256]));
    // [digest, its sha256 as sent]
    const cases: [string, string | undefined][] = [
      [facts.manifestDigest, facts.manifestDigest],
      [facts.layers[0].digest, undefined],
    ];
    for (const [digest, want] of cases) expect(sha.get(digest)).toBe(want);
    expect(sha.get(facts.configDigest)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(sha.get(facts.configDigest)).not.toBe(facts.configDigest);
  });

  it('says what it found when the input is not an image', async () => {
    const source = {
      kind: 'file' as const,
      name: 'notes.txt',
      blob: new Blob(['hello, this is not a tar']),
    };
    await expect(explorerApi.open(source, inProcess())).rejects.toMatchObject({
      name: 'UnreadableInputError',
    });
  });
});
