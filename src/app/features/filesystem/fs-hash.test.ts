import { describe, expect, it } from 'vitest';
import { fsHashFor, parseFsHash } from './fs-hash.ts';

describe("the filesystem view's keys in the URL hash", () => {
  it('round-trips the view, a path and a layer mode, keeping paths and digests readable', () => {
    const h = fsHashFor(
      { view: 'fs', path: '/etc/ssl/certs', mode: { kind: 'layer', layer: 4 } },
      '#image=sha256:abc',
    );
    // The link counts layers as the app shows them, from 1.
    expect(h).toBe('#image=sha256:abc&view=fs&path=/etc/ssl/certs&mode=layer&layer=5');
    expect(parseFsHash(h)).toEqual({
      view: 'fs',
      path: '/etc/ssl/certs',
      mode: { kind: 'layer', layer: 4 },
    });
    expect(parseFsHash('#view=fs&mode=merged&layer=2').mode).toEqual({ kind: 'merged', upTo: 1 });
  });

  it('keeps odd characters of a path intact', () => {
    const path = '/srv/a b&c=d#e%f/ü';
    expect(parseFsHash(fsHashFor({ view: 'fs', path }, '')).path).toBe(path);
  });

  it('removes keys set to null and leaves the graph view as no key', () => {
    const h = fsHashFor(
      { view: 'graph', path: null, mode: null },
      '#view=fs&path=/x&mode=layer&layer=1&node=n',
    );
    expect(h).toBe('#node=n');
    expect(fsHashFor({ view: 'graph' }, '')).toBe('#');
  });

  it('ignores a layer that is not a positive integer', () => {
    for (const bad of ['0', '-1', '1.5', 'x', '', '1e3'])
      expect(parseFsHash(`#view=fs&mode=layer&layer=${bad}`).mode).toBeNull();
    expect(parseFsHash('#path=/x')).toEqual({ view: 'graph', path: '/x', mode: null });
  });
});
