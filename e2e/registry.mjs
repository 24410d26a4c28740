// Debian's distribution registry (`docker-registry`, installed by .ci/run) on 127.0.0.1, for the
// registry tests: started in a temp folder with the `http:` config lines the caller gives (the
// CORS headers, or none), images pushed into it with skopeo.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './harness.mjs';

/** Where Debian puts the registry. */
export const REGISTRY_BIN = '/usr/bin/docker-registry';

/**
 * Start a registry; `http` is its config's `http:` block without the address (e.g. the CORS
 * headers the app shows), or `http:` alone. Resolves once `/v2/` answers.
 * @param {{ http?: string }} [opts]
 * @returns {Promise<{ host: string, stop: () => void }>}
 */
export async function startRegistry({ http = 'http:' } = {}) {
  if (!existsSync(REGISTRY_BIN))
    throw new Error(`${REGISTRY_BIN} is missing: apt-get install docker-registry`);
  const dir = mkdtempSync(join(tmpdir(), 'oci-registry-'));
  const port = await freePort();
  const config = [
    'version: 0.1',
    'log:',
    '  level: error',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${join(dir, 'data')}`,
    ...http.split('\n'),
    `  addr: 127.0.0.1:${port}`,
  ].join('\n');
  writeFileSync(join(dir, 'config.yml'), `${config}\n`);
  const child = spawn(REGISTRY_BIN, ['serve', join(dir, 'config.yml')], { stdio: 'ignore' });
  const host = `127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      if ((await fetch(`http://${host}/v2/`)).ok) break;
    } catch {
      // not up yet
    }
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`the registry did not start (exit ${child.exitCode})`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    host,
    stop() {
      child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Push an image with skopeo (`oci:DIR[:ref]`, `oci-archive:FILE`) to `host/repo:tag`.
 * @param {string} source
 * @param {string} host
 * @param {string} repoTag
 * @param {boolean} [all] every image of an index
 */
export function push(source, host, repoTag, all = false) {
  execFileSync(
    'skopeo',
    [
      'copy',
      '--quiet',
      ...(all ? ['--all'] : []),
      '--dest-tls-verify=false',
      source,
      `docker://${host}/${repoTag}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
}
