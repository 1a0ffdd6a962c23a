import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AS_ROOT, hasElectronBinary, NO_BINARY, runningAsRoot } from '../electron/electron-app';
import { cachedDemo, repoRoot } from './paths';

const node = (args: string[]) => execFileSync(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });

/**
 * Build the demo workspace once through the real CLI (every test starts from a copy of it), and
 * the desktop bundle when an Electron binary is there to run it (the renderer for browser mode is
 * built by `npm run test:e2e` itself).
 */
export default function globalSetup(): void {
  mkdirSync(dirname(cachedDemo), { recursive: true });
  rmSync(cachedDemo, { force: true });
  node(['--import', 'tsx', '--import', './scripts/register-sql.mjs', 'analytics/cli/main.ts', 'demo', cachedDemo]);
  if (!hasElectronBinary) console.log(`Electron specs will be skipped: ${NO_BINARY}`);
  else if (runningAsRoot) console.log(`Electron specs will be skipped: ${AS_ROOT}`);
  else node([join('node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build']);
}
