import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where Undertow keeps its own state (recent list, demo workspace) outside Electron. Matches
 * Electron's app.getPath('userData') for productName "Undertow", so the desktop app, browser mode
 * and the CLI share one recent list and one demo workspace. UNDERTOW_STATE_DIR overrides it.
 */
export function defaultStateDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.UNDERTOW_STATE_DIR) return env.UNDERTOW_STATE_DIR;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Undertow');
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Undertow');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Undertow');
}
