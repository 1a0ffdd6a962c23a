/**
 * Exports in the desktop shell (docs/exporting.md): charts drawn by the built render page in a hidden,
 * sandboxed window without a preload (it can never call the engine), PDFs printed with printToPDF,
 * and images put on the system clipboard. The engine receives these as plain functions
 * (SessionEnv.exports), so it never imports Electron.
 */
import { BrowserWindow, ClipboardItem, clipboard } from 'electron';
import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataUrlBytes, type ExportRenderer, type ExportShell } from '../../analytics/export/renderer';
import { RENDER_FUNCTION, type RenderRequest } from '../../shared/export';

/** Where the render page is: the built file, or the dev server's URL under `electron-vite dev`. */
export type RenderPage = { kind: 'file'; path: string } | { kind: 'url'; url: string };

function hiddenWindow(javascript: boolean): BrowserWindow {
  return new BrowserWindow({
    show: false,
    width: 1280,
    height: 800,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript, spellcheck: false, backgroundThrottling: false },
  });
}

async function printHtml(html: string, size: { widthIn: number; heightIn: number }): Promise<Buffer> {
  // A file, not a data: URL: decks with images are megabytes.
  const file = join(tmpdir(), `undertow-print-${randomBytes(6).toString('hex')}.html`);
  await writeFile(file, html);
  const win = hiddenWindow(false);
  try {
    await win.loadFile(file);
    return await win.webContents.printToPDF({ pageSize: { width: size.widthIn, height: size.heightIn }, printBackground: true, margins: { top: 0, bottom: 0, left: 0, right: 0 }, preferCSSPageSize: true });
  } finally {
    win.destroy();
    await rm(file, { force: true });
  }
}

async function renderer(page: RenderPage): Promise<ExportRenderer> {
  const win = hiddenWindow(true);
  await (page.kind === 'file' ? win.loadFile(page.path) : win.loadURL(page.url));
  const ready = await win.webContents.executeJavaScript(`typeof window[${JSON.stringify(RENDER_FUNCTION)}] === 'function'`);
  if (!ready) {
    win.destroy();
    throw new Error('the chart render page did not start');
  }
  return {
    async renderFigures(requests: RenderRequest[]) {
      const urls = (await win.webContents.executeJavaScript(`window[${JSON.stringify(RENDER_FUNCTION)}](${JSON.stringify(requests)})`)) as string[];
      return urls.map(dataUrlBytes);
    },
    htmlToPdf: printHtml,
    async close() {
      if (!win.isDestroyed()) win.destroy();
    },
  };
}

export function desktopExportShell(page: RenderPage): ExportShell {
  return {
    renderer: () => renderer(page),
    async printWindowToPdf() {
      const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows().find((w) => w.isVisible());
      if (!win) throw new Error('no window to print');
      return win.webContents.printToPDF({ printBackground: true, landscape: true, pageSize: 'A4', margins: { top: 0.4, bottom: 0.4, left: 0.4, right: 0.4 } });
    },
    async writeClipboardImage(png: Buffer) {
      await clipboard.write([new ClipboardItem({ 'image/png': new Blob([png], { type: 'image/png' }) })]);
    },
  };
}
