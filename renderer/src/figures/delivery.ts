/** Delivery: merged PRs per month and per team. Pure. */
import type { OverviewMonth, TeamRow } from '../../../shared/domain';
import { baseLayout, FONT_FAMILY, monthlyFigure, TYPE_SCALE, valueAxis, type Figure, type FigureOptions } from './theme';
import { barTrace } from './traces';

export function mergedPrsFigure(rows: readonly OverviewMonth[], options: FigureOptions): Figure {
  const x = rows.map((r) => r.month);
  return monthlyFigure(options, { title: 'Merged PRs per month', months: x, y: { title: 'Merged PRs' }, legend: false }, [
    barTrace({ name: 'Merged PRs', x, y: rows.map((r) => r.mergedPrs), colour: options.theme.series.mergedPrs, hover: 'Merged PRs: %{y:,d}' }),
  ]);
}

/** Merged PRs per team over the whole range, largest at the top; hover adds engineers and AI share. */
export function mergedPrsByTeamFigure(teams: readonly TeamRow[], options: FigureOptions): Figure {
  const { theme } = options;
  const rows = [...teams].sort((a, b) => a.mergedPrs - b.mergedPrs); // Plotly draws the first row at the bottom
  return {
    data: [
      {
        type: 'bar',
        orientation: 'h',
        name: 'Merged PRs',
        x: rows.map((t) => t.mergedPrs),
        y: rows.map((t) => t.name),
        customdata: rows.map((t) => [t.engineers, t.aiShare === null ? 'no lines' : `${(t.aiShare * 100).toFixed(1)}%`]),
        marker: { color: theme.series.mergedPrs, line: { width: 0 } },
        hovertemplate: '<b>%{y}</b><br>Merged PRs: %{x:,d}<br>Engineers: %{customdata[0]}<br>AI share: %{customdata[1]}<extra></extra>',
      },
    ],
    layout: {
      // The shared title, fonts, colours and hover style; the axes are this chart's own.
      ...baseLayout(options, { title: 'Merged PRs by team', months: [], y: { title: '' }, legend: false }),
      hovermode: 'closest',
      margin: { l: 16, r: 24, t: 56, b: 16, pad: 4 },
      xaxis: valueAxis(theme, { title: 'Merged PRs, whole range' }),
      yaxis: { automargin: true, fixedrange: true, tickfont: { size: TYPE_SCALE.tick, color: theme.text, family: FONT_FAMILY }, ticksuffix: '  ', showgrid: false },
    },
  };
}
