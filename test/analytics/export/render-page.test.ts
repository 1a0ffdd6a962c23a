/**
 * Charts without the UI: the renderer's own figures drawn by Plotly in headless Chromium from the
 * built render page (built here first when stale), as PNG at 2x and SVG, and HTML printed to PDF.
 * Skipped, saying why, where Chromium is not installed.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, headlessChromiumRenderer } from '../../../analytics/export/headless-chromium';
import type { ExportRenderer } from '../../../analytics/export/renderer';
import { ensureRenderPage } from '../../../scripts/render-page';
import type { FigureRequest } from '../../../shared/export';
import { estimate, metricsRow } from '../../renderer/analysis-fixtures';
import { PNG_SIGNATURE, pngSize } from './png';

const chromium = chromiumPath();
const haveChromium = existsSync(chromium);
if (!haveChromium) console.warn(`Skipping the headless chart render checks: no Chromium at ${chromium} (apt-get install chromium, or set UNDERTOW_CHROMIUM).`);

describe.skipIf(!haveChromium)(haveChromium ? 'headless chart rendering' : `headless chart rendering — skipped: no Chromium at ${chromium}`, () => {
  let renderer: ExportRenderer;
  beforeAll(async () => {
    renderer = await headlessChromiumRenderer({ pageDir: await ensureRenderPage() });
  }, 240_000);
  afterAll(async () => {
    await renderer?.close();
  });

  it('draws a monthly figure as a 2x PNG and as SVG', async () => {
    const rows = ['2026-07', '2026-08', '2026-09', '2026-10'].map((p, i) => metricsRow(p, { incidents: 10 + i, changeFailureRate: 0.08 + i / 100 }));
    const figure: FigureRequest = { kind: 'series', builder: 'incidentsCfr', rows, inProgress: ['2026-10'] };
    const [png, svg] = await renderer.renderFigures([
      { figure, format: 'png', width: 800, height: 300, scale: 2, hideTitle: true },
      { figure, format: 'svg', width: 800, height: 300, scale: 1 },
    ]);
    expect(png!.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(pngSize(png!)).toEqual({ width: 1600, height: 600 });
    const text = svg!.toString('utf8');
    expect(text.startsWith('<svg')).toBe(true);
    expect(text).toContain('Incidents and change failure rate');
  }, 60_000);

  it('draws the effect estimates and prints HTML to PDF', async () => {
    const [png] = await renderer.renderFigures([{ figure: { kind: 'effects', effects: [estimate()] }, format: 'png', width: 600, height: 300, scale: 2 }]);
    expect(pngSize(png!)).toEqual({ width: 1200, height: 600 });
    const pdf = await renderer.htmlToPdf('<!doctype html><html><body><p>Board deck</p></body></html>', { widthIn: 13.333, heightIn: 7.5 });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);
});
