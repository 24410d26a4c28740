import { describe, expect, it } from 'vitest';
import { packWindows, type GzipCheckpoint } from '../../../core/layers/gzip-checkpoints.ts';
import { sendable } from './use-filesystem.ts';

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
