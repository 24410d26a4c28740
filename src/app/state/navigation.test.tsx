// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { navigate, useViewState } from './navigation.ts';

function ModeShown() {
  const view = useViewState();
  return <output data-testid="mode">{view.mode ? view.mode.kind : 'none'}</output>;
}

afterEach(() => {
  cleanup();
  history.replaceState(null, '', location.pathname);
});

describe('navigate', () => {
  it('shows the new view in the same task, before the browser’s hashchange', () => {
    render(<ModeShown />);
    expect(screen.getByTestId('mode').textContent).toBe('none');
    let seenHashchange = false;
    const onHash = (): void => {
      seenHashchange = true;
    };
    window.addEventListener('hashchange', onHash);
    act(() => navigate({ mode: { kind: 'layer', layer: 1 } }));
    window.removeEventListener('hashchange', onHash);
    expect(seenHashchange).toBe(false);
    expect(screen.getByTestId('mode').textContent).toBe('layer');
  });
});
