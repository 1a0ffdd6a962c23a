import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererBuild, rendererPlugins } from './renderer/vite.config';
import { sqlText } from './scripts/vite-sql';

const root = import.meta.dirname;

/**
 * The desktop build: main (ESM, package.json is "type": "module"), the sandboxed preload (one
 * self-contained CommonJS file: a sandboxed preload cannot load other files) and the renderer built
 * exactly like browser mode's, into out/.
 */
export default defineConfig({
  main: {
    // analytics/ imports its fixed SQL as text (`import q from './q.sql'`): inline it.
    plugins: [sqlText()],
    build: {
      outDir: resolve(root, 'out/main'),
      // Production dependencies (DuckDB's native bindings above all) stay in node_modules.
      externalizeDeps: true,
      // The scenario Monte Carlo's worker thread is its own entry: analytics/scenarios/parallel.ts
      // starts out/main/scenario-worker.js from the bundle.
      rolldownOptions: { input: { index: resolve(root, 'electron/main/index.ts'), 'scenario-worker': resolve(root, 'analytics/scenarios/worker.ts') } },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // Bundle everything: the sandbox's require() knows only 'electron' and a few built-ins.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: rendererPlugins(),
    build: {
      ...rendererBuild,
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: { input: { index: resolve(root, 'renderer/index.html'), render: resolve(root, 'renderer/render.html') } },
    },
  },
});
