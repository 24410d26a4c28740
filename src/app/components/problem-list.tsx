import type { Problem } from '../../core/oci/problem.ts';
import { ruleHref } from '../../core/oci/spec-links.ts';
import { hashFor } from '../state/navigation.ts';

/** The node a problem belongs to: the document named at the start of `where`, if the graph has it. */
export function problemNode(p: Problem, nodes: ReadonlySet<string>): string | null {
  const doc = p.where.split(' ')[0] ?? '';
  return nodes.has(doc) ? doc : null;
}

/** A problem's rule: a link to its spec section when it names one, plain text otherwise. */
function RuleRef({ rule }: { rule: string }) {
  const href = ruleHref(rule);
  return (
    <span className="muted">
      {' · '}
      {href ? (
        <a href={href} target="_blank" rel="noreferrer noopener">
          {rule}
        </a>
      ) : (
        rule
      )}
    </span>
  );
}

/** Problems as a compact list: severity, code, message, and where (a link when it names a node). */
export function ProblemList({
  problems,
  nodes,
  label,
}: {
  problems: readonly Problem[];
  nodes?: ReadonlySet<string>;
  label: string;
}) {
  if (problems.length === 0) return null;
  return (
    <ul className="problems" aria-label={label}>
      {problems.map((p, i) => {
        const node = nodes ? problemNode(p, nodes) : null;
        return (
          <li key={i} className={`problem problem-${p.severity}`}>
            <span className="problem-sev" aria-label={p.severity}>
              {p.severity === 'error' ? '✗' : '⚠'}
            </span>
            <span className="problem-code mono">{p.code}</span>
            <span className="problem-msg">{p.message}</span>
            <span className="problem-where mono">
              {node ? <a href={hashFor({ node })}>{p.where}</a> : p.where}
              {p.rule && <RuleRef rule={p.rule} />}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
