import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { expect, test } from '@playwright/test';
import { AppPage } from '../support/app-page';
import { ExportPage } from '../support/export-page';
import { startHost, type RunningHost } from '../support/host';

let host: RunningHost;
test.afterEach(async () => {
  await host?.stop();
});

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

test('a chart exports as a 2x PNG, a slide-sized PNG and its data as CSV', async ({ page }) => {
  host = await startHost();
  const app = new AppPage(page);
  const exports = new ExportPage(page);
  await app.goto(host.url);
  await app.expectChartDrawn('throughput-ai');

  const screen = await exports.exportChart('throughput-ai', 'png-screen');
  expect(screen.suggestedFilename()).toBe('undertow-throughput-ai.png');
  const png = readFileSync(await screen.path());
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  // Twice the plot's size on screen.
  const plot = await app.chart('throughput-ai').locator('.chart-plot').boundingBox();
  const size = pngSize(png);
  expect(Math.abs(size.width - 2 * plot!.width)).toBeLessThanOrEqual(2);
  expect(Math.abs(size.height - 2 * plot!.height)).toBeLessThanOrEqual(2);
  expect(png.length).toBeGreaterThan(20_000);

  const slide = readFileSync(await (await exports.exportChart('throughput-ai', 'png-slide')).path());
  expect(pngSize(slide)).toEqual({ width: 1920, height: 1080 });

  const csv = readFileSync(await (await exports.exportChart('throughput-ai', 'csv')).path(), 'utf8').replace(/^\uFEFF/, '');
  const lines = csv.trimEnd().split('\r\n');
  // One column per series the chart draws, one row per month.
  expect(lines[0]).toMatch(/^Period,.*AI share/);
  expect(lines.length).toBeGreaterThan(12);
  for (const line of lines.slice(1)) expect(line).toMatch(/^\d{4}-\d{2},/);
  app.expectNoConsoleErrors();
});

test('the board deck exports from the header as PPTX and PDF', async ({ page }) => {
  test.setTimeout(150_000);
  host = await startHost();
  const app = new AppPage(page);
  const exports = new ExportPage(page);
  await app.goto(host.url);
  await expect(app.workspaceName).toHaveText(/demo/i);

  await exports.openDeckDialog();
  const [pptx, pdf] = await exports.exportDeck(['pptx', 'pdf']);
  expect(pptx!.suggestedFilename()).toMatch(/^demo-board-deck-\d{4}-\d{2}-\d{2}\.pptx$/);
  const bytes = readFileSync(await pptx!.path());
  const zip = await JSZip.loadAsync(bytes);
  const slides = Object.keys(zip.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
  // Title, headlines, five charts, appendix A and B (the demo has no saved scenarios).
  expect(slides).toHaveLength(9);
  expect(await zip.file('ppt/slides/slide1.xml')!.async('string')).toContain('data as of');
  const media = Object.keys(zip.files).filter((n) => /^ppt\/media\/[^/]+\.png$/.test(n));
  expect(media.length).toBe(5);
  for (const m of media) expect((await zip.file(m)!.async('nodebuffer')).subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);

  expect(pdf!.suggestedFilename()).toMatch(/\.pdf$/);
  expect(readFileSync(await pdf!.path()).subarray(0, 5).toString()).toBe('%PDF-');
  await expect(exports.deckDialog.getByTestId('deck-result')).toContainText('9 slides');
  app.expectNoConsoleErrors();
});
