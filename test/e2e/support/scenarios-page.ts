import { expect, type Locator, type Page } from '@playwright/test';
import { AppPage } from './app-page';

/** Page object for the Scenarios view (renderer/src/views/ScenariosView.tsx). */
export class ScenariosPage {
  readonly app: AppPage;

  constructor(readonly page: Page) {
    this.app = new AppPage(page);
  }

  get view(): Locator {
    return this.app.view('scenarios');
  }

  get runStatus(): Locator {
    return this.page.getByTestId('scenario-run-status');
  }

  async open(): Promise<void> {
    await this.app.open('scenarios');
  }

  /** Wait until the full run of the current draft is on screen. */
  async waitForFullRun(): Promise<void> {
    await expect(this.runStatus).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
    await expect(this.page.getByTestId('scenario-fans')).toHaveAttribute('data-draws', '2000');
  }

  /** The median difference from the baseline in one cell of the quarterly table. */
  async deltaMedian(metric: string, quarter: string): Promise<number> {
    return Number(await this.page.getByTestId(`quarter-cell-${metric}-${quarter}`).getAttribute('data-p50'));
  }

  /** The first quarter shown in the quarterly table (e.g. 2027Q1). */
  async firstQuarter(): Promise<string> {
    const id = await this.page.locator('[data-testid^="quarter-cell-incidents-"]').first().getAttribute('data-testid');
    return id!.replace('quarter-cell-incidents-', '');
  }

  /** A drawn fan chart's trace values, read back from Plotly's own data on the plot element. */
  async chartSeries(metric: string, name: string): Promise<{ y: number[]; p5: number[] }> {
    const chart = this.app.chart(`scenario-${metric}`);
    // Charts take a new figure one at a time (StaggeredChart): wait for this one to have the latest.
    await expect(this.page.locator('.staggered-chart[data-current="true"]', { has: chart })).toHaveCount(1);
    await this.app.expectChartDrawn(`scenario-${metric}`);
    return chart.locator('.js-plotly-plot').evaluate((el, traceName) => {
      const data = (el as unknown as { data: { name?: string; y?: number[]; fill?: string; legendgroup?: string }[] }).data;
      const median = data.find((t) => t.name === traceName);
      const lower = data.find((t) => t.fill === 'tonexty' && t.legendgroup === median?.legendgroup);
      return { y: median?.y ?? [], p5: lower?.y ?? [] };
    }, name);
  }

  /** Move the cap slider with the keyboard, as a user would without a mouse. */
  async setCapWithKeyboard(key: 'Home' | 'End' | 'ArrowLeft' | 'ArrowRight', times = 1): Promise<void> {
    const slider = this.page.getByTestId('lever-cap-share');
    await slider.focus();
    for (let i = 0; i < times; i++) await slider.press(key);
  }

  async setCapPercent(percent: number): Promise<void> {
    const input = this.page.getByTestId('lever-cap-share-input');
    await input.fill(String(percent));
    await input.press('Enter');
  }

  savedRow(name: string): Locator {
    return this.page.locator(`[data-testid="saved-row"][data-name="${name}"]`);
  }

  get savedNames(): Locator {
    return this.page.getByTestId('saved-row').locator('.saved-name');
  }

  async saveAs(name: string): Promise<void> {
    await this.page.getByTestId('scenario-save-as').click();
    await this.page.getByTestId('scenario-name-input').fill(name);
    await this.page.getByTestId('scenario-save-submit').click();
    await expect(this.savedRow(name)).toBeVisible();
  }

  async duplicate(name: string): Promise<void> {
    await this.savedRow(name).getByTestId('saved-duplicate').click();
  }

  async rename(from: string, to: string): Promise<void> {
    await this.savedRow(from).getByTestId('saved-rename').click();
    const input = this.page.getByTestId('scenario-rename-input');
    await input.fill(to);
    await input.press('Enter');
    await expect(this.savedRow(to)).toBeVisible();
  }

  async remove(name: string): Promise<void> {
    await this.savedRow(name).getByTestId('saved-delete').click();
    const dialog = this.page.getByTestId('scenario-delete-dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(name);
    await this.page.getByTestId('scenario-delete-confirm').click();
    await expect(dialog).toBeHidden();
  }

  async tab(id: 'projection' | 'compare' | 'replay'): Promise<void> {
    await this.page.getByTestId(`scn-tab-${id}`).click();
    await expect(this.page.getByTestId(`scenario-panel-${id}`)).toBeVisible();
  }
}
