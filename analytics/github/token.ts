/**
 * Where the GitHub token lives, per shell (docs/github-sync.md#the-token):
 *   desktop  encrypted with Electron safeStorage (the OS keychain) in a file in userData —
 *            electron/main/github-token.ts implements this interface;
 *   browser  in the host process's memory for this session only (memoryTokenStore);
 *   CLI      the GITHUB_TOKEN environment variable (environmentTokenStore).
 * Never in the workspace file, never in logs, progress or error messages.
 */
import type { GitHubTokenStatus, GitHubTokenStorage } from '../../shared/domain';
import { UndertowError } from '../errors';
import type { ClientHooks } from './client';

export interface GitHubTokenStore {
  readonly storage: GitHubTokenStorage;
  get(): Promise<string | null>;
  set(token: string): Promise<GitHubTokenStatus>;
  clear(): Promise<GitHubTokenStatus>;
  status(): Promise<GitHubTokenStatus>;
}

/** What a shell gives the engine for GitHub: its token store, and (tests only) network and clock. */
export interface GitHubEnv {
  tokens: GitHubTokenStore;
  hooks?: ClientHooks;
  /** Where page files are written during a sync (default: the OS temp directory). */
  tempDir?: string;
}

export function memoryTokenStore(note = 'Kept in the memory of the Undertow host process until it stops; set it again after a restart.'): GitHubTokenStore {
  let token: string | null = null;
  const status = async (): Promise<GitHubTokenStatus> => ({ configured: token !== null, storage: 'memory', persistent: false, note });
  return {
    storage: 'memory',
    get: async () => token,
    set: async (value) => {
      token = value;
      return status();
    },
    clear: async () => {
      token = null;
      return status();
    },
    status,
  };
}

/** The CLI: GITHUB_TOKEN, read when a sync starts (never stored anywhere by Undertow). */
export function environmentTokenStore(env: NodeJS.ProcessEnv): GitHubTokenStore {
  const read = () => env.GITHUB_TOKEN?.trim() || null;
  const status = async (): Promise<GitHubTokenStatus> => ({
    configured: read() !== null,
    storage: 'environment',
    persistent: false,
    note: 'The CLI reads the token from the GITHUB_TOKEN environment variable.',
  });
  const refuse = async (): Promise<never> => {
    throw new UndertowError('unsupported', 'The CLI takes the token from the GITHUB_TOKEN environment variable; set or unset it there.');
  };
  return { storage: 'environment', get: async () => read(), set: refuse, clear: refuse, status };
}
