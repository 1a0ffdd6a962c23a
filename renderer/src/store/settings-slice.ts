/** The workspace settings of the Settings view (linking, Jira bug types, default time zone). */
import type { CallRequest } from '../../../shared/contract';
import type { SettingsSaved, WorkspaceSettings } from '../../../shared/data';
import type { Result } from '../../../shared/errors';
import { idle, type Loadable } from './loadable';
import { loadSlot } from './slot';
import type { SliceCreator } from './types';

export type SettingsPatch = CallRequest<'settings:save'>;

export interface WorkspaceSettingsSlice {
  workspaceSettings: Loadable<WorkspaceSettings>;
  /** Which part is being saved: the Settings view disables that form meanwhile. */
  settingsSaving: keyof SettingsPatch | null;
  loadWorkspaceSettings: (force?: boolean) => Promise<void>;
  saveWorkspaceSettings: (patch: SettingsPatch) => Promise<Result<SettingsSaved>>;
}

export const createWorkspaceSettingsSlice: SliceCreator<WorkspaceSettingsSlice> = ({ api }) => (set, get) => ({
  workspaceSettings: idle(),
  settingsSaving: null,
  loadWorkspaceSettings: (force = false) =>
    loadSlot(get, (s) => s.workspaceSettings, (workspaceSettings) => set({ workspaceSettings }), () => api['settings:get']({}), force),
  saveWorkspaceSettings: async (patch) => {
    set({ settingsSaving: (Object.keys(patch)[0] as keyof SettingsPatch | undefined) ?? null });
    const result = await api['settings:save'](patch);
    set({ settingsSaving: null });
    if (result.ok) {
      const path = get().app.workspace?.path ?? null;
      set((s) => ({ workspaceSettings: { status: 'ready', data: result.value.settings, error: null, version: s.app.dataVersion, path } }));
    }
    return result;
  },
});
