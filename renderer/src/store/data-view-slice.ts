/** The Data view's tabs and its read-only panels: import history and data coverage. */
import type { ImportHistory } from '../../../shared/data';
import type { Coverage } from '../../../shared/domain';
import { idle, type Loadable } from './loadable';
import { loadSlot } from './slot';
import type { SliceCreator } from './types';

export const dataTabs = ['import', 'history', 'org', 'rules', 'coverage', 'github'] as const;
export type DataTab = (typeof dataTabs)[number];

export interface DataViewSlice {
  dataTab: DataTab;
  setDataTab: (tab: DataTab) => void;
  importHistory: Loadable<ImportHistory>;
  loadImportHistory: (force?: boolean) => Promise<void>;
  dataCoverage: Loadable<Coverage>;
  loadDataCoverage: (force?: boolean) => Promise<void>;
}

export const createDataViewSlice: SliceCreator<DataViewSlice> = ({ api }) => (set, get) => ({
  dataTab: 'import',
  setDataTab: (tab) => set({ dataTab: tab }),
  importHistory: idle(),
  loadImportHistory: (force = false) =>
    loadSlot(get, (s) => s.importHistory, (importHistory) => set({ importHistory }), () => api['imports:list']({ limit: 500 }), force),
  dataCoverage: idle(),
  loadDataCoverage: (force = false) =>
    loadSlot(get, (s) => s.dataCoverage, (dataCoverage) => set({ dataCoverage }), () => api['data:coverage']({}), force),
});
