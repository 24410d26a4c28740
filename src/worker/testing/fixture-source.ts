import { openAsBlob, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Source } from '../open-source.ts';
import type { CallContext } from '../rpc.ts';

// Resolved here rather than through core/testing: under the jsdom environment `URL` is jsdom's,
// which node:url's fileURLToPath does not accept as an object.
const FIXTURES =
  process.env['OCI_FIXTURES'] ??
  resolve(fileURLToPath(import.meta.url), '../../../../tests/fixtures');

/** Absolute path of a third-party fixture (carried in tests/fixtures; OCI_FIXTURES overrides). */
export function fixturePath(rel: string): string {
  return join(FIXTURES, rel);
}

/** A call context for running a worker method in-process (tests). */
export function inProcess<P>(signal = new AbortController().signal): CallContext<P> {
  return { signal, progress: () => {}, transfer: () => {} };
}

async function walk(dir: string, root: string, out: [string, Blob][]): Promise<void> {
  for (const name of readdirSync(dir)) {
    const abs = join(dir, name);
    if (statSync(abs).isDirectory()) await walk(abs, root, out);
    else out.push([relative(root, abs), await openAsBlob(abs)]);
  }
}

/** The source for a fixture folder or file, as the app would build it. */
export async function fixtureSource(rel: string): Promise<Source> {
  const abs = fixturePath(rel);
  if (statSync(abs).isDirectory()) {
    const entries: [string, Blob][] = [];
    await walk(abs, abs, entries);
    return { kind: 'folder', name: rel.split('/').pop()!, entries };
  }
  return { kind: 'file', name: rel.split('/').pop()!, blob: await openAsBlob(abs) };
}
