import { problem } from '../oci/problem.ts';
import type { ImageInput } from '../store/image-input.ts';
import { GraphBuilder } from './graph-builder.ts';
import type { ImageGraph } from './model.ts';

export { MAX_DOCUMENT_BYTES } from './graph-builder.ts';

/** Walk an input from its top document: nested indexes followed, each blob read once, problems collected. */
export async function loadGraph(
  input: ImageInput,
  opts: { signal?: AbortSignal } = {},
): Promise<ImageGraph> {
  const builder = new GraphBuilder(input);
  const rootDescriptors = input.roots.map((r) => r.descriptor);
  for (const [index, root] of input.roots.entries()) {
    builder.readAhead(rootDescriptors, index);
    const ref = { from: builder.top.id, index, refName: root.refName, tags: root.tags, depth: 0 };
    await builder.visit(root.descriptor, ref, opts.signal);
  }
  if (input.top.name === 'index.json') {
    for (const [ref, count] of refNameCounts(input)) {
      if (count < 2) continue;
      builder.top.problems.push(
        problem(
          'warning',
          'ref-name-duplicate',
          'index.json',
          `ref name "${ref}" is given to ${count} manifests; a lookup by this name is ambiguous`,
          'image-spec image-layout.md#indexjson-file',
        ),
      );
    }
  }
  return builder.finish();
}

function refNameCounts(input: ImageInput): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of input.roots)
    if (r.refName !== null) counts.set(r.refName, (counts.get(r.refName) ?? 0) + 1);
  return counts;
}
