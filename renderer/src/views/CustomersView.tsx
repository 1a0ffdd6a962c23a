import { useMemo } from 'react';
import type { MetricsRow } from '../../../shared/domain';
import { Chart } from '../components/Chart';
import { Filters } from '../components/Filters';
import { MetricCard } from '../components/MetricCard';
import { Caption, Loading, ViewError, ViewHeader } from '../components/states';
import { npsBandFigure, ticketsIncidentsFigure } from '../figures/series';
import type { ChartTheme } from '../figures/theme';
import { formatCount, formatRate, formatScore, formatShare } from '../lib/format';
import { buildHeadlines, type MetricHeadlineSpec } from '../lib/metric-headlines';
import { partialMonths } from '../lib/series';
import { useDrill, useMonthSeries, useTeamFilter } from './analysis-hooks';
import { useChartTheme } from './hooks';
import { NoData, useTeamName } from './OverviewView';

const customerHeadlines: MetricHeadlineSpec[] = [
  { key: 'tickets', label: 'Support tickets', unit: 'count', better: 'down', drill: 'tickets', value: (r) => r.tickets, context: (r) => (r.ticketsPerWeek === null ? null : `${formatRate(r.ticketsPerWeek)} per week`) },
  {
    key: 'bugIncidentTickets',
    label: 'Tickets tagged bug or incident',
    unit: 'count',
    better: 'down',
    drill: 'bugIncidentTickets',
    value: (r) => r.bugIncidentTickets,
    context: (r) => (r.tickets ? `${formatShare((r.bugIncidentTickets ?? 0) / r.tickets, 0)} of tickets` : null),
  },
  { key: 'incidents', label: 'Incidents', unit: 'count', better: 'down', drill: 'incidents', value: (r) => r.incidents, context: (r) => (r.restoreHoursMedian === null ? null : `median restore ${formatRate(r.restoreHoursMedian)} h`) },
  {
    key: 'nps',
    label: 'NPS',
    unit: 'score',
    better: 'up',
    drill: 'nps',
    value: (r) => r.nps,
    context: (r) => (r.npsResponses ? `n = ${formatCount(r.npsResponses)}${r.npsInterval ? ` · 90%: ${formatScore(r.npsInterval[0])} to ${formatScore(r.npsInterval[1])}` : ''}` : r.team ? 'Org-wide only' : 'No responses'),
  },
];

export function CustomersView() {
  const series = useMonthSeries();
  const theme = useChartTheme();
  const team = useTeamFilter();
  const teamName = useTeamName(team);
  const rows = series.data?.rows ?? null;

  let body;
  if (!rows && series.status === 'error') body = <ViewError error={series.error} onRetry={series.reload} />;
  else if (!rows) body = <Loading label="Loading customer signals…" />;
  else if (rows.length === 0 || rows.every((r) => (r.tickets ?? 0) === 0 && r.incidents === 0 && !r.npsResponses)) body = <NoData />;
  else body = <CustomersBody rows={rows} theme={theme} stale={series.stale} team={team} />;

  return (
    <section className="view" data-testid="view-customers" aria-busy={series.status === 'loading'}>
      <ViewHeader title="Customers" actions={<Filters />}>
        Support load and customer sentiment against incidents{teamName ? `: tickets tagged for team ${teamName}; NPS is org-wide` : ''}.
      </ViewHeader>
      {body}
    </section>
  );
}

function CustomersBody({ rows, theme, stale, team }: { rows: MetricsRow[]; theme: ChartTheme; stale: boolean; team: string | null }) {
  const { drillMetric, drillPoints } = useDrill();
  const headlines = useMemo(() => buildHeadlines(rows, customerHeadlines), [rows]);
  const figures = useMemo(() => {
    const options = { theme, inProgress: partialMonths(rows) };
    return { tickets: ticketsIncidentsFigure(rows, options), nps: npsBandFigure(rows, options) };
  }, [rows, theme]);
  const noTickets = rows.every((r) => (r.tickets ?? 0) === 0);
  const noNps = rows.every((r) => !r.npsResponses);
  return (
    <div className={stale ? 'view-body is-stale' : 'view-body'}>
      <div className="headline-grid headline-grid-4" role="list">
        {headlines.map((h) => (
          <div role="listitem" key={h.key} className="headline-cell">
            <MetricCard headline={h} onDrill={(x) => x.month && drillMetric(x.drill, x.label, x.month)} />
          </div>
        ))}
      </div>
      <div className="chart-grid">
        <Chart id="tickets-incidents" figure={figures.tickets} label="Support tickets and tickets tagged bug or incident against incidents, by month" onPointClick={(p) => drillPoints(figures.tickets, p)} />
        <Chart id="nps-incidents" figure={figures.nps} label="NPS with its 90% interval and incidents, by month" onPointClick={(p) => drillPoints(figures.nps, p)} />
      </div>
      {noTickets ? <Caption>No help-desk tickets in this range{team ? ' are tagged for this team' : ''}: import a Zendesk or help-desk CSV export on the Data view.</Caption> : null}
      {noNps ? <Caption>{team ? 'NPS has no team: clear the team filter to see it.' : 'No NPS responses in this range: import an NPS export on the Data view.'}</Caption> : null}
      <Caption>
        NPS = % promoters (9–10) − % detractors (0–6) of the month&apos;s responses; the band is its 90% interval, too narrow when n is small (under about 30). A team&apos;s tickets are
        those tagged with its service, Jira project or name.
      </Caption>
    </div>
  );
}
