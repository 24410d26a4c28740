import { useMemo, useState, type ReactNode } from 'react';
import { explainAnnotation, explainMediaType } from '../../components/explain.ts';
import { formatCount } from '../../components/format.ts';
import { Hint } from '../../components/hint.tsx';
import { hashFor } from '../../state/navigation.ts';
import { indentTokens, tokenizeJson, type JsonToken } from './json-tokens.ts';

/** Above this size the text is shown plain: colouring would cost more than it helps. */
const MAX_COLOURED = 512 * 1024;
const MEDIA_TYPE_KEYS = new Set(['mediaType', 'artifactType']);
const ANNOTATION_CONTAINERS = new Set(['annotations', 'Labels']);

/** Where a string links: to a node of the graph, or a diff_id to its layer. */
export interface JsonLinks {
  nodes: ReadonlySet<string>;
  /** diff_id → layer digest (a config's rootfs.diff_ids link to their layers). */
  diffIds?: ReadonlyMap<string, string>;
}

function renderToken(t: JsonToken, i: number, links: JsonLinks): ReactNode {
  switch (t.kind) {
    case 'key': {
      const ex =
        t.container && ANNOTATION_CONTAINERS.has(t.container) && t.key
          ? explainAnnotation(t.key)
          : null;
      return ex ? (
        <Hint key={i} explanation={ex} className="j-key">
          {t.text}
        </Hint>
      ) : (
        <span key={i} className="j-key">
          {t.text}
        </span>
      );
    }
    case 'string': {
      const v = t.value ?? '';
      if (t.key && MEDIA_TYPE_KEYS.has(t.key)) {
        return (
          <Hint key={i} explanation={explainMediaType(v)} className="j-str j-mt">
            {t.text}
          </Hint>
        );
      }
      if (links.nodes.has(v)) {
        return (
          <a key={i} className="j-str j-link" href={hashFor({ node: v })} title={`go to ${v}`}>
            {t.text}
          </a>
        );
      }
      const layer = links.diffIds?.get(v);
      if (layer) {
        return (
          <a
            key={i}
            className="j-str j-link"
            href={hashFor({ node: layer })}
            title={`diff_id of layer ${layer}`}
          >
            {t.text}
          </a>
        );
      }
      return (
        <span key={i} className="j-str">
          {t.text}
        </span>
      );
    }
    case 'number':
      return (
        <span key={i} className="j-num">
          {t.text}
        </span>
      );
    case 'literal':
      return (
        <span key={i} className="j-lit">
          {t.text}
        </span>
      );
    case 'punct':
      return (
        <span key={i} className="j-punct">
          {t.text}
        </span>
      );
    case 'invalid':
      return (
        <span key={i} className="j-bad">
          {t.text}
        </span>
      );
    default:
      return t.text;
  }
}

/** Split tokens into lines (whitespace tokens carry the newlines). */
function toLines(tokens: readonly JsonToken[], links: JsonLinks): ReactNode[][] {
  const lines: ReactNode[][] = [[]];
  tokens.forEach((t, i) => {
    if (t.kind === 'space' && t.text.includes('\n')) {
      const parts = t.text.split('\n');
      parts.forEach((p, k) => {
        if (k > 0) lines.push([]);
        if (p) lines[lines.length - 1]!.push(p);
      });
    } else lines[lines.length - 1]!.push(renderToken(t, i, links));
  });
  return lines;
}

/** A JSON document exactly as stored, coloured, with digests as links and media types explained. */
export function JsonView({
  bytes,
  links,
  label,
}: {
  bytes: Uint8Array;
  links: JsonLinks;
  label: string;
}) {
  const [indent, setIndent] = useState(false);
  const text = useMemo(() => new TextDecoder('utf-8', { fatal: false }).decode(bytes), [bytes]);
  const coloured = text.length <= MAX_COLOURED;
  const lines = useMemo(() => {
    if (!coloured) return null;
    const tokens = tokenizeJson(text);
    return toLines(indent ? indentTokens(tokens) : tokens, links);
  }, [text, indent, coloured, links]);

  return (
    <section className="json" aria-label={label}>
      <div className="json-bar">
        <span className="muted">
          {formatCount(bytes.length)} bytes ·{' '}
          {indent ? 'indented for reading (token text unchanged)' : 'exactly as stored'}
        </span>
        {coloured && (
          <button
            type="button"
            className="btn btn-small"
            aria-pressed={indent}
            onClick={() => setIndent((v) => !v)}
          >
            {indent ? 'Show as stored' : 'Indent'}
          </button>
        )}
        <button
          type="button"
          className="btn btn-small"
          onClick={() => void navigator.clipboard?.writeText(text)}
        >
          Copy
        </button>
      </div>
      <pre className="json-text" data-testid="json-text">
        {lines
          ? lines.map((l, n) => (
              <span className="json-line" key={n} data-line={n + 1}>
                {l}
                {n < lines.length - 1 ? '\n' : null}
              </span>
            ))
          : text}
      </pre>
    </section>
  );
}
