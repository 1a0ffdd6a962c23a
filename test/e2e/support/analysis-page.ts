import { expect, type Locator, type Page } from '@playwright/test';
import type { AppPage } from './app-page';

/** Page object for the analysis views (Overview, AI & Quality, Delivery, Customers, Teams): filters, numbers, drill-down. */
export class AnalysisPage {
  constructor(
    readonly app: AppPage,
    readonly page: Page = app.page,
  ) {}

  /** The global team filter of the view on screen ('' = all teams). */
  get teamFilter(): Locator {
    return this.page.getByTestId('filter-team');
  }

  get rangeFilter(): Locator {
    return this.page.getByTestId('filter-range');
  }

  async setTeam(teamId: string): Promise<void> {
    await this.teamFilter.selectOption(teamId);
  }

  /** A headline number as a number ("1,489" → 1489, "8.6%" → 8.6). */
  async headlineNumber(key: string): Promise<number> {
    const text = await this.app.headlineValue(key).innerText();
    return Number(text.replace(/[^\d.-]/g, ''));
  }

  effect(outcome: string): Locator {
    return this.page.getByTestId(`effect-${outcome}`);
  }

  get coverage(): Locator {
    return this.page.getByTestId('coverage');
  }

  get drilldown(): Locator {
    return this.page.getByTestId('drilldown');
  }

  get drillRows(): Locator {
    return this.drilldown.getByTestId('drilldown-row');
  }

  get drillTotal(): Locator {
    return this.drilldown.getByTestId('drilldown-total');
  }

  /** Wait for the panel to list its rows (or say it has none). */
  async expectDrillLoaded(): Promise<void> {
    await expect(this.drilldown).toBeVisible();
    await expect(this.drillRows.first().or(this.drilldown.getByTestId('drilldown-empty'))).toBeVisible();
  }

  /** Click the `index`-th bar of a chart's first bar trace, as a user clicks a month. */
  async clickBar(chartId: string, index: number): Promise<void> {
    await this.app.expectChartDrawn(chartId);
    const bar = this.app.chart(chartId).locator('g.trace.bars path').nth(index);
    await expect(bar).toBeAttached();
    // Plotly's drag layer lies over the bars and turns the click into plotly_click.
    await bar.click({ force: true });
  }

  async closeDrillWithEscape(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.drilldown).toHaveCount(0);
  }
}
