/**
 * The statistics' figures (docs/methods.md): effect estimates with prior and posterior, AI vs other PR
 * cohorts, dose-response by AI-share bucket, lagged association and the event-study check. Ratios are
 * drawn on a log axis around a reference line at 1x, each with its 90% interval. Pure.
 */
import type { Annotation, Data, Layout, LayoutAxis, Shape } from 'plotly.js-dist-min';
import type { CohortReport, DoseResponseReport, EffectEstimate, EffectOutcome, EventStudy, Interval90, LaggedReport } from '../../../shared/domain';
import { formatRatio, outcomeLabel } from '../lib/effects-text';
import { axisBase, FONT_FAMILY, panelLayout, TYPE_SCALE, type ChartTheme, type Figure, type FigureOptions, withAlpha } from './theme';

/** Each outcome in its series colour, the same as in the monthly charts. */
export function outcomeColour(theme: ChartTheme, outcome: EffectOutcome): string {
  const s = theme.series;
  return { incidents: s.incidents, bugs: s.bugs, reverts: s.qualityWeighted, change_failures: s.changeFailures }[outcome];
}

const RATIO_TICKS = [0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20];
const RATIO_TICKS_FINE = [0.5, 0.67, 0.8, 1, 1.25, 1.5, 2];

/** A log axis range in log10 units covering every value and interval end (and 1), with headroom. */
export function ratioRange(values: readonly (number | null | undefined)[]): [number, number] {
  const finite = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0);
  const lo = Math.min(0.8, ...finite) / 1.25;
  const hi = Math.max(1.25, ...finite) * 1.25;
  return [Math.log10(lo), Math.log10(hi)];
}

/** A rate-ratio axis: log scale, ticks at round ratios written "0.5x", "2x". */
export function ratioAxis(theme: ChartTheme, title: string, range: [number, number]): Partial<LayoutAxis> {
  const span = range[1] - range[0];
  // Fewer ticks when the range is wide, so labels never collide.
  const candidates = span > 2 ? [0.01, 0.1, 1, 10, 100] : span > 1.2 ? [0.1, 0.25, 0.5, 1, 2, 4, 10] : span > 0.5 ? RATIO_TICKS : RATIO_TICKS_FINE;
  const ticks = candidates.filter((t) => Math.log10(t) >= range[0] && Math.log10(t) <= range[1]);
  return {
    ...axisBase(theme),
    type: 'log',
    range,
    tickvals: ticks,
    ticktext: ticks.map((t) => `${t}x`),
    title: { text: title, font: { size: TYPE_SCALE.axisTitle, color: theme.muted, family: FONT_FAMILY }, standoff: 8 },
    showgrid: true,
    zeroline: false,
    showline: false,
  };
}

/** The reference line at a ratio of 1 (no difference), across the plot. */
function referenceLine(theme: ChartTheme, axis: 'x' | 'y'): Partial<Shape> {
  return axis === 'x'
    ? { type: 'line', xref: 'x', yref: 'paper', x0: 1, x1: 1, y0: 0, y1: 1, line: { color: theme.zero, width: 1.5, dash: 'dash' }, layer: 'below' }
    : { type: 'line', xref: 'paper', yref: 'y', x0: 0, x1: 1, y0: 1, y1: 1, line: { color: theme.zero, width: 1.5, dash: 'dash' }, layer: 'below' };
}

function errorArrays(values: readonly (number | null)[], intervals: readonly (Interval90 | null)[]) {
  return {
    array: values.map((v, i) => (v === null || !intervals[i] ? null : intervals[i]![1] - v)),
    arrayminus: values.map((v, i) => (v === null || !intervals[i] ? null : v - intervals[i]![0])),
  };
}

const intervalText = (ci: Interval90 | null) => (ci ? `${formatRatio(ci[0])}–${formatRatio(ci[1])}` : 'no interval');

/** A horizontal interval marker trace on numeric y positions (one per category). */
function horizontalIntervals(spec: {
  name: string;
  y: number[];
  values: (number | null)[];
  intervals: (Interval90 | null)[];
  colour: string;
  labels: string[];
  symbol?: string;
  hollow?: boolean;
}): Data {
  const err = errorArrays(spec.values, spec.intervals);
  return {
    type: 'scatter',
    mode: 'markers',
    name: spec.name,
    x: spec.values,
    y: spec.y,
    marker: {
      color: spec.hollow ? 'rgba(0,0,0,0)' : spec.colour,
      size: 10,
      symbol: spec.symbol ?? 'circle',
      line: { color: spec.colour, width: 2 },
    },
    error_x: { type: 'data', symmetric: false, array: err.array, arrayminus: err.arrayminus, color: spec.colour, thickness: 2, width: 6 },
    customdata: spec.values.map((v, i) => [spec.labels[i]!, formatRatio(v), intervalText(spec.intervals[i] ?? null)]),
    hovertemplate: `<b>%{customdata[0]}</b><br>${spec.name}: %{customdata[1]}x (90%: %{customdata[2]})<extra></extra>`,
  } as Data;
}

