/** The one store, built from slices. Components read it through `useAppStore` (store/react.tsx). */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createAppSlice } from './app-slice';
import { createAnalysisSlice } from './analysis-slice';
import { createInfoSlice, createOverviewSlice, createTeamsSlice } from './data-slices';
import { createDrilldownSlice } from './drilldown-slice';
import { createFiltersSlice } from './filters-slice';
import { createNoticesSlice } from './notices-slice';
import { createScenariosSlice } from './scenarios-slice';
import { createExportSlice } from './export-slice';
import { createDataSlices } from './data-view-store';
import type { Store, StoreDeps } from './types';
import { createUiSlice } from './ui-slice';

export type AppStore = StoreApi<Store>;

export function createAppStore(deps: StoreDeps): AppStore {
  return createStore<Store>()((...a) => ({
    ...createAppSlice(deps)(...a),
    ...createOverviewSlice(deps)(...a),
    ...createTeamsSlice(deps)(...a),
    ...createInfoSlice(deps)(...a),
    ...createUiSlice(deps)(...a),
    ...createNoticesSlice(deps)(...a),
    ...createFiltersSlice(deps)(...a),
    ...createAnalysisSlice(deps)(...a),
    ...createDrilldownSlice(deps)(...a),
    ...createScenariosSlice(deps)(...a),
    ...createExportSlice(deps)(...a),
    ...createDataSlices(deps)(...a),
  }));
}

export type { Store, StoreDeps, ViewId, ThemePreference, PathPurpose, Notice } from './types';
export { resolveTheme } from './ui-slice';
