import { describe, expect, it } from 'vitest';
import type { Data, Layout } from 'plotly.js-dist-min';
import { scenarioMetricKeys, type Band, type ScenarioComparison, type ScenarioMetricKey, type ScenarioPath, type ScenarioPeriod } from '../../shared/scenarios';
import {
  compareDeltaFigure,
  deltaVerdict,
  escapeHover,
  fanMetricKeys,
  formatBand,
  formatMetricDelta,
  formatMetricValue,
  quarterTicks,
  scenarioFanFigure,
  scenarioPalette,
  type FanInput,
} from '../../renderer/src/figures/scenarios';
import { chartThemes, type Figure } from '../../renderer/src/figures/theme';

type Trace = Data & {
  name?: string;
  x?: unknown[];
  y?: (number | null)[];
  fill?: string;
  fillcolor?: string;
  showlegend?: boolean;
  hoverinfo?: string;
  hovertemplate?: string;
  customdata?: unknown[];
  line?: { color?: string; dash?: string; width?: number };
  marker?: { color?: string };
  error_y?: { array?: number[]; arrayminus?: number[] };
};
const traces = (f: Figure) => f.data as Trace[];
const titleOf = (layout: Partial<Layout>) => (typeof layout.title === 'object' ? (layout.title?.text ?? '') : (layout.title ?? ''));

const months = ['2026-11', '2026-12', '2027-01', '2027-02', '2027-03', '2027-04', '2027-05', '2027-06'];
const light = { theme: chartThemes.light };
const dark = { theme: chartThemes.dark };

/** Every metric at `level(month index)` with a ±`spread` band. */
function pathOf(level: (i: number) => number, spread = 10, periods = months): ScenarioPeriod[] {
  return periods.map((period, i) => ({
    period,
    metrics: Object.fromEntries(scenarioMetricKeys.map((k) => [k, { p5: level(i) - spread, p50: level(i), p95: level(i) + spread }])) as Record<ScenarioMetricKey, Band>,
  }));
}
const quarterly = (level: number, spread: number): ScenarioPeriod[] => pathOf(() => level, spread, ['2027Q1', '2027Q2']);
const scenarioPath = (level: (i: number) => number, spread = 10): ScenarioPath => ({ months: pathOf(level, spread), quarters: quarterly(level(0) * 3, spread) });

const run: FanInput = {
  baseline: scenarioPath((i) => 100 + i),
  scenario: scenarioPath((i) => 90 + i),
  delta: scenarioPath(() => -10, 4),
};

