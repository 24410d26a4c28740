import { useMemo } from 'react';
import type { GraphNode } from '../../../core/graph/model.ts';
import { pullChoices } from '../../../core/learn/platform-pick.ts';
import { SpecLinks } from '../../../core/learn/spec-links.ts';
import { DigestLink } from '../../components/digest-link.tsx';
import './learn.css';

/** On an index: which manifest a pull on each platform would pick, and why. */
export function PullChoices({ node }: { node: GraphNode }) {
  const choices = useMemo(() => pullChoices(node), [node]);
  if (choices.length === 0) return null;
  return (
    <section className="learn-pull" aria-label="What a pull picks">
      <h3>What a pull on each platform picks</h3>
      <ul>
        {choices.map((c) => (
          <li key={c.platform}>
            <span className="mono">{c.platform}</span> →{' '}
            {c.manifest ? <DigestLink id={c.manifest} /> : <strong>nothing</strong>}{' '}
            <span className="muted small">({c.reason})</span>
          </li>
        ))}
      </ul>
      <p className="muted small">
        A runtime reads the index entries in order and takes the first whose os and architecture are
        its own; the variant counts only when it asks for one, and attestation entries are never
        taken.{' '}
        <a href={SpecLinks.platform.href} target="_blank" rel="noreferrer noopener">
          {SpecLinks.platform.label}
        </a>
      </p>
    </section>
  );
}
