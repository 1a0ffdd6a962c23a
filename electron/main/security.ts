/**
 * Applies the policy in policy.ts to Electron (product.md §10). Nothing here is loosened for
 * development or tests except the dev-server CSP header, which exists only under `electron-vite dev`.
 */
import { app, shell, type Session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../scripts/csp';
import { devContentSecurityPolicy, isAllowedExternalUrl, isAppUrl, type AppPage } from './policy';

/** Before `ready`: OS sandbox for every renderer, and the navigation rules for every web contents. */
export function hardenApp(page: AppPage): void {
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => guardContents(contents, page));
}

/** After `ready`: deny every permission; in dev, send the widened CSP with the dev server's pages. */
export function hardenSession(session: Session, page: AppPage): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  if (page.kind === 'dev') {
    // Built pages carry the strict policy as a <meta> tag (scripts/csp.ts); the dev server's do not.
    const policy = devContentSecurityPolicy(CONTENT_SECURITY_POLICY, page.origin);
    session.webRequest.onHeadersReceived({ urls: [`${page.origin}/*`] }, (details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
    });
  }
}

function guardContents(contents: WebContents, page: AppPage): void {
  // Links to the allowlisted services open in the user's browser; no window is ever created.
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
  const stayOnAppPage = (event: { url: string; preventDefault(): void }): void => {
    if (isAppUrl(page, event.url)) return;
    event.preventDefault();
    openExternally(event.url);
  };
  // will-frame-navigate covers the main frame and any subframe; will-redirect catches server hops.
  contents.on('will-frame-navigate', stayOnAppPage);
  contents.on('will-redirect', stayOnAppPage);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function openExternally(url: string): void {
  if (!isAllowedExternalUrl(url)) return;
  shell.openExternal(url).catch((err: unknown) => console.error(`[undertow] could not open ${url}:`, err));
}
