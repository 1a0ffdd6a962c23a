/**
 * Scenario figures (product.md §8): fan charts of baseline vs scenario (p5–p95 shaded, p50 line),
 * the scenario − baseline difference with its band, and small multiples of quarterly differences for
 * a comparison. Plus the number formats the scenario tables share with the charts. Pure.
 */
import type { Data, Layout, Shape } from 'plotly.js-dist-min';
import type { Band, ScenarioComparison, ScenarioMetricKey, ScenarioPath, ScenarioPeriod } from '../../../shared/scenarios';
import { baseLayout, FONT_FAMILY, monthly, TYPE_SCALE, valueAxis, type ChartTheme, type Figure, type FigureOptions } from './theme';

// ---- Metrics -------------------------------------------------------------------------------------

export type MetricKind = 'count' | 'share' | 'score' | 'hours' | 'money';

export interface ScenarioMetricMeta {
  key: ScenarioMetricKey;
  /** Chart title and table header. */
  label: string;
  /** What one monthly value is, for the y axis. */
  axis: string;
  kind: MetricKind;
  /** Which direction is good news, for colouring differences (null: neither). */
  better: 'lower' | 'higher' | null;
  /** What the metric means, in a sentence (chart captions and table header titles). */
  help: string;
}

export const scenarioMetrics: Record<ScenarioMetricKey, ScenarioMetricMeta> = {
  mergedPrs: { key: 'mergedPrs', label: 'Merged PRs', axis: 'Merged PRs per month', kind: 'count', better: 'higher', help: 'Pull requests merged per month.' },
  qualityWeightedThroughput: {
    key: 'qualityWeightedThroughput',
    label: 'Quality-weighted throughput',
    axis: 'PRs per month',
    kind: 'count',
    better: 'higher',
    help: 'Merged PRs minus those that caused a change failure (revert, hotfix or incident).',
  },
  incidents: { key: 'incidents', label: 'Incidents', axis: 'Incidents per month', kind: 'count', better: 'lower', help: 'Incidents per month, all teams.' },
  changeFailureRate: {
    key: 'changeFailureRate',
    label: 'Change failure rate',
    axis: 'Share of changes',
    kind: 'share',
    better: 'lower',
    help: 'Share of changes followed by an incident, revert or hotfix.',
  },
  bugs: { key: 'bugs', label: 'Bugs', axis: 'Bugs per month', kind: 'count', better: 'lower', help: 'Bugs filed per month.' },
  timeToRestoreHours: { key: 'timeToRestoreHours', label: 'Time to restore', axis: 'Median hours', kind: 'hours', better: 'lower', help: 'Median hours from incident to resolution (no lever moves it).' },
  seniorReviewHours: {
    key: 'seniorReviewHours',
    label: 'Senior review hours',
    axis: 'Hours per month',
    kind: 'hours',
    better: 'lower',
    help: 'Extra senior review hours per month spent on tiered review.',
  },
  tickets: { key: 'tickets', label: 'Support tickets', axis: 'Tickets per month', kind: 'count', better: 'lower', help: 'Support tickets per month.' },
  nps: { key: 'nps', label: 'NPS', axis: 'NPS (−100 to 100)', kind: 'score', better: 'higher', help: 'Net promoter score, monthly.' },
  aiShare: { key: 'aiShare', label: 'AI share', axis: 'AI share of added lines', kind: 'share', better: null, help: 'Share of added lines written with AI.' },
  refactorShare: { key: 'refactorShare', label: 'Refactoring share', axis: 'Share of capacity', kind: 'share', better: null, help: 'Share of capacity spent in refactoring sprints.' },
  cost: {
    key: 'cost',
    label: 'Cost',
    axis: 'US$ per month',
    kind: 'money',
    better: 'lower',
    help: 'Refactoring and extra senior review hours at the cost per engineer-hour, plus incidents at the cost per incident.',
  },
};

