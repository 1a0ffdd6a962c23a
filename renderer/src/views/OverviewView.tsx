import { useMemo } from 'react';
import type { OverviewData } from '../../../shared/domain';
import { Chart } from '../components/Chart';
import { HeadlineCard } from '../components/HeadlineCard';
import { Caption, EmptyState, Loading, ViewError, ViewHeader } from '../components/states';
import { incidentsAndBugsFigure, mergedPrsAndAiShareFigure, npsFigure, supportTicketsFigure } from '../figures/overview';
import type { ChartTheme } from '../figures/theme';
import { formatDateRange, formatMonth } from '../lib/format';
import { inProgressMonths } from '../lib/rates';
import { useAppStore } from '../store/react';
import { useChartTheme, useOverview } from './hooks';

export function OverviewView() {
  const overview = useOverview();
  const reload = useAppStore((s) => s.loadOverview);
  const theme = useChartTheme();
  const data = overview.data;

  let body;
  if (!data && overview.status === 'error') body = <ViewError error={overview.error} onRetry={() => void reload(true)} />;
  else if (!data)
    body = (
      <Loading label="Loading the overview…">
        <div className="skeleton-stack" aria-hidden="true">
          <div className="headline-grid">
            {Array.from({ length: 6 }, (_, i) => (
              <div key={i} className="skeleton skeleton-card" />
            ))}
          </div>
          <div className="chart-grid">
            {Array.from({ length: 4 }, (_, i) => (
              <div key={i} className="skeleton skeleton-chart" />
            ))}
          </div>
        </div>
      </Loading>
    );
  else if (data.months.length === 0) body = <NoData />;
  else body = <OverviewBody data={data} theme={theme} />;

  const month = data?.headlines.find((h) => h.month)?.month ?? null;
  const range = data && data.months.length > 0 ? formatDateRange(data.months[0]!.month, data.months[data.months.length - 1]!.month) : '';
  return (
    <section className="view" data-testid="view-overview" aria-busy={overview.status === 'loading'}>
      <ViewHeader title="Overview">
        {range ? (
          <>
            Delivery, quality and customer signals by month, {range}.{month ? ` Headline numbers are for ${formatMonth(month, true)}, the latest complete month.` : ''}
          </>
        ) : (
          'Delivery, quality and customer signals by month.'
        )}
      </ViewHeader>
      {data && overview.status === 'error' ? <ViewError title="Showing earlier data: the refresh failed" error={overview.error} onRetry={() => void reload(true)} /> : null}
      {body}
    </section>
  );
}

function OverviewBody({ data, theme }: { data: OverviewData; theme: ChartTheme }) {
  const latest = data.headlines.find((h) => h.month)?.month ?? null;
  const figures = useMemo(() => {
    const options = { theme, inProgress: inProgressMonths(data.months, latest) };
    return {
      mergedAi: mergedPrsAndAiShareFigure(data.months, options),
      incidentsBugs: incidentsAndBugsFigure(data.months, options),
      tickets: supportTicketsFigure(data.months, options),
      nps: npsFigure(data.months, options),
    };
  }, [data, theme, latest]);

  return (
    <>
      <div className="headline-grid">
        {data.headlines.map((h) => (
          <HeadlineCard key={h.key} headline={h} />
        ))}
      </div>
      <div className="chart-grid">
        <Chart id="merged-ai" figure={figures.mergedAi} label="Merged PRs per month with the AI share of added lines" />
        <Chart id="incidents-bugs" figure={figures.incidentsBugs} label="Incidents and bugs per month" />
        <Chart id="tickets" figure={figures.tickets} label="Support tickets per month" />
        <Chart id="nps" figure={figures.nps} label="Net Promoter Score per month with the number of responses" />
      </div>
      <Caption>
        Raw monthly counts for the whole organisation. Effect estimates (how much of a change AI share explains, with intervals) are not
        in this build.
      </Caption>
    </>
  );
}

export function NoData() {
  return (
    <EmptyState icon="data" title="No data in this workspace yet">
      <p className="state-text">
        This workspace has no pull requests, incidents, bugs, tickets or survey responses. Importing exports from GitHub, Jira, PagerDuty,
        your help desk and NPS tool is not available in this version; open the demo workspace to explore the views.
      </p>
    </EmptyState>
  );
}
