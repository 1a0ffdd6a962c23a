/**
 * One palette and one typography for every chart, in light and dark. Figures are pasted into slides,
 * so fonts stay ≥ 12 px, titles say what is plotted, and backgrounds are solid (not transparent).
 * The UI's CSS variables (styles/tokens.css) mirror these values.
 */
import type { Data, Layout, LayoutAxis } from 'plotly.js-dist-min';

export type ResolvedTheme = 'light' | 'dark';

export interface Figure {
  data: Data[];
  layout: Partial<Layout>;
}

/** What each series is, coloured the same in every chart. */
export interface SeriesColours {
  mergedPrs: string;
  aiShare: string;
  incidents: string;
  bugs: string;
  tickets: string;
  nps: string;
  changeFailures: string;
  /** The comparison group of AI PRs (no AI evidence). */
  nonAi: string;
  /** Effect estimates: this workspace's data alone, the published prior, and both combined. */
  estimate: string;
  prior: string;
  posterior: string;
  reviewHours: string;
  /** Merged PRs minus reverted, hotfix and incident-linked ones (docs/metrics.md). */
  qualityWeighted: string;
}

/** Faint bands behind DORA charts, one per performance level. */
export interface DoraColours {
  elite: string;
  high: string;
  medium: string;
  low: string;
}

export interface ChartTheme {
  name: ResolvedTheme;
  background: string;
  text: string;
  muted: string;
  grid: string;
  axis: string;
  zero: string;
  hoverBackground: string;
  hoverBorder: string;
  /** Shading for months still in progress, and its (stronger) legend key. */
  inProgress: string;
  inProgressKey: string;
  series: SeriesColours;
  dora: DoraColours;
  /** Shading of the pre-adoption months in the event study. */
  preAdoption: string;
}

export const FONT_FAMILY =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif';

export const TYPE_SCALE = { title: 16, axisTitle: 13, tick: 12, legend: 12, hover: 13 } as const;

export const chartThemes: Record<ResolvedTheme, ChartTheme> = {
  light: {
    name: 'light',
    background: '#ffffff',
    text: '#1c2024',
    muted: '#60646c',
    grid: '#eceef1',
    axis: '#d9dce1',
    zero: '#b9bcc3',
    hoverBackground: '#ffffff',
    hoverBorder: '#d9dce1',
    inProgress: 'rgba(96, 100, 108, 0.10)',
    inProgressKey: 'rgba(96, 100, 108, 0.35)',
    series: {
      mergedPrs: '#8da4ef',
      aiShare: '#8e4ec6',
      incidents: '#dc3e42',
      bugs: '#ef8a2c',
      tickets: '#12a594',
      nps: '#30a46c',
      changeFailures: '#d6409f',
      nonAi: '#7c8595',
      estimate: '#1c2024',
      prior: '#a0a5ad',
      posterior: '#3e63dd',
      reviewHours: '#0d74ce',
      qualityWeighted: '#3451b2',
    },
    dora: {
      elite: 'rgba(48, 164, 108, 0.10)',
      high: 'rgba(48, 164, 108, 0.04)',
      medium: 'rgba(239, 138, 44, 0.07)',
      low: 'rgba(220, 62, 66, 0.07)',
    },
    preAdoption: 'rgba(96, 100, 108, 0.07)',
  },
  dark: {
    name: 'dark',
    background: '#17191d',
    text: '#edeef0',
    muted: '#a0a5ad',
    grid: '#262a30',
    axis: '#363a42',
    zero: '#4a4f58',
    hoverBackground: '#1f2227',
    hoverBorder: '#3b3f47',
    inProgress: 'rgba(160, 165, 173, 0.10)',
    inProgressKey: 'rgba(160, 165, 173, 0.40)',
    series: {
      mergedPrs: '#5470c8',
      aiShare: '#c495f2',
      incidents: '#ff6b6f',
      bugs: '#ffa057',
      tickets: '#3dd6bf',
      nps: '#56cf8c',
      changeFailures: '#f27bbd',
      nonAi: '#8b93a1',
      estimate: '#edeef0',
      prior: '#6f7680',
      posterior: '#7c98ff',
      reviewHours: '#70b8ff',
      qualityWeighted: '#9db1ff',
    },
    dora: {
      elite: 'rgba(86, 207, 140, 0.12)',
      high: 'rgba(86, 207, 140, 0.05)',
      medium: 'rgba(255, 160, 87, 0.08)',
      low: 'rgba(255, 107, 111, 0.09)',
    },
    preAdoption: 'rgba(160, 165, 173, 0.08)',
  },
};

