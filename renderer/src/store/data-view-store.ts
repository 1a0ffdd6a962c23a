/**
 * The Data and Settings views' slices, combined, so the shared store files name them once:
 * import wizard, history and coverage, org map, attribution rules, GitHub, workspace settings.
 */
import type { StateCreator } from 'zustand';
import { createDataViewSlice, type DataViewSlice } from './data-view-slice';
import { createGitHubSlice, type GitHubSlice } from './github-slice';
import { createImportSlice, type ImportSlice } from './import-slice';
import { createOrgSlice, type OrgSlice } from './org-slice';
import { createRulesSlice, type RulesSlice } from './rules-slice';
import { createWorkspaceSettingsSlice, type WorkspaceSettingsSlice } from './settings-slice';
import type { Store, StoreDeps } from './types';

export type DataSlices = DataViewSlice & ImportSlice & OrgSlice & RulesSlice & GitHubSlice & WorkspaceSettingsSlice;

export const createDataSlices =
  (deps: StoreDeps): StateCreator<Store, [], [], DataSlices> =>
  (...a) => ({
    ...createDataViewSlice(deps)(...a),
    ...createImportSlice(deps)(...a),
    ...createOrgSlice(deps)(...a),
    ...createRulesSlice(deps)(...a),
    ...createGitHubSlice(deps)(...a),
    ...createWorkspaceSettingsSlice(deps)(...a),
  });
