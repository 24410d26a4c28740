import { openAsBlob } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readTar } from '../layers/read-tar.ts';

/** The third-party fixtures carried in tests/fixtures (override with OCI_FIXTURES). */
export const FIXTURES =
  process.env['OCI_FIXTURES'] ??
  fileURLToPath(new URL('../../../tests/fixtures/', import.meta.url));

/** Absolute path of a fixture, from its path under the fixtures folder. */
export function fixturePath(rel: string): string {
  return join(FIXTURES, rel);
}

/** A fixture file as a Blob (read lazily from disk). */
export function fixtureBlob(rel: string): Promise<Blob> {
  return openAsBlob(fixturePath(rel));
}

/** One member of a plain tar archive, as a slice of the archive (found with the layer tar reader). */
export async function archiveMember(archive: Blob, name: string): Promise<Blob> {
  const { entries } = await readTar(archive.stream());
  const clean = (p: string): string => p.replace(/^\.\//, '');
  const e = entries.find((x) => clean(x.path) === clean(name) && x.type === 'file');
  if (!e) throw new Error(`no member "${name}" in the archive`);
  return archive.slice(e.dataOffset, e.dataOffset + e.size);
}
