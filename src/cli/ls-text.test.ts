import { describe, expect, it } from 'vitest';
import { lsText, type LsEntry } from './ls.ts';

describe('lsText', () => {
  // A million, not the 300,000 that broke the CLI: the test's worker thread has a larger stack.
  it('prints 1,000,000 paths (a hostile image) with the size column as wide as the widest size', () => {
    const entries: LsEntry[] = Array.from({ length: 1_000_000 }, (_, i) => ({
      path: `/d${i % 100}/f${i}`,
      type: 'file',
      size: i === 123_456 ? 1_234_567_890 : 0,
      mode: 0o644,
      uid: 0,
      gid: 0,
      linkTarget: null,
      layer: 0,
    }));
    const lines = lsText(entries).trimEnd().split('\n');
    expect(lines).toHaveLength(1_000_000);
    expect(lines[0]).toContain(`${' '.repeat(9)}0  L0  /d0/f0`);
    expect(lines[123_456]).toContain(' 1234567890  L0  /d56/f123456');
  });
});
