import { useMemo } from 'react';
import type { DoraLevel, MetricsRow } from '../../../shared/domain';
import { Chart } from '../components/Chart';
import { Filters } from '../components/Filters';
import { MetricCard } from '../components/MetricCard';
import { Caption, Loading, ViewError, ViewHeader } from '../components/states';
import { doraFigure, doraLevelLabel, doraSpecs, type DoraMetric } from '../figures/dora';
import { mergeTimeFigure, reviewLoadFigure, reviewWaitFigure } from '../figures/series';
import type { ChartTheme } from '../figures/theme';
import { formatMonth, formatRate, formatShare } from '../lib/format';
import { buildHeadlines, type MetricHeadlineSpec } from '../lib/metric-headlines';
import { latestCompleteIndex, partialMonths } from '../lib/series';
import { useDrill, useMonthSeries } from './analysis-hooks';
import { useChartTheme } from './hooks';
import { NoData, useTeamName } from './OverviewView';

const doraMetrics: DoraMetric[] = ['deploymentFrequency', 'leadTime', 'changeFailureRate', 'timeToRestore'];

const reviewHeadlines: MetricHeadlineSpec[] = [
  {
    key: 'firstReviewAi',
    label: 'Wait for first review, AI-assisted PRs',
    unit: 'hours',
    better: 'down',
    drill: 'firstReviewHours',
    value: (r) => r.firstReviewHours.ai,
    context: (r) => (r.firstReviewHours.nonAi === null ? null : `other PRs: ${formatRate(r.firstReviewHours.nonAi)} h`),
  },
  {
    key: 'mergeHoursAi',
    label: 'Time to merge, AI-assisted PRs',
    unit: 'hours',
    better: 'down',
    drill: 'mergedPrs',
    value: (r) => r.mergeHours.ai,
    context: (r) => (r.mergeHours.nonAi === null ? null : `other PRs: ${formatRate(r.mergeHours.nonAi)} h`),
  },
  {
    key: 'reviewHoursPerReviewer',
    label: 'Review hours per reviewer',
    unit: 'rate',
    better: 'none',
    drill: 'reviews',
    value: (r) => r.reviewHoursPerReviewer,
    context: (r) => `${r.reviews.toLocaleString('en-US')} reviews by ${r.reviewers.toLocaleString('en-US')} reviewers`,
  },
  {
    key: 'seniorReviewShare',
    label: 'Reviews by seniors',
    unit: 'share',
    better: 'none',
    drill: 'reviews',
    value: (r) => r.seniorReviewShare.all,
    context: (r) => `AI-assisted ${formatShare(r.seniorReviewShare.ai, 0)} · other ${formatShare(r.seniorReviewShare.nonAi, 0)}`,
  },
];

export function DeliveryView() {
  const series = useMonthSeries();
  const theme = useChartTheme();
  const rows = series.data?.rows ?? null;

  let body;
  if (!rows && series.status === 'error') body = <ViewError error={series.error} onRetry={series.reload} />;
  else if (!rows) body = <Loading label="Loading delivery metrics…" />;
  else if (rows.length === 0 || rows.every((r) => r.mergedPrs === 0 && r.changes === 0)) body = <NoData />;
  else body = <DeliveryBody rows={rows} theme={theme} stale={series.stale} />;

  const teamName = useTeamName(series.data?.team ?? null);
  return (
    <section className="view" data-testid="view-delivery" aria-busy={series.status === 'loading'}>
      <ViewHeader title="Delivery" actions={<Filters />}>
        DORA 2023 metrics with performance levels, review load and time to merge{teamName ? ` for team ${teamName}` : ' for the whole organisation'}; AI-assisted PRs against the rest.
      </ViewHeader>
      {body}
    </section>
  );
}

