/**
 * The export renderer for the CLI and browser mode: Debian's Chromium driven headless by
 * playwright-core (never a downloaded browser). It loads the built render page (render.html, a second
 * entry of the renderer build) from a made-up origin that is served from disk by request
 * interception, so nothing touches the network, and draws figures with the renderer's own builders.
 */
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { Browser } from 'playwright-core';
import { RENDER_FUNCTION, type RenderRequest } from '../../shared/export';
import { UndertowError } from '../errors';
import { dataUrlBytes, type ExportRenderer } from './renderer';

/** Served by interception only: `.invalid` can never resolve (RFC 2606). */
const ORIGIN = 'http://undertow-render.invalid';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu', '--no-first-run'];

export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.UNDERTOW_CHROMIUM || '/usr/bin/chromium';
}

const contentTypes: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml' };

export interface HeadlessOptions {
  /** Directory holding the built render.html and its assets (out/web). */
  pageDir: string;
  executablePath?: string;
}

export async function headlessChromiumRenderer(options: HeadlessOptions): Promise<ExportRenderer> {
  const { chromium } = await import('playwright-core');
  const executablePath = options.executablePath ?? chromiumPath();
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  } catch (err) {
    throw new UndertowError(
      'unsupported',
      `Could not start Chromium at ${executablePath} to draw the charts (${err instanceof Error ? err.message.split('\n')[0] : String(err)}). Install it (apt-get install chromium) or set UNDERTOW_CHROMIUM to its path.`,
    );
  }
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, offline: false });
  const root = resolve(options.pageDir);
  // Everything the page asks for comes from the page directory or nowhere.
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== ORIGIN) return route.abort('blockedbyclient');
    const file = resolve(root, decodeURIComponent(url.pathname).replace(/^\/+/, ''));
    if (!file.startsWith(root + sep)) return route.abort('accessdenied');
    try {
      return await route.fulfill({ status: 200, body: await readFile(file), headers: { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream' } });
    } catch {
      return route.fulfill({ status: 404, body: 'not found' });
    }
  });

  let renderPage: Awaited<ReturnType<typeof context.newPage>> | null = null;
  const pageErrors: string[] = [];
  const openRenderPage = async () => {
    if (renderPage) return renderPage;
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(`${ORIGIN}/render.html`);
    try {
      await page.waitForFunction((name) => typeof (globalThis as unknown as Record<string, unknown>)[name] === 'function', RENDER_FUNCTION, { timeout: 30_000 });
    } catch {
      throw new UndertowError('internal', `The chart render page did not start${pageErrors.length ? `: ${pageErrors.join('; ')}` : ''}. Rebuild it with \`npm run build:web\`.`);
    }
    renderPage = page;
    return page;
  };

  return {
    async renderFigures(requests: RenderRequest[]) {
      if (requests.length === 0) return [];
      const page = await openRenderPage();
      const urls = await page.evaluate(
        async ({ name, requests }) => {
          const fn = (globalThis as unknown as Record<string, (r: unknown) => Promise<string[]>>)[name]!;
          return fn(requests);
        },
        { name: RENDER_FUNCTION, requests },
      );
      return urls.map(dataUrlBytes);
    },
    async htmlToPdf(html, size) {
      const page = await context.newPage();
      try {
        await page.setContent(html, { waitUntil: 'load' });
        return await page.pdf({ width: `${size.widthIn}in`, height: `${size.heightIn}in`, printBackground: true, margin: { top: '0', right: '0', bottom: '0', left: '0' }, preferCSSPageSize: true });
      } finally {
        await page.close();
      }
    },
    async close() {
      await browser.close();
    },
  };
}
