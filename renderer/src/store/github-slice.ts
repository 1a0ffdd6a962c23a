/**
 * Data → Connect GitHub (docs/github-sync.md): token status, the org's repos for the picker, a sync
 * with its progress (`job:progress` kind 'sync': repo, stream, pages, rate limit, waits), cancel,
 * and the last-synced state per repo. Nothing here reaches the network except listRepos and sync.
 */
import type { GitHubRepoSummary, GitHubSyncProgress, GitHubSyncReport, GitHubSyncStatus, GitHubTokenStatus } from '../../../shared/domain';
import type { AppError, Result } from '../../../shared/errors';
import { idle, type Loadable } from './loadable';
import { loadSlot } from './slot';
import type { SliceCreator } from './types';

export interface GitHubConnection {
  org: string;
  /** '' = github.com. */
  baseUrl: string;
}

export interface GitHubSlice {
  githubToken: { status: 'idle' | 'loading' | 'ready' | 'error'; data: GitHubTokenStatus | null; error: AppError | null; busy: boolean };
  githubStatus: Loadable<GitHubSyncStatus>;
  githubRepos: { status: 'idle' | 'loading' | 'ready' | 'error'; key: string | null; data: GitHubRepoSummary[]; error: AppError | null };
  githubSync: {
    running: boolean;
    cancelling: boolean;
    label: string | null;
    fraction: number | null;
    progress: GitHubSyncProgress | null;
    report: GitHubSyncReport | null;
    error: AppError | null;
  };
  loadGitHubToken: () => Promise<void>;
  loadGitHubStatus: (force?: boolean) => Promise<void>;
  setGitHubToken: (token: string) => Promise<Result<GitHubTokenStatus>>;
  clearGitHubToken: () => Promise<Result<GitHubTokenStatus>>;
  listGitHubRepos: (connection: GitHubConnection) => Promise<void>;
  syncGitHub: (request: GitHubConnection & { repos: string[] | null; copilot: boolean }) => Promise<Result<GitHubSyncReport> | null>;
  cancelGitHubSync: () => Promise<void>;
}

const connectionKey = (c: GitHubConnection) => `${c.baseUrl.trim()}|${c.org.trim().toLowerCase()}`;
const baseUrlOf = (c: GitHubConnection) => (c.baseUrl.trim() === '' ? {} : { baseUrl: c.baseUrl.trim() });

/** The org and API base the last sync of this workspace used, from `github:status` (to prefill the form). */
export function lastConnection(status: GitHubSyncStatus | null): GitHubConnection | null {
  const stream = status?.streams.filter((s) => s.lastSyncedAt).sort((a, b) => (b.lastSyncedAt ?? '').localeCompare(a.lastSyncedAt ?? ''))[0] ?? status?.streams[0];
  if (!stream) return null;
  const org = stream.scope.startsWith('org:') ? stream.scope.slice(4) : stream.scope.split('/')[0] ?? '';
  return { org, baseUrl: stream.apiBase === 'https://api.github.com' ? '' : stream.apiBase };
}

export const createGitHubSlice: SliceCreator<GitHubSlice> = ({ api }) => (set, get) => {
  const patchSync = (p: Partial<GitHubSlice['githubSync']>) => set((s) => ({ githubSync: { ...s.githubSync, ...p } }));
  const patchToken = (p: Partial<GitHubSlice['githubToken']>) => set((s) => ({ githubToken: { ...s.githubToken, ...p } }));

  const tokenCall = async (call: () => Promise<Result<GitHubTokenStatus>>) => {
    patchToken({ busy: true, error: null });
    const result = await call();
    if (result.ok) patchToken({ busy: false, status: 'ready', data: result.value, error: null });
    else patchToken({ busy: false, error: result.error });
    return result;
  };

  return {
    githubToken: { status: 'idle', data: null, error: null, busy: false },
    githubStatus: idle(),
    githubRepos: { status: 'idle', key: null, data: [], error: null },
    githubSync: { running: false, cancelling: false, label: null, fraction: null, progress: null, report: null, error: null },

    loadGitHubToken: async () => {
      if (get().githubToken.status === 'loading') return;
      patchToken({ status: 'loading' });
      const result = await api['github:tokenStatus']({});
      patchToken(result.ok ? { status: 'ready', data: result.value, error: null } : { status: 'error', error: result.error });
    },

    loadGitHubStatus: (force = false) =>
      loadSlot(get, (s) => s.githubStatus, (githubStatus) => set({ githubStatus }), () => api['github:status']({}), force),

    setGitHubToken: (token) => tokenCall(() => api['github:setToken']({ token })),
    clearGitHubToken: () => tokenCall(() => api['github:clearToken']({})),

    listGitHubRepos: async (connection) => {
      const key = connectionKey(connection);
      set({ githubRepos: { status: 'loading', key, data: [], error: null } });
      const result = await api['github:listRepos']({ org: connection.org.trim(), ...baseUrlOf(connection) });
      if (get().githubRepos.key !== key) return;
      set({ githubRepos: result.ok ? { status: 'ready', key, data: result.value, error: null } : { status: 'error', key, data: [], error: result.error } });
    },

    syncGitHub: async ({ repos, copilot, ...connection }) => {
      if (get().githubSync.running) return null;
      patchSync({ running: true, cancelling: false, label: 'Starting the sync', fraction: null, progress: null, report: null, error: null });
      const stop = api.on('job:progress', (event) => {
        if (event.kind !== 'sync' || !get().githubSync.running) return;
        patchSync({ label: event.label, fraction: event.fraction, progress: event.sync ?? get().githubSync.progress });
      });
      let result: Result<GitHubSyncReport>;
      try {
        result = await api['github:sync']({ org: connection.org.trim(), ...baseUrlOf(connection), ...(repos && repos.length > 0 ? { repos } : {}), copilot });
      } finally {
        stop();
      }
      patchSync({ running: false, cancelling: false, label: null, progress: null, ...(result.ok ? { report: result.value, error: null } : { error: result.error }) });
      void get().loadGitHubStatus(true);
      return result;
    },

    cancelGitHubSync: async () => {
      if (!get().githubSync.running) return;
      patchSync({ cancelling: true });
      const result = await api['github:cancelSync']({});
      if (!result.ok) patchSync({ cancelling: false });
    },
  };
};
