/** The Overview's four monthly charts, from OverviewData.months. Pure builders: rows in, figure out. */
import type { OverviewMonth } from '../../../shared/domain';
import { monthlyFigure, type Figure, type FigureOptions } from './theme';
import { barTrace, lineTrace } from './traces';

const monthsOf = (rows: readonly OverviewMonth[]) => rows.map((r) => r.month);

/** Merged PRs (bars) with the line-weighted AI share of their added lines (line, % axis). */
export function mergedPrsAndAiShareFigure(rows: readonly OverviewMonth[], options: FigureOptions): Figure {
  const x = monthsOf(rows);
  const { series } = options.theme;
  return monthlyFigure(
    options,
    { title: 'Merged PRs and AI share', months: x, y: { title: 'Merged PRs per month' }, y2: { title: 'AI share', format: '.0%', colour: series.aiShare } },
    [
      barTrace({ name: 'Merged PRs', x, y: rows.map((r) => r.mergedPrs), colour: series.mergedPrs, hover: 'Merged PRs: %{y:,d}' }),
      lineTrace({ name: 'AI share', x, y: rows.map((r) => r.aiShare), colour: series.aiShare, hover: 'AI share: %{y:.1%}', axis: 'y2' }),
    ],
  );
}

/** Jira bugs (bars, left axis) and incidents (line, right axis) created per month. */
export function incidentsAndBugsFigure(rows: readonly OverviewMonth[], options: FigureOptions): Figure {
  const x = monthsOf(rows);
  const { series } = options.theme;
  return monthlyFigure(
    options,
    {
      title: 'Incidents and bugs',
      months: x,
      y: { title: 'Bugs per month', colour: series.bugs },
      y2: { title: 'Incidents per month', colour: series.incidents },
    },
    [
      barTrace({ name: 'Bugs', x, y: rows.map((r) => r.bugs), colour: series.bugs, hover: 'Bugs: %{y:,d}' }),
      lineTrace({ name: 'Incidents', x, y: rows.map((r) => r.incidents), colour: series.incidents, hover: 'Incidents: %{y:,d}', axis: 'y2' }),
    ],
  );
}

/** Help-desk tickets created per month. */
export function supportTicketsFigure(rows: readonly OverviewMonth[], options: FigureOptions): Figure {
  const x = monthsOf(rows);
  return monthlyFigure(options, { title: 'Support tickets', months: x, y: { title: 'Tickets per month' }, legend: false }, [
    barTrace({ name: 'Support tickets', x, y: rows.map((r) => r.tickets), colour: options.theme.series.tickets, hover: 'Tickets: %{y:,d}' }),
  ]);
}

/** Monthly NPS; hover shows the number of responses; months without responses are gaps. */
export function npsFigure(rows: readonly OverviewMonth[], options: FigureOptions): Figure {
  const x = monthsOf(rows);
  return monthlyFigure(options, { title: 'Net Promoter Score', months: x, y: { title: 'NPS (−100 to 100)', format: 'd', fromZero: false }, legend: false }, [
    lineTrace({
      name: 'NPS',
      x,
      y: rows.map((r) => r.nps),
      colour: options.theme.series.nps,
      hover: 'NPS: %{y:.0f} (n = %{customdata:,d} responses)',
      customdata: rows.map((r) => r.npsResponses),
    }),
  ]);
}
