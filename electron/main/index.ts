/**
 * Composition root of the desktop shell: wires the engine's Session and handler table to Electron.
 * Each concern lives in its own module; this file only decides the order.
 */
import { app, dialog, safeStorage, session as electronSession } from 'electron';
import { join, resolve } from 'node:path';
import { createHandlers } from '../../analytics/app/handlers';
import { Session } from '../../analytics/app/session';
import { pickWorkspace, reportFailure } from './dialogs';
import { createEventHub } from './events';
import { desktopExportShell } from './export-shell';
import { safeStorageTokenStore } from './github-token';
import { registerContract } from './ipc';
import { workspaceFromLaunch } from './launch';
import { manageLifecycle, type SecondLaunch } from './lifecycle';
import { installMenu } from './menu';
import { appPage } from './policy';
import { hardenApp, hardenSession } from './security';
import { createMainWindow } from './window';

// A separate state directory (recent list, demo workspace, Chromium profile): used by the e2e tests.
if (process.env.UNDERTOW_STATE_DIR) app.setPath('userData', resolve(process.env.UNDERTOW_STATE_DIR));

const indexFile = join(import.meta.dirname, '../renderer/index.html');
const preload = join(import.meta.dirname, '../preload/index.cjs');
const launchWorkspace = workspaceFromLaunch(process.argv, process.env, process.cwd());

if (app.requestSingleInstanceLock({ workspace: launchWorkspace } satisfies SecondLaunch)) start().catch(failStartup);
else app.quit();

async function start(): Promise<void> {
  // The dev server (electron-vite dev) only in an unpackaged app; appPage refuses non-loopback URLs.
  const page = appPage({ devServerUrl: app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL, indexFile });
  hardenApp(page);
  const events = createEventHub();
  const stateDir = app.getPath('userData');
  // The GitHub token: encrypted with the OS keychain (safeStorage) in userData, never in a workspace.
  const github = { tokens: safeStorageTokenStore(join(stateDir, 'github-token.bin'), safeStorage) };
  // Exports draw charts with the built render page (renderer/render.html) in a hidden window.
  const exports = desktopExportShell(page.kind === 'dev' ? { kind: 'url', url: `${page.origin}/render.html` } : { kind: 'file', path: join(import.meta.dirname, '../renderer/render.html') });
  const session = new Session({ mode: 'desktop', version: app.getVersion(), stateDir, emit: events.emit, pickWorkspace, github, exports });
  registerContract(createHandlers(session), page);

  await app.whenReady();
  hardenSession(electronSession.defaultSession, page);
  const refreshMenu = installMenu(session);
  const refreshMenuReporting = () => refreshMenu().catch((err: unknown) => console.error('[undertow] rebuilding the menu failed:', err));
  events.on('workspace:changed', () => void refreshMenuReporting());
  await refreshMenuReporting();

  const openWorkspace = (path: string) => reportFailure('Could not open the workspace', () => session.open(path));
  // Opened before the window loads, so the renderer finds it open and does not open the demo instead.
  if (launchWorkspace) await openWorkspace(launchWorkspace);
  manageLifecycle({ session, openWorkspace, createWindow: () => createMainWindow({ page, indexFile, preload }) });
}

function failStartup(err: unknown): void {
  console.error('[undertow] start-up failed:', err);
  dialog.showErrorBox('Undertow could not start', err instanceof Error ? err.message : String(err));
  app.exit(1);
}
