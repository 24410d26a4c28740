import type { ImageGraph } from '../core/graph/model.ts';
import type { ImageConfig } from '../core/oci/types.ts';

// Image strings reach a terminal: control and bidi characters are shown as \u{…}, never sent.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** A string from the image, safe to print: control and bidi characters made visible. */
export function visible(s: string): string {
  return s.replace(UNSAFE, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}

const argv = (a: readonly string[] | null | undefined): string =>
  a && a.length ? JSON.stringify(a.map(visible)) : '(not set)';

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
    const head = `config of ${img.platform ?? `${img.configDocument.os}/${img.configDocument.architecture}`} (${img.manifest.slice(0, 19)}…)`;
    blocks.push([head, ...configLines(img.configDocument)].join('\n'));
  }
  return blocks.join('\n\n');
}
