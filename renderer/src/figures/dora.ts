/**
 * DORA 2023 delivery metrics month by month, drawn over faint bands for the performance levels
 * (elite / high / medium / low). The engine computes each row's level (`MetricsRow.dora`); the band
 * edges here are the same buckets, from docs/metrics.md ("DORA 2023 levels"), for drawing only. Pure.
 */
import type { Annotation, Shape } from 'plotly.js-dist-min';
import type { DoraLevel, DrilldownMetric, MetricsRow } from '../../../shared/domain';
import { drillable } from './drill';
import { FONT_FAMILY, monthlyFigure, TYPE_SCALE, type Figure, type FigureOptions } from './theme';
import { lineTrace } from './traces';

export type DoraMetric = 'deploymentFrequency' | 'leadTime' | 'changeFailureRate' | 'timeToRestore';

export interface DoraSpec {
  metric: DoraMetric;
  title: string;
  axis: string;
  /** Plotly number format for ticks and hover. */
  format: string;
  unit: string;
  log: boolean;
  /** Ascending edges between the four levels. */
  edges: readonly [number, number, number];
  /** true: more is better (deployment frequency); false: less is better. */
  higherIsBetter: boolean;
  value: (r: MetricsRow) => number | null;
  level: (r: MetricsRow) => DoraLevel | null;
  drill: DrilldownMetric;
}

export const doraSpecs: Record<DoraMetric, DoraSpec> = {
  deploymentFrequency: {
    metric: 'deploymentFrequency',
    title: 'Deployment frequency',
    axis: 'Deploys per week (median repo)',
    format: '.2~f',
    unit: 'per week',
    log: true,
    edges: [7 / 30.44, 1, 7],
    higherIsBetter: true,
    value: (r) => r.deploymentsPerWeek,
    level: (r) => r.dora.deploymentFrequency,
    drill: 'changes',
  },
  leadTime: {
    metric: 'leadTime',
    title: 'Lead time for changes',
    axis: 'Median hours, commit to merge',
    format: '.1f',
    unit: 'h',
    log: true,
    edges: [24, 168, 730.6],
    higherIsBetter: false,
    value: (r) => r.leadTimeHours,
    level: (r) => r.dora.leadTime,
    drill: 'mergedPrs',
  },
  changeFailureRate: {
    metric: 'changeFailureRate',
    title: 'Change failure rate',
    axis: 'Failed changes / changes',
    format: '.0%',
    unit: '',
    log: false,
    edges: [0.05, 0.1, 0.15],
    higherIsBetter: false,
    value: (r) => r.changeFailureRate,
    level: (r) => r.dora.changeFailureRate,
    drill: 'changeFailureRate',
  },
  timeToRestore: {
    metric: 'timeToRestore',
    title: 'Time to restore',
    axis: 'Median hours to restore',
    format: '.1f',
    unit: 'h',
    log: true,
    edges: [1, 24, 168],
    higherIsBetter: false,
    value: (r) => r.restoreHoursMedian,
    level: (r) => r.dora.timeToRestore,
    drill: 'restoreHours',
  },
};

export const doraLevelLabel: Record<DoraLevel, string> = { elite: 'Elite', high: 'High', medium: 'Medium', low: 'Low' };

/** The four bands from bottom to top of the axis, each with its level. */
export function doraBands(spec: DoraSpec, range: [number, number]): { level: DoraLevel; from: number; to: number }[] {
  const [a, b, c] = spec.edges;
  const levels: DoraLevel[] = spec.higherIsBetter ? ['low', 'medium', 'high', 'elite'] : ['elite', 'high', 'medium', 'low'];
  const cuts = [range[0], a, b, c, range[1]];
  return levels.map((level, i) => ({ level, from: cuts[i]!, to: cuts[i + 1]! }));
}

/** The value axis range in data units: every band edge and every value visible, with headroom. */
export function doraRange(spec: DoraSpec, values: readonly (number | null)[]): [number, number] {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v) && (!spec.log || v > 0));
  if (spec.log) {
    const lo = Math.min(spec.edges[0] / 3, ...present.map((v) => v / 1.5));
    const hi = Math.max(spec.edges[2] * 3, ...present.map((v) => v * 1.5));
    return [lo, hi];
  }
  return [0, Math.max(spec.edges[2] * 1.6, ...present.map((v) => v * 1.15))];
}

export function doraFigure(rows: readonly MetricsRow[], metric: DoraMetric, options: FigureOptions): Figure {
  const spec = doraSpecs[metric];
  const { theme } = options;
  const x = rows.map((r) => r.period);
  const values = rows.map(spec.value);
  const range = doraRange(spec, values);
  const figure = monthlyFigure(options, { title: spec.title, months: x, y: { title: spec.axis, format: spec.format }, legend: false }, [
    drillable(
      lineTrace({
        name: spec.title,
        x,
        y: values,
        colour: theme.text,
        hover: `${spec.title}: %{y:${spec.format}}${spec.unit ? ` ${spec.unit}` : ''} · %{customdata}`,
        customdata: rows.map((r) => {
          const level = spec.level(r);
          return level ? doraLevelLabel[level] : 'no level';
        }),
      }),
      spec.drill,
      x,
    ),
  ]);
  const toAxis = (v: number) => (spec.log ? Math.log10(v) : v);
  const bands = doraBands(spec, range);
  // Bands are shapes in data units; on a log axis Plotly places shapes by data value but annotations
  // by log10, hence `toAxis` for the labels only.
  const shapes: Partial<Shape>[] = bands.map((band) => ({
    type: 'rect',
    xref: 'paper',
    yref: 'y',
    x0: 0,
    x1: 1,
    y0: band.from,
    y1: band.to,
    fillcolor: theme.dora[band.level],
    line: { width: 0 },
    layer: 'below',
  }));
  const annotations: Partial<Annotation>[] = bands.map((band) => ({
    xref: 'paper',
    yref: 'y',
    x: 1,
    xanchor: 'right',
    y: spec.log ? (toAxis(band.from) + toAxis(band.to)) / 2 : (band.from + band.to) / 2,
    yanchor: 'middle',
    text: doraLevelLabel[band.level],
    showarrow: false,
    font: { size: TYPE_SCALE.tick, color: theme.muted, family: FONT_FAMILY },
  }));
  figure.layout.shapes = [...shapes, ...(figure.layout.shapes ?? [])];
  figure.layout.annotations = annotations;
  figure.layout.yaxis = {
    ...figure.layout.yaxis,
    type: spec.log ? 'log' : 'linear',
    range: spec.log ? [Math.log10(range[0]), Math.log10(range[1])] : range,
    rangemode: 'normal',
    showgrid: false,
    // Round ticks on log axes (1, 10, 100) without trailing zeros; hover keeps the metric's format.
    ...(spec.log ? { dtick: 1, tickformat: '~g' } : {}),
  };
  return figure;
}
