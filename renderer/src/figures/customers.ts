/** Customers: support tickets and NPS against incidents, month by month. Pure. */
import type { OverviewMonth } from '../../../shared/domain';
import { monthlyFigure, type Figure, type FigureOptions } from './theme';
import { barTrace, lineTrace } from './traces';

/** Tickets (bars, left axis) with incidents (line, right axis). */
export function ticketsAndIncidentsFigure(rows: readonly OverviewMonth[], options: FigureOptions): Figure {
  const x = rows.map((r) => r.month);
  const { series } = options.theme;
  return monthlyFigure(
    options,
    {
      title: 'Support tickets and incidents',
      months: x,
      y: { title: 'Tickets per month', colour: series.tickets },
      y2: { title: 'Incidents per month', colour: series.incidents },
    },
    [
      barTrace({ name: 'Support tickets', x, y: rows.map((r) => r.tickets), colour: series.tickets, hover: 'Tickets: %{y:,d}' }),
      lineTrace({ name: 'Incidents', x, y: rows.map((r) => r.incidents), colour: series.incidents, hover: 'Incidents: %{y:,d}', axis: 'y2' }),
    ],
  );
}

/**
 * NPS (line, right axis, gaps where nobody answered) over incidents (bars, left axis). The line sits on
 * the overlaying axis so Plotly draws it above the bars.
 */
export function npsAndIncidentsFigure(rows: readonly OverviewMonth[], options: FigureOptions): Figure {
  const x = rows.map((r) => r.month);
  const { series } = options.theme;
  return monthlyFigure(
    options,
    {
      title: 'NPS and incidents',
      months: x,
      y: { title: 'Incidents per month', colour: series.incidents },
      y2: { title: 'NPS (−100 to 100)', format: 'd', fromZero: false, colour: series.nps },
    },
    [
      barTrace({ name: 'Incidents', x, y: rows.map((r) => r.incidents), colour: withAlpha(series.incidents, 0.35), hover: 'Incidents: %{y:,d}' }),
      lineTrace({
        name: 'NPS',
        x,
        y: rows.map((r) => r.nps),
        colour: series.nps,
        hover: 'NPS: %{y:.0f} (n = %{customdata:,d} responses)',
        customdata: rows.map((r) => r.npsResponses),
        axis: 'y2',
      }),
    ],
  );
}

/** "#rrggbb" → "rgba(r, g, b, a)". */
export function withAlpha(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return hex;
  return `rgba(${parseInt(m[1]!, 16)}, ${parseInt(m[2]!, 16)}, ${parseInt(m[3]!, 16)}, ${alpha})`;
}
