import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startHost, type RunningHost } from '../support/host';
import { ScenariosPage } from '../support/scenarios-page';

let host: RunningHost;
test.afterEach(async () => {
  await host?.stop();
});

async function openScenarios(page: Page): Promise<ScenariosPage> {
  host = await startHost();
  const scenarios = new ScenariosPage(page);
  await scenarios.app.goto(host.url);
  await expect(scenarios.app.workspaceName).toHaveText(/demo/i);
  await scenarios.open();
  await scenarios.waitForFullRun();
  return scenarios;
}

test('moving the AI cap slider moves the incident and throughput bands', async ({ page }) => {
  const s = await openScenarios(page);
  const quarter = await s.firstQuarter();
  // The builder opens on a 25% cap: projected against the demo's ~35% share it already costs
  // throughput and saves incidents.
  const incidentsAt25 = await s.deltaMedian('incidents', quarter);
  const mergedAt25 = await s.deltaMedian('mergedPrs', quarter);
  const fanAt25 = await s.chartSeries('incidents', 'Scenario');
  const throughputAt25 = await s.chartSeries('qualityWeightedThroughput', 'Scenario');
  expect(fanAt25.y.length).toBeGreaterThan(3);
  await expect(s.runStatus).toContainText(/2,000 draws in \d[\d,]* ms/);

  // Slide the cap to 0% with the keyboard.
  await s.setCapWithKeyboard('Home');
  await expect(page.getByTestId('lever-cap-share-input')).toHaveValue('0');
  await s.waitForFullRun();

  const incidentsAt0 = await s.deltaMedian('incidents', quarter);
  const mergedAt0 = await s.deltaMedian('mergedPrs', quarter);
  expect(incidentsAt0).toBeLessThan(incidentsAt25);
  expect(mergedAt0).toBeLessThan(mergedAt25);
  const fanAt0 = await s.chartSeries('incidents', 'Scenario');
  const throughputAt0 = await s.chartSeries('qualityWeightedThroughput', 'Scenario');
  // Medians and the lower edge of the bands move down month by month.
  expect(fanAt0.y.reduce((a, b) => a + b, 0)).toBeLessThan(fanAt25.y.reduce((a, b) => a + b, 0));
  expect(fanAt0.p5.reduce((a, b) => a + b, 0)).toBeLessThan(fanAt25.p5.reduce((a, b) => a + b, 0));
  expect(throughputAt0.y.reduce((a, b) => a + b, 0)).toBeLessThan(throughputAt25.y.reduce((a, b) => a + b, 0));

  // The difference view shows the same effect around zero.
  await page.getByTestId('fan-mode-delta').check();
  const delta = await s.chartSeries('incidents', 'Scenario − baseline');
  expect(Math.max(...delta.y)).toBeLessThanOrEqual(0);
  s.app.expectNoConsoleErrors();
});

test('assumptions show their ranges and sources, and editing one re-runs', async ({ page }) => {
  const s = await openScenarios(page);
  await page.getByTestId('scenario-assumptions').locator('summary').click();
  const kappa = page.getByTestId('assumption-kappa');
  await expect(kappa).toContainText('Range 0–80%');
  await expect(kappa.getByTestId('assumption-source')).toContainText(/judgement/i);
  // p and Δ are calibrated from the demo's tickets and NPS.
  await expect(page.getByTestId('assumption-npsSensitivity')).toContainText('From this workspace');
  await expect(page.getByTestId('assumption-npsSensitivity').getByTestId('assumption-source')).toContainText('Calibrated on this workspace');
  // The fitted effects say where they come from; on the thin demo, the published priors.
  await expect(page.getByTestId('parameter-beta.incidents')).toContainText('Published prior');
  await expect(page.getByTestId('parameter-beta.incidents')).toContainText('Cortex');
  await expect(page.getByTestId('scenario-warnings')).toContainText('published prior');

  await page.getByTestId('assumption-costPerIncident-range-input').fill('20000');
  await s.waitForFullRun();
  await expect(page.getByTestId('assumption-costPerIncident')).toContainText('Reset to');
  s.app.expectNoConsoleErrors();
});

