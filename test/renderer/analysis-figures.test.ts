import { describe, expect, it } from 'vitest';
import type { Layout } from 'plotly.js-dist-min';
import type { CohortReport, DoseResponseReport, EventStudy, LaggedReport } from '../../shared/domain';
import { cohortRatioFigure, doseResponseFigure, effectsFigure, eventStudyFigure, eventTimeLabel, laggedFigure, ratioRange } from '../../renderer/src/figures/analysis';
import { doraBands, doraFigure, doraRange, doraSpecs } from '../../renderer/src/figures/dora';
import { drillable, drillableTraces, drillPointCount, drillTargets } from '../../renderer/src/figures/drill';
import {
  incidentsCfrFigure,
  mergeTimeFigure,
  npsBandFigure,
  qualityRatesFigure,
  reviewLoadFigure,
  reviewWaitFigure,
  throughputAiFigure,
  ticketsIncidentsFigure,
  ticketsNpsFigure,
} from '../../renderer/src/figures/series';
import { sparkline } from '../../renderer/src/figures/sparkline';
import { chartThemes, type Figure, type FigureOptions } from '../../renderer/src/figures/theme';
import { estimate, metricsRow } from './analysis-fixtures';

const light: FigureOptions = { theme: chartThemes.light };
const dark: FigureOptions = { theme: chartThemes.dark };
const rows = [
  metricsRow('2026-08', { incidents: 18, changeFailureRate: 0.08, nps: 31, npsInterval: [22, 40], npsResponses: 120 }),
  metricsRow('2026-09', { incidents: 24, changeFailureRate: 0.12, nps: null, npsInterval: null, npsResponses: 0 }),
  metricsRow('2026-10', { incidents: 21, changeFailureRate: null, days: 15 }),
];

type Trace = { type?: string; name?: string; x?: unknown[]; y?: unknown[]; yaxis?: string; meta?: { drill?: string; periods?: string[] }; customdata?: unknown[]; hovertemplate?: string; marker?: { color?: unknown }; error_x?: { array?: unknown[]; arrayminus?: unknown[] }; error_y?: { array?: unknown[]; arrayminus?: unknown[] }; fill?: string; showlegend?: boolean };
const traces = (f: Figure) => f.data as Trace[];
const trace = (f: Figure, name: string) => {
  const t = traces(f).find((d) => d.name === name);
  if (!t) throw new Error(`no trace ${name} in ${traces(f).map((d) => d.name).join(', ')}`);
  return t;
};
const titleOf = (layout: Partial<Layout>) => (typeof layout.title === 'object' ? layout.title?.text : layout.title);
const fontSizes = (f: Figure) => {
  const sizes: number[] = [];
  JSON.stringify(f.layout, (key, value: unknown) => {
    if (key === 'size' && typeof value === 'number') sizes.push(value);
    return value;
  });
  return sizes;
};

const cohorts: CohortReport = {
  seed: 1,
  bootstrap: 200,
  range: { from: '2024-11-01', to: '2026-10-31' },
  definition: 'AI-assisted: any AI evidence.',
  warnings: [],
  comparisons: [
    { metric: 'review_wait_hours', label: 'Wait for first review', kind: 'median', unit: 'hours', ai: { value: 7.3, ci90: [7.1, 7.5], n: 3945 }, nonAi: { value: 6.6, ci90: [6.4, 6.7], n: 6437 }, ratio: 1.1, ratioCi90: [1.07, 1.15], method: 'm' },
    { metric: 'revert_rate', label: 'Reverted', kind: 'rate', unit: 'share', ai: { value: 0.014, ci90: [0.011, 0.017], n: 4240, count: 59 }, nonAi: { value: 0.01, ci90: [0.008, 0.012], n: 6944, count: 69 }, ratio: 1.4, ratioCi90: [1.1, 1.9], method: 'm' },
  ],
};

const dose: DoseResponseReport = {
  range: { from: null, to: null },
  method: 'm',
  warnings: [],
  buckets: [
    { label: '0–10%', lower: 0, upper: 0.1, teamMonths: 100, mergedPrs: 5000, meanAiShare: 0.02, outcomes: [{ outcome: 'incidents', count: 225, per100: 4.5, ci90: [3.9, 5.2], dispersion: 1.3 }] },
    { label: '50%+', lower: 0.5, upper: null, teamMonths: 6, mergedPrs: 400, meanAiShare: 0.55, outcomes: [{ outcome: 'incidents', count: 31, per100: 7.8, ci90: [6.1, 9.8], dispersion: 1 }] },
  ],
};

