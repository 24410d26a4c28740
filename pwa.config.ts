import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Plugin } from 'vite';

/** The service worker's source; built as its own entry, at the site's root as `sw.js`. */
export const SERVICE_WORKER_ENTRY = resolve(import.meta.dirname, 'src/sw/service-worker.ts');

function publicFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const abs = join(d, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else out.push(relative(dir, abs).split('\\').join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * Gives the service worker the build's file list and a version (a hash of every file it
 * caches), so a new deployment is a new worker and an unchanged one is byte-identical.
 */
export function serviceWorkerManifest(publicDir: string): Plugin {
  return {
    name: 'service-worker-manifest',
    apply: 'build',
    generateBundle(_options, bundle) {
      const sw = bundle['sw.js'];
      if (!sw || sw.type !== 'chunk') throw new Error('the service worker chunk sw.js is missing');
      const hash = createHash('sha256');
      const files: string[] = [];
      for (const [name, item] of Object.entries(bundle)) {
        if (name === 'sw.js' || name.endsWith('.map')) continue;
        files.push(name);
        hash.update(name).update(item.type === 'chunk' ? item.code : item.source);
      }
      for (const name of publicFiles(publicDir)) {
        files.push(name);
        hash.update(name).update(readFileSync(join(publicDir, name)));
      }
      files.sort();
      const build = { version: hash.digest('hex').slice(0, 16), files };
      sw.code = `const __OCI_BUILD__ = ${JSON.stringify(build)};\n${sw.code}`;
    },
  };
}
