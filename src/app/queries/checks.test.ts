import type { QueryState } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { GraphNode } from '../../core/graph/model.ts';
import type { LayerListingResult, LayerVerifyResult } from '../../worker/layer-job.ts';
import { checkFromQuery, layerJobState, layerProblems, type QueryLike } from './checks.ts';

const D = `sha256:${'a'.repeat(64)}`;
const DIFF = `sha256:${'b'.repeat(64)}`;
const node = { id: D, kind: 'layer', source: `blobs/sha256/${'a'.repeat(64)}` } as GraphNode;

const listed: LayerListingResult = {
  compression: 'gzip',
  compressedBytes: 10,
  uncompressedBytes: 30,
  entryCount: 2,
  diffIdGot: DIFF,
  digestGot: null,
  hashesPending: false,
  entries: null,
  checkpoints: [],
  problems: [],
  ms: 1,
};
const verified: LayerVerifyResult = {
  digest: { state: 'verified', want: D, got: D },
  diffId: { state: 'verified', want: DIFF, got: DIFF },
  compression: 'gzip',
  uncompressedBytes: 30,
  entryCount: 2,
  problems: [],
  ms: 2,
};

const pending: QueryLike = { status: 'pending', data: undefined, error: null };
const ok = (data: unknown): QueryLike => ({ status: 'success', data, error: null });
const failed = (error: Error): QueryLike => ({ status: 'error', data: undefined, error });
const abort = new DOMException('Another image was opened', 'AbortError');
const asState = <T>(q: QueryLike) => q as unknown as QueryState<T, Error>;

describe('layerJobState', () => {
  it('is pending until the listing is in, whatever the verify pass did', () => {
    const s = layerJobState(asState(pending), asState(ok(verified)));
    expect(s.status).toBe('pending');
    expect(s.verify.status).toBe('success');
  });

  it('shows the listing with digest and diff_id pending while the verify pass runs', () => {
    const s = layerJobState(asState(ok(listed)), undefined);
    expect(s.status).toBe('success');
    expect(s.data).toMatchObject({ entryCount: 2, checkpoints: [] });
    expect(s.data!.digest.state).toBe('pending');
    expect(s.data!.diffId.state).toBe('pending');
    // An aborted verify pass is not a failure: a new image was opened.
    expect(layerJobState(asState(ok(listed)), asState(failed(abort))).data!.diffId.state).toBe(
      'pending',
    );
  });

  it('takes checkpoints from the listing, digest and diff_id from the verify pass, or says it failed', () => {
    const cp = { out: 0, in: 0, kind: 'member' as const, window: new Uint8Array(0) };
    const s = layerJobState(asState(ok({ ...listed, checkpoints: [cp] })), asState(ok(verified)));
    expect(s.data!.digest).toEqual(verified.digest);
    expect(s.data!.diffId).toEqual(verified.diffId);
    expect(s.data!.checkpoints).toEqual([cp]);
    const f = layerJobState(asState(ok(listed)), asState(failed(new Error('gone'))));
    expect(f.data!.diffId.state).toBe('failed');
  });
});

describe('layer checks', () => {
  it('a layer node is verified only by its verify pass', () => {
    expect(checkFromQuery(pending).state).toBe('pending');
    expect(checkFromQuery(ok(verified))).toEqual({ state: 'verified', want: D, got: D });
    expect(checkFromQuery(failed(abort)).state).toBe('pending');
    expect(checkFromQuery(failed(new Error('gone'))).state).toBe('failed');
  });

  it('puts problems of both passes on the layer once each, and mismatches from phase 2', () => {
    const tar = {
      severity: 'warning' as const,
      code: 'tar-pax-malformed' as const,
      where: D,
      message: 'odd',
    };
    const mismatch: LayerVerifyResult = {
      ...verified,
      digest: { state: 'mismatch', want: D, got: `sha256:${'c'.repeat(64)}` },
      diffId: { state: 'mismatch', want: DIFF, got: `sha256:${'d'.repeat(64)}` },
      problems: [tar],
    };
    const codes = layerProblems(node, ok({ ...listed, problems: [tar] }), ok(mismatch)).map(
      (p) => p.code,
    );
    expect(codes).toEqual(['tar-pax-malformed', 'digest-mismatch', 'diff-id-mismatch']);
    expect(layerProblems(node, ok(listed), pending)).toEqual([]);
  });

  it('puts a changed layer from its checks on it once, and nothing for differing counts alone', () => {
    const changed = {
      severity: 'error' as const,
      code: 'layer-changed' as const,
      where: D,
      message: 'the file changed while it was open',
    };
    const p = layerProblems(node, ok(listed), ok({ ...verified, problems: [changed, changed] }));
    expect(p.map((x) => x.code)).toEqual(['layer-changed']);
    expect(layerProblems(node, ok(listed), ok({ ...verified, entryCount: 3 }))).toEqual([]);
  });

  it('reports an unreadable blob once, not once per pass, and never an abort', () => {
    const gone = new Error('NotReadableError: the file changed');
    const p = layerProblems(node, failed(gone), failed(gone));
    expect(p.map((x) => x.code)).toEqual(['blob-unreadable']);
    expect(layerProblems(node, failed(abort), failed(abort))).toEqual([]);
  });
});
