import { useMemo } from 'react';
import { Chart } from '../components/Chart';
import { Caption, Loading, ViewError, ViewHeader } from '../components/states';
import { mergedPrsByTeamFigure, mergedPrsFigure } from '../figures/delivery';
import { inProgressMonths } from '../lib/rates';
import { useAppStore } from '../store/react';
import { NoData } from './OverviewView';
import { useChartTheme, useOverview, useTeams } from './hooks';

export function DeliveryView() {
  const overview = useOverview();
  const reload = useAppStore((s) => s.loadOverview);
  const theme = useChartTheme();
  const data = overview.data;
  const teams = useTeams();
  const teamFigure = useMemo(() => (teams.data && teams.data.length > 0 ? mergedPrsByTeamFigure(teams.data, { theme }) : null), [teams.data, theme]);

  const figure = useMemo(() => {
    if (!data) return null;
    const latest = data.headlines.find((h) => h.month)?.month ?? null;
    return mergedPrsFigure(data.months, { theme, inProgress: inProgressMonths(data.months, latest) });
  }, [data, theme]);

  let body;
  if (!data && overview.status === 'error') body = <ViewError error={overview.error} onRetry={() => void reload(true)} />;
  else if (!data || !figure) body = <Loading />;
  else if (data.months.length === 0) body = <NoData />;
  else
    body = (
      <>
        <div className="chart-grid chart-grid-wide">
          <Chart id="merged-prs" figure={figure} label="Merged PRs per month" />
          {teamFigure ? <Chart id="prs-by-team" figure={teamFigure} label="Merged PRs by team over the whole range" /> : null}
        </div>
        <Caption>
          Raw counts of merged pull requests, by month and by team. DORA metrics (deployment frequency, lead time, change failure rate, time to
          restore), review load and time to merge are not in this build.
        </Caption>
      </>
    );

  return (
    <section className="view" data-testid="view-delivery" aria-busy={overview.status === 'loading'}>
      <ViewHeader title="Delivery">How much work ships, by month and by team.</ViewHeader>
      {body}
    </section>
  );
}
