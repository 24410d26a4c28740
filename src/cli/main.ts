import { loadGraph } from '../core/graph/load-graph.ts';
import { UnreadableInputError } from '../core/store/image-input.ts';
import { verifyBlobs } from '../core/verify/verify-blobs.ts';
import { parseArgs, UsageError } from './args.ts';
import { inspectJson, inspectText, jsonProblem } from './inspect.ts';
import { openPath, useNodeHasher, writeOut } from './node-io.ts';
import { cat, ls } from './fs-commands.ts';

const USAGE = `oci-explorer — look inside OCI container images

usage:
  oci-explorer inspect PATH [--json] [--layers]
        the index → manifest → config/layers tree and the problems found (headers only);
        --layers also reads every layer: sizes, net contribution, wasted bytes, efficiency
  oci-explorer verify PATH [--json]
        check every blob's digest and size, and every layer's diff_id, while streaming
  oci-explorer ls PATH [--platform os/arch[/variant]] [--image DIGEST] [--layer N] [--json] [--sha256]
        the merged filesystem (or layer N's own changes, 0-based), like ls -l
  oci-explorer cat PATH FILE [--platform …] [--image …]
        the bytes of a file in the merged filesystem (symlinks followed inside the image)

PATH is an OCI image layout folder, an oci-archive tar, a docker/podman save tar, or a gzipped one.
exit codes: 0 clean, 1 problems found, 2 the input cannot be read (or bad usage)`;

/** Run the CLI; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  useNodeHasher();
  try {
    const [command, ...rest] = argv;
    if (!command || command === 'help' || command === '--help' || command === '-h') {
      await writeOut(`${USAGE}\n`);
      return command ? 0 : 2;
    }
    const args = parseArgs(rest, ['platform', 'image', 'layer']);
    const path = args.positional[0];
    if (!path) throw new UsageError(`${command} needs a PATH`);
    switch (command) {
      case 'inspect':
        return await inspect(path, args.flags.has('json'));
      case 'verify':
        return await verify(path, args.flags.has('json'));
      case 'ls':
        return await ls(path, args);
      case 'cat':
        return await cat(path, args.positional[1], args);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    return fail(e);
  }
}

async function inspect(path: string, json: boolean): Promise<number> {
  const input = await openPath(path);
  const graph = await loadGraph(input);
  if (json) await writeOut(`${JSON.stringify(inspectJson(input, graph), null, 2)}\n`);
  else await writeOut(`${inspectText(input, graph)}\n`);
  return graph.problems.some((p) => p.severity === 'error') ? 1 : 0;
}

async function verify(path: string, json: boolean): Promise<number> {
  const input = await openPath(path);
  const graph = await loadGraph(input);
  const result = await verifyBlobs(graph, input.store);
  const problems = [...graph.problems, ...result.problems];
  const errors = problems.filter((p) => p.severity === 'error');
  if (json) {
    await writeOut(
      `${JSON.stringify({ format: input.format, ok: errors.length === 0, blobs: result.checks, problems: problems.map(jsonProblem) }, null, 2)}\n`,
    );
  } else {
    for (const c of result.checks) {
      const mark = c.state === 'verified' ? 'ok      ' : c.state.padEnd(8);
      await writeOut(`${mark} ${c.digest}  ${c.source}\n`);
    }
    for (const p of problems)
      await writeOut(`${p.severity.padEnd(7)} ${p.code}  ${p.where}: ${p.message}\n`);
    const verified = result.checks.filter((c) => c.state === 'verified').length;
    await writeOut(
      `\n${verified} of ${result.checks.length} blobs verified; ${errors.length} error${errors.length === 1 ? '' : 's'}\n`,
    );
  }
  return errors.length === 0 ? 0 : 1;
}

function fail(e: unknown): number {
  if (e instanceof UsageError) {
    process.stderr.write(`oci-explorer: ${e.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (e instanceof UnreadableInputError) {
    process.stderr.write(`oci-explorer: cannot read the input: ${e.message}\n`);
    for (const p of e.problems)
      process.stderr.write(`  ${p.severity} ${p.code}  ${p.where}: ${p.message}\n`);
    return 2;
  }
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ENOENT') {
    process.stderr.write(`oci-explorer: no such file or folder: ${err.path ?? ''}\n`);
    return 2;
  }
  if (err?.code === 'EACCES') {
    process.stderr.write(`oci-explorer: permission denied: ${err.path ?? ''}\n`);
    return 2;
  }
  process.stderr.write(
    `oci-explorer: cannot read the input: ${err instanceof Error ? err.message : String(e)}\n`,
  );
  return 2;
}
