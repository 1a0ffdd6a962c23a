/**
 * The native menu as data (type-only `electron` import, so it is unit-tested in plain Node).
 * menu.ts installs it and supplies the actions.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { dirname } from 'node:path';
import type { RecentWorkspace } from '../../shared/domain';

export interface MenuActions {
  newWorkspace(): void;
  openWorkspace(): void;
  openRecent(path: string): void;
  openDemo(): void;
  closeWorkspace(): void;
}

export interface MenuContext {
  platform: NodeJS.Platform;
  /** Reload and developer tools only in development builds. */
  isPackaged: boolean;
  appName: string;
  recent: readonly RecentWorkspace[];
  hasWorkspace: boolean;
  actions: MenuActions;
}

export function menuTemplate(ctx: MenuContext): MenuItemConstructorOptions[] {
  const isMac = ctx.platform === 'darwin';
  const { actions } = ctx;
  const file: MenuItemConstructorOptions[] = [
    { label: 'New Workspace…', accelerator: 'CmdOrCtrl+N', click: () => actions.newWorkspace() },
    { label: 'Open Workspace…', accelerator: 'CmdOrCtrl+O', click: () => actions.openWorkspace() },
    { label: 'Open Recent', submenu: recentItems(ctx.recent, actions) },
    { label: 'Open Demo Workspace', click: () => actions.openDemo() },
    { type: 'separator' },
    { label: 'Close Workspace', enabled: ctx.hasWorkspace, click: () => actions.closeWorkspace() },
    // On macOS, Quit lives in the app menu.
    ...(isMac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
  ];
  const view: MenuItemConstructorOptions[] = [
    ...(ctx.isPackaged ? [] : [{ role: 'reload' } as const, { role: 'toggleDevTools' } as const, { type: 'separator' } as const]),
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  return [
    ...(isMac ? [{ label: ctx.appName, role: 'appMenu' } as const] : []),
    { label: 'File', submenu: file },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ role: 'about', label: `About ${ctx.appName}` }] },
  ];
}

function recentItems(recent: readonly RecentWorkspace[], actions: MenuActions): MenuItemConstructorOptions[] {
  if (recent.length === 0) return [{ label: 'No Recent Workspaces', enabled: false }];
  return recent.map((r) => ({
    label: `${r.name} — ${dirname(r.path)}`,
    // A moved or deleted file stays listed (so the user recognises it) but cannot be opened.
    enabled: r.exists,
    click: () => actions.openRecent(r.path),
  }));
}
