import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { CONTENT_SECURITY_POLICY } from './csp.config.ts';
import { SERVICE_WORKER_ENTRY, serviceWorkerManifest } from './pwa.config.ts';

/** The CSP goes into the built page only: the dev server's hot reload needs inline script. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    // Right after the charset (which must come first), before any script the page loads.
    transformIndexHtml: (html) =>
      html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`,
      ),
  };
}

// `base: './'` makes the built site work from any sub-path (a project page, a folder on a CDN).
export default defineConfig({
  base: './',
  plugins: [react(), contentSecurityPolicy(), serviceWorkerManifest('public')],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    rollupOptions: {
      // The service worker is an entry of its own, at the root (its scope is the whole site).
      input: { index: 'index.html', sw: SERVICE_WORKER_ENTRY },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js'),
      },
    },
  },
});
