/**
 * Monthly figures from `metrics:series` rows (docs/metrics.md): the board story on the Overview, the
 * quality rates on AI & Quality, review and time-to-merge on Delivery, tickets and NPS on Customers.
 * Pure builders: rows in, figure out. Every trace that stands for countable rows is drillable.
 */
import type { Data } from 'plotly.js-dist-min';
import type { MetricsRow } from '../../../shared/domain';
import { drillable } from './drill';
import { monthly, monthlyFigure, type Figure, type FigureOptions, withAlpha } from './theme';
import { barTrace, lineTrace } from './traces';

type Rows = readonly MetricsRow[];

const periodsOf = (rows: Rows) => rows.map((r) => r.period);
const fixed = (v: number | null, digits: number) => (v === null ? '–' : v.toFixed(digits));
const percent = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(1)}%`);

/** The AI share of added lines as a dotted purple line on the right axis: the same in every chart. */
function aiShareLine(rows: Rows, options: FigureOptions): Data {
  const x = periodsOf(rows);
  return drillable(
    lineTrace({
      name: 'AI share',
      x,
      y: rows.map((r) => r.aiShare),
      colour: options.theme.series.aiShare,
      hover: 'AI share: %{y:.1%}',
      axis: 'y2',
      dash: 'dot',
    }),
    'aiShare',
    x,
  );
}

/** Throughput per engineer-week (all merged PRs as bars, quality-weighted as a line) against AI share. */
export function throughputAiFigure(rows: Rows, options: FigureOptions): Figure {
  const x = periodsOf(rows);
  const { series } = options.theme;
  return monthlyFigure(
    options,
    {
      title: 'AI share and throughput',
      months: x,
      y: { title: 'Merged PRs per engineer-week', format: '.1f' },
      y2: { title: 'AI share of added lines', format: '.0%', colour: series.aiShare },
    },
    [
      drillable(
        barTrace({
          name: 'Merged PRs per engineer-week',
          x,
          y: rows.map((r) => r.mergedPrsPerEngineerWeek),
          colour: series.mergedPrs,
          hover: 'Merged PRs per engineer-week: %{y:.2f} (%{customdata:,d} PRs)',
          customdata: rows.map((r) => r.mergedPrs),
        }),
        'mergedPrs',
        x,
      ),
      drillable(
        lineTrace({
          name: 'Quality-weighted',
          x,
          y: rows.map((r) => r.qualityWeightedPerEngineerWeek),
          colour: series.qualityWeighted,
          hover: 'Quality-weighted: %{y:.2f} (%{customdata:,d} PRs not reverted, hotfixes or incident-linked)',
          customdata: rows.map((r) => r.qualityWeightedPrs),
        }),
        'qualityWeightedPrs',
        x,
      ),
      aiShareLine(rows, options),
    ],
  );
}

/** Incidents created (bars) and change failure rate (line, % axis). */
export function incidentsCfrFigure(rows: Rows, options: FigureOptions): Figure {
  const x = periodsOf(rows);
  const { series } = options.theme;
  return monthlyFigure(
    options,
    {
      title: 'Incidents and change failure rate',
      months: x,
      y: { title: 'Incidents per month', colour: series.incidents },
      y2: { title: 'Change failure rate', format: '.0%', colour: series.changeFailures },
    },
    [
      drillable(
        barTrace({
          name: 'Incidents',
          x,
          y: rows.map((r) => r.incidents),
          colour: withAlpha(series.incidents, 0.75),
          hover: 'Incidents: %{y:,d} (%{customdata} per 100 merged PRs)',
          customdata: rows.map((r) => fixed(r.incidentsPer100Prs, 1)),
        }),
        'incidents',
        x,
      ),
      drillable(
        lineTrace({
          name: 'Change failure rate',
          x,
          y: rows.map((r) => r.changeFailureRate),
          colour: series.changeFailures,
          hover: 'Change failure rate: %{y:.1%} (%{customdata[0]:,d} of %{customdata[1]:,d} changes)',
          customdata: rows.map((r) => [r.changeFailures, r.changes]),
          axis: 'y2',
        }),
        'changeFailureRate',
        x,
      ),
    ],
  );
}

/** Support tickets (bars) and NPS (line, right axis) with its 90% interval and n on hover. */
export function ticketsNpsFigure(rows: Rows, options: FigureOptions): Figure {
  const x = periodsOf(rows);
  const { series } = options.theme;
  return monthlyFigure(
    options,
    {
      title: 'Support tickets and NPS',
      months: x,
      y: { title: 'Tickets per month', colour: series.tickets },
      y2: { title: 'NPS (−100 to 100)', format: 'd', fromZero: false, colour: series.nps },
    },
    [
      drillable(
        barTrace({ name: 'Support tickets', x, y: rows.map((r) => r.tickets), colour: withAlpha(series.tickets, 0.7), hover: 'Tickets: %{y:,d}' }),
        'tickets',
        x,
      ),
      drillable(
        lineTrace({
          name: 'NPS',
          x,
          y: rows.map((r) => r.nps),
          colour: series.nps,
          hover: 'NPS: %{y:.0f} (90%: %{customdata[0]} to %{customdata[1]}, n = %{customdata[2]:,d})',
          customdata: rows.map((r) => [fixed(r.npsInterval?.[0] ?? null, 0), fixed(r.npsInterval?.[1] ?? null, 0), r.npsResponses ?? 0]),
          axis: 'y2',
        }),
        'nps',
        x,
      ),
    ],
  );
}

/** Incidents and bugs per 100 merged PRs (left) against AI share (right, dotted). */
export function qualityRatesFigure(rows: Rows, options: FigureOptions): Figure {
  const x = periodsOf(rows);
  const { series } = options.theme;
  return monthlyFigure(
    options,
    {
      title: 'Incidents and bugs per 100 merged PRs, with AI share',
      months: x,
      y: { title: 'Per 100 merged PRs', format: '.1f' },
      y2: { title: 'AI share of added lines', format: '.0%', colour: series.aiShare },
    },
    [
      drillable(
        lineTrace({
          name: 'Incidents per 100 PRs',
          x,
          y: rows.map((r) => r.incidentsPer100Prs),
          colour: series.incidents,
          hover: 'Incidents per 100 PRs: %{y:.1f} (%{customdata:,d} incidents)',
          customdata: rows.map((r) => r.incidents),
        }),
        'incidents',
        x,
      ),
      drillable(
        lineTrace({
          name: 'Bugs per 100 PRs',
          x,
          y: rows.map((r) => r.bugsPer100Prs),
          colour: series.bugs,
          hover: 'Bugs per 100 PRs: %{y:.1f} (%{customdata:,d} bugs)',
          customdata: rows.map((r) => r.bugs),
        }),
        'bugs',
        x,
      ),
      aiShareLine(rows, options),
    ],
  );
}

/** An AI vs other PRs comparison over months (hours): review wait or time to merge. */
function aiSplitHoursFigure(
  rows: Rows,
  options: FigureOptions,
  spec: { title: string; axis: string; pick: (r: MetricsRow) => MetricsRow['mergeHours']; drill: 'firstReviewHours' | 'mergedPrs'; what: string },
): Figure {
  const x = periodsOf(rows);
  const { series } = options.theme;
  return monthlyFigure(options, { title: spec.title, months: x, y: { title: spec.axis, format: '.1f' } }, [
    drillable(
      lineTrace({ name: 'AI-assisted PRs', x, y: rows.map((r) => spec.pick(r).ai), colour: series.aiShare, hover: `AI-assisted PRs: %{y:.1f} h ${spec.what}` }),
      spec.drill,
      x,
    ),
    drillable(
      lineTrace({ name: 'Other PRs', x, y: rows.map((r) => spec.pick(r).nonAi), colour: series.nonAi, hover: `Other PRs: %{y:.1f} h ${spec.what}` }),
      spec.drill,
      x,
    ),
  ]);
}

/** Median hours from PR opened to first review by someone else: AI-assisted vs other merged PRs. */
export function reviewWaitFigure(rows: Rows, options: FigureOptions): Figure {
  return aiSplitHoursFigure(rows, options, {
    title: 'Wait for first review, AI-assisted vs other PRs',
    axis: 'Median hours to first review',
    pick: (r) => r.firstReviewHours,
    drill: 'firstReviewHours',
    what: 'median wait',
  });
}

/** Median hours from PR opened to merged: AI-assisted vs other merged PRs. */
export function mergeTimeFigure(rows: Rows, options: FigureOptions): Figure {
  return aiSplitHoursFigure(rows, options, {
    title: 'Time to merge, AI-assisted vs other PRs',
    axis: 'Median hours to merge',
    pick: (r) => r.mergeHours,
    drill: 'mergedPrs',
    what: 'median',
  });
}

/** Review hours per reviewer (bars) and the share of reviews by senior reviewers (lines, % axis). */
export function reviewLoadFigure(rows: Rows, options: FigureOptions): Figure {
  const x = periodsOf(rows);
  const { series } = options.theme;
  return monthlyFigure(
    options,
    {
      title: 'Review load and senior review share',
      months: x,
      y: { title: 'Review hours per reviewer', format: '.1f', colour: series.reviewHours },
      y2: { title: 'Reviews by seniors', format: '.0%' },
    },
    [
      drillable(
        barTrace({
          name: 'Review hours per reviewer',
          x,
          y: rows.map((r) => r.reviewHoursPerReviewer),
          colour: withAlpha(series.reviewHours, 0.55),
          hover: 'Review hours per reviewer: %{y:.1f} (%{customdata[0]:,d} reviews by %{customdata[1]:,d} reviewers)',
          customdata: rows.map((r) => [r.reviews, r.reviewers]),
        }),
        'reviews',
        x,
      ),
      drillable(
        lineTrace({
          name: 'Senior share, AI-assisted PRs',
          x,
          y: rows.map((r) => r.seniorReviewShare.ai),
          colour: series.aiShare,
          hover: 'Senior share, AI-assisted PRs: %{y:.0%}',
          axis: 'y2',
        }),
        'reviews',
        x,
      ),
      drillable(
        lineTrace({
          name: 'Senior share, other PRs',
          x,
          y: rows.map((r) => r.seniorReviewShare.nonAi),
          colour: series.nonAi,
          hover: 'Senior share, other PRs: %{y:.0%}',
          axis: 'y2',
        }),
        'reviews',
        x,
      ),
    ],
  );
}

/** Tickets and bug/incident-tagged tickets (bars) against incidents (line, right axis). */
export function ticketsIncidentsFigure(rows: Rows, options: FigureOptions): Figure {
  const x = periodsOf(rows);
  const { series } = options.theme;
  const figure = monthlyFigure(
    options,
    {
      title: 'Support tickets against incidents',
      months: x,
      y: { title: 'Tickets per month', colour: series.tickets },
      y2: { title: 'Incidents per month', colour: series.incidents },
    },
    [
      drillable(
        barTrace({ name: 'All tickets', x, y: rows.map((r) => r.tickets), colour: withAlpha(series.tickets, 0.35), hover: 'All tickets: %{y:,d}' }),
        'tickets',
        x,
      ),
      drillable(
        barTrace({
          name: 'Tagged bug or incident',
          x,
          y: rows.map((r) => r.bugIncidentTickets),
          colour: series.tickets,
          hover: 'Tagged bug or incident: %{y:,d} (%{customdata})',
          customdata: rows.map((r) => (r.tickets ? percent((r.bugIncidentTickets ?? 0) / r.tickets) : '–')),
        }),
        'bugIncidentTickets',
        x,
      ),
      drillable(
        lineTrace({ name: 'Incidents', x, y: rows.map((r) => r.incidents), colour: series.incidents, hover: 'Incidents: %{y:,d}', axis: 'y2' }),
        'incidents',
        x,
      ),
    ],
  );
  // The tagged tickets are a subset of all tickets: drawn inside the same bar, not next to it.
  figure.layout.barmode = 'overlay';
  return figure;
}

/** Monthly NPS with its 90% interval as a band and n on hover, over incidents (bars). */
export function npsBandFigure(rows: Rows, options: FigureOptions): Figure {
  const x = periodsOf(rows);
  const { series } = options.theme;
  const low = rows.map((r) => r.npsInterval?.[0] ?? null);
  const high = rows.map((r) => r.npsInterval?.[1] ?? null);
  const band = (name: string, y: (number | null)[], fill: 'none' | 'tonexty', showlegend: boolean): Data => ({
    type: 'scatter',
    mode: 'lines',
    name,
    x: [...x],
    y,
    ...monthly,
    yaxis: 'y2',
    line: { width: 0, color: series.nps },
    fill,
    fillcolor: withAlpha(series.nps, 0.18),
    connectgaps: false,
    hoverinfo: 'skip',
    showlegend,
  });
  return monthlyFigure(
    options,
    {
      title: 'NPS with its 90% interval, and incidents',
      months: x,
      y: { title: 'Incidents per month', colour: series.incidents },
      y2: { title: 'NPS (−100 to 100)', format: 'd', fromZero: false, colour: series.nps },
    },
    [
      drillable(
        barTrace({ name: 'Incidents', x, y: rows.map((r) => r.incidents), colour: withAlpha(series.incidents, 0.3), hover: 'Incidents: %{y:,d}' }),
        'incidents',
        x,
      ),
      band('NPS 90% upper', high, 'none', false),
      band('90% interval', low, 'tonexty', true),
      drillable(
        lineTrace({
          name: 'NPS',
          x,
          y: rows.map((r) => r.nps),
          colour: series.nps,
          hover: 'NPS: %{y:.0f} (90%: %{customdata[0]} to %{customdata[1]}, n = %{customdata[2]:,d})',
          customdata: rows.map((r) => [fixed(r.npsInterval?.[0] ?? null, 0), fixed(r.npsInterval?.[1] ?? null, 0), r.npsResponses ?? 0]),
          axis: 'y2',
        }),
        'nps',
        x,
      ),
    ],
  );
}
