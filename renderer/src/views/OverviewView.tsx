import { useMemo } from 'react';
import type { MetricsRow } from '../../../shared/domain';
import { Chart } from '../components/Chart';
import { EffectsSummary } from '../components/EffectsSummary';
import { Filters } from '../components/Filters';
import { MetricCard } from '../components/MetricCard';
import { EmptyState, Loading, ViewError, ViewHeader } from '../components/states';
import { incidentsCfrFigure, throughputAiFigure, ticketsNpsFigure } from '../figures/series';
import type { ChartTheme } from '../figures/theme';
import { formatDateRange, formatMonth } from '../lib/format';
import { buildHeadlines, overviewHeadlines } from '../lib/metric-headlines';
import { partialMonths } from '../lib/series';
import { useDrill, useEffects, useMonthSeries, useQuery, useTeamFilter } from './analysis-hooks';
import { useChartTheme, useTeams } from './hooks';

export function OverviewView() {
  const series = useMonthSeries();
  const effects = useEffects();
  const coverage = useQuery('data:coverage', {});
  const team = useTeamFilter();
  const theme = useChartTheme();
  const rows = series.data?.rows ?? null;

  let body;
  if (!rows && series.status === 'error') body = <ViewError error={series.error} onRetry={series.reload} />;
  else if (!rows)
    body = (
      <Loading label="Loading the overview…">
        <div className="skeleton-stack" aria-hidden="true">
          <div className="headline-grid headline-grid-4">
            {Array.from({ length: 8 }, (_, i) => (
              <div key={i} className="skeleton skeleton-card" />
            ))}
          </div>
          <div className="skeleton skeleton-chart" />
        </div>
      </Loading>
    );
  else if (rows.length === 0 || rows.every((r) => r.mergedPrs === 0 && r.incidents === 0 && (r.tickets ?? 0) === 0)) body = <NoData />;
  else body = <OverviewBody rows={rows} theme={theme} stale={series.stale} team={team} />;

  const first = rows?.[0]?.period;
  const last = rows?.[rows.length - 1]?.period;
  const teamName = useTeamName(team);
  return (
    <section className="view" data-testid="view-overview" aria-busy={series.status === 'loading'}>
      <ViewHeader title="Overview" actions={<Filters />}>
        {first && last ? (
          <>
            {teamName ? `Team ${teamName}` : 'The whole organisation'}, {formatDateRange(first, last)}: is AI-assisted coding making delivery faster, or moving the cost
            into incidents, failed changes and support load? Click a number or a chart point for the rows behind it.
          </>
        ) : (
          'Delivery, quality and customer signals against AI share.'
        )}
      </ViewHeader>
      {rows && series.status === 'error' ? <ViewError title="Showing earlier data: the refresh failed" error={series.error} onRetry={series.reload} /> : null}
      {body}
      {rows && rows.length > 0 ? (
        <EffectsSummary
          report={effects.data}
          coverage={coverage.data ?? effects.data?.coverage ?? null}
          loading={effects.status === 'loading' || effects.status === 'idle'}
          stale={effects.stale}
          error={effects.status === 'error' ? effects.error : null}
          onRetry={effects.reload}
          teamFiltered={team !== null}
        />
      ) : null}
    </section>
  );
}

/** The display name of a team id, from the teams list. */
export function useTeamName(team: string | null): string | null {
  const teams = useTeams();
  if (!team) return null;
  return teams.data?.find((t) => t.teamId === team)?.name ?? team;
}

function OverviewBody({ rows, theme, stale, team }: { rows: MetricsRow[]; theme: ChartTheme; stale: boolean; team: string | null }) {
  const { drillMetric, drillPoints } = useDrill();
  const headlines = useMemo(() => buildHeadlines(rows, overviewHeadlines), [rows]);
  const figures = useMemo(() => {
    const options = { theme, inProgress: partialMonths(rows) };
    return { throughput: throughputAiFigure(rows, options), incidents: incidentsCfrFigure(rows, options), customers: ticketsNpsFigure(rows, options) };
  }, [rows, theme]);
  const month = headlines[0]?.month;

  return (
    <div className={stale ? 'view-body is-stale' : 'view-body'}>
      <div className="headline-grid headline-grid-4" role="list" aria-label={month ? `Headline numbers for ${formatMonth(month, true)}` : 'Headline numbers'}>
        {headlines.map((h) => (
          <div role="listitem" key={h.key} className="headline-cell">
            <MetricCard headline={h} onDrill={(x) => x.month && drillMetric(x.drill, x.label, x.month)} />
          </div>
        ))}
      </div>
      <Chart id="throughput-ai" figure={figures.throughput} label="AI share of added lines against merged PRs per engineer-week, by month" height={360} onPointClick={(p) => drillPoints(figures.throughput, p)} />
      <div className="chart-grid">
        <Chart id="incidents-cfr" figure={figures.incidents} label="Incidents and change failure rate by month" onPointClick={(p) => drillPoints(figures.incidents, p)} />
        <Chart id="tickets-nps" figure={figures.customers} label="Support tickets and NPS by month" onPointClick={(p) => drillPoints(figures.customers, p)} />
      </div>
      {team ? <p className="caption-note">NPS is collected for the whole organisation: with a team filter its line stays empty.</p> : null}
    </div>
  );
}

export function NoData() {
  return (
    <EmptyState icon="data" title="No data in this workspace yet">
      <p className="state-text">
        No pull requests, incidents, bugs, tickets or survey responses in this range. Import exports from GitHub, Jira, PagerDuty, your help desk and NPS tool on
        the Data view, widen the period, or open the demo workspace to explore.
      </p>
    </EmptyState>
  );
}
