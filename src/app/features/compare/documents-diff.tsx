import type { ImageDiff, JsonChange } from '../../../core/diff/types.ts';
import { shortDigest } from '../../components/format.ts';
import { marked, markedLabel } from '../../components/marked-text.tsx';
import { shownChanges, valueText } from './compare-model.ts';

/** The digests (or names) of one document on each side (null: that side has none). */
export interface DocumentDigests {
  a: string | null;
  b: string | null;
  /** True when both sides read the very same blob (one digest, or one input's same file). */
  same: boolean;
}

const OP_LABELS: Record<JsonChange['op'], string> = {
  added: 'added',
  removed: 'removed',
  changed: 'changed',
};

/** One value of a diff row: image text, marked and cut; the whole value in the tooltip. */
function Value({ v }: { v: unknown }) {
  if (v === undefined) return <span className="muted">—</span>;
  const { text, cut } = valueText(v);
  return (
    <code className="cmp-value" title={cut ? markedLabel(valueText(v, 4000).text) : undefined}>
      {marked(text)}
    </code>
  );
}

/** One document's header: its digests on both sides, and "same blob" when they are one. */
function DocumentHeading({ title, digests }: { title: string; digests: DocumentDigests }) {
  const same = digests.same;
  return (
    <h3 className="cmp-doc-title">
      {title}{' '}
      {same ? (
        <span className="pill cmp-same" title={digests.a!}>
          same blob · {shortDigest(digests.a!)}
        </span>
      ) : (
        <span className="muted small mono">
          {digests.a ? shortDigest(digests.a) : 'none'} →{' '}
          {digests.b ? shortDigest(digests.b) : 'none'}
        </span>
      )}
    </h3>
  );
}

/** One document's changes side by side: where (a JSON pointer), A's value, B's value. */
function DocumentChanges({
  title,
  changes,
  digests,
}: {
  title: string;
  changes: readonly JsonChange[];
  digests: DocumentDigests;
}) {
  const { shown, hidden } = shownChanges(changes);
  return (
    <section className="cmp-doc" aria-label={title}>
      <DocumentHeading title={title} digests={digests} />
      {shown.length === 0 ? (
        <p className="muted small">
          {digests.same ? 'The same bytes on both sides.' : 'No difference in its fields.'}
          {hidden > 0 && ` ${hidden} hidden by the noise filter.`}
        </p>
      ) : (
        <>
          <table className="cmp-table cmp-json">
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Change</th>
                <th scope="col">A</th>
                <th scope="col">B</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((c) => (
                <tr key={`${c.op}${c.pointer}`} className={`cmp-op-${c.op}`}>
                  <td className="mono cmp-pointer">{marked(c.pointer || '(whole document)')}</td>
                  <td>{OP_LABELS[c.op]}</td>
                  <td>
                    <Value v={c.a} />
                  </td>
                  <td>
                    <Value v={c.b} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {hidden > 0 && <p className="muted small">{hidden} more hidden by the noise filter.</p>}
        </>
      )}
    </section>
  );
}

/** The documents part: index (when either side has one), manifest and config, field by field. */
export function DocumentsDiff({
  documents,
  digests,
}: {
  documents: ImageDiff['documents'];
  digests: { index: DocumentDigests; manifest: DocumentDigests; config: DocumentDigests };
}) {
  return (
    <div className="cmp-docs">
      {documents.index && (
        <DocumentChanges title="Index" changes={documents.index} digests={digests.index} />
      )}
      <DocumentChanges title="Manifest" changes={documents.manifest} digests={digests.manifest} />
      <DocumentChanges title="Config" changes={documents.config} digests={digests.config} />
    </div>
  );
}
