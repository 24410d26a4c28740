import { loadGraph } from '../core/graph/load-graph.ts';
import { UnreadableInputError } from '../core/store/image-input.ts';
import { verifyBlobs } from '../core/verify/verify-blobs.ts';
import type { BlobVerification, CheckState } from '../core/verify/check.ts';
import { checkLayer, layerChecks } from '../core/fs/list-image.ts';
import { listImageHere } from './list-image-here.ts';
import type { Problem } from '../core/oci/problem.ts';
import { parseArgs, UsageError, type Args } from './args.ts';
import { analysisJson } from './analysis-json.ts';
import { inspectJson, inspectText, jsonProblem, layersText } from './inspect.ts';
import { openPath, useNodeHasher, writeOut } from './node-io.ts';
import { problemLine } from './problem-line.ts';
import { cat, ls } from './fs-commands.ts';
import { catBlob } from './cat-blob.ts';
import { diff } from './diff.ts';
import { configText } from './config-text.ts';
import { COMMAND_HELP } from './help.ts';
import { visible } from '../core/text/visible.ts';

const USAGE = `oci-explorer — look inside OCI container images

usage:
  oci-explorer inspect PATH [--json] [--layers]
        the index → manifest → config/layers tree and the problems found (headers only);
        --layers also reads every layer: sizes, net contribution, wasted bytes, efficiency
  oci-explorer verify PATH [--json] [--blobs-only]
        check every blob's digest and size, and every layer's diff_id, while streaming;
        --blobs-only skips decompression (digests and sizes only)
  oci-explorer ls PATH [--platform os/arch[/variant]] [--image DIGEST] [--layer N] [--dirs] [--json] [--sha256]
        the merged filesystem (or layer N's own changes, 0-based), like ls -l; --dirs: folders only
  oci-explorer cat PATH FILE [--platform …] [--image …]
        the bytes of a file in the merged filesystem (symlinks followed inside the image)
  oci-explorer cat PATH --blob DIGEST
        the bytes of any blob as stored (index, manifest, config, compressed layer)
  oci-explorer diff A B [--platform P] [--platform-b P2] [--json] [--strict] [--ignore-metadata]
        compare two images: documents, layers, files by content; exit 0 equal, 1 different

oci-explorer COMMAND --help explains a command (ls --help: the mode letters, w and o included).

PATH is an OCI image layout folder, an oci-archive tar, a docker/podman save tar, or a gzipped one.
exit codes: 0 clean, 1 problems found, 2 the input cannot be read (or bad usage);
  diff: 0 equal, 1 different, 2 an input cannot be read (or bad usage)`;

