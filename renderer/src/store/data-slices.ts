/** Workspace data the views show: each one loaded on demand, per workspace and data version. */
import type { OverviewData, TeamRow, WorkspaceInfo } from '../../../shared/domain';
import type { Result } from '../../../shared/errors';
import { idle, type Loadable } from './loadable';
import type { InfoSlice, OverviewSlice, SliceCreator, Store, TeamsSlice } from './types';

interface LoadableData {
  overview: OverviewData;
  teams: TeamRow[];
  info: WorkspaceInfo;
}

/**
 * Load `key` for the open workspace unless it is already loaded (or loading) for the current data
 * version. Data of the same workspace stays on screen while it refreshes; answers that arrive after
 * the workspace changed are dropped.
 */
async function load<K extends keyof LoadableData>(
  get: () => Store,
  set: (partial: Partial<Store>) => void,
  key: K,
  call: () => Promise<Result<LoadableData[K]>>,
  force: boolean,
): Promise<void> {
  const workspace = get().app.workspace;
  if (!workspace) return;
  const version = get().app.dataVersion;
  const current = get()[key] as Loadable<LoadableData[K]>;
  if (!force && current.version === version && current.status !== 'idle') return;
  const keep = current.path === workspace.path ? current.data : null;
  const put = (value: Loadable<LoadableData[K]>) => set({ [key]: value } as Partial<Store>);
  put({ status: 'loading', data: keep, error: null, version, path: workspace.path });
  const result = await call();
  if (get().app.dataVersion !== version || get().app.workspace?.path !== workspace.path) return;
  put(
    result.ok
      ? { status: 'ready', data: result.value, error: null, version, path: workspace.path }
      : { status: 'error', data: keep, error: result.error, version, path: workspace.path },
  );
}

export const createOverviewSlice: SliceCreator<OverviewSlice> = ({ api }) => (set, get) => ({
  overview: idle(),
  loadOverview: (force = false) => load(get, set, 'overview', () => api['metrics:overview']({}), force),
});

export const createTeamsSlice: SliceCreator<TeamsSlice> = ({ api }) => (set, get) => ({
  teams: idle(),
  loadTeams: (force = false) => load(get, set, 'teams', () => api['teams:list']({}), force),
});

export const createInfoSlice: SliceCreator<InfoSlice> = ({ api }) => (set, get) => ({
  info: idle(),
  loadInfo: (force = false) => load(get, set, 'info', () => api['workspace:info']({}), force),
});
