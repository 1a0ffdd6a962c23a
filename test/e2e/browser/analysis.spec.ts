import { expect, test, type Page } from '@playwright/test';
import { AnalysisPage } from '../support/analysis-page';
import { AppPage } from '../support/app-page';
import { startHost, type RunningHost } from '../support/host';

let host: RunningHost;
test.afterEach(async () => {
  await host?.stop();
});

async function openDemo(page: Page): Promise<{ app: AppPage; analysis: AnalysisPage }> {
  host = await startHost();
  const app = new AppPage(page);
  await app.goto(host.url);
  await expect(app.workspaceName).toHaveText(/demo/i);
  await expect(app.view('overview')).toBeVisible();
  return { app, analysis: new AnalysisPage(app) };
}

test('the Overview states the effect estimates in plain words, honestly, with the data coverage beside them', async ({ page }) => {
  const { app, analysis } = await openDemo(page);
  for (const id of ['throughput-ai', 'incidents-cfr', 'tickets-nps']) await app.expectChartDrawn(id);
  for (const key of ['mergedPrs', 'throughput', 'aiShare', 'changeFailureRate', 'incidents', 'bugs', 'tickets', 'nps']) await expect(app.headlineValue(key)).toHaveText(/\d/);

  // The bootstrap takes a few seconds; then one statement per outcome.
  const incidents = analysis.effect('incidents');
  await expect(incidents).toBeVisible({ timeout: 60_000 });
  for (const outcome of ['incidents', 'bugs', 'reverts', 'change_failures']) {
    const effect = analysis.effect(outcome);
    const status = await effect.getAttribute('data-status');
    const sentence = await effect.getByTestId('effect-sentence').innerText();
    if (status === 'ok') expect(sentence).toMatch(/per PR are \d[\d.]*x \(\d[\d.]*–\d[\d.]*\) at 100% AI share than at 0%\./);
    else if (status === 'thin') {
      // An estimate with warnings is never said with confidence, and the warning is shown.
      expect(sentence).toMatch(/per PR: \d[\d.]*x \(\d[\d.]*–\d[\d.]*\) at 100% AI share vs 0%, an uncertain estimate\./);
      await expect(effect).toContainText(/too wide|few|thin|little/i);
    } else expect(sentence).toMatch(/^Not enough data/);
  }
  // The demo's 8 teams give wide intervals: docs/methods.md says every estimate carries the warning.
  await expect(incidents).toHaveAttribute('data-status', 'thin');
  // Priors were asked for: the combined estimate and how much the data weigh.
  await expect(incidents).toContainText(/With the published prior \(1\.2x, Cortex 2026\).*your data carry \d+% of the weight/);

  await expect(analysis.coverage).toContainText(/\d+% of merged PRs have AI evidence/);
  await expect(analysis.coverage).toContainText(/of incidents are linked to a change/);
  await expect(analysis.coverage).toContainText(/8 teams × 24 months/);
  app.expectNoConsoleErrors();
});

test('AI & Quality shows cohorts, dose-response, lagged association and the event-study check', async ({ page }) => {
  const { app, analysis } = await openDemo(page);
  await app.open('ai-quality');
  await app.expectChartDrawn('quality-rates');

  const cohorts = page.getByTestId('cohorts-table');
  await expect(cohorts.getByTestId('cohort-row')).toHaveCount(6, { timeout: 60_000 });
  await expect(cohorts).toContainText('Wait for first review');
  await expect(cohorts).toContainText(/n = [\d,]+/);
  await app.expectChartDrawn('cohorts');

  await app.expectChartDrawn('dose-response');
  await app.expectChartDrawn('lagged');
  await app.expectChartDrawn('effects');
  // Prior and posterior next to the data's own estimate, per outcome.
  await expect(page.getByTestId('effects-row-incidents')).toContainText(/Cortex 2026/);
  await expect(page.getByTestId('effects-row-bugs')).toContainText(/Faros AI 2025/);

  await app.expectChartDrawn('event-study');
  // On the demo's seed the adopting teams' incidents were already off before adoption (docs/methods.md).
  await expect(page.getByTestId('event-study-warning')).toContainText(/Pre-adoption terms are off 1x/);
  await expect(page.getByTestId('event-study-notes')).toContainText(/Adoption \(AI share first above 10%\): .*payments/);

  // The outcome picker redraws the three checks for another outcome.
  const before = (await app.chart('dose-response').locator('.gtitle').textContent()) ?? '';
  await page.getByTestId('outcome-bugs').check();
  await expect(app.chart('dose-response').locator('.gtitle')).not.toHaveText(before);
  await expect(app.chart('event-study').locator('.gtitle')).toHaveText(/Bugs around AI adoption/);
  await expect(analysis.effect('bugs')).toBeVisible();
  app.expectNoConsoleErrors();
});