export interface FigureOptions {
  theme: ChartTheme;
  /** Months (YYYY-MM) still in progress; shaded and labelled. */
  inProgress?: readonly string[];
}

/** Tick spacing that keeps month labels readable: every month up to a year, then quarterly, then half-yearly. */
export function monthTickStep(monthCount: number): string {
  if (monthCount <= 12) return 'M1';
  if (monthCount <= 36) return 'M3';
  return 'M6';
}

/** Calendar-month x values ("YYYY-MM") plotted as dates, centred on their month. */
export const monthly = { xperiod: 'M1', xperiodalignment: 'middle' } as const;

export function axisBase(theme: ChartTheme): Partial<LayoutAxis> {
  return {
    color: theme.muted,
    gridcolor: theme.grid,
    linecolor: theme.axis,
    zerolinecolor: theme.zero,
    tickfont: { size: TYPE_SCALE.tick, color: theme.muted, family: FONT_FAMILY },
    automargin: true,
    fixedrange: true,
  };
}

export interface AxisSpec {
  title: string;
  /** d3 format for ticks and hover, e.g. ',d' or '.0%'. */
  format?: string;
  colour?: string;
  /** Always include zero (counts, rates). */
  fromZero?: boolean;
}

/** A count/rate/share axis: titled, formatted, gridded, from zero unless told otherwise. */
export function valueAxis(theme: ChartTheme, spec: AxisSpec): Partial<LayoutAxis> {
  return {
    ...axisBase(theme),
    title: { text: spec.title, font: { size: TYPE_SCALE.axisTitle, color: spec.colour ?? theme.muted, family: FONT_FAMILY }, standoff: 8 },
    tickformat: spec.format ?? ',d',
    hoverformat: spec.format ?? ',d',
    rangemode: spec.fromZero === false ? 'normal' : 'tozero',
    showline: false,
    zeroline: spec.fromZero === false,
    ticks: '',
    nticks: 6,
  };
}

/** The shared layout: title, legend, month x-axis, value axis and an optional secondary axis. */
export interface LayoutSpec {
  title: string;
  months: readonly string[];
  y: AxisSpec;
  y2?: AxisSpec;
  /** Show the legend (default true); a single-series chart turns it off unless a month is shaded. */
  legend?: boolean;
}

/** A monthly figure: the traces, the in-progress legend key when needed, and the shared layout. */
export function monthlyFigure(options: FigureOptions, spec: LayoutSpec, traces: Data[]): Figure {
  return { data: [...traces, ...inProgressLegend(options)], layout: baseLayout(options, spec) };
}

/**
 * What every figure shares whatever its axes: the panel title, fonts, solid background, legend above
 * the plot and the hover style. Month charts build on it (baseLayout); interval charts add their own axes.
 */
export function panelLayout(options: FigureOptions, spec: { title: string; legend: boolean }): Partial<Layout> {
  const { theme } = options;
  return {
    title: {
      text: spec.title,
      font: { size: TYPE_SCALE.title, color: theme.text, family: FONT_FAMILY, weight: 600 },
      // A panel title in the top-left corner; the legend sits below it, aligned with the plot.
      x: 0,
      xref: 'container',
      xanchor: 'left',
      y: 1,
      yref: 'container',
      yanchor: 'top',
      pad: { l: 12, t: 14 },
    },
    font: { family: FONT_FAMILY, size: TYPE_SCALE.tick, color: theme.text },
    paper_bgcolor: theme.background,
    plot_bgcolor: theme.background,
    // Room for the title and a legend that wraps to a second row in narrow charts.
    margin: { l: 16, r: 16, t: spec.legend ? 80 : 56, b: 16, pad: 4 },
    showlegend: spec.legend,
    legend: {
      orientation: 'h',
      // Below the title, just above the plot area. (A container-referenced legend makes Plotly
      // push the plot aside, so it stays aligned with the plot area.)
      x: 0,
      xref: 'paper',
      xanchor: 'left',
      y: 1.02,
      yref: 'paper',
      yanchor: 'bottom',
      itemclick: false,
      itemdoubleclick: false,
      font: { size: TYPE_SCALE.legend, color: theme.muted, family: FONT_FAMILY },
      bgcolor: 'rgba(0,0,0,0)',
    },
    modebar: { bgcolor: 'rgba(0,0,0,0)', color: theme.muted, activecolor: theme.text },
    hoverlabel: {
      bgcolor: theme.hoverBackground,
      bordercolor: theme.hoverBorder,
      font: { size: TYPE_SCALE.hover, color: theme.text, family: FONT_FAMILY },
      align: 'left',
    },
  };
}

