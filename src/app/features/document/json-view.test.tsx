// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JsonView, PLAIN_PART } from './json-view.tsx';

afterEach(cleanup);

const manifest =
  '{"schemaVersion":2,"config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:c0ffee","size":2},' +
  '"layers":[],"annotations":{"org.opencontainers.image.created":"2024-01-01T00:00:00Z","com.example.custom":"x"}}\n';
const enc = (s: string) => new TextEncoder().encode(s);
const bytes = enc(manifest);
const noLinks = { nodes: new Set<string>() };
const jsonText = () => screen.getByTestId('json-text');
const tabStops = () => jsonText().querySelectorAll('[tabindex="0"]');
const key = (name: string) =>
  [...jsonText().querySelectorAll<HTMLElement>('.j-key')].find(
    (e) => e.textContent === `"${name}"`,
  )!;

describe('JsonView', () => {
  it('opens formatted, one member a line, token text unchanged', () => {
    render(<JsonView bytes={bytes} links={noLinks} label="manifest JSON" />);
    const text = jsonText().textContent!;
    expect(text).toContain(
      '\n  "config": {\n    "mediaType": "application/vnd.oci.image.config.v1+json",',
    );
    expect(text.replace(/\s+/g, '')).toBe(manifest.replace(/\s+/g, ''));
    expect(screen.getByRole('region', { name: 'manifest JSON' })).toBeTruthy();
  });

  it('shows the document exactly as stored one toggle away, and back', () => {
    render(<JsonView bytes={bytes} links={noLinks} label="m" />);
    fireEvent.click(screen.getByRole('button', { name: 'Show as stored' }));
    expect(jsonText().textContent).toBe(manifest);
    expect(screen.getByText(/exactly as stored/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Format' }));
    expect(jsonText().textContent).not.toBe(manifest);
  });

  it('links digests of the graph to their node, and diff_ids to their layer', () => {
    const config = enc('{"rootfs":{"diff_ids":["sha256:d1"]}}');
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

  it('reaches keys and values with one roving focus: arrows, Home and End', () => {
    render(<JsonView bytes={bytes} links={noLinks} label="m" kind="manifest" />);
    expect(tabStops()).toHaveLength(1);
    const first = tabStops()[0] as HTMLElement;
    expect(first.textContent).toBe('"schemaVersion"');
    act(() => first.focus());
    fireEvent.keyDown(first, { key: 'ArrowRight' });
    expect(document.activeElement?.textContent).toBe('2');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toBe('"config"');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toBe('"mediaType"');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    expect(document.activeElement?.textContent).toBe('"config"');
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(document.activeElement?.textContent).toBe('"x"');
    expect(tabStops()).toHaveLength(1);
    expect(tabStops()[0]).toBe(document.activeElement);
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    expect(document.activeElement).toBe(first);
  });

  it('explains a key on hover, from the field dictionary, with its spec link', () => {
    const config = enc(
      '{"architecture":"amd64","rootfs":{"type":"layers","diff_ids":["sha256:d1"]}}',
    );
    render(<JsonView bytes={config} links={noLinks} label="c" kind="config" />);
    const diffIds = key('diff_ids');
    fireEvent.mouseOver(diffIds);
    const tip = screen.getByRole('tooltip');
    expect(tip.textContent).toMatch(/rootfs\.diff_ids/);
    expect(tip.textContent).toMatch(/uncompressed tar/);
    expect(diffIds.getAttribute('aria-describedby')).toBe(tip.id);
    expect(screen.getByRole('link', { name: /spec/ }).getAttribute('href')).toBe(
      'https://github.com/opencontainers/image-spec/blob/v1.1.1/config.md#layer-diffid',
    );
  });

  it('explains a key reached with the roving focus', () => {
    render(<JsonView bytes={bytes} links={noLinks} label="m" kind="manifest" />);
    const first = tabStops()[0] as HTMLElement;
    act(() => first.focus());
    expect(screen.getByRole('tooltip').textContent).toMatch(/version of the manifest format/);
    fireEvent.keyDown(first, { key: 'ArrowDown' });
    const tip = screen.getByRole('tooltip');
    expect(tip.textContent).toMatch(/image configuration/);
    expect(document.activeElement?.getAttribute('aria-describedby')).toBe(tip.id);
  });

  it('explains media types and spec-defined annotation keys, and leaves custom ones alone', () => {
    render(<JsonView bytes={bytes} links={noLinks} label="m" kind="manifest" />);
    fireEvent.mouseOver(screen.getByText('"application/vnd.oci.image.config.v1+json"'));
    expect(screen.getByRole('tooltip').textContent).toMatch(/OCI image configuration/);
    expect(screen.getByRole('link', { name: /spec/ }).getAttribute('href')).toMatch(
      /image-spec\/blob\/v1\.1\.1\/config\.md/,
    );
    fireEvent.mouseOver(key('org.opencontainers.image.created'));
    expect(screen.getByRole('tooltip').textContent).toMatch(/date and time the image was built/);
    expect(key('com.example.custom').classList.contains('j-explained')).toBe(false);
  });

  it('marks a media type the file does not state as inferred, with why', () => {
    const index = enc('{"schemaVersion":2,"manifests":[]}');
    const why = 'the image layout spec makes index.json an image index.';
    const mediaType = { value: 'application/vnd.oci.image.index.v1+json', why };
    const { unmount } = render(
      <JsonView bytes={index} links={noLinks} label="i" kind="index" inferred={{ mediaType }} />,
    );
    const note = screen.getByTestId('json-inferred');
    expect(note.textContent).toMatch(
      /"mediaType": "application\/vnd\.oci\.image\.index\.v1\+json"/,
    );
    expect(note.textContent).toMatch(/inferred/);
    expect(note.textContent).toContain(why);
    expect(jsonText().textContent).not.toContain('mediaType');
    unmount();
    const own = enc(
      '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}',
    );
    render(
      <JsonView bytes={own} links={noLinks} label="i" kind="index" inferred={{ mediaType }} />,
    );
    expect(screen.queryByTestId('json-inferred')).toBeNull();
  });

  it('marks a document the tool wrote as inferred', () => {
    render(
      <JsonView
        bytes={bytes}
        links={noLinks}
        label="m"
        inferred={{ document: 'written by this tool.' }}
      />,
    );
    expect(screen.getByText('inferred').parentElement?.textContent).toMatch(/written by this tool/);
  });

  it('shows control characters and bidi marks as visible escapes; Copy keeps the bytes', async () => {
    const stored = '{"name":"a\u001b]0;pwned\u0007b","file":"evil\u202egnp.exe"}';
    const writeText = vi.fn(() => Promise.resolve());
    Object.assign(navigator, { clipboard: { writeText } });
    render(<JsonView bytes={enc(stored)} links={noLinks} label="c" />);
    const marks = [...jsonText().querySelectorAll('.j-esc')].map((e) => e.textContent);
    expect(marks).toEqual(['\\x1b', '\\x07', '\\u202e']);
    expect(['\u001b', '\u0007', '\u202e'].some((c) => jsonText().textContent!.includes(c))).toBe(
      false,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith(stored);
  });

  it('degrades a 100,000-deep document to text as stored, with a note, without crashing', () => {
    const n = 100_000;
    const deep = `${'['.repeat(n)}1${']'.repeat(n)}`;
    render(<JsonView bytes={enc(deep)} links={noLinks} label="d" kind="config" />);
    expect(screen.getByRole('note').textContent).toMatch(/Nested more than 64 levels deep/);
    const text = jsonText().textContent!;
    expect(text.replace(/\s+/g, '')).toBe(deep);
    fireEvent.click(screen.getByRole('button', { name: 'Show as stored' }));
    expect(jsonText().textContent).toBe(deep);
  });

  it('says when the bytes are not UTF-8, and Download keeps them', () => {
    const stored = new Uint8Array([...enc('{"a":"'), 0xff, 0xfe, ...enc('"}')]);
    let saved: Blob | null = null;
    const create = vi.fn((b: Blob) => {
      saved = b;
      return 'blob:x';
    });
    Object.assign(URL, { createObjectURL: create, revokeObjectURL: vi.fn() });
    const clicked: HTMLAnchorElement[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this);
    });
    render(<JsonView bytes={stored} links={noLinks} label="b" fileName="doc.json" />);
    expect(screen.getByRole('note').textContent).toMatch(/Not valid UTF-8/);
    fireEvent.click(screen.getByRole('button', { name: 'Download' }));
    expect(create).toHaveBeenCalledTimes(1);
    expect(saved!.size).toBe(stored.length);
    // A download, never a navigation.
    expect(clicked.map((a) => [a.download, a.getAttribute('href')])).toEqual([
      ['doc.json', 'blob:x'],
    ]);
    click.mockRestore();
  });
});

describe('JsonView of a document too large to colour', () => {
  // ~2.1 MB, over the colouring limit: an index of many manifests, as one stored line.
  const entry = (i: number) =>
    `{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:${String(i).padStart(64, '0')}","size":${i}}`;
  const big = `{"schemaVersion":2,"manifests":[${Array.from({ length: 12_000 }, (_, i) => entry(i)).join(',')}]}`;

  it('shows it in parts, each "Show more" adding four, until the whole text is shown', () => {
    render(<JsonView bytes={enc(big)} links={noLinks} label="index JSON" />);
    expect(jsonText().textContent).toBe(big.slice(0, PLAIN_PART));
    expect(screen.getByRole('note').textContent).toMatch(/Showing the first 131,072 of/);
    let clicks = 0;
    while (screen.queryByRole('button', { name: 'Show more of the text' })) {
      fireEvent.click(screen.getByRole('button', { name: 'Show more of the text' }));
      clicks++;
      const shown = Math.min(big.length, PLAIN_PART * (1 + 4 * clicks));
      expect(jsonText().textContent).toBe(big.slice(0, shown));
    }
    expect(jsonText().textContent).toBe(big);
    expect(clicks).toBe(Math.ceil((big.length - PLAIN_PART) / (4 * PLAIN_PART)));
  });
});
