import { expect, type Download, type Locator, type Page } from '@playwright/test';

export type ChartExport = 'png-screen' | 'png-slide' | 'svg' | 'csv' | 'copy';

/** Page object for exports: a chart's export menu and the header's board-deck dialog. */
export class ExportPage {
  constructor(readonly page: Page) {}

  chartMenuButton(chartId: string): Locator {
    return this.page.getByTestId(`chart-export-${chartId}`);
  }

  /** Open a chart's export menu, choose an item and wait for the file it downloads. */
  async exportChart(chartId: string, action: Exclude<ChartExport, 'copy'>): Promise<Download> {
    await this.page.getByTestId(`chart-${chartId}`).hover();
    await this.chartMenuButton(chartId).click();
    const downloading = this.page.waitForEvent('download');
    await this.page.getByTestId(`chart-${chartId}`).getByTestId(`chart-export-${action}`).click();
    return downloading;
  }

  get deckDialog(): Locator {
    return this.page.getByTestId('deck-dialog');
  }

  async openDeckDialog(): Promise<void> {
    await this.page.getByTestId('export-menu').click();
    await this.page.getByTestId('export-deck').click();
    await expect(this.deckDialog).toBeVisible();
  }

  /** Export the deck in the chosen formats and wait for one download per format. */
  async exportDeck(formats: Array<'pptx' | 'pdf'>): Promise<Download[]> {
    for (const format of ['pptx', 'pdf'] as const) {
      const box = this.deckDialog.getByTestId(`deck-format-${format}`);
      if ((await box.isChecked()) !== formats.includes(format)) await box.click();
    }
    const downloads: Download[] = [];
    const onDownload = (d: Download) => downloads.push(d);
    this.page.on('download', onDownload);
    try {
      await this.deckDialog.getByTestId('deck-submit').click();
      await expect(this.deckDialog.getByTestId('deck-result')).toBeVisible({ timeout: 80_000 });
      await expect.poll(() => downloads.length).toBe(formats.length);
    } finally {
      this.page.off('download', onDownload);
    }
    return downloads;
  }
}
