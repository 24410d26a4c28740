import { describe, expect, it } from 'vitest';
import type { StoredBlob } from '../core/store/blob-store.ts';
import { receiveBlobs, sendBlobs } from './sent-blob.ts';

const pageFiles = [new Blob(['zero']), new Blob(['one!'])];
const synth = new Blob(['{}']);

describe('sendBlobs and receiveBlobs', () => {
  const stored: StoredBlob[] = [
    { digest: 'sha256:a', blob: pageFiles[1]!, source: 'blobs/sha256/a' },
    { digest: 'sha256:b', blob: synth, source: '(synthesized)', synthesized: true },
  ];
  const entryOf = (b: Blob): number | undefined => (b === pageFiles[1] ? 1 : undefined);
  const sent = sendBlobs(stored, entryOf, new Map([['sha256:a', 'sha256:hash-of-a']]));

  // [digest, sent by position, sent as a Blob, size, sha256]
  const cases: [string, number | undefined, boolean, number, string | undefined][] = [
    ['sha256:a', 1, false, 4, 'sha256:hash-of-a'],
    ['sha256:b', undefined, true, 2, undefined],
  ];
  it.each(cases)('%s', (digest, entry, asBlob, size, sha256) => {
    const s = sent.find((x) => x.digest === digest)!;
    expect(s.entry).toBe(entry);
    expect(s.blob !== undefined).toBe(asBlob);
    expect(s.size).toBe(size);
    expect(s.sha256).toBe(sha256);
  });

  it('rebuilds each Blob from the page’s own files, or takes the one sent', () => {
    const got = receiveBlobs(sent, pageFiles);
    expect(got[0]!.blob).toBe(pageFiles[1]);
    expect(got[0]).toMatchObject({ digest: 'sha256:a', size: 4, sha256: 'sha256:hash-of-a' });
    expect(got[1]).toMatchObject({ blob: synth, synthesized: true, size: 2 });
  });

  it('refuses a position the page has no file for', () => {
    expect(() => receiveBlobs(sent, null)).toThrow(/neither a Blob nor a file/);
  });
});
