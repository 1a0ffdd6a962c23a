/** Shell state: mode, version, the open workspace, recent list, running jobs; workspace actions. */
import type { WorkspaceSummary } from '../../../shared/domain';
import type { Result } from '../../../shared/errors';
import type { AppSlice, SliceCreator } from './types';

const summaryKey = (s: WorkspaceSummary | null) => JSON.stringify(s);

/** Our own open/close also comes back as a `workspace:changed` event; ignore that echo for this long. */
const ECHO_MS = 3_000;

export const createAppSlice: SliceCreator<AppSlice> = ({ api }) => (set, get) => {
  let started = false;
  let lastAdopted = { key: '', at: 0 };
  /** When our own demo call last failed: its notice already tells the story of the failed job. */
  let demoCallFailedAt = 0;

  /** Make `summary` the open workspace; views reload because dataVersion moves. */
  const adopt = (summary: WorkspaceSummary | null) => {
    lastAdopted = { key: summaryKey(summary), at: Date.now() };
    set((s) => ({ app: { ...s.app, workspace: summary, dataVersion: s.app.dataVersion + 1 } }));
    void get().refreshAppState();
  };

  const runWorkspaceCall = async (
    pending: NonNullable<AppSlice['app']['pending']>,
    call: () => Promise<Result<WorkspaceSummary>>,
  ): Promise<Result<WorkspaceSummary>> => {
    set((s) => ({ app: { ...s.app, pending } }));
    const result = await call();
    set((s) => ({ app: { ...s.app, pending: null } }));
    if (result.ok) adopt(result.value);
    return result;
  };

  return {
    app: {
      boot: 'starting',
      bootError: null,
      mode: null,
      version: null,
      nativeDialogs: false,
      workspace: null,
      recent: [],
      pending: null,
      jobs: {},
      dataVersion: 0,
    },

    start: async () => {
      if (started) return;
      started = true;
      api.on('job:progress', (progress) => get().jobProgress(progress));
      api.on('workspace:changed', (summary) => get().workspaceChanged(summary));
      const state = await api['app:state']({});
      if (!state.ok) {
        if (state.error.code === 'unauthorized') get().unauthorized(state.error);
        else set((s) => ({ app: { ...s.app, boot: 'failed', bootError: state.error } }));
        return;
      }
      const { mode, version, nativeDialogs, recent, workspace } = state.value;
      set((s) => ({ app: { ...s.app, boot: 'ready', mode, version, nativeDialogs, recent } }));
      if (workspace) adopt(workspace);
      else await get().openDemo();
    },

    refreshAppState: async () => {
      const state = await api['app:state']({});
      if (!state.ok) return; // the next action reports a persistent failure
      const { mode, version, nativeDialogs, recent } = state.value;
      set((s) => ({ app: { ...s.app, mode, version, nativeDialogs, recent } }));
    },

    resync: async () => {
      const state = await api['app:state']({});
      if (!state.ok) return;
      const { mode, version, nativeDialogs, recent, workspace } = state.value;
      set((s) => ({ app: { ...s.app, mode, version, nativeDialogs, recent } }));
      // Events may have been missed while the stream was down: the host may have moved on without us.
      if (!get().app.pending && summaryKey(workspace) !== summaryKey(get().app.workspace)) adopt(workspace);
      else set((s) => ({ app: { ...s.app, dataVersion: s.app.dataVersion + 1 } }));
    },

    openDemo: async () => {
      const result = await runWorkspaceCall({ kind: 'demo', label: 'Opening the demo workspace' }, () => api['workspace:openDemo']({}));
      if (!result.ok) {
        demoCallFailedAt = Date.now();
        get().notify('error', `Could not open the demo workspace. ${result.error.message}`);
      }
      return result;
    },

    openWorkspace: (path) => runWorkspaceCall({ kind: 'open', label: `Opening ${baseName(path)}` }, () => api['workspace:open']({ path })),

    createWorkspace: (path) => runWorkspaceCall({ kind: 'create', label: `Creating ${baseName(path)}` }, () => api['workspace:create']({ path })),

    closeWorkspace: async () => {
      set((s) => ({ app: { ...s.app, pending: { kind: 'close', label: 'Closing the workspace' } } }));
      const result = await api['workspace:close']({});
      set((s) => ({ app: { ...s.app, pending: null } }));
      if (result.ok) adopt(null);
      else get().notify('error', `Could not close the workspace. ${result.error.message}`);
    },

    forgetRecent: async (path) => {
      const result = await api['workspace:forgetRecent']({ path });
      if (result.ok) set((s) => ({ app: { ...s.app, recent: result.value.recent } }));
      else get().notify('error', result.error.message);
    },

    requestWorkspace: async (purpose) => {
      if (!get().app.nativeDialogs) {
        get().openPathDialog(purpose);
        return;
      }
      const picked = await api['dialog:pickWorkspace']({ purpose });
      if (!picked.ok) {
        if (picked.error.code === 'unsupported') get().openPathDialog(purpose);
        else get().notify('error', picked.error.message);
        return;
      }
      if (picked.value.path === null) return; // cancelled
      const result = purpose === 'open' ? await get().openWorkspace(picked.value.path) : await get().createWorkspace(picked.value.path);
      if (!result.ok) get().notify('error', result.error.message);
    },

    workspaceChanged: (summary) => {
      const key = summaryKey(summary);
      if (key === lastAdopted.key && Date.now() - lastAdopted.at < ECHO_MS) return;
      adopt(summary);
    },

    jobProgress: (progress) => {
      set((s) => {
        const jobs = { ...s.app.jobs };
        if (progress.done) delete jobs[progress.jobId];
        else jobs[progress.jobId] = progress;
        return { app: { ...s.app, jobs } };
      });
      // A failed job gets a notice unless our own call for it is waiting (or just failed) and reports it.
      const ownDemoCall = progress.kind === 'demo' && (get().app.pending?.kind === 'demo' || Date.now() - demoCallFailedAt < ECHO_MS);
      if (progress.done && progress.error && !ownDemoCall) get().notify('error', `${progress.label}: ${progress.error}`);
    },

    unauthorized: (error) => {
      set((s) => ({ app: { ...s.app, boot: 'unauthorized', bootError: error } }));
    },
  };
};

/** "/a/b/Acme.duckdb" → "Acme.duckdb" (either separator). */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/).filter(Boolean);
  return parts[parts.length - 1] ?? path;
}
