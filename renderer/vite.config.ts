import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type PluginOption, type UserConfig } from 'vite';
import { cspMetaTag } from '../scripts/csp.js';

const rendererRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * Plugins every renderer build uses (browser mode here, the desktop renderer in electron.vite.config.ts):
 * React, plus the strict CSP as a <meta> tag so pages loaded from file:// carry it too.
 */
export const rendererPlugins = (): PluginOption[] => [react(), cspMetaTag()];

/** Build options shared by both renderer builds. */
export const rendererBuild = {
  // Chromium 130+ in Electron and in browser mode: no down-levelling needed.
  target: 'es2022',
  // Plotly is one ~4.7 MB pre-minified chunk, loaded lazily by the chart component.
  chunkSizeWarningLimit: 5_000,
  // No inline <script>/<style> data URLs under the CSP; keep assets as files.
  assetsInlineLimit: 0,
  sourcemap: false,
} satisfies UserConfig['build'];

export default defineConfig({
  root: rendererRoot,
  // Relative asset URLs: Electron loads the built page from file://.
  base: './',
  plugins: rendererPlugins(),
  build: {
    ...rendererBuild,
    outDir: '../out/web',
    emptyOutDir: true,
    // render.html: the headless chart renderer exports use (docs/exporting.md).
    rolldownOptions: { input: { index: `${rendererRoot}index.html`, render: `${rendererRoot}render.html` } },
  },
});