function categoryAxis(theme: ChartTheme, labels: string[]): Partial<LayoutAxis> {
  return {
    ...axisBase(theme),
    tickvals: labels.map((_, i) => labels.length - 1 - i),
    ticktext: labels,
    range: [-0.6, labels.length - 0.4],
    tickfont: { size: TYPE_SCALE.axisTitle, color: theme.text, family: FONT_FAMILY },
    ticksuffix: '  ',
    showgrid: false,
    zeroline: false,
    showline: false,
  };
}

function intervalLayout(options: FigureOptions, title: string, legend: boolean): Partial<Layout> {
  return { ...panelLayout(options, { title, legend }), hovermode: 'closest', shapes: [], annotations: [] };
}

/**
 * Effect estimates per outcome: this workspace's data alone, the published prior and both combined
 * (when priors were requested), each with its 90% interval. Outcomes without an estimate say so.
 */
export function effectsFigure(effects: readonly EffectEstimate[], options: FigureOptions): Figure {
  const { theme } = options;
  const labels = effects.map((e) => outcomeLabel[e.outcome]);
  const base = effects.map((_, i) => effects.length - 1 - i);
  const withPriors = effects.some((e) => e.prior !== null);
  const offset = withPriors ? 0.24 : 0;
  const traces: Data[] = [
    horizontalIntervals({
      name: 'Your data',
      y: base.map((y) => y + offset),
      values: effects.map((e) => e.estimate),
      intervals: effects.map((e) => e.ci90),
      colour: theme.series.estimate,
      labels,
    }),
  ];
  if (withPriors) {
    traces.push(
      horizontalIntervals({
        name: 'Published prior',
        y: base,
        values: effects.map((e) => e.prior?.rateRatio ?? null),
        intervals: effects.map((e) => e.prior?.ci90 ?? null),
        colour: theme.series.prior,
        labels,
        symbol: 'diamond',
        hollow: true,
      }),
      horizontalIntervals({
        name: 'Combined (posterior)',
        y: base.map((y) => y - offset),
        values: effects.map((e) => e.posterior?.estimate ?? null),
        intervals: effects.map((e) => e.posterior?.ci90 ?? null),
        colour: theme.series.posterior,
        labels,
        symbol: 'square',
      }),
    );
  }
  const range = ratioRange(
    effects.flatMap((e) => [e.estimate, ...(e.ci90 ?? []), e.prior?.rateRatio, ...(e.prior?.ci90 ?? []), e.posterior?.estimate, ...(e.posterior?.ci90 ?? [])]),
  );
  const annotations: Partial<Annotation>[] = effects.flatMap((e, i) =>
    e.estimate === null
      ? [
          {
            x: 0, // log10(1): annotations on a log axis are placed in log units
            y: base[i]! + offset,
            xref: 'x',
            yref: 'y',
            text: 'not enough data',
            showarrow: false,
            xanchor: 'left',
            font: { size: TYPE_SCALE.tick, color: theme.muted, family: FONT_FAMILY },
          } satisfies Partial<Annotation>,
        ]
      : [],
  );
  return {
    data: traces,
    layout: {
      ...intervalLayout(options, 'Effect of AI share: rate ratio at 100% vs 0%', true),
      margin: { l: 16, r: 24, t: 80, b: 16, pad: 4 },
      xaxis: ratioAxis(theme, 'Rate per PR, 100% vs 0% AI share (log scale)', range),
      yaxis: categoryAxis(theme, labels),
      shapes: [referenceLine(theme, 'x')],
      annotations,
    },
  };
}

/** AI-assisted / other PRs, one row per comparison, with the ratio's 90% interval. */
export function cohortRatioFigure(report: CohortReport, options: FigureOptions): Figure {
  const { theme } = options;
  const rows = report.comparisons;
  const labels = rows.map((c) => c.label);
  const base = rows.map((_, i) => rows.length - 1 - i);
  const range = ratioRange(rows.flatMap((c) => [c.ratio, ...(c.ratioCi90 ?? [])]));
  return {
    data: [
      horizontalIntervals({
        name: 'AI-assisted / other PRs',
        y: base,
        values: rows.map((c) => c.ratio),
        intervals: rows.map((c) => c.ratioCi90),
        colour: theme.series.aiShare,
        labels,
      }),
    ],
    layout: {
      ...intervalLayout(options, 'AI-assisted vs other merged PRs', false),
      margin: { l: 16, r: 24, t: 56, b: 16, pad: 4 },
      xaxis: ratioAxis(theme, 'AI / other (log scale)', range),
      yaxis: categoryAxis(theme, labels),
      shapes: [referenceLine(theme, 'x')],
    },
  };
}