describe('fan chart: baseline vs scenario', () => {
  const figure = scenarioFanFigure(run, 'incidents', { ...light, mode: 'paths', draws: 2000 });
  const data = traces(figure);

  it('shades each path between its 5th and 95th percentile and draws its median', () => {
    const fills = data.filter((t) => t.fill === 'tonexty');
    expect(fills).toHaveLength(2);
    // Each filled trace is the p5 edge and fills up to the p95 edge drawn right before it.
    for (const fill of fills) {
      const upper = data[data.indexOf(fill) - 1]!;
      expect(upper.y).toEqual(fill.y!.map((v) => (v as number) + 20));
      expect(upper.hoverinfo).toBe('skip');
    }
    const baseline = data.find((t) => t.name === 'Baseline')!;
    const scenario = data.find((t) => t.name === 'Scenario')!;
    expect(baseline.y).toEqual(months.map((_, i) => 100 + i));
    expect(scenario.y).toEqual(months.map((_, i) => 90 + i));
    expect(baseline.line?.dash).toBe('dash');
    expect(scenario.line?.dash).toBe('solid');
    expect(baseline.x).toEqual(months);
  });

  it('carries the band into the hover and keeps the legend to the two medians', () => {
    const scenario = data.find((t) => t.name === 'Scenario')!;
    expect(scenario.customdata?.[0]).toEqual([80, 100]);
    expect(scenario.hovertemplate).toContain('%{customdata[0]');
    expect(data.filter((t) => t.showlegend !== false).map((t) => t.name)).toEqual(['Baseline', 'Scenario']);
  });

  it('colours the baseline grey and the scenario in the metric’s colour, bands translucent', () => {
    const palette = scenarioPalette(chartThemes.light);
    expect(data.find((t) => t.name === 'Baseline')!.line?.color).toBe(palette.baseline);
    expect(data.find((t) => t.name === 'Scenario')!.line?.color).toBe(palette.metric.incidents);
    for (const fill of data.filter((t) => t.fill)) expect(fill.fillcolor).toMatch(/^rgba\(.*0\.2\)$/);
  });

  it('labels the months by quarter, with dividers between quarters', () => {
    const axis = figure.layout.xaxis!;
    expect(axis.tickmode).toBe('array');
    expect(axis.ticktext).toEqual(['Q4<br>2026', 'Q1<br>2027', 'Q2<br>2027']);
    // Labels sit mid-quarter: Q1 2027 spans 1 Jan – 1 Apr.
    expect(axis.tickvals).toContain('2027-02-15');
    expect((figure.layout.shapes ?? []).map((s) => s.x0)).toEqual(['2027-01-01', '2027-04-01']);
  });

  it('says what the bands are under the title, readable when pasted into a slide', () => {
    expect(titleOf(figure.layout)).toContain('Incidents');
    expect(titleOf(figure.layout)).toContain('5–95%');
    expect(titleOf(figure.layout)).toContain('2,000 draws');
    expect(figure.layout.paper_bgcolor).toBe(chartThemes.light.background);
    expect(figure.layout.font?.size).toBeGreaterThanOrEqual(12);
    expect(figure.layout.yaxis?.rangemode).toBe('tozero');
  });

  it('does not force NPS from zero and formats shares as percentages', () => {
    expect(scenarioFanFigure(run, 'nps', { ...light, mode: 'paths' }).layout.yaxis?.rangemode).toBe('normal');
    expect(scenarioFanFigure(run, 'changeFailureRate', { ...light, mode: 'paths' }).layout.yaxis?.tickformat).toBe('.0%');
  });

  it('uses the dark palette in the dark theme', () => {
    const d = scenarioFanFigure(run, 'incidents', { ...dark, mode: 'paths' });
    expect(d.layout.paper_bgcolor).toBe(chartThemes.dark.background);
    expect(traces(d).find((t) => t.name === 'Scenario')!.line?.color).toBe(scenarioPalette(chartThemes.dark).metric.incidents);
    expect(scenarioPalette(chartThemes.dark).metric.incidents).not.toBe(scenarioPalette(chartThemes.light).metric.incidents);
  });

  it('puts a saved scenario’s name in the legend, escaped', () => {
    const named = scenarioFanFigure(run, 'incidents', { ...light, mode: 'paths', scenarioName: 'Cap <b>25%</b>' });
    const names = traces(named).filter((t) => t.showlegend !== false).map((t) => t.name);
    expect(names[1]).toContain('Cap &lt;b&gt;25%');
    expect(escapeHover('%{y}')).not.toContain('%{');
  });
});

describe('fan chart: the difference', () => {
  const figure = scenarioFanFigure(run, 'mergedPrs', { ...light, mode: 'delta' });

  it('draws the per-draw difference with its band around a visible zero line', () => {
    const data = traces(figure);
    const median = data.find((t) => t.fill === undefined && t.hoverinfo !== 'skip')!;
    expect(median.y).toEqual(months.map(() => -10));
    const fill = data.find((t) => t.fill === 'tonexty')!;
    expect(fill.y).toEqual(months.map(() => -14));
    expect(figure.layout.yaxis?.zeroline).toBe(true);
    expect(figure.layout.yaxis?.tickformat).toBe(',d');
    expect(data.find((t) => t.hovertemplate)!.hovertemplate).toContain('%{y:+,.0f}');
    expect(figure.layout.showlegend).toBe(false);
  });

  it('shows "zero in every month" instead of meaningless ticks when nothing moves', () => {
    const flat: FanInput = { ...run, delta: scenarioPath(() => 0, 0) };
    const zero = scenarioFanFigure(flat, 'seniorReviewHours', { ...light, mode: 'delta' });
    expect(zero.layout.yaxis?.range).toEqual([-1, 1]);
    expect((zero.layout.annotations ?? []).map((a) => a.text)).toContain('Zero in every month');
    // A difference that is not flat gets no such note.
    expect(figure.layout.annotations ?? []).toHaveLength(0);
  });

  it('builds a figure for every fan metric without throwing', () => {
    for (const key of fanMetricKeys) for (const mode of ['paths', 'delta'] as const) expect(traces(scenarioFanFigure(run, key, { ...light, mode })).length).toBeGreaterThan(0);
  });
});

