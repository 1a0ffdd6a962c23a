/**
 * Drill-down from a chart: a trace says which metric its points stand for and which period each point
 * is (its `meta`), so a click (or Enter on a focused point) can list the rows behind it. Pure.
 */
import type { Data } from 'plotly.js-dist-min';
import type { DrilldownMetric } from '../../../shared/domain';
import type { Figure } from './theme';

/** What a drillable trace carries in its Plotly `meta`. */
export interface DrillMeta {
  drill: DrilldownMetric;
  /** The period (YYYY-MM or YYYY-Www) of each point, by point index. */
  periods: readonly string[];
}

/** A point of a drawn figure, as Plotly reports clicks (and as keyboard navigation picks them). */
export interface ChartPoint {
  curveNumber: number;
  pointNumber: number;
}

export interface DrillTarget {
  metric: DrilldownMetric;
  period: string;
  /** The trace's name: what the point shows ("Incidents", "Change failure rate"). */
  label: string;
}

/** The trace, marked as drillable: its points list `metric`'s rows of `periods[i]`. */
export function drillable(trace: Data, metric: DrilldownMetric, periods: readonly string[]): Data {
  const meta: DrillMeta = { drill: metric, periods: [...periods] };
  return { ...trace, meta } as Data;
}

function drillMeta(trace: Data | undefined): DrillMeta | null {
  const meta = (trace as { meta?: unknown } | undefined)?.meta;
  if (typeof meta !== 'object' || meta === null || !('drill' in meta) || !('periods' in meta)) return null;
  return meta as DrillMeta;
}

/** Indices of the traces a user can drill into (with at least one point). */
export function drillableTraces(figure: Figure): number[] {
  const out: number[] = [];
  figure.data.forEach((trace, i) => {
    const meta = drillMeta(trace);
    if (meta && meta.periods.length > 0) out.push(i);
  });
  return out;
}

/**
 * Clicked points → what to list, one target per metric, in the figure's trace order (its main series
 * first). A click in a unified-hover chart reports every trace at that month, so a chart of incidents
 * and change failure rate offers both (the panel lets the user switch).
 */
export function drillTargets(figure: Figure, points: readonly ChartPoint[]): DrillTarget[] {
  const targets: DrillTarget[] = [];
  const ordered = [...points].sort((a, b) => a.curveNumber - b.curveNumber || a.pointNumber - b.pointNumber);
  for (const point of ordered) {
    const trace = figure.data[point.curveNumber];
    const meta = drillMeta(trace);
    const period = meta?.periods[point.pointNumber];
    if (!meta || !period) continue;
    if (targets.some((t) => t.metric === meta.drill && t.period === period)) continue;
    targets.push({ metric: meta.drill, period, label: String((trace as { name?: string }).name ?? meta.drill) });
  }
  return targets;
}

/** The number of points a drillable trace has (for keyboard navigation). */
export function drillPointCount(figure: Figure, curveNumber: number): number {
  return drillMeta(figure.data[curveNumber])?.periods.length ?? 0;
}