/** Run the CLI; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  useNodeHasher();
  try {
    const [command, ...rest] = argv;
    if (!command || command === 'help' || command === '--help' || command === '-h') {
      await writeOut(`${USAGE}\n`);
      return command ? 0 : 2;
    }
    const args = parseArgs(rest, ['platform', 'platform-b', 'image', 'layer', 'blob']);
    const help = COMMAND_HELP[command];
    if (help && (args.flags.has('help') || args.positional.includes('-h'))) {
      await writeOut(`${help}\n`);
      return 0;
    }
    if (command === 'diff') return await diff(args);
    const path = args.positional[0];
    if (!path) throw new UsageError(`${command} needs a PATH`);
    switch (command) {
      case 'inspect':
        return await inspect(path, args);
      case 'verify':
        return await verify(path, args);
      case 'ls':
        return await ls(path, args);
      case 'cat': {
        const blob = args.options.get('blob');
        if (blob !== undefined) return await catBlob(path, blob);
        return await cat(path, args.positional[1], args);
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    return fail(e);
  }
}

async function inspect(path: string, args: Args): Promise<number> {
  const input = await openPath(path);
  const graph = await loadGraph(input);
  const json = inspectJson(input, graph);
  const tables: string[] = [];
  if (args.flags.has('layers')) {
    for (const [i, image] of graph.images.entries()) {
      if (image.attestation || !image.configDocument) continue;
      const indexed = await listImageHere(input.store, image, {
        concurrency: 2,
        checkpointEvery: 0,
      });
      const a = analysisJson(indexed);
      const out = json.images[i]!;
      out.layers.forEach((l, li) => {
        const la = a.layers[li];
        if (la) l.analysis = la;
      });
      out.analysis = a.image;
      json.problems.push(...indexed.problems.map(jsonProblem));
      tables.push(layersText(image, a));
    }
  }
  if (args.flags.has('json')) await writeOut(`${JSON.stringify(json, null, 2)}\n`);
  else {
    await writeOut(`${inspectText(input, graph)}\n`);
    const configs = configText(graph);
    if (configs) await writeOut(`\n${configs}\n`);
    if (tables.length) await writeOut(`\n${tables.join('\n\n')}\n`);
    else
      await writeOut(
        '\n(--layers reads every layer: per-layer sizes, net contribution, wasted bytes, efficiency)\n',
      );
  }
  return json.problems.some((p) => p.severity === 'error') ? 1 : 0;
}

async function verify(path: string, args: Args): Promise<number> {
  const input = await openPath(path);
  const graph = await loadGraph(input);
  const checks: BlobVerification[] = [];
  const problems: Problem[] = [...graph.problems];
  // Layers are verified in one pass each: the digest of the raw bytes and the diff_id of the
  // decompressed stream from the same read. The other blobs are hashed as they are.
  const layerDone = new Set<string>();
  const hashedLayers = new Set<string>();
  if (!args.flags.has('blobs-only')) {
    for (const image of graph.images) {
      const todo = {
        ...image,
        layers: image.layers.filter((l) => !layerDone.has(l.descriptor.digest.value)),
      };
      const indexed = await listImageHere(input.store, todo, {
        verifyDigest: true,
        checkpointEvery: 0,
      });
      for (const l of indexed.layers) {
        const checked = layerChecks(l);
        if (!l.index || !checked) continue;
        layerDone.add(l.digest);
        problems.push(...checkLayer(l), ...l.index.problems);
        // A digest this pass did not hash (not sha256) is left to verifyBlobs below.
        if (!hashed(checked.digest.state)) continue;
        hashedLayers.add(l.digest);
        checks.push({
          digest: l.digest,
          source: l.source ?? l.digest,
          state: checked.digest.state,
          ...(checked.digest.got ? { got: checked.digest.got } : {}),
          bytes: l.index.compressedSize,
          ...(l.index.diffId ? { diffId: l.index.diffId } : {}),
        });
      }
    }
  }
  const rest = await verifyBlobs(graph, input.store, { skip: hashedLayers });
  checks.push(...rest.checks);
  problems.push(...rest.problems);
  const errors = problems.filter((p) => p.severity === 'error');
  if (args.flags.has('json')) {
    await writeOut(
      `${JSON.stringify({ format: input.format, ok: errors.length === 0, blobs: checks, problems: problems.map(jsonProblem) }, null, 2)}\n`,
    );
  } else {
    for (const c of checks) {
      const mark = c.state === 'verified' ? 'ok      ' : c.state.padEnd(8);
      await writeOut(
        `${mark} ${visible(c.digest)}  ${visible(c.source)}${c.diffId ? `  (diff_id ok)` : ''}\n`,
      );
    }
    for (const p of problems) await writeOut(`${problemLine(p)}\n`);
    const verified = checks.filter((c) => c.state === 'verified').length;
    const diffIds = checks.filter((c) => c.diffId).length;
    await writeOut(
      `\n${verified} of ${checks.length} blobs verified${diffIds ? `, ${diffIds} layer diff_ids checked` : ''}; ${errors.length} error${errors.length === 1 ? '' : 's'}\n`,
    );
  }
  return errors.length === 0 ? 0 : 1;
}

/** The layer pass decided the digest (sha256 hashed); anything else is left to verifyBlobs. */
function hashed(state: CheckState): state is 'verified' | 'mismatch' {
  return state === 'verified' || state === 'mismatch';
}

function fail(e: unknown): number {
  if (e instanceof UsageError) {
    process.stderr.write(`oci-explorer: ${visible(e.message)}\n\n${USAGE}\n`);
    return 2;
  }
  if (e instanceof UnreadableInputError) {
    process.stderr.write(`oci-explorer: cannot read the input: ${visible(e.message)}\n`);
    for (const p of e.problems) process.stderr.write(`  ${problemLine(p)}\n`);
    return 2;
  }
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ENOENT') {
    process.stderr.write(`oci-explorer: no such file or folder: ${visible(err.path ?? '')}\n`);
    return 2;
  }
  if (err?.code === 'EACCES') {
    process.stderr.write(`oci-explorer: permission denied: ${visible(err.path ?? '')}\n`);
    return 2;
  }
  process.stderr.write(
    `oci-explorer: cannot read the input: ${visible(err instanceof Error ? err.message : String(e))}\n`,
  );
  return 2;
}
