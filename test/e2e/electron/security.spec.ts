/**
 * product.md §10 in the running desktop app: the window's security flags, the page's (missing)
 * Node surface, the narrow preload API, the CSP, and that navigation, new windows and permission
 * requests are refused. One app launch serves every check.
 */
import { expect, test, type Page } from '@playwright/test';
import { CONTENT_SECURITY_POLICY } from '../../../scripts/csp';
import { callNames } from '../../../shared/channels';
import { AS_ROOT, NO_BINARY, hasElectronBinary, launchApp, runningAsRoot, type LaunchedApp } from './electron-app';

test.skip(!hasElectronBinary, NO_BINARY);
test.skip(runningAsRoot, AS_ROOT);
test.describe.configure({ mode: 'serial' });

/** The page's globals as the specs look at them (the node tsconfig has no DOM types). */
type PageGlobals = Record<string, unknown> & {
  location: { href: string };
  open(url: string): unknown;
  navigator: { geolocation: { getCurrentPosition(ok: () => void, fail: (err: { code: number }) => void): void } };
};

let launched: LaunchedApp;
let page: Page;

test.beforeAll(async () => {
  launched = await launchApp();
  page = launched.window;
  await page.waitForLoadState('domcontentloaded');
  // Record what would be handed to the user's browser instead of opening it.
  await launched.app.evaluate(({ shell }) => {
    const opened: string[] = [];
    (globalThis as unknown as { __undertowOpened: string[] }).__undertowOpened = opened;
    shell.openExternal = async (url: string) => {
      opened.push(url);
    };
  });
});
test.afterAll(async () => {
  await launched?.dispose();
});

const openedExternally = () => launched.app.evaluate(() => (globalThis as unknown as { __undertowOpened: string[] }).__undertowOpened);

test('the window runs with context isolation, the sandbox and no Node integration', async () => {
  const windows = await launched.app.evaluate(({ BrowserWindow, app }) => ({
    noSandboxSwitch: app.commandLine.hasSwitch('no-sandbox'),
    // The effective preferences; the method exists at runtime but is missing from electron.d.ts.
    prefs: BrowserWindow.getAllWindows().map((w) => (w.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> | null }).getLastWebPreferences()),
  }));
  expect(windows.noSandboxSwitch).toBe(false);
  expect(windows.prefs).toHaveLength(1);
  expect(windows.prefs[0]).toMatchObject({
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    nodeIntegrationInWorker: false,
    webviewTag: false,
    webSecurity: true,
  });
});

test('the page is the built index.html, with the strict CSP and no Node globals', async () => {
  expect(new URL(page.url()).protocol).toBe('file:');
  expect(page.url()).toMatch(/\/out\/renderer\/index\.html(#.*)?$/);
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', CONTENT_SECURITY_POLICY);
  const globals = await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    return { require: typeof g.require, process: typeof g.process, module: typeof g.module, Buffer: typeof g.Buffer, ipcRenderer: typeof g.ipcRenderer };
  });
  expect(globals).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', Buffer: 'undefined', ipcRenderer: 'undefined' });
});

test('window.undertow has exactly one method per contract call, plus on', async () => {
  const surface = await page.evaluate(() => {
    const api = (globalThis as unknown as PageGlobals).undertow as Record<string, unknown>;
    return Object.keys(api).map((key) => [key, typeof api[key]] as const);
  });
  expect(surface.map(([key]) => key).sort()).toEqual([...callNames, 'on'].sort());
  expect(surface.every(([, type]) => type === 'function')).toBe(true);
  const state = await page.evaluate(() => ((globalThis as unknown as PageGlobals).undertow as Record<string, (req: unknown) => Promise<unknown>>)['app:state']!({}));
  expect(state).toMatchObject({ ok: true, value: { mode: 'desktop' } });
});

test('window.open never creates a window; only allowlisted https links reach the browser', async () => {
  const results = await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    return [g.open('https://example.com/'), g.open('https://github.com/acme/api/pull/1'), g.open('http://acme.atlassian.net/')].map((w) => w === null);
  });
  expect(results).toEqual([true, true, true]);
  expect(launched.app.windows()).toHaveLength(1);
  expect(await openedExternally()).toEqual(['https://github.com/acme/api/pull/1']);
});

test('navigating away from the app page is blocked', async () => {
  const before = page.url();
  // Were the navigation allowed, the page would unload and this evaluate would fail.
  const after = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const g = globalThis as unknown as PageGlobals;
        g.location.href = 'https://example.com/';
        setTimeout(() => resolve(g.location.href), 1_000);
      }),
  );
  expect(after).toBe(before);
  expect(page.url()).toBe(before);
  expect(await openedExternally()).not.toContain('https://example.com/');
});

test('permission requests are denied', async () => {
  const geolocation = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const g = globalThis as unknown as PageGlobals;
        setTimeout(() => resolve('no answer'), 5_000);
        g.navigator.geolocation.getCurrentPosition(
          () => resolve('granted'),
          (err) => resolve(err.code === 1 ? 'denied' : `error ${err.code}`),
        );
      }),
  );
  expect(geolocation).toBe('denied');
});
