import { useId } from 'react';
import type { CompiledFilter } from './tree-filter.ts';

/** Props of FilterInput: the text as typed, and what it compiled to. */
export interface FilterInputProps {
  value: string;
  onChange: (value: string) => void;
  compiled: CompiledFilter | null;
  /** Number of matching paths, when a filter is applied. */
  matches: number | null;
  /** A large tree's scan for this pattern is still running (the count shown is the last one's). */
  pending?: boolean;
}

/** The tree's filter box: a substring or a glob (`*.so`, `/etc/**`, `lib?.so.[0-9]`), with its match count. */
export function FilterInput({
  value,
  onChange,
  compiled,
  matches,
  pending = false,
}: FilterInputProps) {
  const id = useId();
  const status = compiled?.error
    ? compiled.error
    : compiled && pending
      ? 'Filtering…'
      : compiled
        ? `${matches ?? 0} ${matches === 1 ? 'match' : 'matches'} (${compiled.kind}${compiled.onPath ? ' on the path' : ''})`
        : 'Type part of a name, or a glob: *.conf, /usr/**/*.so, [a-c]*';
  return (
    <div className="fs-filter">
      <label htmlFor={id}>Filter </label>
      <input
        id={id}
        type="search"
        value={value}
        placeholder="name or glob"
        spellCheck={false}
        aria-describedby={`${id}-status`}
        onChange={(e) => onChange(e.target.value)}
      />{' '}
      <span
        id={`${id}-status`}
        className={compiled?.error ? 'error-text small' : 'muted small'}
        aria-live="polite"
      >
        {status}
      </span>
    </div>
  );
}
