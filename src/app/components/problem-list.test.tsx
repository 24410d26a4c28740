// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Problem } from '../../core/oci/problem.ts';
import { ProblemList } from './problem-list.tsx';

afterEach(cleanup);

const p = (rule?: string): Problem => ({
  severity: 'error',
  code: 'digest-mismatch',
  message: 'bytes hash to something else',
  where: 'sha256:ab',
  ...(rule ? { rule } : {}),
});

describe('ProblemList', () => {
  it.each([
    [
      'image-spec descriptor.md#digests',
      'https://github.com/opencontainers/image-spec/blob/v1.1.1/descriptor.md#digests',
    ],
    [
      'image-spec descriptor.md#properties (size)',
      'https://github.com/opencontainers/image-spec/blob/v1.1.1/descriptor.md#properties',
    ],
  ])('links the rule %s to its spec section', (rule, href) => {
    render(<ProblemList problems={[p(rule)]} label="Problems" />);
    const link = screen.getByRole('link', { name: rule });
    expect(link.getAttribute('href')).toBe(href);
    expect(link.getAttribute('rel')).toMatch(/noopener/);
  });

  it('leaves a rule that names no spec page as text', () => {
    render(<ProblemList problems={[p('GNU tar'), p()]} label="Problems" />);
    expect(screen.getByText(/GNU tar/)).toBeTruthy();
    expect(screen.queryByRole('link')).toBeNull();
  });
});
