/**
 * Global filters for the analysis views: a date range (a preset relative to the data's last day, or
 * custom months) and one team. Views turn them into contract requests with `resolveRange`/`selectTeam`.
 */
import type { DateRange, WorkspaceSummary } from '../../../shared/domain';
import type { SliceCreator, Store } from './types';

export type RangePreset = 'all' | 'last12' | 'last6' | 'last3' | 'custom';

export interface Filters {
  preset: RangePreset;
  /** Custom range, first and last month (YYYY-MM), inclusive. */
  fromMonth: string | null;
  toMonth: string | null;
  /** A team id, or null for the whole organisation. */
  team: string | null;
  /** The workspace the team belongs to: a team filter never leaks into another workspace. */
  teamWorkspace: string | null;
}

export interface FiltersSlice {
  filters: Filters;
  setRangePreset: (preset: RangePreset) => void;
  /** A custom range of months; an inverted range is put in order. */
  setCustomRange: (fromMonth: string, toMonth: string) => void;
  setTeam: (team: string | null) => void;
  /** Click-through from the Teams view: filter everything to the team and show the Overview. */
  focusTeam: (team: string) => void;
  clearFilters: () => void;
}

export const presetMonths: Record<Exclude<RangePreset, 'all' | 'custom'>, number> = { last12: 12, last6: 6, last3: 3 };

export const presetLabels: Record<RangePreset, string> = {
  all: 'All data',
  last12: 'Last 12 months',
  last6: 'Last 6 months',
  last3: 'Last 3 months',
  custom: 'Custom range',
};

const initial: Filters = { preset: 'all', fromMonth: null, toMonth: null, team: null, teamWorkspace: null };

export const createFiltersSlice: SliceCreator<FiltersSlice> = () => (set, get) => {
  const patch = (p: Partial<Filters>) => set((s) => ({ filters: { ...s.filters, ...p } }));
  return {
    filters: initial,
    setRangePreset: (preset) => {
      if (preset !== 'custom') return patch({ preset });
      // Custom starts from what is shown now, so the month inputs are never blank.
      const ws = get().app.workspace;
      const current = resolveRange(get().filters, ws);
      const fromMonth = get().filters.fromMonth ?? current.from?.slice(0, 7) ?? ws?.from?.slice(0, 7) ?? null;
      const toMonth = get().filters.toMonth ?? current.to?.slice(0, 7) ?? ws?.to?.slice(0, 7) ?? null;
      patch({ preset, fromMonth, toMonth });
    },
    setCustomRange: (fromMonth, toMonth) => {
      const [a, b] = fromMonth <= toMonth ? [fromMonth, toMonth] : [toMonth, fromMonth];
      patch({ preset: 'custom', fromMonth: a, toMonth: b });
    },
    setTeam: (team) => patch({ team, teamWorkspace: team ? (get().app.workspace?.path ?? null) : null }),
    focusTeam: (team) => {
      get().setTeam(team);
      get().setView('overview');
    },
    clearFilters: () => set({ filters: initial }),
  };
};

/** The team filter of the open workspace (null: whole organisation). */
export function selectTeam(s: Pick<Store, 'filters' | 'app'>): string | null {
  return s.filters.team && s.filters.teamWorkspace === (s.app.workspace?.path ?? null) ? s.filters.team : null;
}

/** First day of the month `n − 1` months before `month` (YYYY-MM) → YYYY-MM-DD. */
export function monthsBackStart(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 - (n - 1), 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-01`;
}

function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

/**
 * The filters as a contract range: `{}` for all data; presets end at the data's last day and start
 * at the first day of the month n − 1 months before it; custom months cover their whole months.
 */
export function resolveRange(filters: Pick<Filters, 'preset' | 'fromMonth' | 'toMonth'>, workspace: Pick<WorkspaceSummary, 'from' | 'to'> | null): DateRange {
  if (filters.preset === 'all') return {};
  if (filters.preset === 'custom') {
    if (!filters.fromMonth || !filters.toMonth) return {};
    return { from: `${filters.fromMonth}-01`, to: lastDayOfMonth(filters.toMonth) };
  }
  const end = workspace?.to;
  if (!end) return {};
  const from = monthsBackStart(end.slice(0, 7), presetMonths[filters.preset]);
  return workspace?.from && from <= workspace.from ? {} : { from };
}
