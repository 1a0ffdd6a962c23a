/**
 * Journeys 2 and 3 of product.md §2 in browser mode: bring data into a new workspace through the
 * import wizard, map the org, tune AI attribution, sync GitHub (against a local mock server).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { MockGitHub } from '../../analytics/github-sync/mock-github';
import { TOKEN, respond } from '../../analytics/github-sync/mock-github';
import { AppPage } from '../support/app-page';
import { DataPage, fixture, startMockGitHub } from '../support/data-page';
import { startHost, type RunningHost } from '../support/host';

let host: RunningHost | undefined;
let github: MockGitHub | undefined;
test.afterEach(async () => {
  await github?.close();
  github = undefined;
  await host?.stop();
  host = undefined;
});

async function newWorkspace(page: Page) {
  host = await startHost();
  const app = new AppPage(page);
  await app.goto(host.url);
  await expect(app.workspaceName).toHaveText(/demo/i);
  const data = new DataPage(app);
  await data.createWorkspace(join(host.dir, 'acme.duckdb'));
  return { app, data, host };
}

test('import wizard: detected formats and previews, zone and column choices, progress, a report with rejects, history', async ({ page }) => {
  const { app, data, host } = await newWorkspace(page);
  const notes = join(host.dir, 'notes.txt');
  writeFileSync(notes, 'quarterly notes, not an export\nsecond line\n');

  await data.open('import');
  await expect(page.getByTestId('table-count-pull_requests')).toContainText('0');
  await data.pick([fixture('github', 'gh-pr-list.json'), fixture('github', 'gh-pr-list-bad.json'), fixture('jira', 'all-fields-bom-crlf.csv'), fixture('helpdesk', 'unmapped-tickets.csv'), notes]);
  await data.drop(fixture('org', 'org-map.csv'));

  await data.expectDetected('gh-pr-list.json', /GitHub pull requests/);
  await data.expectDetected('gh-pr-list-bad.json', /GitHub pull requests/);
  await data.expectDetected('all-fields-bom-crlf.csv', /Jira/);
  await data.expectDetected('unmapped-tickets.csv', /Tickets CSV/);
  await data.expectDetected('org-map.csv', /Org map/);
  await expect(data.fileState('notes.txt')).toHaveText('Cannot import');
  await expect(data.file('notes.txt').getByTestId('import-file-error')).toContainText('matches no export format');

  // Previews: the first records of each file.
  const ghPreview = data.file('gh-pr-list.json').getByTestId('import-preview');
  await data.file('gh-pr-list.json').locator('summary').click();
  await expect(ghPreview).toContainText('Revert "Add refunds"');
  await expect(ghPreview.locator('thead')).toContainText('number');

  // Jira writes times without a zone: the wizard asks for it.
  const jira = data.file('all-fields-bom-crlf.csv');
  await expect(jira.getByTestId('import-zone')).toContainText('15/Feb/26 4:37 PM');
  await jira.getByTestId('import-zone-select').selectOption('Europe/Berlin');
  await expect(data.file('gh-pr-list.json').getByTestId('import-zone')).toHaveCount(0);

  // The tickets CSV needs its created column mapped before it can be imported.
  const tickets = data.file('unmapped-tickets.csv');
  await expect(data.fileState('unmapped-tickets.csv')).toHaveText('Needs a choice');
  await expect(tickets.getByTestId('import-file-blocker')).toContainText('“Created”');
  await expect(tickets.getByTestId('import-mapping-ticket_id')).toHaveValue('Ref');
  await expect(data.startButton).toHaveText('Import 4 files');
  await tickets.getByTestId('import-mapping-created_at').selectOption('Logged');
  await tickets.getByTestId('import-mapping-subject').selectOption('Headline');
  await expect(data.fileState('unmapped-tickets.csv')).toHaveText('Ready');
  await expect(data.startButton).toHaveText('Import 5 files');

  const sawProgress = await data.watchProgress();
  await data.startButton.click();
  const report = page.getByTestId('import-report');
  await expect(report).toBeVisible();
  expect(await sawProgress()).toBe(true);

  // The report: what was kept, merged and rejected, per file, with line numbers and reasons.
  await expect(report).toContainText('5 of 5 files imported');
  await expect(data.reportRow('gh-pr-list.json').getByTestId('import-report-outcome')).toHaveText('Imported');
  await expect(data.reportRow('gh-pr-list-bad.json').getByTestId('import-report-rejected')).toHaveText('6');
  const rejects = data.reportDetail('gh-pr-list-bad.json').getByTestId('import-report-rejects');
  await rejects.locator('summary').click();
  await expect(rejects.getByTestId('import-reject').first()).toContainText(/^\s*\d+/);
  await expect(rejects).toContainText(/number/i);
  await expect(data.reportRow('unmapped-tickets.csv')).toContainText('2');
  // Only the skipped file stays in the list.
  await expect(page.getByTestId('import-file')).toHaveCount(1);
  await expect(page.getByTestId('table-count-pull_requests')).toContainText('5');
  await expect(page.getByTestId('table-count-tickets')).toContainText('2');

  // The report downloads as CSV with every reject, formula-safe.
  const download = page.waitForEvent('download');
  await page.getByTestId('import-report-download').click();
  const csv = readFileSync(await (await download).path(), 'utf8');
  expect(csv).toContain('file,format,result,added,updated,unchanged,duplicates_merged,rejected,line,field,reason,raw');
  expect(csv.match(/gh-pr-list-bad\.json,[^\r\n]*,rejected row,/g)).toHaveLength(6);

  // Re-importing the same file merges instead of duplicating.
  await data.pick([fixture('github', 'gh-pr-list.json')]);
  await expect(data.fileState('gh-pr-list.json')).toHaveText('Ready');
  await data.startButton.click();
  await expect(data.reportRow('gh-pr-list.json').getByTestId('import-report-outcome')).toHaveText('No changes');
  await expect(page.getByTestId('table-count-pull_requests')).toContainText('5');

  await data.tab('history');
  await expect(page.getByTestId('history-row')).toHaveCount(5);
  await expect(page.locator('[data-testid="history-row"][data-name="unmapped-tickets.csv"]')).toContainText('Help desk');
  app.expectNoConsoleErrors();
});

test('org map: an unknown author gets a team and seniority, and the Teams view follows', async ({ page }) => {
  const { app, data } = await newWorkspace(page);
  await data.open('import');
  await data.pick([fixture('github', 'gh-pr-list.json')]);
  await expect(data.fileState('gh-pr-list.json')).toHaveText('Ready');
  await data.startButton.click();
  await expect(page.getByTestId('import-report')).toBeVisible();

  await data.tab('org');
  await expect(page.getByTestId('org-unknowns')).toBeVisible();
  await expect(data.unknown('person', 'cy')).toContainText('1 PR');
  await expect(data.unknown('repo', 'acme/payments-api')).toContainText('4 PRs');
  await expect(page.getByTestId('org-table')).toHaveCount(0);

  await data.mapUnknown('person', 'cy', 'Platform', 'staff');
  await expect(data.unknown('person', 'cy')).toHaveCount(0);
  await expect(data.orgRow('person', 'cy').getByTestId('org-row-team')).toHaveText('Platform');
  await expect(data.orgRow('person', 'cy')).toContainText('staff');
  await data.mapUnknown('repo', 'acme/payments-api', 'Payments');
  await expect(data.orgRow('repo', 'acme/payments-api')).toContainText('Payments');

  // Edit in place: move the repo to Platform.
  await data.orgRow('repo', 'acme/payments-api').getByRole('button', { name: /Edit/ }).click();
  const teamInput = data.orgRow('repo', 'acme/payments-api').getByLabel('Team of acme/payments-api');
  await teamInput.fill('Platform');
  await teamInput.press('Enter');
  await expect(data.orgRow('repo', 'acme/payments-api').getByTestId('org-row-team')).toHaveText('Platform');

  await app.open('teams');
  await expect(page.locator('[data-testid="team-row"][data-team="platform"]')).toBeVisible();
  await expect(page.locator('[data-testid="team-row"][data-team="payments"]')).toHaveCount(0);

  // The map exports as the org-map CSV.
  await data.open('org');
  const download = page.waitForEvent('download');
  await page.getByTestId('org-export').click();
  const csv = readFileSync(await (await download).path(), 'utf8');
  expect(csv).toContain('type,key,team,seniority');
  expect(csv).toContain('person,cy,Platform,staff');
  app.expectNoConsoleErrors();
});

test('AI rules: the live count follows the pattern as it is typed, and saving recomputes', async ({ page }) => {
  const { app, data } = await newWorkspace(page);
  await data.open('import');
  await data.pick([fixture('github', 'gh-pr-list.json')]);
  await data.startButton.click();
  await expect(page.getByTestId('import-report')).toBeVisible();

  await data.tab('rules');
  const summary = page.getByTestId('rules-summary');
  await expect(summary).toContainText('of 4 PRs');
  const before = Number((await summary.locator('.dv-big').innerText()).replace(/\D/g, ''));
  await expect(data.rule('label-ai-assisted').getByTestId('rule-prs')).toHaveText('1');

  // Editing a stored rule shows what the edit would match before anything is saved.
  await data.rule('label-ai-assisted').getByTestId('rule-edit').click();
  await expect(data.liveCount).toHaveText('1');
  await data.ruleEditor.getByTestId('rule-pattern').fill('no-such-label');
  await expect(data.liveCount).toHaveText('0');
  await expect(data.ruleEditor.getByTestId('rule-live')).toContainText('saved version: 1');
  await data.ruleEditor.getByRole('button', { name: 'Cancel' }).click();

  // A new rule: the count moves with the pattern; an invalid one says why.
  await page.getByTestId('rules-add').click();
  await data.ruleEditor.getByTestId('rule-kind').selectOption('trailer');
  await data.ruleEditor.getByTestId('rule-pattern').fill('(unclosed');
  await expect(data.ruleEditor.getByTestId('rule-live')).toContainText('not a valid regular expression');
  await expect(data.ruleEditor.getByTestId('rule-save')).toBeDisabled();
  await data.ruleEditor.getByTestId('rule-kind').selectOption('branch_prefix');
  await data.ruleEditor.getByTestId('rule-pattern').fill('spikes/');
  await expect(data.liveCount).toHaveText('0');
  await data.ruleEditor.getByTestId('rule-pattern').fill('spi');
  await expect(data.liveCount).toHaveText('1');
  await data.ruleEditor.getByTestId('rule-save').click();
  await expect(data.ruleEditor).toHaveCount(0);
  await expect(data.rule('branch-prefix-spi').getByTestId('rule-prs')).toHaveText('1');
  await expect(summary.locator('.dv-big')).toHaveText(String(before + 1));

  // Disabling it recomputes again.
  await data.rule('branch-prefix-spi').getByTestId('rule-enabled').click();
  await expect(data.rule('branch-prefix-spi').getByTestId('rule-enabled')).not.toBeChecked();
  await expect(summary.locator('.dv-big')).toHaveText(String(before));
  app.expectNoConsoleErrors();
});

test('GitHub: token, repo picker, sync with progress against a local GitHub, last synced per repo', async ({ page }) => {
  github = await startMockGitHub();
  const { app, data } = await newWorkspace(page);
  await data.open('github');
  await expect(page.getByTestId('github-status')).toContainText('has not been synced');
  await expect(page.getByTestId('github-sync-now')).toBeDisabled();

  await page.getByTestId('github-token-input').fill(TOKEN);
  await page.getByTestId('github-token-save').click();
  await expect(page.getByTestId('github-token-status')).toContainText('A token is set');
  await page.getByTestId('github-org').fill('acme');
  await page.getByTestId('github-base-url').fill(github.api);

  // SAML SSO: the failure says what to do and links to the authorisation page.
  github.fail((r) => r.pathname === '/orgs/acme/repos', 1, respond.status(403, { message: 'Resource protected by organization SAML enforcement.' }, { 'x-github-sso': 'required; url=https://github.com/orgs/acme/sso?authorization_request=abc' }));
  await page.getByTestId('github-list-repos').click();
  await expect(page.getByTestId('github-repos-error')).toContainText(/SSO|single sign-on|SAML/i);
  await expect(page.getByTestId('github-sso-link')).toHaveAttribute('href', 'https://github.com/orgs/acme/sso?authorization_request=abc');

  await page.getByTestId('github-list-repos').click();
  const repos = page.getByTestId('github-repo');
  await expect(repos).toHaveCount(2); // forks are left out
  await expect(page.locator('[data-testid="github-repo"][data-repo="acme/api"]')).toBeChecked();
  await page.locator('[data-testid="github-repo"][data-repo="acme/web"]').uncheck();
  await page.getByRole('checkbox', { name: 'Copilot usage reports' }).uncheck();

  // GitHub asks to slow down once: the progress shows the wait counting down, then the sync goes on.
  github.fail((r) => r.pathname === '/repos/acme/api/pulls', 1, respond.status(403, { message: 'You have exceeded a secondary rate limit.' }, { 'retry-after': '3' }));
  await expect(page.getByTestId('github-sync-now')).toHaveText('Sync 1 repository');
  await page.getByTestId('github-sync-now').click();
  await expect(page.getByTestId('github-progress')).toBeVisible();
  await expect(page.getByTestId('github-waiting')).toContainText(/resuming in \d:\d\d/);
  await expect(page.getByTestId('github-report')).toContainText('Synced', { timeout: 60_000 });
  await expect(page.locator('[data-testid="github-status-row"][data-repo="acme/api"]')).toContainText('Up to date');
  await expect(page.locator('[data-testid="github-status-row"][data-repo="acme/web"]')).toHaveCount(0);
  expect(github.paths(/^\/repos\/acme\/web/)).toEqual([]);

  // The synced PRs are in the workspace and in the import history as github-api imports.
  await data.tab('import');
  await expect(page.getByTestId('table-count-pull_requests')).toContainText('2');
  await data.tab('history');
  await expect(page.getByTestId('history-row').first()).toContainText('GitHub sync');
  app.expectNoConsoleErrors();
});
