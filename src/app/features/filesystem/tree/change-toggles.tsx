import type { ChangeFilter } from '../../../../core/fs/change-filter.ts';
import '../filesystem.css';

/** Props of ChangeToggles. */
export interface ChangeTogglesProps {
  value: ChangeFilter;
  onChange: (next: ChangeFilter) => void;
  /** Open every folder of the tree as it is now shown. */
  onExpandAll: () => void;
  onCollapseAll: () => void;
}

const TYPES = [
  { key: 'added', icon: '+', word: 'added' },
  { key: 'modified', icon: '~', word: 'modified' },
  { key: 'deleted', icon: '−', word: 'deleted' },
  { key: 'unmodified', icon: '·', word: 'unmodified' },
] as const;

/**
 * dive's toggles over the tree: show or hide each change type (each in its colour, with its icon
 * and word, so it is also the legend), folders only, and open or close every folder.
 */
export function ChangeToggles({ value, onChange, onExpandAll, onCollapseAll }: ChangeTogglesProps) {
  return (
    <div className="fs-toolbar fs-change-toggles">
      <fieldset className="fs-toggle-set">
        <legend className="visually-hidden">Show changes</legend>
        {TYPES.map((t) => (
          <label key={t.key} className={`fs-toggle fs-legend-${t.key}`}>
            <input
              type="checkbox"
              checked={value[t.key]}
              onChange={(e) => onChange({ ...value, [t.key]: e.target.checked })}
            />
            <span aria-hidden="true">{t.icon}</span> {t.word}
          </label>
        ))}
      </fieldset>
      <label className="fs-toggle">
        <input
          type="checkbox"
          checked={value.dirsOnly}
          onChange={(e) => onChange({ ...value, dirsOnly: e.target.checked })}
        />{' '}
        folders only
      </label>
      <button type="button" className="btn btn-small" onClick={onExpandAll}>
        Expand all
      </button>
      <button type="button" className="btn btn-small" onClick={onCollapseAll}>
        Collapse all
      </button>
    </div>
  );
}