/** One outcome's rate per 100 merged PRs in each AI-share bucket of team-months, with intervals. */
export function doseResponseFigure(report: DoseResponseReport, outcome: EffectOutcome, options: FigureOptions): Figure {
  const { theme } = options;
  const colour = outcomeColour(theme, outcome);
  const cells = report.buckets.map((b) => b.outcomes.find((o) => o.outcome === outcome) ?? null);
  const x = report.buckets.map((b) => `${b.label} AI`);
  const y = cells.map((c) => c?.per100 ?? null);
  const err = {
    array: cells.map((c) => (c?.per100 != null && c.ci90 ? c.ci90[1] - c.per100 : null)),
    arrayminus: cells.map((c) => (c?.per100 != null && c.ci90 ? c.per100 - c.ci90[0] : null)),
  };
  const name = `${outcomeLabel[outcome]} per 100 merged PRs`;
  return {
    data: [
      {
        type: 'bar',
        name,
        x,
        y,
        marker: {
          // Buckets with under 10 team-months are flagged by the engine: drawn faint.
          color: report.buckets.map((b) => (b.teamMonths < 10 ? withAlpha(colour, 0.35) : withAlpha(colour, 0.8))),
          line: { width: 0 },
        },
        error_y: { type: 'data', symmetric: false, array: err.array, arrayminus: err.arrayminus, color: theme.text, thickness: 1.5, width: 6 },
        customdata: report.buckets.map((b, i) => [
          b.teamMonths,
          b.mergedPrs,
          b.meanAiShare === null ? '–' : `${(b.meanAiShare * 100).toFixed(0)}%`,
          cells[i]?.count ?? 0,
          cells[i]?.ci90 ? `${cells[i]!.ci90![0].toFixed(1)}–${cells[i]!.ci90![1].toFixed(1)}` : '–',
        ]),
        hovertemplate:
          `<b>%{x}</b><br>${name}: %{y:.2f} (90%: %{customdata[4]})<br>%{customdata[3]:,d} ${outcomeLabel[outcome].toLowerCase()} in %{customdata[1]:,d} PRs` +
          '<br>%{customdata[0]:,d} team-months, mean AI share %{customdata[2]}<extra></extra>',
      } as Data,
    ],
    layout: {
      ...intervalLayout(options, `${outcomeLabel[outcome]} by AI share of the team-month`, false),
      bargap: 0.35,
      xaxis: { ...axisBase(options.theme), type: 'category', showgrid: false, showline: true, title: { text: 'AI share of the team-month’s added lines', font: { size: TYPE_SCALE.axisTitle, color: theme.muted, family: FONT_FAMILY }, standoff: 8 } },
      yaxis: {
        ...axisBase(theme),
        title: { text: name, font: { size: TYPE_SCALE.axisTitle, color: colour, family: FONT_FAMILY }, standoff: 8 },
        rangemode: 'tozero',
        tickformat: '.1f',
        showgrid: true,
        zeroline: false,
      },
    },
  };
}

const lagLabel = (lag: number) => (lag === 0 ? 'Same month' : `${lag} month${lag === 1 ? '' : 's'} later`);

/** AI share in month t against the outcome in t … t+3: a rate ratio per 100% AI share at each lag. */
export function laggedFigure(report: LaggedReport, outcome: EffectOutcome, options: FigureOptions): Figure {
  const { theme } = options;
  const colour = outcomeColour(theme, outcome);
  const lags = report.outcomes.find((o) => o.outcome === outcome)?.lags ?? [];
  const values = lags.map((l) => l.rateRatio);
  const err = errorArrays(values, lags.map((l) => l.ci90));
  const range = ratioRange(lags.flatMap((l) => [l.rateRatio, ...(l.ci90 ?? [])]));
  return {
    data: [
      {
        type: 'scatter',
        mode: 'markers',
        name: outcomeLabel[outcome],
        x: lags.map((l) => lagLabel(l.lag)),
        y: values,
        marker: { color: colour, size: 10 },
        error_y: { type: 'data', symmetric: false, array: err.array, arrayminus: err.arrayminus, color: colour, thickness: 2, width: 6 },
        customdata: lags.map((l) => [formatRatio(l.rateRatio), intervalText(l.ci90), l.n]),
        hovertemplate: `<b>%{x}</b><br>${outcomeLabel[outcome]}: %{customdata[0]}x per 100% AI share (90%: %{customdata[1]})<br>%{customdata[2]:,d} team-months<extra></extra>`,
      } as Data,
    ],
    layout: {
      ...intervalLayout(options, `${outcomeLabel[outcome]} after a month of AI share`, false),
      xaxis: { ...axisBase(theme), type: 'category', showgrid: false, showline: true, title: { text: 'Outcome measured', font: { size: TYPE_SCALE.axisTitle, color: theme.muted, family: FONT_FAMILY }, standoff: 8 } },
      yaxis: ratioAxis(theme, 'Rate ratio per 100% AI share (log scale)', range),
      shapes: [referenceLine(theme, 'y')],
    },
  };
}

