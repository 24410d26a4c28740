import { UsageError } from './args.ts';
import { openPath, writeOut } from './node-io.ts';

/** `cat PATH --blob DIGEST`: any blob of the input, byte for byte as stored, to stdout. */
export async function catBlob(path: string, digest: string): Promise<number> {
  const input = await openPath(path);
  const want = digest.includes(':') ? digest : `sha256:${digest}`;
  if (!/^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/.test(want))
    throw new UsageError(
      `--blob needs a digest (sha256:<hex>) or a prefix of its hex, got "${digest}"`,
    );
  const exact = input.store.get(want);
  const found = exact
    ? [exact]
    : input.store.list().filter((b) => !b.synthesized && b.digest.startsWith(want));
  if (found.length !== 1) {
    process.stderr.write(
      `oci-explorer: --blob ${digest} matches ${found.length} blobs of the input${found.length ? '; give more of the digest' : ''}\n`,
    );
    return 1;
  }
  const reader = found[0]!.blob.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    await writeOut(value);
  }
  return 0;
}
