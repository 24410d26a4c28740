import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRegistry } from '../../src/core/registry/open-registry.ts';
import { parseReference } from '../../src/core/registry/reference.ts';
import { RegistryClient, RegistryError } from '../../src/core/registry/registry-client.ts';
import { useNodeHasher } from '../../src/cli/node-io.ts';
import { push, startCorsRegistry, startTokenProxy } from './local-registry.ts';

// The registry path end to end against Debian's distribution registry: images pushed with
// skopeo read back through the CLI (which runs the same core as the app's worker) and compared
// with the same images read from disk.
const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = (p: string): string => `${root}tests/fixtures/${p}`;
const cli = (...args: string[]): { status: number; out: string } => {
  try {
    const out = execFileSync(process.execPath, [`${root}bin/oci-explorer.js`, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 1 << 26,
    });
    return { status: 0, out };
  } catch (e) {
    const x = e as { status: number; stdout: string; stderr: string };
    return { status: x.status, out: x.stdout + x.stderr };
  }
};
type Inspect = {
  format: string;
  images: { manifest: string; config: unknown; layers: unknown[] }[];
};
const images = (json: string) =>
  (JSON.parse(json) as Inspect).images.map(({ manifest, config, layers }) => ({
    manifest,
    config,
    layers,
  }));

let registry: { host: string; stop: () => void };
beforeAll(async () => {
  useNodeHasher();
  registry = await startCorsRegistry();
  push(`oci-archive:${fixture('dive/test-oci-gzip-image.tar')}`, registry.host, 'gz:v1');
  push(`oci-archive:${fixture('dive/test-oci-zstd-image.tar')}`, registry.host, 'zst:v1');
  push(`oci:${fixture('regclient/testrepo')}:b1`, registry.host, 'multi:b1', true);
}, 120_000);
afterAll(() => registry?.stop());

describe('images in a registry, read through the distribution API', () => {
  it.each([
    ['gz:v1', 'dive/test-oci-gzip-image.tar'],
    ['zst:v1', 'dive/test-oci-zstd-image.tar'],
  ])('%s: the same manifest, config and layers as the archive it was pushed from', (tag, file) => {
    const remote = cli('inspect', '--json', `docker://${registry.host}/${tag}`);
    const local = cli('inspect', '--json', fixture(file));
    expect(remote.status).toBe(0);
    expect(JSON.parse(remote.out).format).toBe('registry');
    expect(images(remote.out)).toEqual(images(local.out));
  });

  it('verifies every blob and diff_id as it streams them, and lists and reads files', () => {
    const ref = `docker://${registry.host}/zst:v1`;
    const verify = cli('verify', '--json', ref);
    expect(verify.status).toBe(0);
    const v = JSON.parse(verify.out) as { ok: boolean; blobs: { state: string }[] };
    expect(v.ok).toBe(true);
    expect(v.blobs.map((b) => b.state)).toEqual(['verified', 'verified', 'verified']);
    const ls = (p: string) => JSON.parse(cli('ls', '--json', p).out).entries as unknown[];
    expect(ls(ref)).toEqual(ls(fixture('dive/test-oci-zstd-image.tar')));
    expect(cli('cat', ref, '/README.md').out).toBe(
      cli('cat', fixture('dive/test-oci-zstd-image.tar'), '/README.md').out,
    );
  });

  it('a multi-platform index: every platform, layers left in the registry until read', async () => {
    const parsed = parseReference(`${registry.host}/multi:b1`);
    if (!parsed.ok) throw new Error(parsed.reason);
    let blobGets = 0;
    const client = new RegistryClient(parsed.ref, {
      fetch: (url, init) => {
        if (url.includes('/blobs/') && !url.includes('/manifests/')) blobGets++;
        return fetch(url, init);
      },
    });
    const { input, pinned } = await openRegistry(client);
    const remote = images(cli('inspect', '--json', `docker://${registry.host}/multi:b1`).out);
    const local = images(cli('inspect', '--json', fixture('regclient/testrepo')).out);
    const want = local.filter((i) => remote.some((r) => r.manifest === i.manifest));
    expect(remote).toEqual(want);
    expect(want.length).toBe(4);
    expect(pinned.digest).toBe(input.roots[0]!.descriptor.digest.value);
    // Configs are read ahead (four of them); the one shared layer is not read at all.
    expect(blobGets).toBe(4);
  });

  it('a pinned reference whose digest the registry does not serve is a problem, not a silent swap', async () => {
    const parsed = parseReference(`${registry.host}/gz:v1@sha256:${'0'.repeat(64)}`);
    if (!parsed.ok) throw new Error(parsed.reason);
    await expect(openRegistry(new RegistryClient(parsed.ref))).rejects.toMatchObject({
      reason: 'not-found',
    });
  });
});

describe('registries that ask for a token', () => {
  it('follows the bearer challenge anonymously, as public registries expect', async () => {
    const proxy = await startTokenProxy(registry.host);
    try {
      // In-process (the proxy answers on this thread; a synchronous CLI run would block it).
      const parsed = parseReference(`${proxy.host}/gz:v1`);
      if (!parsed.ok) throw new Error(parsed.reason);
      const { input } = await openRegistry(new RegistryClient(parsed.ref));
      const want = images(cli('inspect', '--json', fixture('dive/test-oci-gzip-image.tar')).out);
      expect(input.roots.map((r) => r.descriptor.digest.value)).toEqual([want[0]!.manifest]);
      const layer = input.store.get((want[0]!.layers[0] as { digest: string }).digest)!;
      const bytes = new Uint8Array(await layer.blob.arrayBuffer());
      expect(bytes.length).toBe((want[0]!.layers[0] as { size: number }).size);
      expect(proxy.tokenRequests).toBeGreaterThan(0);
    } finally {
      proxy.stop();
    }
  });

  it('a private registry: refused without credentials, read with a username and password', async () => {
    const proxy = await startTokenProxy(registry.host, {
      user: { name: 'ana', password: 's3cret' },
    });
    try {
      const parsed = parseReference(`${proxy.host}/gz:v1`);
      if (!parsed.ok) throw new Error(parsed.reason);
      const e = await openRegistry(new RegistryClient(parsed.ref)).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(RegistryError);
      expect((e as RegistryError).reason).toBe('auth');
      const { input } = await openRegistry(
        new RegistryClient(parsed.ref, { credentials: { username: 'ana', password: 's3cret' } }),
      );
      expect(input.roots).toHaveLength(1);
    } finally {
      proxy.stop();
    }
  });
});