const lagged: LaggedReport = {
  range: { from: null, to: null },
  method: 'm',
  warnings: [],
  outcomes: [
    {
      outcome: 'incidents',
      lags: [
        { lag: 0, rateRatio: 0.45, ci90: [0.18, 1.1], n: 160 },
        { lag: 1, rateRatio: 0.5, ci90: [0.2, 1.05], n: 160 },
      ],
    },
  ],
};

const study: EventStudy = {
  threshold: 0.1,
  window: { from: -3, to: 6, reference: -1 },
  adoption: [{ team: 'payments', month: '2025-03' }],
  method: 'm',
  warnings: [],
  outcomes: [
    {
      outcome: 'incidents',
      terms: [
        { eventTime: 0, rateRatio: 0.8, ci90: [0.5, 1.2], n: 6 },
        { eventTime: -3, rateRatio: 1.1, ci90: [0.6, 2], n: 45 },
        { eventTime: -2, rateRatio: 0.4, ci90: [0.2, 0.8], n: 6 },
      ],
      preTrendPValue: 0.004,
      n: 192,
      warnings: [],
    },
  ],
};

describe('the Overview figures', () => {
  it('draws throughput per engineer-week as bars with AI share on a dotted % axis', () => {
    const f = throughputAiFigure(rows, light);
    expect(titleOf(f.layout)).toBe('AI share and throughput');
    expect(trace(f, 'Merged PRs per engineer-week')).toMatchObject({ type: 'bar', x: ['2026-08', '2026-09', '2026-10'], y: [0.93, 0.93, 0.93], yaxis: 'y' });
    expect(trace(f, 'Quality-weighted').y).toEqual([0.84, 0.84, 0.84]);
    expect(trace(f, 'AI share')).toMatchObject({ yaxis: 'y2', y: [0.3, 0.3, 0.3] });
    expect(f.layout.yaxis2).toMatchObject({ tickformat: '.0%', overlaying: 'y' });
  });

  it('puts incidents and change failure rate on their own axes, gaps where a rate has no denominator', () => {
    const f = incidentsCfrFigure(rows, light);
    expect(trace(f, 'Incidents').y).toEqual([18, 24, 21]);
    const cfr = trace(f, 'Change failure rate');
    expect(cfr).toMatchObject({ yaxis: 'y2', y: [0.08, 0.12, null] });
    expect(cfr.customdata).toEqual([
      [27, 300],
      [27, 300],
      [27, 300],
    ]);
  });

  it('shows NPS with its interval and n on hover, and shades a partial month', () => {
    const f = ticketsNpsFigure(rows, { ...light, inProgress: ['2026-10'] });
    const nps = trace(f, 'NPS');
    expect(nps.y).toEqual([31, null, 30]);
    expect(nps.customdata?.[0]).toEqual(['22', '40', 120]);
    expect(nps.hovertemplate).toContain('n = %{customdata[2]:,d}');
    expect(f.layout.shapes).toEqual([expect.objectContaining({ x0: '2026-10-01', x1: '2026-11-01' })]);
  });

  it('marks every counted series drillable with its metric and periods', () => {
    const f = incidentsCfrFigure(rows, light);
    expect(trace(f, 'Incidents').meta).toEqual({ drill: 'incidents', periods: ['2026-08', '2026-09', '2026-10'] });
    expect(trace(f, 'Change failure rate').meta?.drill).toBe('changeFailureRate');
    expect(trace(throughputAiFigure(rows, light), 'AI share').meta?.drill).toBe('aiShare');
  });
});

