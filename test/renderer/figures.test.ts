import { describe, expect, it } from 'vitest';
import type { Data, Layout } from 'plotly.js-dist-min';
import type { OverviewMonth } from '../../shared/domain';
import { npsAndIncidentsFigure, ticketsAndIncidentsFigure, withAlpha } from '../../renderer/src/figures/customers';
import { mergedPrsFigure } from '../../renderer/src/figures/delivery';
import { incidentsAndBugsFigure, mergedPrsAndAiShareFigure, npsFigure, supportTicketsFigure } from '../../renderer/src/figures/overview';
import { qualityRateFigure } from '../../renderer/src/figures/quality';
import { chartThemes, monthTickStep, type Figure, type FigureOptions } from '../../renderer/src/figures/theme';
import { qualityRates } from '../../renderer/src/lib/rates';

const months: OverviewMonth[] = [
  { month: '2026-08', mergedPrs: 1000, aiShare: 0.3, incidents: 20, bugs: 90, tickets: 400, nps: 31, npsResponses: 120 },
  { month: '2026-09', mergedPrs: 1100, aiShare: 0.35, incidents: 22, bugs: 95, tickets: 420, nps: null, npsResponses: 0 },
  { month: '2026-10', mergedPrs: 1200, aiShare: 0.4, incidents: 25, bugs: 100, tickets: 450, nps: 27, npsResponses: 131 },
];
const light: FigureOptions = { theme: chartThemes.light };
const dark: FigureOptions = { theme: chartThemes.dark };

// Plotly's Data is a union of every trace type; tests read the few fields they check.
type Trace = Data & { type?: string; name?: string; x?: unknown[]; y?: unknown[]; yaxis?: string; connectgaps?: boolean; customdata?: unknown[]; hovertemplate?: string; marker?: { color?: string } };
const traces = (f: Figure) => f.data as Trace[];
const trace = (f: Figure, name: string) => {
  const t = traces(f).find((d) => d.name === name);
  if (!t) throw new Error(`no trace ${name} in ${traces(f).map((d) => d.name).join(', ')}`);
  return t;
};
const titleOf = (layout: Partial<Layout>) => (typeof layout.title === 'object' ? layout.title?.text : layout.title);

const allFigures = (options: FigureOptions): [string, Figure][] => [
  ['merged-ai', mergedPrsAndAiShareFigure(months, options)],
  ['incidents-bugs', incidentsAndBugsFigure(months, options)],
  ['tickets', supportTicketsFigure(months, options)],
  ['nps', npsFigure(months, options)],
  ['incident-rate', qualityRateFigure(qualityRates(months), 'incidents', options)],
  ['bug-rate', qualityRateFigure(qualityRates(months), 'bugs', options)],
  ['merged-prs', mergedPrsFigure(months, options)],
  ['tickets-incidents', ticketsAndIncidentsFigure(months, options)],
  ['nps-incidents', npsAndIncidentsFigure(months, options)],
];

describe('Merged PRs and AI share', () => {
  const f = mergedPrsAndAiShareFigure(months, light);

  it('draws merged PRs as bars and AI share as a line on a secondary percent axis', () => {
    expect(trace(f, 'Merged PRs')).toMatchObject({ type: 'bar', x: ['2026-08', '2026-09', '2026-10'], y: [1000, 1100, 1200], yaxis: 'y' });
    expect(trace(f, 'AI share')).toMatchObject({ type: 'scatter', y: [0.3, 0.35, 0.4], yaxis: 'y2' });
    expect(f.layout.yaxis2).toMatchObject({ overlaying: 'y', side: 'right', tickformat: '.0%', tickmode: 'auto' });
    expect(trace(f, 'AI share').hovertemplate).toContain('%{y:.1%}');
  });

  it('has a clear title and month ticks on a date axis', () => {
    expect(titleOf(f.layout)).toBe('Merged PRs and AI share');
    expect(f.layout.xaxis).toMatchObject({ type: 'date', dtick: 'M1', hoverformat: '%B %Y' });
    expect(f.layout.xaxis?.tickformat).toMatch(/%b.*%Y/);
    expect(f.layout.xaxis?.range).toEqual(['2026-08-01', '2026-11-01']);
  });
});

describe('NPS', () => {
  const f = npsFigure(months, light);

  it('leaves months without responses as gaps and shows n on hover', () => {
    const nps = trace(f, 'NPS');
    expect(nps.y).toEqual([31, null, 27]);
    expect(nps.connectgaps).toBe(false);
    expect(nps.customdata).toEqual([120, 0, 131]);
    expect(nps.hovertemplate).toContain('%{customdata:,d} responses');
  });

  it('does not force the axis to include zero (NPS can be negative)', () => {
    expect(f.layout.yaxis?.rangemode).toBe('normal');
    expect(f.layout.showlegend).toBe(false);
  });
});

describe('incidents, bugs and tickets', () => {
  it('puts bugs and incidents on their own axes, each titled in its series colour', () => {
    const f = incidentsAndBugsFigure(months, light);
    expect(trace(f, 'Bugs')).toMatchObject({ type: 'bar', y: [90, 95, 100], yaxis: 'y' });
    expect(trace(f, 'Incidents')).toMatchObject({ type: 'scatter', y: [20, 22, 25], yaxis: 'y2' });
    const y2Title = f.layout.yaxis2?.title;
    expect(typeof y2Title === 'object' ? y2Title.font?.color : undefined).toBe(chartThemes.light.series.incidents);
  });

  it('plots tickets as bars from zero', () => {
    const f = supportTicketsFigure(months, light);
    expect(trace(f, 'Support tickets')).toMatchObject({ type: 'bar', y: [400, 420, 450] });
    expect(f.layout.yaxis?.rangemode).toBe('tozero');
  });

  it('draws NPS above the incident bars by putting it on the overlaying axis', () => {
    const f = npsAndIncidentsFigure(months, light);
    expect(trace(f, 'Incidents').yaxis).toBe('y');
    expect(trace(f, 'NPS').yaxis).toBe('y2');
  });
});

