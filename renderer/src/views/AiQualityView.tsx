import { useMemo } from 'react';
import { Chart } from '../components/Chart';
import { Caption, Loading, ViewError, ViewHeader } from '../components/states';
import { qualityRateFigure } from '../figures/quality';
import { inProgressMonths, qualityRates } from '../lib/rates';
import { useAppStore } from '../store/react';
import { NoData } from './OverviewView';
import { useChartTheme, useOverview } from './hooks';

export function AiQualityView() {
  const overview = useOverview();
  const reload = useAppStore((s) => s.loadOverview);
  const theme = useChartTheme();
  const data = overview.data;

  const figures = useMemo(() => {
    if (!data) return null;
    const latest = data.headlines.find((h) => h.month)?.month ?? null;
    const rates = qualityRates(data.months);
    const options = { theme, inProgress: inProgressMonths(data.months, latest) };
    return { incidents: qualityRateFigure(rates, 'incidents', options), bugs: qualityRateFigure(rates, 'bugs', options) };
  }, [data, theme]);

  let body;
  if (!data && overview.status === 'error') body = <ViewError error={overview.error} onRetry={() => void reload(true)} />;
  else if (!data || !figures) body = <Loading />;
  else if (data.months.length === 0) body = <NoData />;
  else
    body = (
      <>
        <div className="chart-grid">
          <Chart id="incident-rate" figure={figures.incidents} label="Incidents per 100 merged PRs and AI share by month" />
          <Chart id="bug-rate" figure={figures.bugs} label="Bugs per 100 merged PRs and AI share by month" />
        </div>
        <Caption>
          These are the raw monthly series for the whole organisation: incidents and bugs created in a month divided by the PRs merged
          in it, next to the AI share of added lines. They show how the series move together, not what AI share causes. AI vs non-AI
          PR cohorts, dose-response and effect estimates with intervals are not in this build.
        </Caption>
      </>
    );

  return (
    <section className="view" data-testid="view-ai-quality" aria-busy={overview.status === 'loading'}>
      <ViewHeader title="AI & Quality">Outcome rates per 100 merged PRs against the share of code written with AI.</ViewHeader>
      {body}
    </section>
  );
}
