import { useEffect, useRef, useState } from 'react';
import type { FsRow } from '../../../../core/fs/fs-rows.ts';
import type { FilterMatch } from './tree-filter.ts';
import type { TreeModel } from '../../../../core/fs/tree-model.ts';
import { expandForFilter, revealPath } from './tree-rows.ts';

/**
 * The tree's open folders: those the user opened, those above a selection that came from the
 * URL (a reload, a link), and those holding the filter's matches.
 */
export function useTreeExpansion(
  model: TreeModel<FsRow>,
  empty: TreeModel<FsRow>,
  selected: string | null,
  filter: FilterMatch | null,
) {
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set());
  const revealed = useRef<string | null>(null);
  useEffect(() => {
    if (!selected || model === empty) return;
    const key = `${selected} ${model.size}`;
    if (revealed.current === key) return;
    revealed.current = key;
    setExpanded((e) => revealPath(model, e, selected));
  }, [selected, model, empty]);
  useEffect(() => {
    if (filter) setExpanded((e) => expandForFilter(e, filter));
  }, [filter]);
  return [expanded, setExpanded] as const;
}