describe('the Delivery, AI & Quality and Customers month figures', () => {
  it('splits review wait and time to merge into AI-assisted and other PRs', () => {
    const wait = reviewWaitFigure(rows, light);
    expect(trace(wait, 'AI-assisted PRs').y).toEqual([7, 7, 7]);
    expect(trace(wait, 'Other PRs').y).toEqual([5.5, 5.5, 5.5]);
    expect(trace(wait, 'AI-assisted PRs').meta?.drill).toBe('firstReviewHours');
    const merge = mergeTimeFigure(rows, light);
    expect(trace(merge, 'AI-assisted PRs').y).toEqual([12, 12, 12]);
    expect(trace(merge, 'AI-assisted PRs').marker?.color).toBe(chartThemes.light.series.aiShare);
  });

  it('draws review hours per reviewer against senior review shares', () => {
    const f = reviewLoadFigure(rows, light);
    expect(trace(f, 'Review hours per reviewer')).toMatchObject({ type: 'bar', y: [3, 3, 3] });
    expect(trace(f, 'Senior share, AI-assisted PRs')).toMatchObject({ yaxis: 'y2', y: [0.62, 0.62, 0.62] });
    expect(trace(f, 'Senior share, other PRs').y).toEqual([0.58, 0.58, 0.58]);
  });

  it('overlays bug/incident tickets inside all tickets, incidents on the right axis', () => {
    const f = ticketsIncidentsFigure(rows, light);
    expect(f.layout.barmode).toBe('overlay');
    expect(trace(f, 'Tagged bug or incident').y).toEqual([150, 150, 150]);
    expect(trace(f, 'Tagged bug or incident').customdata?.[0]).toBe('25.0%');
    expect(trace(f, 'Incidents').yaxis).toBe('y2');
  });

  it('draws the NPS interval as a filled band that skips the legend once', () => {
    const f = npsBandFigure(rows, light);
    const upper = trace(f, 'NPS 90% upper');
    const lower = trace(f, '90% interval');
    expect(upper).toMatchObject({ y: [40, null, 39], showlegend: false });
    expect(lower).toMatchObject({ y: [22, null, 21], fill: 'tonexty', showlegend: true });
    expect(trace(f, 'NPS').meta?.drill).toBe('nps');
  });

  it('plots incidents and bugs per 100 PRs against AI share', () => {
    const f = qualityRatesFigure(rows, light);
    expect(trace(f, 'Incidents per 100 PRs').y).toEqual([5, 5, 5]);
    expect(trace(f, 'Bugs per 100 PRs').meta?.drill).toBe('bugs');
  });
});

describe('DORA figures', () => {
  it('orders the level bands by which way is better', () => {
    expect(doraBands(doraSpecs.deploymentFrequency, [0.05, 20]).map((b) => b.level)).toEqual(['low', 'medium', 'high', 'elite']);
    expect(doraBands(doraSpecs.leadTime, [5, 2000]).map((b) => [b.level, b.from, b.to])).toEqual([
      ['elite', 5, 24],
      ['high', 24, 168],
      ['medium', 168, 730.6],
      ['low', 730.6, 2000],
    ]);
  });

  it('keeps every band edge and every value on the axis', () => {
    const [lo, hi] = doraRange(doraSpecs.timeToRestore, [0.1, 400]);
    expect(lo).toBeLessThan(0.1);
    expect(hi).toBeGreaterThan(400);
    expect(doraRange(doraSpecs.changeFailureRate, [0.3])[1]).toBeGreaterThan(0.3);
  });

  it('draws time metrics on a log axis with labelled bands behind the line', () => {
    const f = doraFigure(rows, 'leadTime', light);
    expect(f.layout.yaxis).toMatchObject({ type: 'log' });
    expect(f.layout.shapes?.length).toBe(4);
    expect(f.layout.annotations?.map((a) => a.text)).toEqual(['Elite', 'High', 'Medium', 'Low']);
    expect(trace(f, 'Lead time for changes')).toMatchObject({ y: [18, 18, 18], meta: { drill: 'mergedPrs' } });
    expect(trace(f, 'Lead time for changes').customdata).toEqual(['Elite', 'Elite', 'Elite']);
    const cfr = doraFigure(rows, 'changeFailureRate', light);
    expect(cfr.layout.yaxis).toMatchObject({ type: 'linear' });
  });
});

