/**
 * Start-up inputs as pure functions (no `electron` import, unit-tested): which workspace to open at
 * launch, and the file names the native dialogs hand back.
 */
import { extname, isAbsolute, resolve } from 'node:path';

export const WORKSPACE_EXTENSION = '.duckdb';

/**
 * The workspace named on the command line (`--workspace <file>` or `--workspace=<file>`), else by
 * UNDERTOW_WORKSPACE; resolved against the directory the app was started from. Null when neither.
 */
export function workspaceFromLaunch(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, cwd: string): string | null {
  const fromArgs = workspaceArg(argv);
  const chosen = fromArgs ?? (env.UNDERTOW_WORKSPACE?.trim() || null);
  if (!chosen) return null;
  return isAbsolute(chosen) ? chosen : resolve(cwd, chosen);
}

function workspaceArg(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--workspace=')) return arg.slice('--workspace='.length) || null;
    if (arg === '--workspace') {
      const next = argv[i + 1];
      return next && !next.startsWith('--') ? next : null;
    }
  }
  return null;
}

/** Save dialogs on Linux do not append the filter's extension; a workspace file always has one. */
export function withWorkspaceExtension(path: string): string {
  return extname(path).toLowerCase() === WORKSPACE_EXTENSION ? path : `${path}${WORKSPACE_EXTENSION}`;
}
