/** The org map editor: the map, the unknowns, and edits (each recomputes attribution and links). */
import type { CallRequest } from '../../../shared/contract';
import type { OrgChange, OrgMap, OrgUnknowns } from '../../../shared/data';
import type { Result } from '../../../shared/errors';
import { idle, type Loadable } from './loadable';
import { loadSlot } from './slot';
import type { SliceCreator } from './types';

export type OrgEntryInput = CallRequest<'org:upsert'>['entries'][number];
export type OrgKeyInput = CallRequest<'org:remove'>['entries'][number];

export interface OrgSlice {
  orgMap: Loadable<OrgMap>;
  orgUnknowns: Loadable<OrgUnknowns>;
  /** An edit in flight (the map and the numbers are being recomputed). */
  orgSaving: boolean;
  loadOrg: (force?: boolean) => Promise<void>;
  upsertOrg: (entries: OrgEntryInput[]) => Promise<Result<OrgChange>>;
  removeOrg: (entries: OrgKeyInput[]) => Promise<Result<OrgChange>>;
  exportOrg: () => Promise<Result<{ csv: string; rows: number }>>;
}

export const createOrgSlice: SliceCreator<OrgSlice> = ({ api }) => (set, get) => {
  const loadMap = (force: boolean) => loadSlot(get, (s) => s.orgMap, (orgMap) => set({ orgMap }), () => api['org:list']({}), force);
  const loadUnknowns = (force: boolean) => loadSlot(get, (s) => s.orgUnknowns, (orgUnknowns) => set({ orgUnknowns }), () => api['org:unknowns']({ limit: 500 }), force);

  const edit = async (run: () => Promise<Result<OrgChange>>): Promise<Result<OrgChange>> => {
    set({ orgSaving: true });
    const result = await run();
    set({ orgSaving: false });
    if (result.ok) {
      const path = get().app.workspace?.path ?? null;
      set((s) => ({ orgMap: { status: 'ready', data: result.value.map, error: null, version: s.app.dataVersion, path } }));
      await loadUnknowns(true);
    }
    return result;
  };

  return {
    orgMap: idle(),
    orgUnknowns: idle(),
    orgSaving: false,
    loadOrg: async (force = false) => {
      await Promise.all([loadMap(force), loadUnknowns(force)]);
    },
    upsertOrg: (entries) => edit(() => api['org:upsert']({ entries })),
    removeOrg: (entries) => edit(() => api['org:remove']({ entries })),
    exportOrg: () => api['org:export']({}),
  };
};
