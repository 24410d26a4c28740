// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { JsonView } from './json-view.tsx';

afterEach(cleanup);

const manifest =
  '{"schemaVersion":2,"config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:c0ffee","size":2},' +
  '"layers":[],"annotations":{"org.opencontainers.image.created":"2024-01-01T00:00:00Z","com.example.custom":"x"}}\n';
const bytes = new TextEncoder().encode(manifest);

describe('JsonView', () => {
  it('shows the document exactly as stored, with line numbers outside the text', () => {
    render(<JsonView bytes={bytes} links={{ nodes: new Set() }} label="manifest JSON" />);
    expect(screen.getByTestId('json-text').textContent).toBe(manifest);
    expect(screen.getByRole('region', { name: 'manifest JSON' })).toBeTruthy();
  });

  it('links digests of the graph to their node, and diff_ids to their layer', () => {
    const config = new TextEncoder().encode('{"rootfs":{"diff_ids":["sha256:d1"]}}');
    const { unmount } = render(
      <JsonView bytes={bytes} links={{ nodes: new Set(['sha256:c0ffee']) }} label="m" />,
    );
    expect(screen.getByRole('link', { name: '"sha256:c0ffee"' }).getAttribute('href')).toBe(
      '#node=sha256:c0ffee',
    );
    unmount();
    render(
      <JsonView
        bytes={config}
        links={{ nodes: new Set(), diffIds: new Map([['sha256:d1', 'sha256:layer']]) }}
        label="c"
      />,
    );
    expect(screen.getByRole('link', { name: '"sha256:d1"' }).getAttribute('href')).toBe(
      '#node=sha256:layer',
    );
  });

  it('explains a media type on hover, with a link to the spec', () => {
    render(<JsonView bytes={bytes} links={{ nodes: new Set() }} label="m" />);
    fireEvent.mouseEnter(screen.getByText('"application/vnd.oci.image.config.v1+json"'));
    const tip = screen.getByRole('tooltip');
    expect(tip.textContent).toMatch(/OCI image configuration/);
    expect(screen.getByRole('link', { name: /spec/ }).getAttribute('href')).toMatch(
      /image-spec\/blob\/v1\.1\.1\/config\.md/,
    );
  });

  it('explains annotation keys the spec defines, and leaves custom ones alone', () => {
    render(<JsonView bytes={bytes} links={{ nodes: new Set() }} label="m" />);
    fireEvent.focus(screen.getByText('"org.opencontainers.image.created"'));
    expect(screen.getByRole('tooltip').textContent).toMatch(/date and time the image was built/);
    expect(screen.getByText('"com.example.custom"').closest('.hint')).toBeNull();
  });

  it('indents on request without changing a token', () => {
    render(<JsonView bytes={bytes} links={{ nodes: new Set() }} label="m" />);
    fireEvent.click(screen.getByRole('button', { name: 'Indent' }));
    const text = screen.getByTestId('json-text').textContent!;
    expect(text).toContain('\n  "config": {\n    "mediaType"');
    expect(text.replace(/\s+/g, '')).toBe(manifest.replace(/\s+/g, ''));
  });
});
