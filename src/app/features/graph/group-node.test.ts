import { describe, expect, it } from 'vitest';
import { firstMembers, matchMembers } from './group-node.tsx';

const labels = Array.from(
  { length: 10_000 },
  (_, i) => `linux/${['amd64', 'arm64/v8', 's390x', 'ppc64le'][i % 4]} · v1.0.${i} · sha256:${i}`,
);

describe('matchMembers', () => {
  it.each([
    // query → total matches, first index listed
    ['', 10_000, 0],
    ['s390x', 2_500, 2],
    ['S390X v1.0.10', 28, 10],
    ['v1.0.9999', 1, 9_999],
    ['nothing-like-this', 0, undefined],
  ])('%j', (query, total, first) => {
    const m = matchMembers(
      labels.map((l) => l.toLowerCase()),
      query,
    );
    expect(m.total).toBe(total);
    expect(m.indexes[0]).toBe(first);
    expect(m.indexes.length).toBe(Math.min(total, 100));
  });
});

describe('firstMembers', () => {
  it.each([0, 1, 99, 100, 101, 10_000])(
    'lists for %i members what an empty search lists, without their labels',
    (n) => {
      const some = labels.slice(0, n);
      expect(firstMembers(n)).toEqual(matchMembers(some, ''));
      expect(firstMembers(n)).toEqual(matchMembers(some, '   '));
    },
  );
});