/** The fan charts of the builder, in reading order. */
export const fanMetricKeys = [
  'mergedPrs',
  'qualityWeightedThroughput',
  'incidents',
  'changeFailureRate',
  'tickets',
  'nps',
  'seniorReviewHours',
  'cost',
] as const satisfies readonly ScenarioMetricKey[];

/** Columns of the quarterly tables (builder and comparison): the metrics the fan charts show. */
export const tableMetricKeys = fanMetricKeys;

// ---- Colours -------------------------------------------------------------------------------------

interface ScenarioPalette {
  baseline: string;
  /** One per compared scenario, in order. */
  scenarios: readonly [string, string, string, string];
  metric: Record<ScenarioMetricKey, string>;
}

const palettes: Record<ChartTheme['name'], ScenarioPalette> = {
  light: {
    baseline: '#80838d',
    scenarios: ['#3e63dd', '#e5484d', '#12a594', '#8e4ec6'],
    metric: {
      mergedPrs: '#3e63dd',
      qualityWeightedThroughput: '#3358d4',
      incidents: '#dc3e42',
      changeFailureRate: '#cc4e00',
      bugs: '#ef8a2c',
      timeToRestoreHours: '#a35829',
      seniorReviewHours: '#8e4ec6',
      tickets: '#0d9b8a',
      nps: '#2b9a66',
      aiShare: '#8e4ec6',
      refactorShare: '#5b5bd6',
      cost: '#a18072',
    },
  },
  dark: {
    baseline: '#9ba1a6',
    scenarios: ['#7c98ff', '#ff6b6f', '#3dd6bf', '#c495f2'],
    metric: {
      mergedPrs: '#7c98ff',
      qualityWeightedThroughput: '#9db1ff',
      incidents: '#ff6b6f',
      changeFailureRate: '#ff8b3e',
      bugs: '#ffa057',
      timeToRestoreHours: '#e0a37b',
      seniorReviewHours: '#c495f2',
      tickets: '#3dd6bf',
      nps: '#56cf8c',
      aiShare: '#c495f2',
      refactorShare: '#9b9ef0',
      cost: '#d1b9ae',
    },
  },
};

export function scenarioPalette(theme: ChartTheme): ScenarioPalette {
  return palettes[theme.name];
}