/** Event-time label: the binned end points read "≤ −3" and "≥ +6". */
export function eventTimeLabel(t: number, window: EventStudy['window']): string {
  const signed = t > 0 ? `+${t}` : t < 0 ? `−${Math.abs(t)}` : '0';
  if (t === window.from) return `≤ ${signed}`;
  if (t === window.to) return `≥ ${signed}`;
  return signed;
}

/**
 * The event-study check: rate ratio by month relative to adoption, the reference month (−1) drawn at
 * 1x. Pre-adoption months are shaded: their terms should sit on the dashed line.
 */
export function eventStudyFigure(study: EventStudy, outcome: EffectOutcome, options: FigureOptions): Figure {
  const { theme } = options;
  const colour = outcomeColour(theme, outcome);
  const terms = [...(study.outcomes.find((o) => o.outcome === outcome)?.terms ?? [])].sort((a, b) => a.eventTime - b.eventTime);
  const values = terms.map((t) => t.rateRatio);
  const err = errorArrays(values, terms.map((t) => t.ci90));
  const range = ratioRange(terms.flatMap((t) => [t.rateRatio, ...(t.ci90 ?? [])]));
  const ref = study.window.reference;
  const ticks: number[] = [];
  for (let t = study.window.from; t <= study.window.to; t++) ticks.push(t);
  return {
    data: [
      {
        type: 'scatter',
        mode: 'markers',
        name: outcomeLabel[outcome],
        x: terms.map((t) => t.eventTime),
        y: values,
        marker: { color: colour, size: 10 },
        error_y: { type: 'data', symmetric: false, array: err.array, arrayminus: err.arrayminus, color: colour, thickness: 2, width: 6 },
        customdata: terms.map((t) => [eventTimeLabel(t.eventTime, study.window), formatRatio(t.rateRatio), intervalText(t.ci90), t.n]),
        hovertemplate: '<b>Month %{customdata[0]}</b><br>%{customdata[1]}x vs the month before adoption (90%: %{customdata[2]})<br>%{customdata[3]:,d} team-months<extra></extra>',
      } as Data,
      {
        type: 'scatter',
        mode: 'markers',
        name: 'Reference month',
        x: [ref],
        y: [1],
        marker: { color: theme.background, size: 10, line: { color: theme.muted, width: 2 } },
        hovertemplate: 'Month before adoption: the reference (1x by definition)<extra></extra>',
      } as Data,
    ],
    layout: {
      ...intervalLayout(options, `${outcomeLabel[outcome]} around AI adoption`, true),
      xaxis: {
        ...axisBase(theme),
        type: 'linear',
        range: [study.window.from - 0.6, study.window.to + 0.6],
        tickvals: ticks,
        ticktext: ticks.map((t) => eventTimeLabel(t, study.window)),
        showgrid: false,
        zeroline: false,
        showline: true,
        title: { text: `Months since adoption (AI share first above ${Math.round(study.threshold * 100)}%)`, font: { size: TYPE_SCALE.axisTitle, color: theme.muted, family: FONT_FAMILY }, standoff: 8 },
      },
      yaxis: ratioAxis(theme, 'Rate ratio vs month −1 (log scale)', range),
      shapes: [
        { type: 'rect', xref: 'x', yref: 'paper', x0: study.window.from - 0.6, x1: -0.5, y0: 0, y1: 1, fillcolor: theme.preAdoption, line: { width: 0 }, layer: 'below' },
        { type: 'line', xref: 'x', yref: 'paper', x0: -0.5, x1: -0.5, y0: 0, y1: 1, line: { color: theme.muted, width: 1, dash: 'dot' }, layer: 'below' },
        referenceLine(theme, 'y'),
      ],
      annotations: [
        {
          xref: 'x',
          yref: 'paper',
          x: study.window.from - 0.5,
          y: 1,
          xanchor: 'left',
          yanchor: 'top',
          text: 'Before adoption: should sit on 1x',
          showarrow: false,
          font: { size: TYPE_SCALE.tick, color: theme.muted, family: FONT_FAMILY },
        },
      ],
    },
  };
}