test('a team filter changes the numbers on every analysis view, and clears again', async ({ page }) => {
  const { app, analysis } = await openDemo(page);
  await expect(app.headlineValue('mergedPrs')).toHaveText(/\d/);
  const orgMerged = await analysis.headlineNumber('mergedPrs');
  const orgIncidents = await analysis.headlineNumber('incidents');

  await analysis.setTeam('payments');
  await expect(app.view('overview')).toContainText('Team payments');
  await expect.poll(() => analysis.headlineNumber('mergedPrs')).toBeLessThan(orgMerged);
  expect(await analysis.headlineNumber('mergedPrs')).toBeGreaterThan(0);
  expect(await analysis.headlineNumber('incidents')).toBeLessThanOrEqual(orgIncidents);
  // NPS has no team: said so instead of a number that belongs to the whole org.
  await expect(page.getByTestId('headline-nps')).toContainText('Org-wide only');

  // The filter is global: Delivery shows the same team.
  await app.open('delivery');
  await expect(analysis.teamFilter).toHaveValue('payments');
  await expect(app.view('delivery')).toContainText('for team payments');
  await app.expectChartDrawn('dora-changeFailureRate');

  // A shorter period also changes what is counted.
  await analysis.rangeFilter.selectOption('last3');
  await app.open('overview');
  await expect(app.view('overview')).toContainText('Aug 2026 – Oct 2026');
  await page.getByTestId('filter-team-clear').click();
  await expect(analysis.teamFilter).toHaveValue('');
  await expect.poll(() => analysis.headlineNumber('mergedPrs')).toBe(orgMerged);
  app.expectNoConsoleErrors();
});

test('drill down from a headline number and from a chart point to the rows behind them', async ({ page }) => {
  const { app, analysis } = await openDemo(page);
  const incidents = await analysis.headlineNumber('incidents');

  // A headline number: its rows add up to it, newest first, with links out to PagerDuty.
  await page.getByTestId('headline-incidents').click();
  await analysis.expectDrillLoaded();
  await expect(analysis.drillTotal).toHaveText(`${incidents} incidents`);
  await expect(analysis.drillRows).toHaveCount(incidents);
  const link = analysis.drilldown.getByTestId('drilldown-link').first();
  await expect(link).toHaveAttribute('href', /^https:\/\/[\w.-]+\.pagerduty\.com\//);
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('rel', /noopener/);
  // Escape closes the panel and focus goes back to the number.
  await analysis.closeDrillWithEscape();
  await expect(page.getByTestId('headline-incidents')).toBeFocused();

  // A chart point: the month's incidents, with the chart's other series one click away.
  await analysis.clickBar('incidents-cfr', 10);
  await analysis.expectDrillLoaded();
  await expect(analysis.drilldown).toContainText(/ 2025|2026/);
  expect(await analysis.drillRows.count()).toBeGreaterThan(0);
  await expect(analysis.drilldown.getByTestId('drilldown-choice-incidents')).toHaveAttribute('aria-pressed', 'true');
  await analysis.drilldown.getByTestId('drilldown-choice-changeFailureRate').click();
  await expect(analysis.drillTotal).toHaveText(/[\d,]+ changes/);
  await expect(analysis.drillRows.first()).toContainText(/deployment|merged PR/);
  await analysis.drilldown.getByTestId('drilldown-close').click();
  await expect(analysis.drilldown).toHaveCount(0);

  // The keyboard reaches chart points too: focus the chart, move to a month, Enter.
  await app.expectChartDrawn('throughput-ai');
  await app.chart('throughput-ai').focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  await analysis.expectDrillLoaded();
  await expect(analysis.drillTotal).toHaveText(/[\d,]+ pull requests/);
  await expect(analysis.drilldown.getByTestId('drilldown-link').first()).toHaveAttribute('href', /^https:\/\/github\.com\//);
  await analysis.closeDrillWithEscape();
  await expect(app.chart('throughput-ai')).toBeFocused();
  app.expectNoConsoleErrors();
});

test('Teams lists every team with sparklines; choosing one filters the Overview to it', async ({ page }) => {
  const { app, analysis } = await openDemo(page);
  const orgMerged = await analysis.headlineNumber('mergedPrs');
  await app.open('teams');
  const rows = page.getByTestId('team-row');
  await expect(rows).toHaveCount(8);
  // Four trends per team (merged PRs, AI share, incidents per 100 PRs, change failure rate).
  await expect(rows.first().getByTestId('sparkline')).toHaveCount(4);
  await expect(rows.first().getByTestId('sparkline').first().locator('path')).not.toHaveCount(0);

  const search = page.locator('[data-testid="team-row"][data-team="search"]');
  await search.getByTestId('team-open').click();
  await expect(app.view('overview')).toBeVisible();
  await expect(app.nav('overview')).toHaveAttribute('aria-current', 'page');
  await expect(analysis.teamFilter).toHaveValue('search');
  await expect.poll(() => analysis.headlineNumber('mergedPrs')).toBeLessThan(orgMerged);

  // Keyboard: back to Teams, tab to a team's button and press Enter.
  await app.open('teams');
  await page.locator('[data-testid="team-row"][data-team="payments"]').getByTestId('team-open').focus();
  await page.keyboard.press('Enter');
  await expect(app.view('overview')).toBeVisible();
  await expect(analysis.teamFilter).toHaveValue('payments');
  app.expectNoConsoleErrors();
});
