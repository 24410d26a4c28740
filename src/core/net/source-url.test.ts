import { describe, expect, it } from 'vitest';
import { checkSourceUrl, isLoopbackHost } from './source-url.ts';

const PAGE = 'https://example.org/some-project/explorer/?x=1';

describe('checkSourceUrl', () => {
  it.each([
    ['demo/demo-layers.tar', 'https://example.org/some-project/explorer/demo/demo-layers.tar'],
    ['/abs/image.tar', 'https://example.org/abs/image.tar'],
    ['https://cdn.example.com/i.tar.gz', 'https://cdn.example.com/i.tar.gz'],
    ['http://127.0.0.1:5000/i.tar', 'http://127.0.0.1:5000/i.tar'],
    ['http://localhost:8080/i.tar', 'http://localhost:8080/i.tar'],
  ])('accepts %s', (src, want) => {
    expect(checkSourceUrl(src, PAGE)).toEqual({ ok: true, url: want });
  });

  it.each([
    ['file:///etc/passwd', /^file: URLs are refused/],
    ['javascript:alert(1)', /^javascript: URLs are refused/],
    ['data:application/x-tar;base64,AAAA', /^data: URLs are refused/],
    ['blob:https://example.org/123', /^blob: URLs are refused/],
    ['ftp://example.com/i.tar', /^ftp: URLs are refused/],
    ['http://example.com/i.tar', /only from this machine.*use https for example\.com/],
    ['http://10.0.0.1/i.tar', /only from this machine/],
    ['http://[::1]:8080/i.tar', /only from this machine/],
  ])('refuses %s by name', (src, reason) => {
    const r = checkSourceUrl(src, PAGE);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('accepts plain http from the page itself when the page is served over http', () => {
    expect(checkSourceUrl('demo/x.tar', 'http://192.168.1.5:4173/')).toEqual({
      ok: true,
      url: 'http://192.168.1.5:4173/demo/x.tar',
    });
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['localhost', true],
    ['LOCALHOST', true],
    ['127.0.0.1', true],
    ['app.localhost', false],
    ['127.1.2.3', false],
    ['[::1]', false],
    ['localhost.example.com', false],
    ['128.0.0.1', false],
    ['127.0.0.1.example.com', false],
  ])('%s → %s', (host, want) => {
    expect(isLoopbackHost(host)).toBe(want);
  });
});
