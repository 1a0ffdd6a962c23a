import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { AppPage, views } from '../support/app-page';
import { startHost, type RunningHost } from '../support/host';

let host: RunningHost;
test.afterEach(async () => {
  await host?.stop();
});

test('first launch opens the demo workspace with real numbers on the Overview', async ({ page }) => {
  host = await startHost();
  const app = new AppPage(page);
  await app.goto(host.url);

  await expect(app.workspaceName).toHaveText(/demo/i);
  await expect(app.workspaceRange).toHaveText(/2024.*2026/);
  await expect(app.view('overview')).toBeVisible();
  for (const key of ['mergedPrs', 'aiShare', 'incidents', 'bugs', 'tickets', 'nps']) {
    await expect(app.headlineValue(key)).toHaveText(/\d/);
  }
  const merged = Number((await app.headlineValue('mergedPrs').innerText()).replace(/[^\d.]/g, ''));
  expect(merged).toBeGreaterThan(100);
  for (const id of ['throughput-ai', 'incidents-cfr', 'tickets-nps']) await app.expectChartDrawn(id);
  // The token was taken from the fragment and removed from the visible URL.
  expect(page.url()).not.toContain('token=');
  app.expectNoConsoleErrors();
});

test('every sidebar view opens and renders without errors', async ({ page }) => {
  host = await startHost();
  const app = new AppPage(page);
  await app.goto(host.url);
  await expect(app.view('overview')).toBeVisible();
  for (const view of views) {
    await app.open(view);
    await expect(app.nav(view)).toHaveAttribute('aria-current', 'page');
    await expect(page.getByTestId('view-error')).toHaveCount(0);
  }
  await app.open('teams');
  await expect(page.getByTestId('team-row').first()).toBeVisible();
  expect(await page.getByTestId('team-row').count()).toBeGreaterThanOrEqual(6);
  await app.open('data');
  await expect(page.getByTestId('table-count-pull_requests')).toContainText(/\d{3,}/);
  app.expectNoConsoleErrors();
});

test('opening a text file as a workspace shows a clear error and leaves the file untouched', async ({ page }) => {
  host = await startHost();
  const app = new AppPage(page);
  await app.goto(host.url);
  await expect(app.workspaceName).toHaveText(/demo/i);

  const notes = join(host.dir, 'notes.duckdb');
  writeFileSync(notes, 'quarterly notes, not a database\n');
  const before = createHash('sha256').update(readFileSync(notes)).digest('hex');
  await app.openPathDialog('menu-open');
  await app.submitPath(notes);
  await expect(page.getByTestId('path-error')).toContainText('not a DuckDB database file');
  expect(createHash('sha256').update(readFileSync(notes)).digest('hex')).toBe(before);
  // The demo is still open.
  await page.keyboard.press('Escape');
  await expect(app.workspaceName).toHaveText(/demo/i);
});

test('a new workspace opens empty, with empty states instead of charts', async ({ page }) => {
  host = await startHost();
  const app = new AppPage(page);
  await app.goto(host.url);
  await expect(app.workspaceName).toHaveText(/demo/i);

  await app.openPathDialog('menu-new');
  await app.submitPath(join(host.dir, 'acme.duckdb'));
  await expect(app.workspaceName).toHaveText('acme');
  await expect(app.view('overview')).toBeVisible();
  await expect(app.view('overview')).toContainText(/no data|import/i);
  await app.open('data');
  await expect(page.getByTestId('table-count-pull_requests')).toContainText('0');
  app.expectNoConsoleErrors();
});

test('the page without its token explains how to get in, and the API refuses it', async ({ page }) => {
  host = await startHost();
  await page.goto(host.origin + '/');
  await expect(page.locator('body')).toContainText(/npm run serve/);
  const res = await page.request.post(`${host.origin}/api/call/app%3Astate`, { data: {} });
  expect(res.status()).toBe(401);
});