function DeliveryBody({ rows, theme, stale }: { rows: MetricsRow[]; theme: ChartTheme; stale: boolean }) {
  const { drillMetric, drillPoints } = useDrill();
  const options = useMemo(() => ({ theme, inProgress: partialMonths(rows) }), [rows, theme]);
  const dora = useMemo(() => doraMetrics.map((m) => ({ metric: m, figure: doraFigure(rows, m, options) })), [rows, options]);
  const review = useMemo(
    () => ({ wait: reviewWaitFigure(rows, options), merge: mergeTimeFigure(rows, options), load: reviewLoadFigure(rows, options) }),
    [rows, options],
  );
  const latest = latestCompleteIndex(rows);
  const row = latest >= 0 ? rows[latest]! : null;
  const headlines = useMemo(() => buildHeadlines(rows, reviewHeadlines), [rows]);

  return (
    <div className={stale ? 'view-body is-stale' : 'view-body'}>
      <section aria-labelledby="dora-title" className="analysis-section">
        <div className="section-head">
          <div>
            <h2 id="dora-title" className="section-title">
              DORA metrics{row ? `, ${formatMonth(row.period, true)}` : ''}
            </h2>
            <p className="section-note">Levels are the DORA 2023 clusters turned into buckets (docs/metrics.md). Click a level to list the rows behind it.</p>
          </div>
        </div>
        <div className="dora-grid" role="list">
          {doraMetrics.map((m) => (
            <div role="listitem" key={m}>
              <DoraCard metric={m} row={row} onDrill={(period) => drillMetric(doraSpecs[m].drill, doraSpecs[m].title, period)} />
            </div>
          ))}
        </div>
        <div className="chart-grid">
          {dora.map(({ metric, figure }) => (
            <Chart key={metric} id={`dora-${metric}`} figure={figure} label={`${doraSpecs[metric].title} by month against the DORA 2023 levels`} height={300} onPointClick={(p) => drillPoints(figure, p)} />
          ))}
        </div>
      </section>
      <section aria-labelledby="review-title" className="analysis-section">
        <div className="section-head">
          <div>
            <h2 id="review-title" className="section-title">
              Review load and waits
            </h2>
            <p className="section-note">
              Review hours are a proxy (changed lines read at 400 an hour, 15–90 minutes a review). Seniors are senior, staff and principal reviewers in the org map.
            </p>
          </div>
        </div>
        <div className="headline-grid headline-grid-4" role="list">
          {headlines.map((h) => (
            <div role="listitem" key={h.key} className="headline-cell">
              <MetricCard headline={h} onDrill={(x) => x.month && drillMetric(x.drill, x.label, x.month)} />
            </div>
          ))}
        </div>
        <div className="chart-grid">
          <Chart id="review-wait" figure={review.wait} label="Median hours to first review, AI-assisted vs other PRs, by month" onPointClick={(p) => drillPoints(review.wait, p)} />
          <Chart id="merge-time" figure={review.merge} label="Median hours to merge, AI-assisted vs other PRs, by month" onPointClick={(p) => drillPoints(review.merge, p)} />
        </div>
        <Chart id="review-load" figure={review.load} label="Review hours per reviewer and the share of reviews by seniors, by month" onPointClick={(p) => drillPoints(review.load, p)} />
      </section>
      <Caption>
        Lead time runs from a PR&apos;s first commit to its merge (DORA measures to production; every workspace has the merge). Deployment frequency is the median repo&apos;s
        changes per week; repos without deployments count merged PRs as releases.
      </Caption>
    </div>
  );
}

const levelClass: Record<DoraLevel, string> = { elite: 'level-elite', high: 'level-high', medium: 'level-medium', low: 'level-low' };

function doraValue(metric: DoraMetric, row: MetricsRow): string {
  const v = doraSpecs[metric].value(row);
  if (v === null) return '–';
  switch (metric) {
    case 'deploymentFrequency':
      return `${formatRate(v)} / week`;
    case 'changeFailureRate':
      return formatShare(v);
    default:
      return v >= 48 ? `${formatRate(v / 24)} days` : `${formatRate(v)} h`;
  }
}

function DoraCard({ metric, row, onDrill }: { metric: DoraMetric; row: MetricsRow | null; onDrill: (period: string) => void }) {
  const spec = doraSpecs[metric];
  const level = row ? spec.level(row) : null;
  const value = row ? doraValue(metric, row) : '–';
  const content = (
    <>
      <span className="headline-label">{spec.title}</span>
      <span className="headline-value tabular" data-testid="dora-value">
        {value}
      </span>
      <span className="headline-foot">
        {level ? (
          <span className={`level-badge ${levelClass[level]}`} data-testid="dora-level">
            {doraLevelLabel[level]}
          </span>
        ) : (
          <span className="delta delta-neutral">No level</span>
        )}
      </span>
    </>
  );
  if (!row) return <div className="headline" data-testid={`dora-${metric}`}>{content}</div>;
  return (
    <button
      type="button"
      className="headline headline-drill"
      data-testid={`dora-${metric}`}
      aria-label={`${spec.title}: ${value}${level ? `, ${doraLevelLabel[level]} level` : ''}, ${formatMonth(row.period, true)}. Show the rows behind it.`}
      onClick={() => onDrill(row.period)}
    >
      {content}
    </button>
  );
}
