import { diffImages } from '../core/diff/diff-images.ts';
import { imageDocuments } from '../core/diff/image-documents.ts';
import { listImagePair } from '../core/diff/list-pair.ts';
import type { ImageDiff } from '../core/diff/types.ts';
import { loadGraph } from '../core/graph/load-graph.ts';
import type { ImageGraph, ImageSummary } from '../core/graph/model.ts';
import type { ImageInput } from '../core/store/image-input.ts';
import type { Problem } from '../core/oci/problem.ts';
import { visible } from '../core/text/visible.ts';
import { UsageError, type Args } from './args.ts';
import { diffText } from './diff-text.ts';
import { jsonProblem } from './inspect.ts';
import { openPath, writeOut } from './node-io.ts';
import { problemLine } from './problem-line.ts';
import { selectImage } from './select-image.ts';

/** Which image of an input was compared (`diff --json` `a` and `b`). */
export interface DiffSideJson {
  manifest: string;
  platform: string | null;
  layers: number;
}

/** The `diff --json` document (docs/cli.md). */
export type DiffJson = {
  strict: boolean;
  ignoreMetadata: boolean;
  a: DiffSideJson;
  b: DiffSideJson;
} & ImageDiff & {
    problems: (ReturnType<typeof jsonProblem> & { side: 'a' | 'b' })[];
  };

async function openInput(path: string): Promise<{ input: ImageInput; graph: ImageGraph }> {
  const input = await openPath(path);
  return { input, graph: await loadGraph(input) };
}

/**
 * `diff A B [--platform P] [--platform-b P2] [--json] [--strict] [--ignore-metadata]`: exit 0
 * when equal under the chosen rules, 1 when different (diff(1)); an unreadable input is 2
 * (thrown to main). Problems met while reading are warnings and leave the exit code alone.
 */
export async function diff(args: Args): Promise<number> {
  const [pathA, pathB, extra] = args.positional;
  if (!pathA || !pathB) throw new UsageError('diff needs two inputs: diff A B');
  if (extra !== undefined) throw new UsageError(`diff takes two inputs, got a third: "${extra}"`);
  const platform = args.options.get('platform');
  const platformB = args.options.get('platform-b') ?? platform;
  const inputA = await openInput(pathA);
  // The same input twice (two platforms of one index) is opened and read once.
  const inputB = pathB === pathA ? inputA : await openInput(pathB);
  const a = { ...inputA, ...selectImage(inputA.graph, { platform }) };
  const b = { ...inputB, ...selectImage(inputB.graph, { platform: platformB }) };
  const strict = args.flags.has('strict');
  const ignoreMetadata = args.flags.has('ignore-metadata');
  const listed = await listImagePair(
    { store: a.input.store, image: a.image },
    { store: b.input.store, image: b.image },
  );
  const result = await diffImages(
    { ...imageDocuments(a.graph, a.image), listed: listed.a },
    { ...imageDocuments(b.graph, b.image), listed: listed.b },
    { strict, ignoreMetadata, hash: listed.hash },
  );
  // The graph's problems once per input; each image's layer problems on its side.
  const problemsB =
    b.graph === a.graph ? listed.b.problems : [...b.graph.problems, ...listed.b.problems];
  const problems: { side: 'a' | 'b'; problem: Problem }[] = [
    ...[...a.graph.problems, ...listed.a.problems].map((p) => ({ side: 'a' as const, problem: p })),
    ...problemsB.map((p) => ({ side: 'b' as const, problem: p })),
  ];
  const side = (s: { image: ImageSummary }): DiffSideJson => ({
    manifest: s.image.manifest,
    platform: s.image.platform,
    layers: s.image.layers.length,
  });
  if (args.flags.has('json')) {
    const out: DiffJson = {
      strict,
      ignoreMetadata,
      a: side(a),
      b: side(b),
      ...result,
      problems: problems.map(({ side: s, problem }) => ({ side: s, ...jsonProblem(problem) })),
    };
    await writeOut(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    await writeOut(`${diffText(result, { a: side(a), b: side(b), strict, ignoreMetadata })}\n`);
    for (const { side: s, problem } of problems)
      process.stderr.write(`warning (${s.toUpperCase()}): ${problemLine(problem)}\n`);
    for (const note of [a.note, b.note]) if (note) process.stderr.write(`${visible(note)}\n`);
  }
  return result.equal ? 0 : 1;
}
