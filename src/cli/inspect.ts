import { shortDigest } from '../core/oci/digest.ts';
import type { Problem } from '../core/oci/problem.ts';
import type { ProblemCode } from '../core/oci/problem-codes.ts';
import type { ImageGraph, GraphNode, ImageSummary } from '../core/graph/model.ts';
import type { ImageInput } from '../core/store/image-input.ts';
import { formatBytes, shortMediaType } from './format.ts';
import { problemLine } from './problem-line.ts';
import type { AnalysisJson, ImageAnalysisJson, LayerAnalysisJson } from './analysis-json.ts';
import { visible } from '../core/text/visible.ts';

/** The `inspect --json` contract (see README). */
export interface InspectJson {
  format: string;
  wrapper: string | null;
  images: {
    manifest: string;
    mediaType: string;
    platform: string | null;
    refName: string | null;
    tags: string[];
    artifactType: string | null;
    attestation: boolean;
    config: { digest: string; mediaType: string; size: number } | null;
    layers: {
      digest: string;
      mediaType: string;
      size: number;
      diffId: string | null;
      analysis?: LayerAnalysisJson;
    }[];
    analysis?: ImageAnalysisJson;
  }[];
  problems: {
    severity: Problem['severity'];
    code: ProblemCode;
    message: string;
    where: string;
    rule?: string;
  }[];
}

/** Build the `inspect --json` document. */
export function inspectJson(
  input: ImageInput,
  graph: ImageGraph,
  extra: Problem[] = [],
): InspectJson {
  return {
    format: input.format,
    wrapper: input.wrapper,
    images: graph.images.map((im) => ({
      manifest: im.manifest,
      mediaType: im.mediaType,
      platform: im.platform,
      refName: im.refName,
      tags: im.tags,
      artifactType: im.artifactType,
      attestation: im.attestation,
      config: im.config
        ? { digest: im.config.digest.value, mediaType: im.config.mediaType, size: im.config.size }
        : null,
      layers: im.layers.map((l) => ({
        digest: l.descriptor.digest.value,
        mediaType: l.descriptor.mediaType,
        size: l.descriptor.size,
        diffId: l.diffId,
      })),
    })),
    problems: [...graph.problems, ...extra].map(jsonProblem),
  };
}

/** A problem as the JSON contracts print it. */
export function jsonProblem(p: Problem): InspectJson['problems'][number] {
  return p.rule
    ? { severity: p.severity, code: p.code, message: p.message, where: p.where, rule: p.rule }
    : { severity: p.severity, code: p.code, message: p.message, where: p.where };
}

