import type { Problem } from '../oci/problem.ts';
import type { TarEntry } from './tar-entry.ts';
import { TarReader } from './tar-reader.ts';

/** Read a whole tar stream: the entries, those after the end-of-archive marker, problems, and the byte count. */
export async function readTar(
  stream: ReadableStream<Uint8Array>,
  opts: { where?: string; signal?: AbortSignal } = {},
): Promise<{
  entries: TarEntry[];
  trailingEntries: TarEntry[];
  problems: Problem[];
  bytes: number;
}> {
  const entries: TarEntry[] = [];
  const trailingEntries: TarEntry[] = [];
  const reader = new TarReader({
    onEntry: (e) => entries.push(e),
    onTrailingEntry: (e) => trailingEntries.push(e),
    where: opts.where,
  });
  const r = stream.getReader();
  try {
    for (;;) {
      opts.signal?.throwIfAborted();
      const { done, value } = await r.read();
      if (done) break;
      reader.push(value);
    }
  } catch (err) {
    await r.cancel(err).catch(() => undefined);
    throw err;
  }
  reader.finish();
  return { entries, trailingEntries, problems: reader.problems, bytes: reader.offset };
}