describe('quality rates', () => {
  it('plots incidents per 100 merged PRs against AI share', () => {
    const f = qualityRateFigure(qualityRates(months), 'incidents', light);
    const y = trace(f, 'Incidents per 100 PRs').y as number[];
    expect(y.slice(0, 2)).toEqual([2, 2]);
    expect(y[2]).toBeCloseTo(2.083, 3);
    expect(trace(f, 'AI share').yaxis).toBe('y2');
    expect(titleOf(f.layout)).toBe('Incidents per 100 merged PRs and AI share');
  });
});

describe('months in progress', () => {
  const options: FigureOptions = { theme: chartThemes.light, inProgress: ['2026-10'] };

  it('shades the month and explains the shading in the legend', () => {
    const f = supportTicketsFigure(months, options);
    expect(f.layout.shapes).toEqual([expect.objectContaining({ type: 'rect', x0: '2026-10-01', x1: '2026-11-01', yref: 'paper', layer: 'below' })]);
    expect(trace(f, 'In progress')).toMatchObject({ x: [null], y: [null], showlegend: true });
    // A single-series chart shows its legend only to explain the shading.
    expect(f.layout.showlegend).toBe(true);
  });

  it('adds nothing when every month is complete', () => {
    const f = supportTicketsFigure(months, light);
    expect(f.layout.shapes).toEqual([]);
    expect(traces(f).some((t) => t.name === 'In progress')).toBe(false);
  });
});

describe('one palette and typography, light and dark', () => {
  it('keeps every font at 12px or more so charts stay readable in slides', () => {
    for (const [, f] of allFigures(light)) {
      const sizes: number[] = [];
      JSON.stringify(f.layout, (key, value: unknown) => {
        if (key === 'size' && typeof value === 'number') sizes.push(value);
        return value;
      });
      expect(sizes.length).toBeGreaterThan(0);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
    }
  });

  it('gives every chart a title and a solid background of its theme', () => {
    for (const [id, f] of allFigures(dark)) {
      expect(titleOf(f.layout), id).toBeTruthy();
      expect(f.layout.paper_bgcolor).toBe(chartThemes.dark.background);
      expect(f.layout.plot_bgcolor).toBe(chartThemes.dark.background);
    }
  });

  it('colours a series the same way in every chart, and differently in dark', () => {
    expect(trace(incidentsAndBugsFigure(months, light), 'Incidents').marker?.color).toBe(chartThemes.light.series.incidents);
    expect(trace(ticketsAndIncidentsFigure(months, light), 'Incidents').marker?.color).toBe(chartThemes.light.series.incidents);
    expect(trace(incidentsAndBugsFigure(months, dark), 'Incidents').marker?.color).toBe(chartThemes.dark.series.incidents);
    expect(chartThemes.dark.series.incidents).not.toBe(chartThemes.light.series.incidents);
    expect(chartThemes.dark.text).not.toBe(chartThemes.light.text);
  });

  it('uses the same series keys in both themes', () => {
    expect(Object.keys(chartThemes.dark.series)).toEqual(Object.keys(chartThemes.light.series));
  });
});

describe('helpers', () => {
  it('spaces month ticks by the length of the series', () => {
    expect(monthTickStep(12)).toBe('M1');
    expect(monthTickStep(24)).toBe('M3');
    expect(monthTickStep(48)).toBe('M6');
  });

  it('turns a hex colour into rgba', () => {
    expect(withAlpha('#dc3e42', 0.35)).toBe('rgba(220, 62, 66, 0.35)');
    expect(withAlpha('red', 0.5)).toBe('red');
  });

  it('builds a figure for an empty series without throwing', () => {
    const f = mergedPrsAndAiShareFigure([], light);
    expect(traces(f).every((t) => (t.x ?? []).length === 0)).toBe(true);
    expect(f.layout.xaxis?.range).toBeUndefined();
  });
});

describe('merged PRs by team', () => {
  it('draws one horizontal bar per team, largest at the top, with AI share on hover', async () => {
    const { mergedPrsByTeamFigure } = await import('../../renderer/src/figures/delivery');
    const f = mergedPrsByTeamFigure(
      [
        { teamId: 'a', name: 'Payments', engineers: 10, repos: 2, mergedPrs: 300, aiShare: 0.25, incidents: 4 },
        { teamId: 'b', name: 'Search', engineers: 12, repos: 3, mergedPrs: 500, aiShare: null, incidents: 2 },
      ],
      light,
    );
    const bars = traces(f)[0] as Trace & { orientation?: string };
    expect(bars).toMatchObject({ type: 'bar', orientation: 'h', y: ['Payments', 'Search'], x: [300, 500] });
    expect(bars.customdata).toEqual([
      [10, '25.0%'],
      [12, 'no lines'],
    ]);
    expect(titleOf(f.layout)).toBe('Merged PRs by team');
  });
});
