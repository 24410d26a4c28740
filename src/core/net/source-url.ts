/**
 * Which URLs the app may fetch an image from (`?src=`): https anywhere, the page's own origin,
 * and plain http only on loopback hosts (a registry or file server on this machine). Every other
 * scheme — `file:`, `javascript:`, `data:`, `blob:`, `ftp:` … — is refused by name before any
 * request is made, so a link from a stranger cannot point the page at local files or script.
 */
export type SourceUrlCheck = { ok: true; url: string } | { ok: false; url: string; reason: string };

/**
 * True for `localhost` and 127.0.0.1: the loopback names the page's Content-Security-Policy can
 * allow (CSP has no syntax for an IPv6 literal such as `[::1]`, nor for 127.0.0.0/8).
 */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return h === 'localhost' || h === '127.0.0.1';
}

/** Resolve `src` against the page and decide whether the app may fetch it. */
export function checkSourceUrl(src: string, pageHref: string): SourceUrlCheck {
  let url: URL;
  try {
    url = new URL(src, pageHref);
  } catch {
    return { ok: false, url: src, reason: `"${src}" is not a URL` };
  }
  const page = new URL(pageHref);
  const href = url.href;
  if (url.origin === page.origin && (url.protocol === 'https:' || url.protocol === 'http:'))
    return { ok: true, url: href };
  if (url.protocol === 'https:') return { ok: true, url: href };
  if (url.protocol === 'http:') {
    if (isLoopbackHost(url.hostname)) return { ok: true, url: href };
    return {
      ok: false,
      url: href,
      reason: `plain http is accepted only from this machine (localhost, 127.0.0.1); use https for ${url.host}`,
    };
  }
  const scheme = url.protocol.replace(/:$/, '');
  return {
    ok: false,
    url: href,
    reason: `${scheme}: URLs are refused; an image link must be https (or http on localhost)`,
  };
}
