// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DropTarget } from './drop-target.tsx';

/** A dragenter carrying files, as a browser sends it while files are dragged over the page. */
function dragFilesOver(): void {
  const e = new Event('dragenter', { cancelable: true });
  Object.defineProperty(e, 'dataTransfer', { value: { types: ['Files'] } });
  act(() => {
    window.dispatchEvent(e);
  });
}

describe('DropTarget', () => {
  afterEach(cleanup);

  it.each([
    [false, 'Drop to open', false],
    [true, 'Drop to compare', true],
  ])('comparing=%s says %s while files are dragged over', (comparing, title, saysB) => {
    render(<DropTarget comparing={comparing} onDropStart={() => {}} onPicked={() => {}} />);
    expect(screen.queryByRole('status', { name: 'Drop target' })).toBeNull();
    dragFilesOver();
    const target = screen.getByRole('status', { name: 'Drop target' });
    expect(target.querySelector('strong')?.textContent).toBe(title);
    expect(target.textContent).toMatch(/an OCI layout folder, or an image archive/);
    expect(target.textContent?.includes('as image B beside the image open')).toBe(saysB);
  });
});
