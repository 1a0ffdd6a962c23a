import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { MockGitHub, type MockData } from '../../analytics/github-sync/mock-github';
import type { AppPage } from './app-page';
import { repoRoot } from './paths';

export const fixture = (...parts: string[]) => join(repoRoot, 'test', 'fixtures', ...parts);

export type DataTab = 'import' | 'history' | 'org' | 'rules' | 'coverage' | 'github';

/** Page object for the Data view (import wizard, history, org map, AI rules, coverage, GitHub). */
export class DataPage {
  constructor(
    readonly app: AppPage,
    readonly page: Page = app.page,
  ) {}

  /** Create (and open) a new, empty workspace through the workspace menu. */
  async createWorkspace(path: string): Promise<void> {
    await this.app.openPathDialog('menu-new');
    await this.app.submitPath(path);
    await expect(this.app.workspaceName).toHaveText(basename(path, '.duckdb'));
  }

  async open(tab: DataTab = 'import'): Promise<void> {
    await this.app.open('data');
    await this.tab(tab);
  }

  async tab(tab: DataTab): Promise<void> {
    await this.page.getByTestId(`data-tab-${tab}`).click();
    await expect(this.page.getByTestId(`data-panel-${tab}`)).toBeVisible();
  }

  // ── Import wizard

  /** Pick files with the file chooser behind "Choose files…". */
  async pick(paths: string[]): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.page.getByTestId('import-pick').click();
    await (await chooser).setFiles(paths);
  }

  /** Drop a file onto the drop zone, as dragging it from the desktop does. */
  async drop(path: string): Promise<void> {
    // Built in the page (this file compiles without DOM types, hence the script text).
    const file = { name: basename(path), content: readFileSync(path, 'utf8') };
    const dataTransfer = await this.page.evaluateHandle(
      `(() => { const dt = new DataTransfer(); dt.items.add(new File([${JSON.stringify(file.content)}], ${JSON.stringify(file.name)}, { type: 'text/csv' })); return dt; })()`,
    );
    const zone = this.page.getByTestId('import-dropzone');
    await zone.dispatchEvent('dragenter', { dataTransfer });
    await zone.dispatchEvent('dragover', { dataTransfer });
    await zone.dispatchEvent('drop', { dataTransfer });
  }

  file(name: string): Locator {
    return this.page.locator(`[data-testid="import-file"][data-name="${name}"]`);
  }

  fileState(name: string): Locator {
    return this.file(name).getByTestId('import-file-state');
  }

  async expectDetected(name: string, format: RegExp): Promise<void> {
    await expect(this.file(name).getByTestId('import-file-format')).toHaveText(format);
  }

  get startButton(): Locator {
    return this.page.getByTestId('import-start');
  }

  /** Record whether a per-file progress bar was ever shown (imports of small fixtures are quick). */
  async watchProgress(): Promise<() => Promise<boolean>> {
    await this.page.evaluate(`(() => {
      window.__sawImportProgress = false;
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="import-file-progress"] [role="progressbar"]')) window.__sawImportProgress = true;
      }).observe(document.body, { childList: true, subtree: true });
    })()`);
    return async () => (await this.page.evaluate('window.__sawImportProgress === true')) === true;
  }

  reportRow(name: string): Locator {
    return this.page.locator(`[data-testid="import-report-row"][data-name="${name}"]`);
  }

  /** The details row under a report row (rejects or the failure). */
  reportDetail(name: string): Locator {
    return this.reportRow(name).locator('xpath=following-sibling::tr[1]');
  }

  // ── Org map

  unknown(type: string, key: string): Locator {
    return this.page.locator(`[data-testid="org-unknown"][data-type="${type}"][data-key="${key}"]`);
  }

  orgRow(type: string, key: string): Locator {
    return this.page.locator(`[data-testid="org-row"][data-type="${type}"][data-key="${key}"]`);
  }

  async mapUnknown(type: string, key: string, team: string, seniority?: string): Promise<void> {
    const row = this.unknown(type, key);
    await row.getByTestId('org-unknown-team').fill(team);
    if (seniority) await row.getByTestId('org-unknown-seniority').selectOption(seniority);
    await row.getByTestId('org-unknown-map').click();
  }

  // ── AI rules

  rule(id: string): Locator {
    return this.page.locator(`[data-testid="rule-row"][data-rule="${id}"]`);
  }

  get ruleEditor(): Locator {
    return this.page.getByTestId('rule-editor');
  }

  get liveCount(): Locator {
    return this.ruleEditor.getByTestId('rule-live-prs');
  }
}

/** A small org for the mock GitHub server: two repos (and a fork), merged PRs with AI markers, a deployment. */
export function mockOrg(): MockData {
  const now = Date.now();
  const iso = (daysAgo: number) => new Date(now - daysAgo * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const ana = { login: 'ana' };
  const bo = { login: 'bo' };
  const commit = (sha: string, message: string, who: { login: string }, daysAgo: number) => ({ sha: sha.padEnd(40, '0'), message, author: who, name: who.login, email: `${who.login}@acme.test`, date: iso(daysAgo) });
  const c1 = commit('a1', 'Add login\n\nCo-authored-by: Claude <noreply@anthropic.com>', ana, 12);
  const c2 = commit('a2', 'Fix session timeout', bo, 8);
  const pull = (number: number, title: string, user: { login: string }, daysAgo: number, commits: ReturnType<typeof commit>[]) => ({
    number,
    title,
    user,
    state: 'closed' as const,
    created_at: iso(daysAgo + 1),
    updated_at: iso(daysAgo),
    merged_at: iso(daysAgo),
    closed_at: iso(daysAgo),
    additions: 40 * number,
    deletions: 3,
    changed_files: 2,
    head: `feature/${number}`,
    merge_commit_sha: commits[0]!.sha,
    reviews: [{ id: 100 + number, user: user === ana ? bo : ana, state: 'APPROVED', submitted_at: iso(daysAgo) }],
    commits,
  });
  return {
    org: 'acme',
    repos: [
      {
        name: 'api',
        pulls: [pull(1, 'Add login', ana, 12, [c1]), pull(2, 'Fix session timeout', bo, 8, [c2])],
        commits: [c1, c2],
        deployments: [{ id: 9001, sha: c1.sha, ref: 'main', environment: 'production', created_at: iso(11), statuses: [{ id: 1, state: 'success', created_at: iso(11) }] }],
      },
      { name: 'web', pulls: [pull(1, 'Landing page', bo, 5, [commit('b1', 'Landing page', bo, 5)])], commits: [], deployments: [] },
      { name: 'api-fork', fork: true, pulls: [], commits: [], deployments: [] },
    ],
    copilot: null,
  };
}

export async function startMockGitHub(): Promise<MockGitHub> {
  return MockGitHub.start(mockOrg());
}
