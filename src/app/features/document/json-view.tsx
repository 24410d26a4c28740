import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { FieldDocumentKind } from '../../../core/oci/field-dictionary.ts';
import { formatCount } from '../../components/format.ts';
import { explainToken, isFocusItem, nextItem } from './json-explain.ts';
import { marked, renderLines, type Item, type JsonLinks } from './json-lines.tsx';
import {
  formattedLines,
  MAX_JSON_DEPTH,
  storedLines,
  tokenizeJson,
  type JsonToken,
} from './json-tokens.ts';
import { JsonTooltip } from './json-tooltip.tsx';

export type { JsonLinks } from './json-lines.tsx';

/** Above this size the text is shown plain, as stored: colouring would cost more than it helps. */
const MAX_COLOURED = 512 * 1024;
/**
 * A document too large to colour is shown in parts of this many characters: the 2.7 MB
 * index.json of 10,000 manifests, one text in the page, took the browser ~0.7 s to lay out.
 */
export const PLAIN_PART = 128 * 1024;

/** The text up to `n` characters, not cutting a surrogate pair in two. */
function head(text: string, n: number): string {
  if (text.length <= n) return text;
  const c = text.charCodeAt(n - 1);
  return text.slice(0, c >= 0xd800 && c <= 0xdbff ? n - 1 : n);
}

/** What the tool, not the file, says about a document. */
export interface InferredFacts {
  /** The whole document was written by this tool: why. */
  document?: string;
  /** A media type the document does not state, shown as the tool takes it, and why. */
  mediaType?: { value: string; why: string };
}

/**
 * A JSON document, formatted for reading or exactly as stored: keys explained from the field
 * dictionary on hover and on focus, digests as links, control characters made visible. Keys and
 * values share one roving focus (one tab stop; arrows, Home and End move).
 */
