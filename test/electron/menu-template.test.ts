import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { menuTemplate, type MenuActions, type MenuContext } from '../../electron/main/menu-template';

function context(overrides: Partial<MenuContext> = {}): MenuContext & { actions: { [K in keyof MenuActions]: ReturnType<typeof vi.fn> } } {
  const actions = { newWorkspace: vi.fn(), openWorkspace: vi.fn(), openRecent: vi.fn(), openDemo: vi.fn(), closeWorkspace: vi.fn() };
  return { platform: 'linux', isPackaged: true, appName: 'Undertow', recent: [], hasWorkspace: true, ...overrides, actions };
}

function submenu(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const item = template.find((i) => i.label === label);
  if (!item || !Array.isArray(item.submenu)) throw new Error(`no ${label} menu`);
  return item.submenu;
}

function click(item: MenuItemConstructorOptions | undefined): void {
  if (!item?.click) throw new Error('item has no click');
  (item.click as () => void)();
}

describe('menuTemplate', () => {
  it('File has New/Open with their accelerators, Open Recent, the demo, Close and Quit', () => {
    const ctx = context();
    const file = submenu(menuTemplate(ctx), 'File');
    expect(file.filter((i) => i.label).map((i) => [i.label, i.accelerator])).toEqual([
      ['New Workspace…', 'CmdOrCtrl+N'],
      ['Open Workspace…', 'CmdOrCtrl+O'],
      ['Open Recent', undefined],
      ['Open Demo Workspace', undefined],
      ['Close Workspace', undefined],
    ]);
    expect(file.at(-1)?.role).toBe('quit');
    click(file.find((i) => i.label === 'New Workspace…'));
    click(file.find((i) => i.label === 'Open Workspace…'));
    click(file.find((i) => i.label === 'Open Demo Workspace'));
    click(file.find((i) => i.label === 'Close Workspace'));
    expect(ctx.actions.newWorkspace).toHaveBeenCalledOnce();
    expect(ctx.actions.openWorkspace).toHaveBeenCalledOnce();
    expect(ctx.actions.openDemo).toHaveBeenCalledOnce();
    expect(ctx.actions.closeWorkspace).toHaveBeenCalledOnce();
  });

  it('lists recent workspaces; a missing file is shown but cannot be opened', () => {
    const ctx = context({
      recent: [
        { path: '/data/acme.duckdb', name: 'acme', openedAt: '2026-01-02T00:00:00Z', exists: true },
        { path: '/gone/old.duckdb', name: 'old', openedAt: '2025-01-02T00:00:00Z', exists: false },
      ],
    });
    const recent = submenu(submenu(menuTemplate(ctx), 'File'), 'Open Recent');
    expect(recent.map((i) => [i.label, i.enabled])).toEqual([
      ['acme — /data', true],
      ['old — /gone', false],
    ]);
    click(recent[0]);
    expect(ctx.actions.openRecent).toHaveBeenCalledWith('/data/acme.duckdb');
  });

  it('says so when there are no recent workspaces, and disables Close without a workspace', () => {
    const file = submenu(menuTemplate(context({ hasWorkspace: false })), 'File');
    expect(submenu(file, 'Open Recent')).toEqual([{ label: 'No Recent Workspaces', enabled: false }]);
    expect(file.find((i) => i.label === 'Close Workspace')?.enabled).toBe(false);
  });

  it('offers reload and developer tools only in development builds', () => {
    const roles = (isPackaged: boolean) => submenu(menuTemplate(context({ isPackaged })), 'View').map((i) => i.role);
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(true)).not.toContain('reload');
    expect(roles(false)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools', 'zoomIn', 'zoomOut', 'resetZoom']));
  });

  it('follows macOS conventions: an app menu first, Quit there rather than in File', () => {
    const mac = menuTemplate(context({ platform: 'darwin' }));
    expect(mac[0]).toMatchObject({ role: 'appMenu', label: 'Undertow' });
    expect(submenu(mac, 'File').some((i) => i.role === 'quit')).toBe(false);
    expect(menuTemplate(context()).some((i) => i.role === 'appMenu')).toBe(false);
  });

  it('has Edit, Window and Help → About', () => {
    const template = menuTemplate(context());
    expect(template.map((i) => i.role ?? i.label)).toEqual(['File', 'editMenu', 'View', 'windowMenu', 'help']);
    const help = template.find((i) => i.role === 'help');
    expect(Array.isArray(help?.submenu) && help.submenu[0]).toMatchObject({ role: 'about', label: 'About Undertow' });
  });
});
