/**
 * Launches the built desktop app (out/, from `npx electron-vite build`) under Playwright's Electron
 * launcher, each launch with its own state directory. The app runs exactly as users get it: the
 * Chromium sandbox stays on (Playwright would otherwise add --no-sandbox on Linux).
 */
import { _electron as electron, type ConsoleMessage, type ElectronApplication, type Page } from '@playwright/test';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cachedDemo, repoRoot } from '../support/paths';

const electronDir = join(repoRoot, 'node_modules', 'electron');

/**
 * The Electron executable exists under node_modules/electron/dist (path.txt names it). Checked by
 * file only: require('electron') would start a download when it is missing. Same check as
 * scripts/start.mjs.
 */
function electronBinaryPresent(): boolean {
  const pathFile = join(electronDir, 'path.txt');
  const fallback = process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : process.platform === 'win32' ? 'electron.exe' : 'electron';
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : fallback;
  return executable !== '' && existsSync(join(electronDir, 'dist', executable));
}

export const hasElectronBinary = electronBinaryPresent();
export const NO_BINARY =
  'Electron binary not present under node_modules/electron/dist (it cannot be downloaded on this machine); the same journey runs in browser mode.';

/** Chromium will not start its sandbox as root, and these specs never turn the sandbox off. */
export const runningAsRoot = process.platform === 'linux' && process.getuid?.() === 0;
export const AS_ROOT = 'Running as root: Chromium refuses its sandbox as root and the desktop app never disables it; run the Electron specs as a normal user.';

export interface LaunchedApp {
  app: ElectronApplication;
  window: Page;
  stateDir: string;
  dir: string;
  /** console.error output of the main process. */
  mainErrors: string[];
  /** Quits the app the way a user does (before-quit closes the workspace). */
  quit(): Promise<void>;
  /** Quits if still running, then removes the temporary state. */
  dispose(): Promise<void>;
}

export async function launchApp(options: { args?: string[]; seedDemo?: boolean } = {}): Promise<LaunchedApp> {
  const entry = join(repoRoot, 'out', 'main', 'index.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npx electron-vite build\` before the Electron specs.`);
  const dir = mkdtempSync(join(tmpdir(), 'undertow-electron-'));
  const stateDir = join(dir, 'state');
  mkdirSync(stateDir, { recursive: true });
  // Global setup built the demo once; a copy saves each test the build (the app would build it otherwise).
  if (options.seedDemo !== false && existsSync(cachedDemo)) copyFileSync(cachedDemo, join(stateDir, 'demo.duckdb'));

  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  // The test must load the built page, never a dev server, and choose its own workspace.
  delete env.ELECTRON_RENDERER_URL;
  delete env.UNDERTOW_WORKSPACE;
  env.UNDERTOW_STATE_DIR = stateDir;

  // The app directory, as users run it: Electron reads package.json (name, version, main).
  const app = await electron.launch({ args: [repoRoot, ...(options.args ?? [])], cwd: repoRoot, env, chromiumSandbox: true });
  const mainErrors: string[] = [];
  app.on('console', (msg: ConsoleMessage) => {
    if (msg.type() === 'error') mainErrors.push(msg.text());
  });
  const window = await app.firstWindow();
  let running = true;
  const quit = async (): Promise<void> => {
    if (!running) return;
    running = false;
    await app.close();
  };
  return {
    app,
    window,
    stateDir,
    dir,
    mainErrors,
    quit,
    dispose: async () => {
      await quit();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
