import { describe, expect, it } from 'vitest';
import type { Data } from 'plotly.js-dist-min';
import { incidentsCfrFigure, ticketsIncidentsFigure } from '../../renderer/src/figures/series';
import { chartThemes, monthTickStep, withAlpha, type Figure } from '../../renderer/src/figures/theme';
import { metricsRow } from './analysis-fixtures';

type Trace = Data & { name?: string; marker?: { color?: string }; line?: { color?: string } };
/** A trace's colour as "r, g, b", whether drawn solid (#rrggbb) or translucent (rgba). */
const colourOf = (f: Figure, name: string) => {
  const t = (f.data as Trace[]).find((d) => d.name === name);
  if (!t) throw new Error(`no trace ${name}`);
  return rgb(String(t.marker?.color ?? t.line?.color));
};
const rgb = (colour: string) => /^rgba\((\d+), (\d+), (\d+)/.exec(withAlpha(colour, 1))!.slice(1).join(', ');

describe('one palette, light and dark', () => {
  const rows = [metricsRow('2026-09'), metricsRow('2026-10')];
  it('colours a series the same way in every chart, and differently in dark', () => {
    const light = { theme: chartThemes.light };
    const dark = { theme: chartThemes.dark };
    expect(colourOf(incidentsCfrFigure(rows, light), 'Incidents')).toBe(rgb(chartThemes.light.series.incidents));
    expect(colourOf(ticketsIncidentsFigure(rows, light), 'Incidents')).toBe(rgb(chartThemes.light.series.incidents));
    expect(colourOf(incidentsCfrFigure(rows, dark), 'Incidents')).toBe(rgb(chartThemes.dark.series.incidents));
    expect(chartThemes.dark.series.incidents).not.toBe(chartThemes.light.series.incidents);
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
});