/** '#rrggbb' → 'rgba(r, g, b, a)'. */
export function alpha(hex: string, a: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${a})`;
}

// ---- Number formats (tables and hover) -----------------------------------------------------------

const MINUS = '\u2212';
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

function compactMoney(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e6) return `$${(a / 1e6).toFixed(a >= 1e7 ? 0 : 1)}M`;
  if (a >= 1e3) return `$${(a / 1e3).toFixed(a >= 1e5 ? 0 : 1).replace(/\.0$/, '')}k`;
  return `$${integer.format(a)}`;
}

function magnitude(kind: MetricKind, v: number, delta: boolean): string {
  const a = Math.abs(v);
  switch (kind) {
    case 'count':
      return integer.format(Math.round(a));
    case 'share':
      // Differences of shares are percentage points; levels are percentages.
      return delta ? `${(a * 100).toFixed(1)} pp` : `${(a * 100).toFixed(1)}%`;
    case 'score':
      return delta ? a.toFixed(1) : integer.format(Math.round(a));
    case 'hours':
      return `${integer.format(Math.round(a))} h`;
    case 'money':
      return compactMoney(a);
  }
}

function isZero(kind: MetricKind, v: number, delta: boolean): boolean {
  // Zero as it will be displayed: "−0" and "+0" read as noise.
  return magnitude(kind, v, delta).replace(/[^1-9]/g, '') === '';
}

const ZERO: Record<MetricKind, string> = { count: '0', share: '0 pp', score: '0', hours: '0 h', money: '$0' };

/** A level: 1,354 · 9.3% · 23 · 140 h · $375k. Negative levels (NPS) keep their sign. */
export function formatMetricValue(key: ScenarioMetricKey, v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  const { kind } = scenarioMetrics[key];
  const text = magnitude(kind, v, false);
  return v < 0 && !isZero(kind, v, false) ? `${MINUS}${text}` : text;
}

/** A difference, always signed: +58 · −104 · −0.8 pp · +0.2 · −$25k · 0. */
export function formatMetricDelta(key: ScenarioMetricKey, v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  const { kind } = scenarioMetrics[key];
  const text = magnitude(kind, v, true);
  if (isZero(kind, v, true)) return ZERO[kind];
  return `${v < 0 ? MINUS : '+'}${text}`;
}

/** "1,354 (1,195 to 1,502)" — median and the 5–95% band. */
export function formatBand(key: ScenarioMetricKey, band: Band, delta = false): string {
  const f = delta ? formatMetricDelta : formatMetricValue;
  return `${f(key, band.p50)} (${f(key, band.p5)} to ${f(key, band.p95)})`;
}

/**
 * How a difference reads: better / worse when the whole 90% band is on one side of zero, else
 * uncertain; neutral for metrics without a good direction.
 */
export function deltaVerdict(key: ScenarioMetricKey, band: Band): 'better' | 'worse' | 'uncertain' | 'neutral' {
  const { better, kind } = scenarioMetrics[key];
  if (better === null) return 'neutral';
  const lowZero = isZero(kind, band.p5, true);
  const highZero = isZero(kind, band.p95, true);
  if (lowZero && highZero && isZero(kind, band.p50, true)) return 'neutral';
  const up = band.p5 > 0 && !lowZero;
  const down = band.p95 < 0 && !highZero;
  if (!up && !down) return 'uncertain';
  return (up && better === 'higher') || (down && better === 'lower') ? 'better' : 'worse';
}

// ---- Time axis: months labelled by quarter --------------------------------------------------------

function monthStart(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return Date.UTC(y, m - 1, 1);
}

function followingMonthStart(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return Date.UTC(y, m, 1);
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function quarterOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${y}Q${Math.floor((m - 1) / 3) + 1}`;
}

/** "2027Q1" → "Q1 2027". */
export function quarterLabel(quarter: string): string {
  const m = /^(\d{4})Q([1-4])$/.exec(quarter);
  return m ? `Q${m[2]} ${m[1]}` : quarter;
}

export interface QuarterTicks {
  /** Tick positions: the middle of the months of each quarter shown. */
  tickvals: string[];
  ticktext: string[];
  /** Dates where one quarter ends and the next begins (drawn as light dividers). */
  boundaries: string[];
}

/**
 * Quarter labels for a run of months: each label sits in the middle of the quarter's months on
 * screen (a part-quarter before the first whole one says which months it has).
 */
export function quarterTicks(months: readonly string[]): QuarterTicks {
  const groups: { quarter: string; months: string[] }[] = [];
  for (const month of months) {
    const quarter = quarterOfMonth(month);
    const last = groups[groups.length - 1];
    if (last && last.quarter === quarter) last.months.push(month);
    else groups.push({ quarter, months: [month] });
  }
  const out: QuarterTicks = { tickvals: [], ticktext: [], boundaries: [] };
  groups.forEach((g, i) => {
    const start = monthStart(g.months[0]!);
    const end = followingMonthStart(g.months[g.months.length - 1]!);
    out.tickvals.push(isoDay((start + end) / 2));
    // A one-month part-quarter is too narrow for a label; the divider still marks it.
    // Two lines ("Q1" over "2027") so a two-month part-quarter's label fits its width.
    out.ticktext.push(g.months.length === 1 && groups.length > 1 ? '' : quarterLabel(g.quarter).replace(' ', '<br>'));
    if (i > 0) out.boundaries.push(isoDay(start));
  });
  return out;
}

// ---- Traces --------------------------------------------------------------------------------------

