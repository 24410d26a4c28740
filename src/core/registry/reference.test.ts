import { describe, expect, it } from 'vitest';
import {
  formatReference,
  manifestSelector,
  parseReference,
  pinReference,
  registryBase,
} from './reference.ts';

const D = `sha256:${'a'.repeat(64)}`;

describe('parseReference', () => {
  it.each([
    ['busybox', 'docker.io', 'library/busybox', 'latest', null],
    ['busybox:1.36', 'docker.io', 'library/busybox', '1.36', null],
    ['library/busybox', 'docker.io', 'library/busybox', 'latest', null],
    ['bitnami/redis:7.2', 'docker.io', 'bitnami/redis', '7.2', null],
    ['docker.io/busybox', 'docker.io', 'library/busybox', 'latest', null],
    ['ghcr.io/org/app/web:v1', 'ghcr.io', 'org/app/web', 'v1', null],
    ['127.0.0.1:5000/demo:latest', '127.0.0.1:5000', 'demo', 'latest', null],
    ['localhost/demo', 'localhost', 'demo', 'latest', null],
    ['localhost:5000/a/b', 'localhost:5000', 'a/b', 'latest', null],
    [`quay.io/x/y@${D}`, 'quay.io', 'x/y', null, D],
    [`quay.io/x/y:1@${D}`, 'quay.io', 'x/y', '1', D],
    ['Registry.Example.COM/a', 'registry.example.com', 'a', 'latest', null],
    ['my-app_1.x', 'docker.io', 'library/my-app_1.x', 'latest', null],
  ])('%s', (input, registry, repository, tag, digest) => {
    expect(parseReference(input)).toEqual({ ok: true, ref: { registry, repository, tag, digest } });
  });

  it.each([
    ['', /empty/],
    ['Busybox', /not a repository name/],
    ['a//b', /not a repository name/],
    ['a/b:', /not a tag/],
    ['a/b:-x', /not a tag/],
    ['a@sha256:xyz', /not a digest/],
    ['host.com/', /not a repository name/],
    ['a b', /not a repository name/],
    ['$(reboot)', /not a repository name/],
  ])('refuses %j', (input, reason) => {
    const r = parseReference(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
});

describe('the rest of a reference', () => {
  const ref = (s: string) => {
    const r = parseReference(s);
    if (!r.ok) throw new Error(r.reason);
    return r.ref;
  };
  it('formats canonically and pins a digest', () => {
    expect(formatReference(ref('busybox'))).toBe('docker.io/library/busybox:latest');
    expect(formatReference(pinReference(ref('127.0.0.1:5000/demo:v1'), D))).toBe(
      `127.0.0.1:5000/demo:v1@${D}`,
    );
    expect(manifestSelector(pinReference(ref('a:v1'), D))).toBe(D);
    expect(manifestSelector(ref('a:v1'))).toBe('v1');
  });
  it.each([
    ['busybox', 'https://registry-1.docker.io'],
    ['ghcr.io/a/b', 'https://ghcr.io'],
    ['127.0.0.1:5000/a', 'http://127.0.0.1:5000'],
    ['localhost:5000/a', 'http://localhost:5000'],
    ['registry.local:5000/a', 'https://registry.local:5000'],
  ])('%s is served from %s', (s, base) => {
    expect(registryBase(ref(s))).toBe(base);
  });
});
