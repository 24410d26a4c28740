import type { ReactNode } from 'react';
import type { Explanation } from '../../components/explain.ts';
import { hashFor } from '../../state/navigation.ts';
import type { JsonLine, JsonToken } from './json-tokens.ts';
import { marked } from '../../components/marked-text.tsx';

export { marked };

/** Where a string links: to a node of the graph, or a diff_id to its layer. */
export interface JsonLinks {
  nodes: ReadonlySet<string>;
  /** diff_id → layer digest (a config's rootfs.diff_ids link to their layers). */
  diffIds?: ReadonlyMap<string, string>;
}

const CLASS: Record<JsonToken['kind'], string> = {
  key: 'j-key',
  string: 'j-str',
  number: 'j-num',
  literal: 'j-lit',
  punct: 'j-punct',
  space: '',
  invalid: 'j-bad',
  rest: 'j-rest',
};

/** A key or value reached by the roving focus, and what it means. */
export interface Item {
  token: JsonToken;
  line: number;
  explanation: Explanation | null;
}

/** The lines of a document as elements: keys and values as roving items, digests as links. */
export function renderLines(
  lines: readonly JsonLine[],
  links: JsonLinks,
  itemOf: ReadonlyMap<JsonToken, number>,
  items: readonly Item[],
): ReactNode[] {
  return lines.map((line, n) => (
    <span className="json-line" key={n} data-line={n + 1}>
      {'  '.repeat(line.depth)}
      {line.tokens.map((t, k) => {
        const item = itemOf.get(t);
        if (item === undefined) {
          return t.kind === 'space' ? (
            t.text
          ) : (
            <span key={k} className={CLASS[t.kind]}>
              {marked(t.text)}
            </span>
          );
        }
        const explained = items[item]!.explanation !== null;
        const common = {
          key: k,
          'data-item': item,
          tabIndex: item === 0 ? 0 : -1,
          className: `${CLASS[t.kind]} j-item${explained ? ' j-explained' : ''}`,
        };
        const v = t.kind === 'string' ? (t.value ?? '') : '';
        const target = links.nodes.has(v) ? v : links.diffIds?.get(v);
        if (target) {
          return (
            <a
              {...common}
              className={`${common.className} j-link`}
              href={hashFor({ node: target })}
              title={target === v ? `go to ${v}` : `diff_id of layer ${target}`}
            >
              {marked(t.text)}
            </a>
          );
        }
        return <span {...common}>{marked(t.text)}</span>;
      })}
      {n < lines.length - 1 ? '\n' : null}
    </span>
  ));
}