/** d3 formats for the axis and the hover of one metric. */
function formats(kind: MetricKind, delta: boolean): { axis: string; hover: string } {
  // Axes are unsigned (a signed axis reads "+0"); hover labels of differences carry their sign.
  switch (kind) {
    case 'count':
      return { axis: ',d', hover: delta ? '+,.0f' : ',.0f' };
    case 'share':
      return { axis: delta ? '.1%' : '.0%', hover: delta ? '+.2%' : '.1%' };
    case 'score':
      return { axis: delta ? '.1f' : ',d', hover: delta ? '+.1f' : '.1f' };
    case 'hours':
      return { axis: ',d', hover: delta ? '+,.0f' : ',.0f' };
    case 'money':
      return { axis: '$~s', hover: delta ? '+$,.0f' : '$,.0f' };
  }
}

function bandTraces(spec: { name: string; x: string[]; periods: readonly ScenarioPeriod[]; metric: ScenarioMetricKey; colour: string; fillAlpha: number; group: string; hover: string }): Data[] {
  const { periods, metric } = spec;
  const p5 = periods.map((p) => p.metrics[metric].p5);
  const p95 = periods.map((p) => p.metrics[metric].p95);
  return [
    // The upper edge first, invisible; the lower edge fills up to it ('tonexty').
    {
      type: 'scatter',
      mode: 'lines',
      name: `${spec.name} 95th percentile`,
      x: spec.x,
      y: p95,
      ...monthly,
      line: { width: 0, color: spec.colour, shape: 'linear' },
      legendgroup: spec.group,
      showlegend: false,
      hoverinfo: 'skip',
    },
    {
      type: 'scatter',
      mode: 'lines',
      name: `${spec.name}, 5–95%`,
      x: spec.x,
      y: p5,
      ...monthly,
      fill: 'tonexty',
      fillcolor: alpha(spec.colour, spec.fillAlpha),
      line: { width: 0, color: spec.colour, shape: 'linear' },
      legendgroup: spec.group,
      // The median's legend entry stands for its band too (the subtitle says what bands are).
      showlegend: false,
      hoverinfo: 'skip',
    },
  ];
}

function medianTrace(spec: { name: string; x: string[]; periods: readonly ScenarioPeriod[]; metric: ScenarioMetricKey; colour: string; dash: 'solid' | 'dash'; group: string; hover: string }): Data {
  const bands = spec.periods.map((p) => p.metrics[spec.metric]);
  return {
    type: 'scatter',
    mode: 'lines+markers',
    name: spec.name,
    x: spec.x,
    y: bands.map((b) => b.p50),
    ...monthly,
    customdata: bands.map((b) => [b.p5, b.p95]),
    line: { color: spec.colour, width: 2.5, dash: spec.dash, shape: 'linear' },
    marker: { color: spec.colour, size: 5 },
    legendgroup: spec.group,
    hovertemplate: `${spec.name}: %{y:${spec.hover}} (%{customdata[0]:${spec.hover}} to %{customdata[1]:${spec.hover}})<extra></extra>`,
  };
}

function quarterAxis(layout: Partial<Layout>, theme: ChartTheme, months: readonly string[]): void {
  const ticks = quarterTicks(months);
  const { dtick: _dtick, tickformat: _tickformat, ticklabelmode: _mode, ...axis } = layout.xaxis ?? {};
  layout.xaxis = { ...axis, tickmode: 'array', tickvals: ticks.tickvals, ticktext: ticks.ticktext, ticks: '' };
  const dividers: Partial<Shape>[] = ticks.boundaries.map((x) => ({
    type: 'line',
    xref: 'x',
    yref: 'paper',
    x0: x,
    x1: x,
    y0: 0,
    y1: 1,
    line: { color: theme.grid, width: 1 },
    layer: 'below',
  }));
  layout.shapes = [...(layout.shapes ?? []), ...dividers];
}