describe('interval figures (statistics)', () => {
  it('draws data, prior and posterior per outcome with asymmetric 90% intervals on a log axis', () => {
    const e = estimate({
      estimate: 0.5,
      ci90: [0.1, 1.4],
      status: 'thin',
      prior: { rateRatio: 1.235, ci90: [0.82, 1.86], logMean: 0.211, logSd: 0.25, source: 'Cortex 2026', derivation: 'd' },
      posterior: { estimate: 1.15, ci90: [0.77, 1.7], dataWeight: 0.08 },
    });
    const f = effectsFigure([e, estimate({ outcome: 'bugs', status: 'insufficient', estimate: null, ci90: null })], light);
    const data = trace(f, 'Your data');
    expect(data.x).toEqual([0.5, null]);
    expect(data.error_x?.array?.[0]).toBeCloseTo(0.9);
    expect(data.error_x?.arrayminus?.[0]).toBeCloseTo(0.4);
    expect(trace(f, 'Published prior').x).toEqual([1.235, null]);
    expect(trace(f, 'Combined (posterior)').x).toEqual([1.15, null]);
    expect(f.layout.xaxis).toMatchObject({ type: 'log' });
    expect(f.layout.shapes?.[0]).toMatchObject({ x0: 1, x1: 1 });
    expect(f.layout.annotations?.map((a) => a.text)).toEqual(['not enough data']);
    expect(f.layout.yaxis?.ticktext).toEqual(['Incidents', 'Bugs']);
  });

  it('shows only your data when no priors were asked for', () => {
    const f = effectsFigure([estimate()], light);
    expect(traces(f).map((t) => t.name)).toEqual(['Your data']);
  });

  it('draws cohort ratios with their intervals, one row per comparison', () => {
    const f = cohortRatioFigure(cohorts, light);
    expect(trace(f, 'AI-assisted / other PRs').x).toEqual([1.1, 1.4]);
    expect(f.layout.yaxis?.ticktext).toEqual(['Wait for first review', 'Reverted']);
  });

  it('draws dose-response buckets with intervals, fading thin buckets', () => {
    const f = doseResponseFigure(dose, 'incidents', light);
    const bars = traces(f)[0]!;
    expect(bars.y).toEqual([4.5, 7.8]);
    expect(bars.error_y?.array?.[1]).toBeCloseTo(2);
    const colours = bars.marker?.color as string[];
    expect(colours[0]).not.toBe(colours[1]);
    expect(doseResponseFigure(dose, 'bugs', light).data[0]).toMatchObject({ y: [null, null] });
  });

  it('draws lagged rate ratios by lag on a log axis around 1x', () => {
    const f = laggedFigure(lagged, 'incidents', light);
    expect(traces(f)[0]).toMatchObject({ x: ['Same month', '1 month later'], y: [0.45, 0.5] });
    expect(f.layout.yaxis).toMatchObject({ type: 'log' });
    expect(f.layout.shapes?.[0]).toMatchObject({ y0: 1, y1: 1 });
  });

  it('sorts event-study terms, adds the reference month at 1x and shades the pre-adoption months', () => {
    const f = eventStudyFigure(study, 'incidents', light);
    expect(traces(f)[0]).toMatchObject({ x: [-3, -2, 0], y: [1.1, 0.4, 0.8] });
    expect(trace(f, 'Reference month')).toMatchObject({ x: [-1], y: [1] });
    expect(f.layout.shapes?.[0]).toMatchObject({ type: 'rect', x1: -0.5 });
    expect(eventTimeLabel(-3, study.window)).toBe('≤ −3');
    expect(eventTimeLabel(6, study.window)).toBe('≥ +6');
    expect(eventTimeLabel(2, study.window)).toBe('+2');
  });

  it('keeps 1x and every interval end inside a ratio axis', () => {
    const [lo, hi] = ratioRange([0.08, 6.8, null]);
    expect(10 ** lo).toBeLessThan(0.08);
    expect(10 ** hi).toBeGreaterThan(6.8);
    const [a, b] = ratioRange([1.1, 1.2]);
    expect(10 ** a).toBeLessThan(1);
    expect(10 ** b).toBeGreaterThan(1.2);
  });
});

