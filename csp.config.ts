/**
 * The Content-Security-Policy of the built site, as a meta tag (works on any static host).
 * Nothing from an image may run: no inline or remote script, `'wasm-unsafe-eval'` only for the
 * WebAssembly inflaters and hashers, no plugins, no <base>, no forms. `connect-src` allows what
 * `?src=` and registry reads may fetch (https anywhere, http on localhost and 127.0.0.1) and the page's own files.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "font-src 'self'",
  "connect-src 'self' https: http://localhost:* http://127.0.0.1:*",
  "manifest-src 'self'",
  "media-src 'none'",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
