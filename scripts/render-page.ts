/**
 * Where headless exports find the chart render page (renderer/render.html, built): the browser-mode
 * build in out/web when it is newer than the figure sources, else a render-only build in out/render,
 * made here on first use (a few seconds) so `npm run cli -- deck` works on a fresh checkout.
 */
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const rendererRoot = join(repoRoot, 'renderer');

/** Everything the render page is built from. */
const SOURCES = [join(rendererRoot, 'render.html'), join(rendererRoot, 'src', 'render'), join(rendererRoot, 'src', 'figures'), join(rendererRoot, 'src', 'lib'), join(repoRoot, 'shared')];

async function newestMtime(path: string): Promise<number> {
  const info = await stat(path).catch(() => null);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  let newest = info.mtimeMs;
  for (const entry of entries) newest = Math.max(newest, await newestMtime(join(path, entry)));
  return newest;
}

async function isFresh(dir: string, sourcesMtime: number): Promise<boolean> {
  const page = join(dir, 'render.html');
  if (!existsSync(page)) return false;
  return (await stat(page)).mtimeMs >= sourcesMtime;
}

export async function ensureRenderPage(log: (text: string) => void = () => undefined): Promise<string> {
  const sources = Math.max(...(await Promise.all(SOURCES.map(newestMtime))));
  const web = join(repoRoot, 'out', 'web');
  if (await isFresh(web, sources)) return web;
  const own = join(repoRoot, 'out', 'render');
  if (await isFresh(own, sources)) return own;
  log('Building the chart render page (once, after the charts change)…');
  const [{ build }, { rendererBuild, rendererPlugins }] = await Promise.all([import('vite'), import('../renderer/vite.config')]);
  await build({
    configFile: false,
    root: rendererRoot,
    base: './',
    logLevel: 'warn',
    plugins: rendererPlugins(),
    build: { ...rendererBuild, outDir: own, emptyOutDir: true, rolldownOptions: { input: { render: join(rendererRoot, 'render.html') } } },
  });
  return own;
}
