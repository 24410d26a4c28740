import type { FileDiff, ImageDiff, JsonChange, LayerRef } from '../core/diff/types.ts';
import { modeString } from '../core/fs/mode-string.ts';
import { visible } from '../core/text/visible.ts';
import { formatBytes } from './format.ts';

/** The image on one side, as the text names it. */
export interface DiffTextSide {
  manifest: string;
  platform: string | null;
  layers: number;
}

const LETTER: Record<FileDiff['kind'], string> = {
  added: 'A',
  removed: 'D',
  content: 'C',
  metadata: 'M',
  type: 'T',
};

/** A JSON value on one line, shortened, image strings made terminal-safe. */
function value(v: unknown): string {
  const s = v === undefined ? '(none)' : JSON.stringify(v);
  return visible(s.length > 100 ? `${s.slice(0, 97)}...` : s);
}

function changeLine(doc: string, c: JsonChange): string {
  const where = `${doc.padEnd(8)} ${visible(c.pointer || '(document)')}`;
  if (c.op === 'added') return `  + ${where}: ${value(c.b)}`;
  if (c.op === 'removed') return `  - ${where}: ${value(c.a)}`;
  return `  ~ ${where}: ${value(c.a)} -> ${value(c.b)}`;
}

function layerLine(mark: string, l: LayerRef): string {
  return `  ${mark} L${l.index}  ${visible(l.digest)}  ${formatBytes(l.size)}`;
}

function octal(mode: number): string {
  return `0${mode.toString(8).padStart(3, '0')}`;
}

function fileLine(f: FileDiff): string {
  const path = visible(f.path);
  const { a, b } = f;
  const parts: string[] = [];
  if (f.kind === 'added' && b) parts.push(`${modeString(b.type, b.mode)}  ${formatBytes(b.size)}`);
  if (f.kind === 'removed' && a)
    parts.push(`${modeString(a.type, a.mode)}  ${formatBytes(a.size)}`);
  if (f.kind === 'type' && a && b) parts.push(`${a.type} -> ${b.type}`);
  if (f.kind === 'content' && a && b) {
    parts.push(
      a.size !== b.size
        ? `${formatBytes(a.size)} -> ${formatBytes(b.size)}`
        : `${formatBytes(a.size)}, sha256 ${(a.sha256 ?? '?').slice(0, 12)} -> ${(b.sha256 ?? '?').slice(0, 12)}`,
    );
  }
  if (a && b)
    for (const field of f.fields ?? []) {
      if (field === 'mode') parts.push(`mode ${octal(a.mode)} -> ${octal(b.mode)}`);
      else if (field === 'uid') parts.push(`uid ${a.uid} -> ${b.uid}`);
      else if (field === 'gid') parts.push(`gid ${a.gid} -> ${b.gid}`);
      else if (field === 'linkTarget')
        parts.push(`target ${visible(a.linkTarget ?? '')} -> ${visible(b.linkTarget ?? '')}`);
      else if (field === 'mtime') parts.push(`mtime ${a.mtime} -> ${b.mtime}`);
      else parts.push(field);
    }
  return `  ${LETTER[f.kind]} ${path}${parts.length ? `  (${parts.join('; ')})` : ''}`;
}

function signed(n: number): string {
  return `${n >= 0 ? '+' : '-'}${formatBytes(Math.abs(n))}`;
}

/** The human-readable comparison: images, layers, documents, files, directories, verdict. */
export function diffText(
  d: ImageDiff,
  ctx: { a: DiffTextSide; b: DiffTextSide; strict: boolean; ignoreMetadata: boolean },
): string {
  const lines: string[] = [];
  for (const [name, s] of [
    ['A', ctx.a],
    ['B', ctx.b],
  ] as const)
    lines.push(
      `${name}: ${visible(s.manifest)}  ${visible(s.platform ?? 'no platform')}  ${s.layers} layer${s.layers === 1 ? '' : 's'}`,
    );
  const l = d.layers;
  lines.push(
    '',
    `Layers: ${l.shared.length} shared from the bottom (the common base); after it A has ${l.aAfter.length} (${formatBytes(l.bytesAfterA)}), B has ${l.bAfter.length} (${formatBytes(l.bytesAfterB)})`,
  );
  for (const r of l.shared) lines.push(layerLine('=', r));
  for (const r of l.aAfter) lines.push(layerLine('A', r));
  for (const r of l.bAfter) lines.push(layerLine('B', r));
  const moved = l.sameBlobs.filter((dg) => !l.shared.some((r) => r.digest === dg));
  if (moved.length) lines.push(`  same blob elsewhere in both: ${moved.map(visible).join(', ')}`);

  const docs: [string, JsonChange[]][] = [
    ['index', d.documents.index ?? []],
    ['manifest', d.documents.manifest],
    ['config', d.documents.config],
  ];
  const shown = docs.flatMap(([doc, cs]) =>
    cs.filter((c) => !c.noise).map((c) => changeLine(doc, c)),
  );
  const hidden = docs.reduce((n, [, cs]) => n + cs.filter((c) => c.noise).length, 0);
  lines.push(
    '',
    `Documents: ${shown.length} change${shown.length === 1 ? '' : 's'}${hidden ? ` (${hidden} more hidden by the noise filter; --strict shows them)` : ''}`,
  );
  lines.push(...shown);

  const count = (k: FileDiff['kind']): number => d.files.filter((f) => f.kind === k).length;
  lines.push(
    '',
    `Files: ${count('added')} added, ${count('removed')} removed, ${count('content')} content, ${count('metadata')} metadata only, ${count('type')} type${ctx.ignoreMetadata ? ' (metadata ignored)' : ''}`,
  );
  // One at a time: a spread of 300,000 changed files would overflow the call stack.
  for (const f of d.files) lines.push(fileLine(f));
  if (d.dirs.length) {
    lines.push('', 'Directories by size change (regular-file bytes, A -> B):');
    for (const dir of d.dirs.slice(0, 20))
      lines.push(
        `  ${signed(dir.delta).padStart(10)}  ${visible(dir.path)}  (${formatBytes(dir.bytesA)} -> ${formatBytes(dir.bytesB)})`,
      );
    if (d.dirs.length > 20) lines.push(`  ... ${d.dirs.length - 20} more in --json`);
  }
  const rules = ctx.strict ? 'strict: every byte and timestamp counts' : 'noise filter on';
  lines.push('', `${d.equal ? 'Equal' : 'Different'} (${rules}).`);
  return lines.join('\n');
}