export interface FanFigureOptions extends FigureOptions {
  /** Baseline and scenario bands, or the scenario − baseline difference with its band. */
  mode: 'paths' | 'delta';
  /** The scenario's name in the legend and title; "Scenario" when not given. */
  scenarioName?: string;
  /** Monte Carlo draws behind the bands, stated under the title (a pasted chart says what it is). */
  draws?: number;
}

/** What the fan chart draws: the three paths of one run (monthly periods are used). */
export interface FanInput {
  baseline: ScenarioPath;
  scenario: ScenarioPath;
  delta: ScenarioPath;
}

/**
 * One metric, monthly, labelled by quarter. `paths`: baseline (grey, dashed median) and scenario
 * (metric colour) each with its 5–95% band. `delta`: the per-draw difference with its band around
 * a zero line — the effect of the policy, with the noise both paths share taken out.
 */
export function scenarioFanFigure(run: FanInput, metric: ScenarioMetricKey, options: FanFigureOptions): Figure {
  const { theme } = options;
  const meta = scenarioMetrics[metric];
  const palette = scenarioPalette(theme);
  const colour = palette.metric[metric];
  // User text goes into legends, titles and hover templates: escaped once here.
  const name = options.scenarioName ? escapeHover(shorten(options.scenarioName, 24)) : 'Scenario';
  const delta = options.mode === 'delta';
  const f = formats(meta.kind, delta);
  const months = run.scenario.months.map((m) => m.period);
  const x = [...months];

  let traces: Data[];
  if (delta) {
    traces = [
      ...bandTraces({ name: `${name} − baseline`, x, periods: run.delta.months, metric, colour, fillAlpha: 0.22, group: 'delta', hover: f.hover }),
      medianTrace({ name: `${name} − baseline`, x, periods: run.delta.months, metric, colour, dash: 'solid', group: 'delta', hover: f.hover }),
    ];
  } else {
    traces = [
      ...bandTraces({ name: 'Baseline', x, periods: run.baseline.months, metric, colour: palette.baseline, fillAlpha: 0.2, group: 'baseline', hover: f.hover }),
      ...bandTraces({ name, x, periods: run.scenario.months, metric, colour, fillAlpha: 0.2, group: 'scenario', hover: f.hover }),
      medianTrace({ name: 'Baseline', x, periods: run.baseline.months, metric, colour: palette.baseline, dash: 'dash', group: 'baseline', hover: f.hover }),
      medianTrace({ name, x, periods: run.scenario.months, metric, colour, dash: 'solid', group: 'scenario', hover: f.hover }),
    ];
  }

  const layout = baseLayout(options, {
    title: meta.label,
    months,
    y: { title: delta ? 'Difference per month' : meta.axis, format: f.axis, fromZero: !delta && meta.kind !== 'score' },
    legend: !delta,
  });
  layout.yaxis = { ...layout.yaxis, hoverformat: f.hover };
  if (delta) layout.yaxis = { ...layout.yaxis, zeroline: true, zerolinecolor: theme.muted, zerolinewidth: 1.5 };
  withSubtitle(
    layout,
    theme,
    delta ? `Difference: median and 5–95% band${drawsText(options.draws)}` : `Medians and 5–95% bands${drawsText(options.draws)}`,
  );
  const paths = delta ? [run.delta] : [run.baseline, run.scenario];
  if (paths.every((p) => p.months.every((m) => isZero(meta.kind, m.metrics[metric].p5, delta) && isZero(meta.kind, m.metrics[metric].p95, delta)))) {
    // Flat zero (no lever here uses it): a readable axis and a note instead of ticks like 0, 0, 1, 1.
    layout.yaxis = { ...layout.yaxis, range: delta ? [-1, 1] : [0, 1], tickvals: delta ? [-1, 0, 1] : [0, 1], ticktext: delta ? ['', '0', ''] : ['0', ''] };
    layout.annotations = [
      ...(layout.annotations ?? []),
      { text: 'Zero in every month', xref: 'paper', yref: 'paper', x: 0.5, y: 0.6, showarrow: false, font: { size: TYPE_SCALE.axisTitle, color: theme.muted, family: FONT_FAMILY } },
    ];
  }
  quarterAxis(layout, theme, months);
  return { data: traces, layout };
}

