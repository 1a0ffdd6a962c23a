import { BrowserWindow, app } from 'electron';
import type { Session } from '../../analytics/app/session';

export interface LifecycleOptions {
  session: Session;
  createWindow(): BrowserWindow;
  /** Opens a workspace, reporting a failure to the user. */
  openWorkspace(path: string): Promise<void>;
}

/** What a second launch hands the running instance (see requestSingleInstanceLock in index.ts). */
export interface SecondLaunch {
  workspace: string | null;
}

/**
 * Window and process lifecycle: one instance (a second launch focuses the window and opens the
 * workspace it was given), macOS keeps running without windows, and the workspace is closed
 * cleanly before the process exits.
 */
export function manageLifecycle({ session, createWindow, openWorkspace }: LifecycleOptions): void {
  let window = createWindow();
  const focusWindow = (): void => {
    if (window.isDestroyed()) window = createWindow();
    if (window.isMinimized()) window.restore();
    window.focus();
  };
  app.on('second-instance', (_event, _argv, _cwd, data) => {
    focusWindow();
    const path = workspaceOf(data);
    if (path) void openWorkspace(path);
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) window = createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  closeWorkspaceOnQuit(session);
}

function workspaceOf(data: unknown): string | null {
  if (typeof data !== 'object' || data === null || !('workspace' in data)) return null;
  return typeof data.workspace === 'string' ? data.workspace : null;
}

/** Quit waits for the workspace to close, so DuckDB checkpoints the file instead of leaving a WAL. */
function closeWorkspaceOnQuit(session: Session): void {
  let state: 'open' | 'closing' | 'closed' = 'open';
  app.on('before-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    session
      .close()
      .catch((err: unknown) => console.error('[undertow] closing the workspace on quit failed:', err))
      .finally(() => {
        state = 'closed';
        app.quit();
      });
  });
}
