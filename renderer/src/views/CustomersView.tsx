import { useMemo } from 'react';
import { Chart } from '../components/Chart';
import { Caption, Loading, ViewError, ViewHeader } from '../components/states';
import { npsAndIncidentsFigure, ticketsAndIncidentsFigure } from '../figures/customers';
import { inProgressMonths } from '../lib/rates';
import { useAppStore } from '../store/react';
import { NoData } from './OverviewView';
import { useChartTheme, useOverview } from './hooks';

export function CustomersView() {
  const overview = useOverview();
  const reload = useAppStore((s) => s.loadOverview);
  const theme = useChartTheme();
  const data = overview.data;

  const figures = useMemo(() => {
    if (!data) return null;
    const latest = data.headlines.find((h) => h.month)?.month ?? null;
    const options = { theme, inProgress: inProgressMonths(data.months, latest) };
    return { tickets: ticketsAndIncidentsFigure(data.months, options), nps: npsAndIncidentsFigure(data.months, options) };
  }, [data, theme]);

  let body;
  if (!data && overview.status === 'error') body = <ViewError error={overview.error} onRetry={() => void reload(true)} />;
  else if (!data || !figures) body = <Loading />;
  else if (data.months.length === 0) body = <NoData />;
  else
    body = (
      <>
        <div className="chart-grid">
          <Chart id="tickets-incidents" figure={figures.tickets} label="Support tickets and incidents per month" />
          <Chart id="nps-incidents" figure={figures.nps} label="Net Promoter Score and incidents per month" />
        </div>
        <Caption>
          Raw monthly series: tickets created, NPS from that month&apos;s survey responses (gaps where nobody answered) and incidents
          created. Which accounts were hit by which incidents, and the lagged effect on NPS, are not in this build.
        </Caption>
      </>
    );

  return (
    <section className="view" data-testid="view-customers" aria-busy={overview.status === 'loading'}>
      <ViewHeader title="Customers">Support load and customer sentiment against incidents.</ViewHeader>
      {body}
    </section>
  );
}