describe('one palette and typography for the new figures', () => {
  const all = (o: FigureOptions): [string, Figure][] => [
    ['throughput', throughputAiFigure(rows, o)],
    ['incidents-cfr', incidentsCfrFigure(rows, o)],
    ['tickets-nps', ticketsNpsFigure(rows, o)],
    ['quality', qualityRatesFigure(rows, o)],
    ['review-wait', reviewWaitFigure(rows, o)],
    ['review-load', reviewLoadFigure(rows, o)],
    ['tickets-incidents', ticketsIncidentsFigure(rows, o)],
    ['nps-band', npsBandFigure(rows, o)],
    ['dora', doraFigure(rows, 'timeToRestore', o)],
    ['effects', effectsFigure([estimate()], o)],
    ['cohorts', cohortRatioFigure(cohorts, o)],
    ['dose', doseResponseFigure(dose, 'incidents', o)],
    ['lagged', laggedFigure(lagged, 'incidents', o)],
    ['event-study', eventStudyFigure(study, 'incidents', o)],
  ];

  it('keeps fonts at 12px or more, a title and the theme background on every chart', () => {
    for (const [id, f] of [...all(light), ...all(dark)]) {
      expect(Math.min(...fontSizes(f)), id).toBeGreaterThanOrEqual(12);
      expect(titleOf(f.layout), id).toBeTruthy();
    }
    for (const [id, f] of all(dark)) expect(f.layout.paper_bgcolor, id).toBe(chartThemes.dark.background);
  });

  it('colours AI-assisted PRs like AI share, in both themes', () => {
    expect(trace(reviewWaitFigure(rows, dark), 'AI-assisted PRs').marker?.color).toBe(chartThemes.dark.series.aiShare);
    expect(chartThemes.dark.series.changeFailures).not.toBe(chartThemes.light.series.changeFailures);
    expect(Object.keys(chartThemes.dark.dora)).toEqual(Object.keys(chartThemes.light.dora));
  });
});

describe('drill-down from charts', () => {
  const f: Figure = {
    data: [
      drillable({ type: 'bar', name: 'Incidents', x: ['2026-08', '2026-09'], y: [1, 2] }, 'incidents', ['2026-08', '2026-09']),
      { type: 'scatter', name: 'In progress', x: [null], y: [null] },
      drillable({ type: 'scatter', name: 'Change failure rate', x: ['2026-08', '2026-09'], y: [0.1, 0.2] }, 'changeFailureRate', ['2026-08', '2026-09']),
    ],
    layout: {},
  };

  it('turns clicked points into metric and period, main series first, skipping undrillable traces', () => {
    expect(
      drillTargets(f, [
        { curveNumber: 2, pointNumber: 1 },
        { curveNumber: 1, pointNumber: 0 },
        { curveNumber: 0, pointNumber: 1 },
      ]),
    ).toEqual([
      { metric: 'incidents', period: '2026-09', label: 'Incidents' },
      { metric: 'changeFailureRate', period: '2026-09', label: 'Change failure rate' },
    ]);
  });

  it('ignores points outside the periods and repeats of a metric', () => {
    expect(drillTargets(f, [{ curveNumber: 0, pointNumber: 7 }])).toEqual([]);
    expect(drillTargets(f, [{ curveNumber: 0, pointNumber: 0 }, { curveNumber: 0, pointNumber: 0 }])).toHaveLength(1);
  });

  it('lists the traces the keyboard can walk, with their point counts', () => {
    expect(drillableTraces(f)).toEqual([0, 2]);
    expect(drillPointCount(f, 2)).toBe(2);
    expect(drillPointCount(f, 1)).toBe(0);
  });
});

describe('sparklines', () => {
  it('scales values into the box, the maximum at the top', () => {
    const s = sparkline([0, 5, 10], { width: 104, height: 24, padding: 2 });
    expect(s.paths).toEqual(['M2,22L52,12L102,2']);
    expect(s.last).toEqual({ x: 102, y: 2, value: 10 });
    expect([s.min, s.max]).toEqual([0, 10]);
  });

  it('breaks the line at a missing value instead of drawing through it', () => {
    const s = sparkline([1, 2, null, 3, 4], { width: 100, height: 20 });
    expect(s.paths).toHaveLength(2);
    expect(s.paths[1]!.startsWith('M74,')).toBe(true); // index 3 of 5: 2 + 3 × 24
  });

  it('honours a fixed scale and draws a flat series in the middle', () => {
    expect(sparkline([0.5], { width: 20, height: 20, padding: 0, min: 0, max: 1 }).last).toEqual({ x: 10, y: 10, value: 0.5 });
    expect(sparkline([3, 3, 3], { width: 20, height: 10, padding: 0 }).paths[0]).toBe('M0,5L10,5L20,5');
    expect(sparkline([null, null], { width: 20, height: 10 })).toEqual({ paths: [], last: null, min: null, max: null });
  });
});