export function JsonView({
  bytes,
  links,
  label,
  kind = null,
  inferred,
  fileName = 'document.json',
}: {
  bytes: Uint8Array;
  links: JsonLinks;
  label: string;
  kind?: FieldDocumentKind | null;
  inferred?: InferredFacts;
  fileName?: string;
}) {
  const [formatted, setFormatted] = useState(true);
  const [plainShown, setPlainShown] = useState(PLAIN_PART);
  const [tip, setTip] = useState<{ item: number; left: number; top: number } | null>(null);
  const pre = useRef<HTMLPreElement>(null);
  const active = useRef(0);
  const hideTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const tipId = useId();
  const text = useMemo(() => new TextDecoder('utf-8', { fatal: false }).decode(bytes), [bytes]);
  const validUtf8 = useMemo(() => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      return true;
    } catch {
      return false;
    }
  }, [bytes]);
  const coloured = text.length <= MAX_COLOURED;
  const tokenized = useMemo(() => (coloured ? tokenizeJson(text) : null), [text, coloured]);

  const view = useMemo(() => {
    if (!tokenized) return null;
    const lines = formatted ? formattedLines(tokenized.tokens) : storedLines(tokenized.tokens);
    const items: Item[] = [];
    const itemOf = new Map<JsonToken, number>();
    lines.forEach((l, n) => {
      for (const t of l.tokens) {
        if (!isFocusItem(t)) continue;
        itemOf.set(t, items.length);
        items.push({ token: t, line: n, explanation: explainToken(t, kind) });
      }
    });
    return {
      items,
      lineOfItem: items.map((i) => i.line),
      body: renderLines(lines, links, itemOf, items),
    };
  }, [tokenized, formatted, links, kind]);

  useEffect(() => {
    active.current = 0;
    setTip(null);
  }, [view]);
  useEffect(() => () => clearTimeout(hideTimer.current), []);

  const itemEl = (n: number): HTMLElement | null =>
    pre.current?.querySelector<HTMLElement>(`[data-item="${n}"]`) ?? null;
  const itemOfEl = (el: EventTarget | null): number | null => {
    const hit = el instanceof Element ? el.closest<HTMLElement>('[data-item]') : null;
    return hit ? Number(hit.dataset['item']) : null;
  };
  const show = useCallback(
    (n: number) => {
      clearTimeout(hideTimer.current);
      const el = itemEl(n);
      if (!view?.items[n]?.explanation || !el) {
        setTip(null);
        return;
      }
      const r = el.getBoundingClientRect();
      setTip({
        item: n,
        left: Math.max(8, Math.min(r.left, window.innerWidth - 380)),
        top: r.bottom + 4,
      });
    },
    [view],
  );
  const hideSoon = useCallback(() => {
    clearTimeout(hideTimer.current);
    hideTimer.current = setTimeout(() => setTip(null), 150);
  }, []);

  // The tooltip names its item; the item points back with aria-describedby while it shows.
  useEffect(() => {
    if (!tip) return;
    const el = itemEl(tip.item);
    el?.setAttribute('aria-describedby', tipId);
    return () => el?.removeAttribute('aria-describedby');
  }, [tip, tipId]);

  const focusItem = (n: number): void => {
    const from = itemEl(active.current);
    const to = itemEl(n);
    if (!to) return;
    if (from) from.tabIndex = -1;
    to.tabIndex = 0;
    active.current = n;
    to.focus();
  };

  const hasOwnMediaType =
    tokenized?.tokens.some((t) => t.kind === 'key' && t.at?.depth === 1 && t.key === 'mediaType') ??
    false;
  const inferredMediaType = inferred?.mediaType && !hasOwnMediaType ? inferred.mediaType : null;

  const download = (): void => {
    const url = URL.createObjectURL(
      new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }),
    );
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <section className="json" aria-label={label}>
      <div className="json-bar">
        <span className="muted">
          {formatCount(bytes.length)} bytes ·{' '}
          {!coloured
            ? 'too large to format: shown as stored'
            : formatted
              ? 'formatted for reading (token text unchanged)'
              : 'exactly as stored'}
        </span>
        {coloured && (
          <button
            type="button"
            className="btn btn-small"
            aria-pressed={!formatted}
            onClick={() => setFormatted((v) => !v)}
          >
            {formatted ? 'Show as stored' : 'Format'}
          </button>
        )}
        <button
          type="button"
          className="btn btn-small"
          onClick={() => void navigator.clipboard?.writeText(text)}
        >
          Copy
        </button>
        <button type="button" className="btn btn-small" onClick={download}>
          Download
        </button>
      </div>
      {inferred?.document && (
        <p className="json-note">
          <span className="inferred">inferred</span> {inferred.document}
        </p>
      )}
      {inferredMediaType && (
        <p className="json-note" data-testid="json-inferred">
          <span className="j-key">&quot;mediaType&quot;</span>:{' '}
          <span className="j-str">&quot;{inferredMediaType.value}&quot;</span>{' '}
          <span className="inferred">inferred</span> — not in the file: {inferredMediaType.why}
        </p>
      )}
      {!validUtf8 && (
        <p className="json-note" role="note">
          Not valid UTF-8: the bytes that are not are shown as �. Download keeps the exact bytes.
        </p>
      )}
      {tokenized?.cutAt != null && (
        <p className="json-note" role="note">
          Nested more than {MAX_JSON_DEPTH} levels deep: from character{' '}
          {formatCount(tokenized.cutAt)} on, the document is shown as stored, without colours or
          explanations.
        </p>
      )}
      <pre
        ref={pre}
        className="json-text"
        data-testid="json-text"
        role={view ? 'group' : undefined}
        aria-label={view ? `${label}: arrow keys move between keys and values` : undefined}
        onKeyDown={(e) => {
          const cur = itemOfEl(e.target);
          if (cur === null || !view) return;
          if (e.key === 'Escape') {
            setTip(null);
            return;
          }
          const n = nextItem(e.key, cur, view.lineOfItem);
          if (n === null) return;
          e.preventDefault();
          focusItem(n);
        }}
        onFocus={(e) => {
          const n = itemOfEl(e.target);
          if (n === null) return;
          if (n !== active.current) {
            const from = itemEl(active.current);
            if (from) from.tabIndex = -1;
            (e.target as HTMLElement).tabIndex = 0;
            active.current = n;
          }
          show(n);
        }}
        onBlur={hideSoon}
        onMouseOver={(e) => {
          const n = itemOfEl(e.target);
          if (n !== null && view?.items[n]?.explanation) show(n);
        }}
        onMouseOut={(e) => {
          if (itemOfEl(e.target) !== itemOfEl(e.relatedTarget)) hideSoon();
        }}
      >
        {view ? view.body : marked(head(text, plainShown))}
      </pre>
      {!view && text.length > plainShown && (
        <p className="json-note" role="note">
          Showing the first {formatCount(plainShown)} of {formatCount(text.length)} characters: a
          text this long holds the page while it is laid out. Download keeps every byte.{' '}
          <button
            type="button"
            className="btn btn-small"
            onClick={() => setPlainShown((n) => n + 4 * PLAIN_PART)}
          >
            Show more of the text
          </button>
        </p>
      )}
      {tip && view?.items[tip.item]?.explanation && (
        <JsonTooltip
          id={tipId}
          explanation={view.items[tip.item]!.explanation!}
          left={tip.left}
          top={tip.top}
          onEnter={() => clearTimeout(hideTimer.current)}
          onLeave={hideSoon}
        />
      )}
    </section>
  );
}
