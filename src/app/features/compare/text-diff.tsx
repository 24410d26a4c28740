import type { LineHunk } from '../../../core/diff/line-diff.ts';
import { formatCount } from '../../components/format.ts';
import { marked } from '../../components/marked-text.tsx';

const SIGN = { same: ' ', removed: '−', added: '+' } as const;

/** A line diff as hunks: the changed lines with a few kept ones around them, numbered on both sides. */
export function TextDiff({
  hunks,
  added,
  removed,
}: {
  hunks: readonly LineHunk[];
  added: number;
  removed: number;
}) {
  return (
    <div className="cmp-text" aria-label="Line diff">
      <p className="small muted">
        {formatCount(removed)} line{removed === 1 ? '' : 's'} removed, {formatCount(added)} added
      </p>
      <table className="cmp-lines">
        <tbody>
          {hunks.map((h, i) => [
            h.skippedBefore > 0 && (
              <tr key={`skip${i}`} className="cmp-skip">
                <td colSpan={4} className="muted small">
                  ⋯ {formatCount(h.skippedBefore)} unchanged line{h.skippedBefore === 1 ? '' : 's'}
                </td>
              </tr>
            ),
            ...h.ops.map((o, j) => (
              <tr key={`${i}.${j}`} className={`cmp-line-${o.kind}`}>
                <td className="num muted">{o.a ?? ''}</td>
                <td className="num muted">{o.b ?? ''}</td>
                <td className="cmp-sign" aria-label={o.kind === 'same' ? undefined : o.kind}>
                  {SIGN[o.kind]}
                </td>
                <td className="mono cmp-line-text">{marked(o.text)}</td>
              </tr>
            )),
          ])}
        </tbody>
      </table>
    </div>
  );
}
