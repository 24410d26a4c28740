import { describe, expect, it } from 'vitest';
import { secondSourceFor, secondSourceOf, withSecondSource } from './second-source.ts';

describe('the second source in the query', () => {
  it.each([
    ['none', '?src=a.tar', null],
    ['a URL', '?src=a.tar&src2=./demo/b.tar', { key: 'src2', value: './demo/b.tar' }],
    ['a reference', '?ref2=localhost:5000/app:v2', { key: 'ref2', value: 'localhost:5000/app:v2' }],
    ['src2 before ref2', '?ref2=r&src2=s', { key: 'src2', value: 's' }],
    ['an empty value is none', '?src2=', null],
  ])('reads %s', (_what, search, want) => expect(secondSourceOf(search)).toEqual(want));

  it.each([
    [
      'sets src2, readable, keeping src and the hash',
      'https://x.test/app/?src=a.tar#image=sha256:1&compare=sha256:2',
      { key: 'src2', value: './demo/b.tar' },
      '/app/?src=a.tar&src2=./demo/b.tar#image=sha256:1&compare=sha256:2',
    ],
    [
      'replaces ref2 by src2',
      'https://x.test/?ref2=h/r:t',
      { key: 'src2', value: 'https://h/b.tar' },
      '/?src2=https://h/b.tar',
    ],
    ['removes both', 'https://x.test/?src=a&src2=b&ref2=c#x=1', null, '/?src=a#x=1'],
    [
      'a pinned reference, @ readable',
      'https://x.test/',
      { key: 'ref2', value: 'h:5000/r:t@sha256:ab' },
      '/?ref2=h:5000/r:t@sha256:ab',
    ],
  ] as const)('%s', (_what, href, source, want) =>
    expect(withSecondSource(href, source)).toBe(want),
  );

  it.each([
    ['https://h/x.tar', 'src2'],
    ['./demo/x.tar', 'src2'],
    ['/x.tar', 'src2'],
    ['localhost:5000/app:v2', 'ref2'],
    ['ghcr.io/o/r@sha256:ab', 'ref2'],
  ])('reads a typed %s as %s', (text, key) =>
    expect(secondSourceFor(text)).toEqual({ key, value: text }),
  );

  it('reads blank text as nothing', () => expect(secondSourceFor('  ')).toBeNull());
});
