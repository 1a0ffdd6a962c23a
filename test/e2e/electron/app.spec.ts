/**
 * The foundation journey of test/e2e/browser, in the desktop shell: first launch opens the demo,
 * the Overview shows real numbers, Teams lists teams, nothing logs an error.
 */
import { expect, test } from '@playwright/test';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppPage } from '../support/app-page';
import { cachedDemo } from '../support/paths';
import { AS_ROOT, NO_BINARY, hasElectronBinary, launchApp, runningAsRoot, type LaunchedApp } from './electron-app';

test.skip(!hasElectronBinary, NO_BINARY);
test.skip(runningAsRoot, AS_ROOT);

let launched: LaunchedApp | undefined;
test.afterEach(async () => {
  await launched?.dispose();
  launched = undefined;
});

test('first launch opens the demo workspace with real numbers, and Teams lists the teams', async () => {
  launched = await launchApp();
  const ui = new AppPage(launched.window);

  await expect(ui.workspaceName).toHaveText(/demo/i);
  await expect(ui.view('overview')).toBeVisible();
  const merged = ui.headlineValue('mergedPrs');
  await expect(merged).toHaveText(/\d/);
  await expect(merged).not.toHaveText('—');

  await ui.nav('teams').click();
  await expect(launched.window.getByTestId('team-row').first()).toBeVisible();

  ui.expectNoConsoleErrors();
  expect(launched.mainErrors, launched.mainErrors.join('\n')).toEqual([]);
});

test('--workspace opens that file at launch instead of the demo', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'undertow-electron-ws-'));
  try {
    const workspace = join(dir, 'acme.duckdb');
    copyFileSync(cachedDemo, workspace);
    launched = await launchApp({ args: ['--workspace', workspace] });
    const ui = new AppPage(launched.window);

    await expect(ui.workspaceName).toHaveText('acme');
    await expect(ui.headlineValue('mergedPrs')).toHaveText(/\d/);
    ui.expectNoConsoleErrors();
  } finally {
    await launched?.quit();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('quitting closes the workspace and exits; state lives in the test state directory', async () => {
  launched = await launchApp();
  const ui = new AppPage(launched.window);
  await expect(ui.workspaceName).toHaveText(/demo/i);

  // before-quit defers the exit until the workspace is closed; a hang here fails the test.
  await launched.quit();
  const recent = JSON.parse(readFileSync(join(launched.stateDir, 'recent-workspaces.json'), 'utf8')) as { path: string }[];
  expect(recent.map((r) => r.path)).toEqual([join(launched.stateDir, 'demo.duckdb')]);
});
