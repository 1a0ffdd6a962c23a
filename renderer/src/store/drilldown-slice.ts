/**
 * The drill-down panel: which rows are asked for (metric, period, team, range), the metrics the user
 * can switch between for the same point, and the answer of `metrics:drilldown`.
 */
import type { DateRange, Drilldown, DrilldownMetric } from '../../../shared/domain';
import { idle, type Loadable } from './loadable';
import type { SliceCreator } from './types';

/** Rows fetched per drill-down (the panel says when there are more). */
export const DRILLDOWN_LIMIT = 500;

export interface DrillChoice {
  metric: DrilldownMetric;
  /** What the user clicked, e.g. "Incidents" or "Change failure rate". */
  label: string;
}

export interface DrillOpenRequest {
  choices: DrillChoice[];
  /** YYYY-MM or YYYY-Www. */
  period: string;
  team: string | null;
  range: DateRange;
}

export interface DrilldownState {
  open: boolean;
  choices: DrillChoice[];
  metric: DrilldownMetric | null;
  period: string | null;
  team: string | null;
  range: DateRange;
  result: Loadable<Drilldown>;
}

export interface DrilldownSlice {
  drilldown: DrilldownState;
  openDrilldown: (request: DrillOpenRequest) => Promise<void>;
  /** Switch to another metric of the same point (e.g. from incidents to change failures). */
  selectDrilldownMetric: (metric: DrilldownMetric) => Promise<void>;
  retryDrilldown: () => Promise<void>;
  closeDrilldown: () => void;
}

const closed: DrilldownState = { open: false, choices: [], metric: null, period: null, team: null, range: {}, result: idle() };

export const createDrilldownSlice: SliceCreator<DrilldownSlice> = ({ api }) => (set, get) => {
  let sequence = 0;

  const load = async () => {
    const { metric, period, team, range } = get().drilldown;
    const workspace = get().app.workspace;
    if (!metric || !period || !workspace) return;
    const mine = ++sequence;
    const version = get().app.dataVersion;
    set((s) => ({ drilldown: { ...s.drilldown, result: { status: 'loading', data: null, error: null, version, path: workspace.path } } }));
    const result = await api['metrics:drilldown']({ metric, period, ...(team ? { team } : {}), ...range, limit: DRILLDOWN_LIMIT });
    // Closed, switched to another metric or point, or the workspace changed meanwhile.
    if (mine !== sequence || !get().drilldown.open || get().app.workspace?.path !== workspace.path) return;
    set((s) => ({
      drilldown: {
        ...s.drilldown,
        result: result.ok
          ? { status: 'ready', data: result.value, error: null, version, path: workspace.path }
          : { status: 'error', data: null, error: result.error, version, path: workspace.path },
      },
    }));
  };

  return {
    drilldown: closed,
    openDrilldown: async ({ choices, period, team, range }) => {
      const first = choices[0];
      if (!first) return;
      set({ drilldown: { open: true, choices, metric: first.metric, period, team, range, result: idle() } });
      await load();
    },
    selectDrilldownMetric: async (metric) => {
      if (!get().drilldown.open || get().drilldown.metric === metric) return;
      set((s) => ({ drilldown: { ...s.drilldown, metric } }));
      await load();
    },
    retryDrilldown: load,
    closeDrilldown: () => {
      sequence++;
      set({ drilldown: closed });
    },
  };
};
