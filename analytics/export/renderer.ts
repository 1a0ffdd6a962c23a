/**
 * What an export needs from a browser engine, passed in by each adapter so the engine stays plain
 * Node (no Electron, no DOM): headless Chromium for the CLI and browser mode
 * (headless-chromium.ts), a hidden window in the desktop shell (electron/main/export-renderer.ts).
 */
import type { RenderRequest } from '../../shared/export';

export interface ExportRenderer {
  /** Each figure as PNG or SVG bytes, in request order. */
  renderFigures(requests: RenderRequest[]): Promise<Buffer[]>;
  /** A PDF of a self-contained HTML document (no scripts, images as data URLs), one page size for all pages. */
  htmlToPdf(html: string, page: { widthIn: number; heightIn: number }): Promise<Buffer>;
  close(): Promise<void>;
}

/** Started on the first export that needs it; the adapter decides how (and keeps nothing alive between exports). */
export type ExportRendererFactory = () => Promise<ExportRenderer>;

/** A data URL from Plotly.toImage → the file's bytes. */
export function dataUrlBytes(url: string): Buffer {
  const comma = url.indexOf(',');
  if (!url.startsWith('data:') || comma < 0) throw new Error(`the chart renderer answered something other than a data URL (${url.slice(0, 40)}…)`);
  const head = url.slice(5, comma);
  const body = url.slice(comma + 1);
  return head.endsWith(';base64') ? Buffer.from(body, 'base64') : Buffer.from(decodeURIComponent(body), 'utf8');
}

/** What a shell offers exports (SessionEnv.exports): a chart renderer, and the desktop's extras. */
export interface ExportShell {
  renderer: ExportRendererFactory;
  /** Desktop: the app window printed to PDF (Electron printToPDF). */
  printWindowToPdf?: () => Promise<Buffer>;
  /** Desktop: a PNG onto the system clipboard. */
  writeClipboardImage?: (png: Buffer) => void | Promise<void>;
}
