// `npm start [-- --workspace FILE]`: the desktop app in development (electron-vite dev).
// The Electron binary is fetched by electron's own postinstall; where that was skipped or failed,
// try once more, and otherwise point at browser mode rather than fail with a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const electronDir = join(root, 'node_modules', 'electron');
const electronVite = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');

/**
 * True when the Electron executable is on disk under node_modules/electron/dist. Checked by file
 * only: require('electron') would itself start a download when it is missing.
 * (test/e2e/electron/electron-binary.ts makes the same check for the Electron e2e specs.)
 */
function hasElectronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : defaultExecutable();
  return executable !== '' && existsSync(join(electronDir, 'dist', executable));
}

function defaultExecutable() {
  if (process.platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  return process.platform === 'win32' ? 'electron.exe' : 'electron';
}

if (!hasElectronBinary()) {
  console.log('The Electron binary is not installed yet; downloading it (node node_modules/electron/install.js)…');
  spawnSync(process.execPath, [join(electronDir, 'install.js')], { cwd: electronDir, stdio: 'inherit' });
  if (!hasElectronBinary()) {
    console.error(
      [
        '',
        'The Electron binary could not be downloaded, so the desktop app cannot start on this machine.',
        '(It is fetched from GitHub releases; behind a proxy or offline, see',
        ' https://www.electronjs.org/docs/latest/tutorial/installation for ELECTRON_MIRROR and the cache.)',
        '',
        'The same app runs in browser mode without Electron:',
        '  npm run serve',
        '',
      ].join('\n'),
    );
    process.exit(1);
  }
}

const args = process.argv.slice(2);
const child = spawn(process.execPath, [electronVite, 'dev', ...(args.length > 0 ? ['--', ...args] : [])], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
