/**
 * The desktop shell's security policy as pure functions (no `electron` import), so it is unit-tested
 * in plain Node: which page is the app, which IPC sender is trusted, which links may leave the app,
 * and the development-only CSP. security.ts and ipc.ts apply it; product.md §10 says why.
 */
import { pathToFileURL } from 'node:url';

/** Where the app's one page lives: the built index.html, or the electron-vite dev server. */
export type AppPage = { kind: 'file'; url: string } | { kind: 'dev'; origin: string };

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The app page for this launch. A dev server URL is honoured only when the caller allows it (the app
 * is not packaged) and only on a loopback http origin: the preload API must never be handed to a
 * remote page because an environment variable said so.
 */
export function appPage(options: { devServerUrl?: string | undefined; indexFile: string }): AppPage {
  const dev = options.devServerUrl;
  if (dev) {
    const url = new URL(dev);
    if (url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname)) {
      throw new Error(`Refusing to load the app from ${dev}: the dev server must be http on localhost.`);
    }
    return { kind: 'dev', origin: url.origin };
  }
  return { kind: 'file', url: pathToFileURL(options.indexFile).href };
}

/** Is `raw` the app's own page (any query or hash)? Everything else is foreign. */
export function isAppUrl(page: AppPage, raw: string): boolean {
  const url = parse(raw);
  if (!url) return false;
  if (page.kind === 'dev') return url.origin === page.origin;
  const own = new URL(page.url);
  return url.protocol === 'file:' && url.host === own.host && url.pathname === own.pathname;
}

/** What ipc.ts knows about the frame that sent a request (null when the frame is gone). */
export interface SenderFrame {
  url: string;
  /** The top-level frame of its window, not an iframe. */
  isMainFrame: boolean;
}

/** Only the app page's own main frame may call the engine. */
export function isTrustedSender(page: AppPage, frame: SenderFrame | null): boolean {
  return frame !== null && frame.isMainFrame && isAppUrl(page, frame.url);
}

/** Hosts a link may open in the user's browser: the sources the app imports from (§1). */
const EXTERNAL_HOSTS = ['github.com'];
const EXTERNAL_HOST_SUFFIXES = ['.atlassian.net', '.pagerduty.com', '.zendesk.com'];

/** https links to the allowlisted hosts only; no credentials or odd ports smuggled in the URL. */
export function isAllowedExternalUrl(raw: string): boolean {
  const url = parse(raw);
  if (!url || url.protocol !== 'https:' || url.username || url.password || url.port) return false;
  const host = url.hostname.toLowerCase();
  return EXTERNAL_HOSTS.includes(host) || EXTERNAL_HOST_SUFFIXES.some((suffix) => host.endsWith(suffix) && host.length > suffix.length);
}

/**
 * The strict production policy, widened only as far as the Vite dev server needs: its inline
 * React-refresh preamble and the HMR websocket. Used only when the app runs from `electron-vite dev`.
 */
export function devContentSecurityPolicy(strictPolicy: string, devOrigin: string): string {
  const ws = devOrigin.replace(/^http/, 'ws');
  return extendPolicy(strictPolicy, {
    'script-src': ["'unsafe-inline'", devOrigin],
    'connect-src': [devOrigin, ws],
  });
}

/** Adds sources to directives of a CSP string, keeping every other directive as it is. */
export function extendPolicy(policy: string, additions: Record<string, string[]>): string {
  const directives = policy
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean)
    .map((d) => d.split(/\s+/));
  for (const [name, sources] of Object.entries(additions)) {
    const directive = directives.find(([n]) => n === name);
    if (directive) directive.push(...sources.filter((s) => !directive.includes(s)));
    else directives.push([name, ...sources]);
  }
  return directives.map((d) => d.join(' ')).join('; ');
}

function parse(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}
