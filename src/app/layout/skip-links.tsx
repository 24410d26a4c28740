/** Where each skip link goes: the first of its selectors that finds something gets the focus. */
const TARGETS = [
  {
    label: 'Skip to the graph',
    selectors: [
      '#pane-graph .react-flow__node.selected',
      '#pane-graph .react-flow__node',
      '#pane-graph',
    ],
  },
  { label: 'Skip to the tree', selectors: ['#pane-fs [role="tree"]', '#pane-fs'] },
  { label: 'Skip to the details', selectors: ['#pane-details'] },
] as const;

function focusFirst(selectors: readonly string[]): void {
  for (const s of selectors) {
    const el = document.querySelector<HTMLElement>(s);
    if (el) {
      el.focus();
      return;
    }
  }
}

/**
 * Skip links to the workspace's three parts, shown when focused. Buttons, not `#` links: the
 * URL hash holds the view, and a fragment link would replace it.
 */
export function SkipLinks() {
  return (
    <nav className="skip-links" aria-label="Skip links">
      {TARGETS.map((t) => (
        <button
          key={t.label}
          type="button"
          className="skip-link"
          onClick={() => focusFirst(t.selectors)}
        >
          {t.label}
        </button>
      ))}
    </nav>
  );
}
