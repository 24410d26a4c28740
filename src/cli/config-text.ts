import type { ImageGraph } from '../core/graph/model.ts';
import type { ImageConfig } from '../core/oci/types.ts';
import { visible } from '../core/text/visible.ts';

/** An argument vector as JSON writes it, each argument made safe for a terminal line. */
const argv = (a: readonly string[] | null | undefined): string =>
  a && a.length
    ? `[${a.map((x) => `"${visible(x).replace(/"/g, '\\"')}"`).join(',')}]`
    : '(not set)';

/** The config lines of one image: what a runtime runs, with which environment, and how it was built. */
export function configLines(config: ImageConfig): string[] {
  const run = config.config ?? {};
  const env = run.Env ?? [];
  const lines = [
    `  Entrypoint  ${argv(run.Entrypoint)}`,
    `  Cmd         ${argv(run.Cmd)}`,
    `  WorkingDir  ${run.WorkingDir ? visible(run.WorkingDir) : '(not set: /)'}`,
    `  User        ${run.User ? visible(run.User) : '(not set: root)'}`,
    env.length === 0 ? '  Env         (none)' : '  Env',
    ...env.map((e) => `    ${visible(e)}`),
  ];
  lines.push(config.history.length === 0 ? '  history     (none)' : '  history');
  for (const [i, h] of config.history.entries()) {
    const made = h.layerIndex === null ? 'no layer' : `layer ${h.layerIndex}`;
    lines.push(
      `    ${String(i).padStart(String(config.history.length - 1).length)}  ${made.padEnd(9)} ${visible(h.createdBy ?? h.comment ?? '')}`,
    );
  }
  return lines;
}

/** The config section of `inspect`'s text: one block per runnable image. */
export function configText(graph: ImageGraph): string {
  const blocks: string[] = [];
  for (const img of graph.images) {
    if (img.attestation || !img.configDocument) continue;
    const platform = img.platform ?? `${img.configDocument.os}/${img.configDocument.architecture}`;
    const head = `config of ${visible(platform)} (${img.manifest.slice(0, 19)}…)`;
    blocks.push([head, ...configLines(img.configDocument)].join('\n'));
  }
  return blocks.join('\n\n');
}
