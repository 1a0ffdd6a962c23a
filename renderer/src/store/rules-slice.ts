/** The AI-attribution rules editor: stored rules with live match counts; saves recompute attribution. */
import type { AttributionDraftCount, AttributionRuleInput, AttributionRules } from '../../../shared/data';
import type { Result } from '../../../shared/errors';
import { idle, type Loadable } from './loadable';
import { loadSlot } from './slot';
import type { SliceCreator } from './types';

export interface RulesSlice {
  attributionRules: Loadable<AttributionRules>;
  /** The rule being saved or deleted ('new' for a new one). */
  ruleSaving: string | null;
  loadAttributionRules: (force?: boolean) => Promise<void>;
  saveAttributionRule: (rule: AttributionRuleInput) => Promise<Result<AttributionRules & { savedRuleId: string }>>;
  deleteAttributionRule: (ruleId: string) => Promise<Result<AttributionRules>>;
  /** Live counts of unsaved rules (nothing is written). */
  previewAttributionRules: (drafts: AttributionRuleInput[]) => Promise<Result<AttributionDraftCount[]>>;
}

export const createRulesSlice: SliceCreator<RulesSlice> = ({ api }) => (set, get) => {
  const adopt = (rules: AttributionRules) => {
    const path = get().app.workspace?.path ?? null;
    set((s) => ({ attributionRules: { status: 'ready', data: rules, error: null, version: s.app.dataVersion, path } }));
  };
  return {
    attributionRules: idle(),
    ruleSaving: null,
    loadAttributionRules: (force = false) =>
      loadSlot(get, (s) => s.attributionRules, (attributionRules) => set({ attributionRules }), () => api['attribution:rules']({}), force),
    saveAttributionRule: async (rule) => {
      set({ ruleSaving: rule.ruleId ?? 'new' });
      const result = await api['attribution:saveRule']({ rule });
      set({ ruleSaving: null });
      if (result.ok) adopt(result.value);
      return result;
    },
    deleteAttributionRule: async (ruleId) => {
      set({ ruleSaving: ruleId });
      const result = await api['attribution:deleteRule']({ ruleId });
      set({ ruleSaving: null });
      if (result.ok) adopt(result.value);
      return result;
    },
    previewAttributionRules: (drafts) => api['attribution:preview']({ drafts }),
  };
};
