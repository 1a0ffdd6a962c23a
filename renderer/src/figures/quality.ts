/** AI & Quality: outcome rates per 100 merged PRs against AI share, month by month. Pure. */
import type { QualityRateMonth } from '../lib/rates';
import { monthlyFigure, type Figure, type FigureOptions } from './theme';
import { lineTrace } from './traces';

export type QualityOutcome = 'incidents' | 'bugs';

const labels: Record<QualityOutcome, { title: string; name: string; axis: string }> = {
  incidents: { title: 'Incidents per 100 merged PRs and AI share', name: 'Incidents per 100 PRs', axis: 'Incidents per 100 PRs' },
  bugs: { title: 'Bugs per 100 merged PRs and AI share', name: 'Bugs per 100 PRs', axis: 'Bugs per 100 PRs' },
};

export function qualityRateFigure(rows: readonly QualityRateMonth[], outcome: QualityOutcome, options: FigureOptions): Figure {
  const x = rows.map((r) => r.month);
  const { series } = options.theme;
  const label = labels[outcome];
  const colour = outcome === 'incidents' ? series.incidents : series.bugs;
  return monthlyFigure(
    options,
    { title: label.title, months: x, y: { title: label.axis, format: '.1f', colour }, y2: { title: 'AI share', format: '.0%', colour: series.aiShare } },
    [
      lineTrace({
        name: label.name,
        x,
        y: rows.map((r) => (outcome === 'incidents' ? r.incidentsPer100Prs : r.bugsPer100Prs)),
        colour,
        hover: `${label.axis}: %{y:.1f}`,
      }),
      lineTrace({ name: 'AI share', x, y: rows.map((r) => r.aiShare), colour: series.aiShare, hover: 'AI share: %{y:.1%}', axis: 'y2', dash: 'dot' }),
    ],
  );
}
