import { describe, expect, it } from 'vitest';
import { parseAuthChallenges } from './auth-challenge.ts';

describe('parseAuthChallenges', () => {
  it.each([
    [
      'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/busybox:pull"',
      [
        {
          scheme: 'bearer',
          params: {
            realm: 'https://auth.docker.io/token',
            service: 'registry.docker.io',
            scope: 'repository:library/busybox:pull',
          },
        },
      ],
    ],
    ['Basic realm="Registry Realm"', [{ scheme: 'basic', params: { realm: 'Registry Realm' } }]],
    [
      'Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:a/b:pull,push"',
      [
        {
          scheme: 'bearer',
          params: {
            realm: 'https://ghcr.io/token',
            service: 'ghcr.io',
            scope: 'repository:a/b:pull,push',
          },
        },
      ],
    ],
    [
      'Basic realm="a", Bearer realm="https://t/x", service=svc',
      [
        { scheme: 'basic', params: { realm: 'a' } },
        { scheme: 'bearer', params: { realm: 'https://t/x', service: 'svc' } },
      ],
    ],
    ['bearer  REALM = "r\\"q"', [{ scheme: 'bearer', params: { realm: 'r"q' } }]],
    ['Negotiate', [{ scheme: 'negotiate', params: {} }]],
    ['', []],
    ['=,,=="', []],
  ])('%j', (header, want) => {
    expect(parseAuthChallenges(header)).toEqual(want);
  });

  it('stays linear on a long hostile header', () => {
    const header = `Bearer ${'a=",'.repeat(50_000)}`;
    expect(parseAuthChallenges(header).length).toBe(1);
  });
});