test('save, duplicate, rename and delete scenarios; they survive a reload', async ({ page }) => {
  const s = await openScenarios(page);
  await expect(page.getByTestId('scenario-saved-empty')).toBeVisible();

  await s.saveAs('Cap AI at 25%');
  await expect(page.getByTestId('scenario-current')).toContainText('Cap AI at 25%');
  await expect(page.getByTestId('scenario-current')).toContainText('saved');

  await s.duplicate('Cap AI at 25%');
  await expect(s.savedRow('Cap AI at 25% (copy)')).toBeVisible();

  await s.rename('Cap AI at 25% (copy)', 'Cap AI at 10%');
  await expect(s.savedRow('Cap AI at 25% (copy)')).toHaveCount(0);

  // A taken name is refused with the engine's message.
  await s.savedRow('Cap AI at 10%').getByTestId('saved-rename').click();
  await page.getByTestId('scenario-rename-input').fill('Cap AI at 25%');
  await page.getByTestId('scenario-rename-input').press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'already exists' })).toBeVisible();
  await page.getByTestId('scenario-rename-input').press('Escape');

  await s.remove('Cap AI at 25%');
  await expect(s.savedNames).toHaveText(['Cap AI at 10%']);
  await expect(page.getByTestId('scenario-current')).toContainText('Unsaved');

  // Saved in the workspace: still there after a reload, and loading it re-runs it.
  await page.reload();
  await s.open();
  await expect(s.savedNames).toHaveText(['Cap AI at 10%']);
  await s.savedRow('Cap AI at 10%').getByTestId('saved-load').click();
  await expect(page.getByTestId('scenario-current')).toContainText('Cap AI at 10%');
  await s.waitForFullRun();
  s.app.expectNoConsoleErrors();
});

test('compare two saved scenarios against one baseline', async ({ page }) => {
  const s = await openScenarios(page);
  await s.saveAs('Cap 25%');
  await s.setCapPercent(5);
  await s.waitForFullRun();
  await s.saveAs('Cap 5%');

  // Tabs work from the keyboard: arrow right from Projection opens Compare.
  await page.getByTestId('scn-tab-projection').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('scn-tab-compare')).toBeFocused();
  await expect(page.getByTestId('scenario-panel-compare')).toBeVisible();
  await page.getByTestId('compare-option-Cap 25%').check();
  await page.getByTestId('compare-option-Cap 5%').check();
  await page.getByTestId('compare-run').click();
  const table = page.getByTestId('compare-table');
  await expect(table).toBeVisible({ timeout: 60_000 });
  const incidents = page.getByTestId('compare-group-incidents');
  await expect(incidents.getByTestId('compare-row')).toHaveCount(2);
  await expect(incidents.getByTestId('compare-row').nth(0)).toContainText('Cap 25%');
  await expect(incidents.getByTestId('compare-row').nth(1)).toContainText('Cap 5%');
  for (const id of ['compare-incidents', 'compare-mergedPrs', 'compare-nps']) await s.app.expectChartDrawn(id);
  // The tighter cap saves more incidents and costs more PRs, quarter by quarter.
  const p50s = async (group: string, row: number) =>
    (await page.getByTestId(`compare-group-${group}`).getByTestId('compare-row').nth(row).locator('[data-p50]').evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-p50')))));
  const [inc25, inc5, prs25, prs5] = [await p50s('incidents', 0), await p50s('incidents', 1), await p50s('mergedPrs', 0), await p50s('mergedPrs', 1)];
  expect(inc25.length).toBe(4);
  inc5.forEach((v, q) => expect(v).toBeLessThanOrEqual(inc25[q]!));
  prs5.forEach((v, q) => expect(v).toBeLessThan(prs25[q]!));
  s.app.expectNoConsoleErrors();
});

test('replay the cap on last quarter: counts and the pull requests, linked out', async ({ page }) => {
  const s = await openScenarios(page);
  await page.getByTestId('lever-tiered-on').check();
  await s.waitForFullRun();
  await s.tab('replay');
  await page.getByTestId('replay-run').click();
  await expect(page.getByTestId('replay-result')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('replay-scope')).toContainText(/Q\d 20\d\d.*merged PRs/);
  const capped = Number((await page.getByTestId('replay-cap-prs').innerText()).replace(/,/g, ''));
  expect(capped).toBeGreaterThan(0);
  await expect(page.getByTestId('replay-cap-lines')).toHaveText(/\d/);
  await expect(page.getByTestId('replay-review-hours')).toHaveText(/\d+ h/);
  const rows = page.getByTestId('replay-row');
  await expect(rows.first()).toBeVisible();
  const link = page.getByTestId('replay-link').first();
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('rel', /noopener/);
  await expect(link).toHaveAttribute('href', /^https:\/\/github\.com\//);

  await page.getByTestId('replay-group-sentToSeniorReview').check();
  await expect(rows.first()).toBeVisible();
  // Changing a lever marks the replay as out of date.
  await s.setCapPercent(10);
  await expect(page.getByTestId('replay-stale')).toBeVisible();
  s.app.expectNoConsoleErrors();
});

test('a workspace without pull requests says to import GitHub data first', async ({ page }) => {
  host = await startHost();
  const s = new ScenariosPage(page);
  await s.app.goto(host.url);
  await expect(s.app.workspaceName).toHaveText(/demo/i);
  await s.app.openPathDialog('menu-new');
  await s.app.submitPath(join(host.dir, 'empty.duckdb'));
  await expect(s.app.workspaceName).toHaveText('empty');
  await s.open();
  await expect(page.getByTestId('scenarios-empty')).toContainText('Import GitHub data before building scenarios');
  await expect(page.getByTestId('view-error')).toHaveCount(0);
  await page.getByTestId('scenarios-go-import').click();
  await expect(s.app.view('data')).toBeVisible();
});