const drawsText = (draws: number | undefined) => (draws ? ` · ${integer.format(draws)} draws` : '');

/** A second, muted title line saying what the bands are; the top margin grows to keep the legend clear. */
function withSubtitle(layout: Partial<Layout>, theme: ChartTheme, text: string): void {
  const title = typeof layout.title === 'object' ? layout.title : {};
  layout.title = {
    ...title,
    text: `${title.text ?? ''}<br><span style="font-size:${TYPE_SCALE.tick}px;font-weight:400;color:${theme.muted}">${text}</span>`,
  };
  layout.margin = { ...layout.margin, t: (layout.margin?.t ?? 80) + 18 };
}

// ---- Comparison: small multiples of quarterly differences -----------------------------------------

/**
 * One metric, by quarter: each compared scenario's difference from the shared baseline (median with
 * a 5–95% whisker), side by side per quarter. Zero is the baseline.
 */
export function compareDeltaFigure(comparison: ScenarioComparison, metric: ScenarioMetricKey, options: FigureOptions): Figure {
  const { theme } = options;
  const meta = scenarioMetrics[metric];
  const palette = scenarioPalette(theme);
  const f = formats(meta.kind, true);
  const quarters = comparison.baseline.quarters.map((q) => q.period);
  const data: Data[] = comparison.scenarios.map((item, i) => {
    const colour = palette.scenarios[i % palette.scenarios.length]!;
    const byPeriod = new Map(item.result.delta.quarters.map((q) => [q.period, q.metrics[metric]]));
    const bands = quarters.map((q) => byPeriod.get(q) ?? null);
    const name = escapeHover(shorten(item.name, 26));
    return {
      type: 'scatter',
      mode: 'markers',
      name,
      x: quarters.map(quarterLabel),
      y: bands.map((b) => (b ? b.p50 : null)),
      customdata: bands.map((b) => (b ? [b.p5, b.p95] : [null, null])),
      error_y: {
        type: 'data',
        symmetric: false,
        array: bands.map((b) => (b ? b.p95 - b.p50 : 0)),
        arrayminus: bands.map((b) => (b ? b.p50 - b.p5 : 0)),
        color: colour,
        thickness: 2,
        width: 5,
      },
      marker: { color: colour, size: 9, symbol: 'circle' },
      hovertemplate: `${name}: %{y:${f.hover}} (%{customdata[0]:${f.hover}} to %{customdata[1]:${f.hover}})<extra></extra>`,
    };
  });
  const layout: Partial<Layout> = {
    ...baseLayout(options, { title: meta.label, months: [], y: { title: 'Difference per quarter', format: f.axis, fromZero: false } }),
    hovermode: 'x unified',
    xaxis: {
      type: 'category',
      automargin: true,
      fixedrange: true,
      color: theme.muted,
      linecolor: theme.axis,
      showline: true,
      showgrid: false,
      tickfont: { size: TYPE_SCALE.tick, color: theme.muted, family: FONT_FAMILY },
    },
  };
  layout.yaxis = { ...valueAxis(theme, { title: 'Difference per quarter', format: f.axis, fromZero: false }), zeroline: true, zerolinecolor: theme.muted, zerolinewidth: 1.5, hoverformat: f.hover };
  withSubtitle(layout, theme, 'Difference from baseline: median and 5–95% band');
  // Scenarios side by side within each quarter (layout attributes @types/plotly.js does not know yet).
  Object.assign(layout, { scattermode: 'group', scattergap: 0.45 });
  return { data, layout };
}

/** "A very long scenario name" → "A very long scen…" (legends and titles stay on one line). */
export function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** Plotly hover templates treat %{…} as placeholders: keep user text (scenario names) literal. */
export function escapeHover(text: string): string {
  return text.replace(/%\{/g, '%\u200b{').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