describe('quarter ticks', () => {
  it('leaves a one-month part-quarter unlabelled but divided', () => {
    const t = quarterTicks(['2026-12', '2027-01', '2027-02', '2027-03']);
    expect(t.ticktext).toEqual(['', 'Q1<br>2027']);
    expect(t.boundaries).toEqual(['2027-01-01']);
  });

  it('labels a single quarter', () => {
    expect(quarterTicks(['2027-01', '2027-02', '2027-03'])).toEqual({ tickvals: ['2027-02-15'], ticktext: ['Q1<br>2027'], boundaries: [] });
  });
});

describe('comparison small multiples', () => {
  const comparison: ScenarioComparison = {
    startMonth: '2026-11',
    baseline: run.baseline,
    scenarios: [
      { name: 'Cap 25%', result: { ...run, spec: { levers: {}, quarters: 2, seed: 1 }, startMonth: '2026-11', draws: 2000, delta: { months: [], quarters: pathOf(() => -5, 3, ['2027Q1', '2027Q2']) }, assumptions: [], parameters: [], warnings: [], millis: 1 } },
      { name: 'Refactor', result: { ...run, spec: { levers: {}, quarters: 2, seed: 1 }, startMonth: '2026-11', draws: 2000, delta: { months: [], quarters: pathOf((i) => -20 - i, 8, ['2027Q1', '2027Q2']) }, assumptions: [], parameters: [], warnings: [], millis: 1 } },
    ],
  };
  const figure = compareDeltaFigure(comparison, 'incidents', light);
  const data = traces(figure);

  it('has one series per scenario, by quarter, with asymmetric 5–95% whiskers', () => {
    expect(data.map((t) => t.name)).toEqual(['Cap 25%', 'Refactor']);
    expect(data[0]!.x).toEqual(['Q1 2027', 'Q2 2027']);
    expect(data[1]!.y).toEqual([-20, -21]);
    expect(data[1]!.error_y?.array).toEqual([8, 8]);
    expect(data[1]!.error_y?.arrayminus).toEqual([8, 8]);
    expect(data[0]!.marker?.color).not.toBe(data[1]!.marker?.color);
  });

  it('marks zero as the baseline and groups the scenarios within a quarter', () => {
    expect(figure.layout.yaxis?.zeroline).toBe(true);
    expect((figure.layout as Record<string, unknown>).scattermode).toBe('group');
    expect(titleOf(figure.layout)).toMatch(/^Incidents<br>.*Difference from baseline/);
  });
});

describe('number formats', () => {
  it('signs differences with a true minus and keeps units', () => {
    expect(formatMetricDelta('incidents', -4.6)).toBe('\u22125');
    expect(formatMetricDelta('mergedPrs', 58)).toBe('+58');
    expect(formatMetricDelta('mergedPrs', 0.2)).toBe('0');
    expect(formatMetricDelta('changeFailureRate', -0.0077)).toBe('\u22120.8 pp');
    expect(formatMetricDelta('cost', -25000)).toBe('\u2212$25k');
    expect(formatMetricDelta('seniorReviewHours', 1234)).toBe('+1,234 h');
    expect(formatMetricDelta('nps', 0.22)).toBe('+0.2');
  });

  it('formats levels and bands', () => {
    expect(formatMetricValue('changeFailureRate', 0.0927)).toBe('9.3%');
    expect(formatMetricValue('nps', -12.4)).toBe('\u221212');
    expect(formatMetricValue('cost', 375000)).toBe('$375k');
    expect(formatMetricValue('cost', 1_250_000)).toBe('$1.3M');
    expect(formatBand('mergedPrs', { p5: 1195, p50: 1354, p95: 1502 })).toBe('1,354 (1,195 to 1,502)');
    expect(formatBand('incidents', { p5: -14, p50: -5, p95: 5 }, true)).toBe('\u22125 (\u221214 to +5)');
  });

  it('calls a difference better or worse only when its whole band is on one side of zero', () => {
    expect(deltaVerdict('incidents', { p5: -14, p50: -5, p95: 5 })).toBe('uncertain');
    expect(deltaVerdict('incidents', { p5: -14, p50: -9, p95: -3 })).toBe('better');
    expect(deltaVerdict('mergedPrs', { p5: -140, p50: -90, p95: -30 })).toBe('worse');
    expect(deltaVerdict('nps', { p5: 0.6, p50: 1, p95: 2 })).toBe('better');
    expect(deltaVerdict('seniorReviewHours', { p5: 0, p50: 0, p95: 0 })).toBe('neutral');
    expect(deltaVerdict('aiShare', { p5: -0.2, p50: -0.15, p95: -0.1 })).toBe('neutral');
  });
});