/** The readable tree: index → nested indexes → manifests → config and layers, then problems. */
export function inspectText(input: ImageInput, graph: ImageGraph): string {
  const lines: string[] = [];
  const wrapped = input.wrapper ? ` (${input.wrapper}-compressed)` : '';
  lines.push(
    `${input.format}${wrapped}${input.layoutVersion ? `, image layout ${input.layoutVersion}` : ''}`,
  );
  lines.push(
    `${graph.top.id}: ${input.roots.length} ${input.roots.length === 1 ? 'entry' : 'entries'}`,
  );
  const children = new Map<string, typeof graph.edges>();
  for (const e of graph.edges) {
    const list = children.get(e.from) ?? [];
    list.push(e);
    children.set(e.from, list);
  }
  const imageOf = new Map(graph.images.map((im) => [im.manifest, im]));
  const shown = new Set<string>();
  const render = (n: GraphNode, prefix: string, last: boolean, label: string): void => {
    const branch = last ? '└─ ' : '├─ ';
    lines.push(
      `${prefix}${branch}${label}${describe(n)}${n.problems.some((p) => p.severity === 'error') ? '  [!]' : ''}`,
    );
    const next = prefix + (last ? '   ' : '│  ');
    if (shown.has(n.id)) {
      if ((children.get(n.id) ?? []).length > 0) lines.push(`${next}(shown above)`);
      return;
    }
    shown.add(n.id);
    const kids = (children.get(n.id) ?? []).filter((e) => e.role !== 'subject');
    const im = imageOf.get(n.id);
    const subject = (children.get(n.id) ?? []).find((e) => e.role === 'subject');
    if (subject) lines.push(`${next}   subject → ${shortDigest(subject.to)}`);
    kids.forEach((e, i) => {
      const child = graph.nodes.get(e.to);
      if (!child) return;
      const isLast = i === kids.length - 1;
      if (e.role === 'config') render(child, next, isLast, 'config ');
      else if (e.role === 'layers') {
        const diff = im?.layers[e.index]?.diffId;
        render(child, next, isLast, `layer ${e.index} `);
        if (diff && diff !== child.digest)
          lines.push(`${next}${isLast ? '   ' : '│  '}   diff_id ${shortDigest(diff)}`);
      } else render(child, next, isLast, '');
    });
  };
  const tops = children.get(graph.top.id) ?? [];
  tops.forEach((e, i) => {
    const n = graph.nodes.get(e.to);
    if (n) render(n, '', i === tops.length - 1, '');
  });
  const errors = graph.problems.filter((p) => p.severity === 'error').length;
  const warnings = graph.problems.length - errors;
  lines.push('');
  if (graph.problems.length === 0) lines.push('problems: none');
  else
    lines.push(
      `problems: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`,
    );
  // Every line holds image strings (media types, platform, refName, created): each is made safe
  // as a whole, so no field can add a line or drive the terminal. Problem lines are made safe
  // by the one problem printer.
  return [...lines.map(visible), ...graph.problems.map((p) => `  ${problemLine(p)}`)].join('\n');

  function describe(n: GraphNode): string {
    const parts: string[] = [];
    const doc = n.document;
    const im = imageOf.get(n.id);
    if (n.kind === 'index' || n.kind === 'manifest' || n.kind === 'top') {
      parts.push(`${n.kind} ${shortDigest(n.id)}`, shortMediaType(n.mediaType));
      if (im?.platform) parts.push(im.platform);
      if (im?.refName) parts.push(`ref "${im.refName}"`);
      if (im?.artifactType) parts.push(`artifact ${im.artifactType}`);
    } else if (n.kind === 'config') {
      parts.push(shortDigest(n.id), shortMediaType(n.mediaType), formatBytes(n.size ?? 0));
      if (doc?.kind === 'config') {
        parts.push(`${doc.os}/${doc.architecture}${doc.variant ? `/${doc.variant}` : ''}`);
        if (doc.created) parts.push(`created ${doc.created}`);
        const ep = doc.config?.Entrypoint;
        const cmd = doc.config?.Cmd;
        if (ep && ep.length) parts.push(`entrypoint ${quoteList(ep)}`);
        if (cmd && cmd.length) parts.push(`cmd ${quoteList(cmd)}`);
      }
    } else {
      parts.push(shortDigest(n.id), shortMediaType(n.mediaType), formatBytes(n.size ?? 0));
    }
    for (const l of n.labels) parts.push(`[${l}]`);
    if (!n.present) parts.push('(missing)');
    if (n.synthesized) parts.push('(synthesized)');
    return parts.join('  ');
  }
}

/** The `inspect --layers` table of one image: sizes, net contribution, the history line; then waste. */
export function layersText(image: ImageSummary, a: AnalysisJson): string {
  const lines = [
    `layers of ${shortDigest(image.manifest)}${image.platform ? ` (${image.platform})` : ''}:`,
  ];
  lines.push(
    `  ${'#'.padStart(3)}  ${'compressed'.padStart(10)}  ${'uncompressed'.padStart(12)}  ${'entries'.padStart(7)}  ${'net'.padStart(10)}  created by`,
  );
  const history = image.configDocument?.history ?? [];
  image.layers.forEach((l, i) => {
    const la = a.layers[i];
    const created = history.find((h) => h.layerIndex === i)?.createdBy ?? '';
    lines.push(
      `  ${String(i).padStart(3)}  ${formatBytes(l.descriptor.size).padStart(10)}  ${(la ? formatBytes(la.uncompressedSize) : '-').padStart(12)}  ${String(la?.entries ?? '-').padStart(7)}  ${(la ? formatBytes(la.netBytes) : '-').padStart(10)}  ${created.replace(/\s+/g, ' ').slice(0, 70)}`,
    );
  });
  lines.push(
    `  efficiency ${(a.image.efficiency * 100).toFixed(2)} %, wasted ${formatBytes(a.image.wastedBytes)}, final filesystem ${formatBytes(a.image.finalBytes)}`,
  );
  for (const w of a.image.wastedFiles.slice(0, 10))
    lines.push(
      `    ${formatBytes(w.bytes).padStart(10)}  ${w.path}  (layers ${w.layers.join(', ')})`,
    );
  // History and paths come from the image: each line made safe as a whole.
  return lines.map(visible).join('\n');
}

/** `["a", "b"]` for display; the caller's `visible` escapes what the strings hold. */
function quoteList(xs: readonly string[]): string {
  return `[${xs.map((x) => `"${x}"`).join(', ')}]`;
}
