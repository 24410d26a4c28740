import { FileHashTap } from '../core/diff/hash-tap.ts';
import { layerSource, type ListedImage } from '../core/fs/list-image.ts';
import { resolvePath } from '../core/fs/resolve-path.ts';
import { loadGraph } from '../core/graph/load-graph.ts';
import type { ImageSummary } from '../core/graph/model.ts';
import { streamFileRange } from '../core/layers/read-file.ts';
import type { Problem } from '../core/oci/problem.ts';
import type { ImageInput } from '../core/store/image-input.ts';
import { UsageError, type Args } from './args.ts';
import { jsonProblem } from './inspect.ts';
import { problemLine } from './problem-line.ts';
import { visible } from '../core/text/visible.ts';
import { addContentDigests, layerEntries, lsText, mergedEntries } from './ls.ts';
import { lsJsonPieces } from './ls-json.ts';
import { layerRange } from './layer-range.ts';
import { listImageHere } from './list-image-here.ts';
import { poolTap } from './layer-pool.ts';
import { openPath, writeOut } from './node-io.ts';
import { selectImage } from './select-image.ts';

/**
 * Open PATH, pick the image the flags name, and index its layers. `forReads`: the layers' gzip
 * checkpoints are kept (the core's spacing, `CHECKPOINT_EVERY`), so a file read after the index
 * inflates at most that much before its bytes instead of its whole layer up to them. `taps`:
 * every regular file's bytes are hashed as the index streams past (in whichever thread lists the
 * layer), a tap per layer position.
 */
export async function openIndexed(
  path: string,
  args: Args,
  opts: { forReads?: boolean; taps?: Map<number, FileHashTap> } = {},
): Promise<{ input: ImageInput; image: ImageSummary; indexed: ListedImage; note: string | null }> {
  const input = await openPath(path);
  const graph = await loadGraph(input);
  const { image, note } = selectImage(graph, {
    image: args.options.get('image'),
    platform: args.options.get('platform'),
  });
  // Without file reads to come (ls), checkpoints would only slow the index.
  const { forReads, taps } = opts;
  const indexed = await listImageHere(input.store, image, {
    concurrency: 2,
    ...(forReads ? {} : { checkpointEvery: 0 }),
    ...(taps
      ? {
          layerHooks: (position: number) => {
            const tap = new FileHashTap();
            taps.set(position, tap);
            return poolTap(tap);
          },
        }
      : {}),
  });
  return { input, image, indexed, note };
}

function report(problems: Problem[]): void {
  for (const p of problems) process.stderr.write(`${problemLine(p)}\n`);
}

/** `ls PATH [--layer N] [--json] [--sha256]`: the merged filesystem, or one layer's change set. */
export async function ls(path: string, args: Args): Promise<number> {
  // The merged view's file hashes are made as the index streams past: one pass, not two.
  const taps =
    args.flags.has('sha256') && args.options.get('layer') === undefined
      ? new Map<number, FileHashTap>()
      : undefined;
  const { image, indexed, note } = await openIndexed(path, args, taps ? { taps } : {});
  const layerArg = args.options.get('layer');
  let layer: number | null = null;
  if (layerArg !== undefined) {
    layer = Number(layerArg);
    if (!Number.isInteger(layer) || layer < 0 || layer >= indexed.layers.length) {
      throw new UsageError(
        `--layer must be 0..${indexed.layers.length - 1} (0-based), got "${layerArg}"`,
      );
    }
  }
  const all = layer === null ? mergedEntries(indexed) : layerEntries(indexed, layer);
  const entries = args.flags.has('dirs') ? all.filter((e) => e.type === 'dir') : all;
  if (taps && layer === null) await addContentDigests(indexed, entries, taps);
  const problems =
    layer === null
      ? indexed.problems
      : [...(indexed.layers[layer]!.index?.problems ?? []), ...indexed.fs.layerProblems(layer)];
  if (args.flags.has('json')) {
    const doc = { image: image.manifest, layer, entries, problems: problems.map(jsonProblem) };
    for (const piece of lsJsonPieces(doc)) await writeOut(piece);
  } else {
    if (note) process.stderr.write(`${visible(note)}\n`);
    await writeOut(`${lsText(entries)}\n`);
    report(problems);
  }
  return problems.some((p) => p.severity === 'error') ? 1 : 0;
}

/** `cat PATH FILE`: the raw bytes of a regular file of the merged filesystem, streamed to stdout. */
export async function cat(path: string, file: string | undefined, args: Args): Promise<number> {
  if (!file)
    throw new UsageError('cat needs PATH and FILE (a path inside the image, e.g. /etc/os-release)');
  const { indexed } = await openIndexed(path, args, { forReads: true });
  const found = resolvePath(indexed.fs.view(), file);
  if (!found.ok) {
    process.stderr.write(`oci-explorer: ${visible(found.message)}\n`);
    return 1;
  }
  const { entry } = found;
  if (!entry.content) {
    process.stderr.write(
      `oci-explorer: ${visible(found.path)} is a ${entry.type}, not a regular file\n`,
    );
    return 1;
  }
  const source = layerSource(indexed, entry.content.layer);
  if (!source) {
    process.stderr.write(
      `oci-explorer: ${visible(found.path)}: layer ${entry.content.layer} could not be read\n`,
    );
    return 1;
  }
  const { content } = entry;
  const reader = (
    content.sparseMap === undefined
      ? layerRange(source, content.dataOffset, content.size)
      : streamFileRange(source, content, 0, content.size)
  ).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      await writeOut(value);
    }
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    process.stderr.write(`oci-explorer: ${visible(found.path)}: ${visible(why)}\n`);
    return 1;
  }
  return 0;
}
