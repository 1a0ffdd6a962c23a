/** Hooks the analysis views share: the filtered range and team, cached queries, drill-down openers. */
import { useCallback, useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { CallRequest, CallResponse } from '../../../shared/contract';
import type { DateRange, DrilldownMetric } from '../../../shared/domain';
import type { AppError } from '../../../shared/errors';
import type { ChartPoint } from '../figures/drill';
import { drillTargets } from '../figures/drill';
import type { Figure } from '../figures/theme';
import { queryKey, requestOfKey, selectLatestOfTag, selectQueryByKey, type QueryCall } from '../store/analysis-slice';
import { resolveRange, selectTeam } from '../store/filters-slice';
import { useAppStore } from '../store/react';

/** The date range of the global filters, as a contract range (stable while the filters are). */
export function useAnalysisRange(): DateRange {
  const { preset, fromMonth, toMonth, wsFrom, wsTo } = useAppStore(
    useShallow((s) => ({
      preset: s.filters.preset,
      fromMonth: s.filters.fromMonth,
      toMonth: s.filters.toMonth,
      wsFrom: s.app.workspace?.from ?? null,
      wsTo: s.app.workspace?.to ?? null,
    })),
  );
  return useMemo(() => resolveRange({ preset, fromMonth, toMonth }, { from: wsFrom, to: wsTo }), [preset, fromMonth, toMonth, wsFrom, wsTo]);
}

/** The team filter (a team id), or null for the whole organisation. */
export function useTeamFilter(): string | null {
  return useAppStore(selectTeam);
}

export interface QueryState<T> {
  status: 'idle' | 'loading' | 'ready' | 'error';
  data: T | null;
  error: AppError | null;
  /** The data shown belongs to an earlier request (other filters) while the new one loads. */
  stale: boolean;
  reload: () => void;
}

/**
 * A cached contract call: loads when the request or the data change. Requests with the same `tag`
 * show the same kind of thing, so while a new one loads the last answer of the tag stays on screen
 * (marked stale) instead of a blank skeleton.
 */
export function useQuery<K extends QueryCall>(call: K, request: CallRequest<K>, tag: string = call): QueryState<CallResponse<K>> {
  const key = queryKey(call, request);
  const dataVersion = useAppStore((s) => s.app.dataVersion);
  const path = useAppStore((s) => s.app.workspace?.path ?? null);
  const fetchQuery = useAppStore((s) => s.fetchQuery);
  const entry = useAppStore((s) => selectQueryByKey(s, key));
  const latest = useAppStore((s) => selectLatestOfTag(s, tag));
  useEffect(() => {
    void fetchQuery(call, requestOfKey(call, key), { tag });
  }, [call, key, tag, dataVersion, path, fetchQuery]);
  const reload = useCallback(() => void fetchQuery(call, requestOfKey(call, key), { force: true, tag }), [call, key, tag, fetchQuery]);
  const stale = entry.data === null && entry.status !== 'error' && latest.data !== null;
  return {
    status: entry.status,
    data: ((stale ? latest.data : entry.data) as CallResponse<K> | null) ?? null,
    error: entry.error,
    stale,
    reload,
  };
}

/** Month rows of `metrics:series` for the filtered range and team. */
export function useMonthSeries() {
  const range = useAnalysisRange();
  const team = useTeamFilter();
  return useQuery('metrics:series', { grain: 'month', ...range, ...(team ? { team } : {}) }, 'series-month');
}

/** The effect estimates with priors (one request shared by Overview and AI & Quality). */
export function useEffects() {
  const range = useAnalysisRange();
  return useQuery('analysis:effects', { ...range, priors: true }, 'effects');
}

/** Opens the drill-down panel for chart clicks and headline numbers, with the current filters. */
export function useDrill() {
  const open = useAppStore((s) => s.openDrilldown);
  const range = useAnalysisRange();
  const team = useTeamFilter();
  const drillMetric = useCallback(
    (metric: DrilldownMetric, label: string, period: string) => void open({ choices: [{ metric, label }], period, team, range }),
    [open, team, range],
  );
  const drillPoints = useCallback(
    (figure: Figure, points: readonly ChartPoint[]) => {
      const targets = drillTargets(figure, points);
      const period = targets[0]?.period;
      if (!period) return;
      const choices = targets.filter((t) => t.period === period).map((t) => ({ metric: t.metric, label: t.label }));
      void open({ choices, period, team, range });
    },
    [open, team, range],
  );
  return { drillMetric, drillPoints };
}
