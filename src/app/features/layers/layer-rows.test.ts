import { describe, expect, it } from 'vitest';
import type { ImageSummary } from '../../../core/graph/model.ts';
import { digestOf } from '../../../core/oci/digest.ts';
import type { HistoryEntry } from '../../../core/oci/types.ts';
import { createdByText, layerTableRows } from './layer-rows.ts';

const d = (n: number) => digestOf(`sha256:${String(n).padStart(64, '0')}`);
function image(layerCount: number, history: HistoryEntry[] | null): ImageSummary {
  return {
    manifest: 'sha256:m',
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    platform: null,
    refName: null,
    tags: [],
    artifactType: null,
    attestation: false,
    config: null,
    configDocument:
      history === null
        ? null
        : { kind: 'config', architecture: 'amd64', os: 'linux', diffIds: [], history },
    layers: Array.from({ length: layerCount }, (_, i) => ({
      descriptor: {
        mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
        digest: d(i),
        size: i,
      },
      diffId: null,
    })),
  };
}
const step = (createdBy: string, layerIndex: number | null): HistoryEntry => ({
  createdBy,
  emptyLayer: layerIndex === null,
  layerIndex,
});

describe('layerTableRows', () => {
  it('puts history steps without a layer between the layers they separate', () => {
    const rows = layerTableRows(
      image(2, [
        step('ADD rootfs', 0),
        step('ENV A=1', null),
        step('CMD ["sh"]', null),
        step('RUN make', 1),
      ]),
    );
    expect(rows.map((r) => (r.kind === 'layer' ? `L${r.index}` : `-${r.step}`))).toEqual([
      'L0',
      '-1',
      '-2',
      'L1',
    ]);
  });

  it('lists layers the history does not account for at the end, without a step', () => {
    const rows = layerTableRows(image(3, [step('ADD rootfs', 0)]));
    expect(
      rows.map((r) => (r.kind === 'layer' ? [r.index, r.history?.createdBy ?? null] : 'empty')),
    ).toEqual([
      [0, 'ADD rootfs'],
      [1, null],
      [2, null],
    ]);
  });

  it('lists the layers alone when there is no config', () => {
    expect(layerTableRows(image(2, null)).map((r) => r.kind)).toEqual(['layer', 'layer']);
  });

  it('drops the classic builder prefix of metadata steps', () => {
    expect(createdByText(step('/bin/sh -c #(nop)  CMD ["sh"]', null))).toBe('CMD ["sh"]');
    expect(createdByText(step('/bin/sh -c apk add curl', 0))).toBe('/bin/sh -c apk add curl');
    expect(createdByText(null)).toBe('');
  });
});
