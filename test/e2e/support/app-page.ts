import { expect, type Locator, type Page } from '@playwright/test';

export const views = ['overview', 'ai-quality', 'delivery', 'customers', 'teams', 'scenarios', 'data', 'settings'] as const;
export type View = (typeof views)[number];

/** Page object for the Undertow shell; selectors are the renderer's data-testids. */
export class AppPage {
  readonly consoleErrors: string[] = [];

  constructor(readonly page: Page) {
    page.on('console', (msg) => {
      if (msg.type() === 'error') this.consoleErrors.push(msg.text());
    });
    page.on('pageerror', (err) => this.consoleErrors.push(`pageerror: ${err.message}`));
  }

  async goto(url: string): Promise<void> {
    await this.page.goto(url);
  }

  nav(view: View): Locator {
    return this.page.getByTestId(`nav-${view}`);
  }

  view(view: View): Locator {
    return this.page.getByTestId(`view-${view}`);
  }

  async open(view: View): Promise<void> {
    await this.nav(view).click();
    await expect(this.view(view)).toBeVisible();
  }

  get workspaceName(): Locator {
    return this.page.getByTestId('workspace-name');
  }

  get workspaceRange(): Locator {
    return this.page.getByTestId('workspace-range');
  }

  headlineValue(key: string): Locator {
    return this.page.getByTestId(`headline-${key}`).getByTestId('headline-value');
  }

  chart(id: string): Locator {
    return this.page.getByTestId(`chart-${id}`);
  }

  /** Wait until a chart container holds a rendered Plotly figure with drawn data. */
  async expectChartDrawn(id: string): Promise<void> {
    const chart = this.chart(id);
    await expect(chart.locator('.js-plotly-plot')).toBeVisible();
    // Plotly draws each trace as g.trace holding bar paths or line paths.
    await expect(chart.locator('g.trace path').first()).toBeAttached();
    expect(await chart.locator('g.trace').count()).toBeGreaterThan(0);
  }

  async openPathDialog(item: 'menu-open' | 'menu-new'): Promise<Locator> {
    await this.page.getByTestId('workspace-menu').click();
    await this.page.getByTestId(item).click();
    const dialog = this.page.getByTestId('path-dialog');
    await expect(dialog).toBeVisible();
    return dialog;
  }

  async submitPath(path: string): Promise<void> {
    await this.page.getByTestId('path-input').fill(path);
    await this.page.getByTestId('path-submit').click();
  }

  expectNoConsoleErrors(): void {
    expect(this.consoleErrors, this.consoleErrors.join('\n')).toEqual([]);
  }
}
