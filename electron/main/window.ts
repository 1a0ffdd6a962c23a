import { BrowserWindow } from 'electron';
import type { AppPage } from './policy';

export interface WindowOptions {
  page: AppPage;
  /** The built index.html (loaded when the page is not the dev server). */
  indexFile: string;
  /** The bundled, sandbox-compatible preload (one CommonJS file). */
  preload: string;
}

/** The app's window. Security flags are spelled out even where they are Electron's defaults. */
export function createMainWindow({ page, indexFile, preload }: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Undertow',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      // Chromium's spellchecker downloads dictionaries; the app makes no network calls of its own.
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  const loaded = page.kind === 'dev' ? window.loadURL(page.origin) : window.loadFile(indexFile);
  loaded.catch((err: unknown) => console.error('[undertow] the window failed to load its page:', err));
  return window;
}
