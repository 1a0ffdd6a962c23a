import type { Plugin } from 'vite';

/**
 * The one Content-Security-Policy for the renderer (product.md §10): scripts only from the app
 * itself, no eval, no remote anything. Plotly writes <style> elements, hence 'unsafe-inline' for
 * styles only. Injected as a <meta> tag into built pages (Electron loads them from file://) and sent
 * as a header by the browser-mode host.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "worker-src 'self' blob:",
].join('; ');

/** Adds the CSP <meta> tag to index.html in production builds (dev servers need inline HMR code). */
export function cspMetaTag(): Plugin {
  return {
    name: 'undertow-csp-meta',
    apply: 'build',
    transformIndexHtml() {
      return [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }];
    },
  };
}