export function baseLayout(options: FigureOptions, spec: LayoutSpec): Partial<Layout> {
  const { theme } = options;
  const showLegend = (spec.legend ?? true) || (options.inProgress ?? []).length > 0;
  const layout: Partial<Layout> = {
    ...panelLayout(options, { title: spec.title, legend: showLegend }),
    hovermode: 'x unified',
    bargap: 0.28,
    xaxis: {
      ...axisBase(theme),
      type: 'date',
      // Two-line labels ("Jan" over "2025") stay horizontal in a half-width chart.
      tickformat: '%b<br>%Y',
      hoverformat: '%B %Y',
      tickangle: 0,
      dtick: monthTickStep(spec.months.length),
      ticklabelmode: 'period',
      showgrid: false,
      showline: true,
      ticks: 'outside',
      ticklen: 4,
      tickcolor: theme.axis,
      ...(spec.months.length > 0 ? { range: monthRange(spec.months) } : {}),
    },
    yaxis: valueAxis(theme, spec.y),
    shapes: [],
    annotations: [],
  };
  if (spec.y2) {
    // tickmode 'auto': Plotly would otherwise sync the ticks to y's grid (0, 18.5%, 37%…).
    layout.yaxis2 = { ...valueAxis(theme, spec.y2), overlaying: 'y', side: 'right', showgrid: false, tickmode: 'auto' };
  }
  shadeInProgress(layout, options);
  return layout;
}

/** The x range from the start of the first month to the end of the last. */
export function monthRange(months: readonly string[]): [string, string] {
  const first = months[0]!;
  const last = months[months.length - 1]!;
  return [`${first}-01`, `${followingMonth(last)}-01`];
}

function followingMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** Grey band over months that are not complete yet (see `inProgressLegend` for its legend entry). */
function shadeInProgress(layout: Partial<Layout>, options: FigureOptions): void {
  const months = options.inProgress ?? [];
  if (months.length === 0) return;
  const first = months[0]!;
  const last = months[months.length - 1]!;
  layout.shapes = [
    {
      type: 'rect',
      xref: 'x',
      yref: 'paper',
      x0: `${first}-01`,
      x1: `${followingMonth(last)}-01`,
      y0: 0,
      y1: 1,
      fillcolor: options.theme.inProgress,
      line: { width: 0 },
      layer: 'below',
    },
  ];
}

/**
 * A legend entry that explains the shaded band ("Month in progress"), so a chart pasted into a slide
 * still says why its last bar is short. Empty data: it only draws the key.
 */
export function inProgressLegend(options: FigureOptions): Data[] {
  const months = options.inProgress ?? [];
  if (months.length === 0) return [];
  return [
    {
      type: 'scatter',
      mode: 'markers',
      name: 'In progress',
      x: [null],
      y: [null],
      marker: { symbol: 'square', size: 12, color: options.theme.inProgressKey },
      hoverinfo: 'skip',
      showlegend: true,
    },
  ];
}

/** "#rrggbb" → "rgba(r, g, b, a)"; anything else unchanged. */
export function withAlpha(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return hex;
  return `rgba(${parseInt(m[1]!, 16)}, ${parseInt(m[2]!, 16)}, ${parseInt(m[3]!, 16)}, ${alpha})`;
}
