import { useEffect, useRef } from 'react';
import type { FileDiff, FileSide } from '../../../core/diff/types.ts';
import { modeString } from '../../../core/fs/mode-string.ts';
import { formatBytes, layerNumber } from '../../components/format.ts';
import { marked } from '../../components/marked-text.tsx';
import { fileDelta, formatDelta, KIND_LABELS, ownerOf } from './compare-model.ts';
import { TextDiff } from './text-diff.tsx';
import { useTextDiff, type TextReader } from './use-comparison.ts';

/** The facts of a side, row by row; a row whose values differ is marked. */
const ROWS: { label: string; value: (s: FileSide) => string; provenance?: boolean }[] = [
  { label: 'Type', value: (s) => s.type },
  { label: 'Size', value: (s) => formatBytes(s.size) },
  { label: 'Mode', value: (s) => modeString(s.type, s.mode) },
  { label: 'Owner', value: ownerOf },
  { label: 'Link target', value: (s) => s.linkTarget ?? '' },
  { label: 'sha256', value: (s) => s.sha256 ?? '' },
  // Which layer wrote a path is where it came from, not a difference of the two files.
  { label: 'Written by layer', value: (s) => String(layerNumber(s.layer)), provenance: true },
];

function SideFacts({ file }: { file: FileDiff }) {
  return (
    <table className="cmp-table cmp-facts">
      <thead>
        <tr>
          <th scope="col">
            <span className="visually-hidden">Fact</span>
          </th>
          <th scope="col">A</th>
          <th scope="col">B</th>
        </tr>
      </thead>
      <tbody>
        {ROWS.map((r) => {
          const a = file.a ? r.value(file.a) : '';
          const b = file.b ? r.value(file.b) : '';
          if (!a && !b) return null;
          const differs = !r.provenance && file.a && file.b && a !== b;
          return (
            <tr key={r.label} className={differs ? 'cmp-differs' : undefined}>
              <th scope="row">{r.label}</th>
              <td className="mono">{file.a ? marked(a) || '—' : 'absent'}</td>
              <td className="mono">{file.b ? marked(b) || '—' : 'absent'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The line diff of a file changed in content, or why there is none (binary, too large). */
function ContentLines({ reader, file }: { reader: TextReader; file: FileDiff }) {
  const text = useTextDiff(reader, file.path);
  if (text.isPending) return <p className="muted small">Reading both files…</p>;
  if (text.isError) return <p className="error-text small">{text.error.message}</p>;
  const r = text.data;
  if (r.kind === 'binary')
    return <p className="small">Binary content: the two hashes and sizes above differ.</p>;
  if (r.kind === 'too-large')
    return (
      <p className="small">The files differ; they are too large for a line diff in the page.</p>
    );
  if (r.kind === 'too-different')
    return <p className="small">The files differ throughout; a line diff would show every line.</p>;
  return <TextDiff hunks={r.hunks} added={r.added} removed={r.removed} />;
}

/** One changed path in detail: both sides' facts, and for a changed text file its line diff. */
export function FileDetail({ file, text }: { file: FileDiff; text: TextReader }) {
  const box = useRef<HTMLElement>(null);
  // In one column the detail sits under the list: bring it into view when a path is chosen.
  useEffect(() => {
    if (window.matchMedia?.('(max-width: 899px)').matches)
      box.current?.scrollIntoView?.({ block: 'nearest' });
  }, [file.path]);
  // A hardlink reads as the file it shares bytes with.
  const readable = (s: FileSide | undefined): boolean =>
    s?.type === 'file' || s?.type === 'hardlink';
  const bothFiles = readable(file.a) && readable(file.b);
  return (
    <section className="cmp-detail" aria-label="Selected change" ref={box}>
      <h3 className="cmp-doc-title mono">{marked(file.path)}</h3>
      <p className="small">
        <span className={`cmp-kind cmp-kind-${file.kind}`}>{KIND_LABELS[file.kind]}</span>
        {file.fields && file.fields.length > 0 && (
          <span className="muted"> · differs in {file.fields.join(', ')}</span>
        )}
        {file.a && file.b && <span className="muted"> · {formatDelta(fileDelta(file))}</span>}
      </p>
      <SideFacts file={file} />
      {file.kind === 'content' && bothFiles && (
        <ContentLines key={`${text.key}${file.path}`} reader={text} file={file} />
      )}
    </section>
  );
}
