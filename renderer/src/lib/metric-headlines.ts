/**
 * Headline numbers from `metrics:series` month rows: the latest complete month against the month
 * before it, for the org or the filtered team. Each one knows which way is better and which rows
 * are behind it (drill-down). Pure.
 */
import type { DrilldownMetric, MetricsRow } from '../../../shared/domain';
import { formatCount, formatMonth, formatRate, formatScore, formatShare, previousMonth } from './format';
import { latestCompleteIndex } from './series';

export type MetricUnit = 'count' | 'share' | 'score' | 'rate' | 'hours';

export interface MetricHeadlineSpec {
  key: string;
  label: string;
  unit: MetricUnit;
  /** Which way is better; AI share is what is studied, so neither. */
  better: 'up' | 'down' | 'none';
  drill: DrilldownMetric;
  /** Decimals of a rate (default 1). */
  digits?: number;
  value: (r: MetricsRow) => number | null;
  /** A short line under the value ("4.2 per 100 PRs", "n = 151"). */
  context?: (r: MetricsRow) => string | null;
}

export interface MetricHeadline {
  key: string;
  label: string;
  unit: MetricUnit;
  better: MetricHeadlineSpec['better'];
  drill: DrilldownMetric;
  digits: number;
  value: number | null;
  previous: number | null;
  /** YYYY-MM of the value; null without a complete month. */
  month: string | null;
  context: string | null;
}

/** The Overview's board story: delivery and AI on the first row, quality and customers on the second. */
export const overviewHeadlines: MetricHeadlineSpec[] = [
  { key: 'mergedPrs', label: 'Merged PRs', unit: 'count', better: 'up', drill: 'mergedPrs', value: (r) => r.mergedPrs, context: (r) => `${formatCount(r.qualityWeightedPrs)} quality-weighted` },
  {
    key: 'throughput',
    label: 'Merged PRs per engineer-week',
    unit: 'rate',
    better: 'up',
    drill: 'mergedPrs',
    digits: 2,
    value: (r) => r.mergedPrsPerEngineerWeek,
    context: (r) => (r.engineers === null ? null : `${formatCount(r.engineers)} engineers`),
  },
  { key: 'aiShare', label: 'AI share of added lines', unit: 'share', better: 'none', drill: 'aiShare', value: (r) => r.aiShare, context: (r) => (r.aiPrShare === null ? null : `${formatShare(r.aiPrShare, 0)} of PRs with AI evidence`) },
  { key: 'changeFailureRate', label: 'Change failure rate', unit: 'share', better: 'down', drill: 'changeFailureRate', value: (r) => r.changeFailureRate, context: (r) => `${formatCount(r.changeFailures)} of ${formatCount(r.changes)} changes` },
  { key: 'incidents', label: 'Incidents', unit: 'count', better: 'down', drill: 'incidents', value: (r) => r.incidents, context: (r) => (r.incidentsPer100Prs === null ? null : `${formatRate(r.incidentsPer100Prs)} per 100 merged PRs`) },
  { key: 'bugs', label: 'Bugs reported', unit: 'count', better: 'down', drill: 'bugs', value: (r) => r.bugs, context: (r) => (r.bugsPer100Prs === null ? null : `${formatRate(r.bugsPer100Prs)} per 100 merged PRs`) },
  { key: 'tickets', label: 'Support tickets', unit: 'count', better: 'down', drill: 'tickets', value: (r) => r.tickets, context: (r) => (r.bugIncidentTickets === null ? null : `${formatCount(r.bugIncidentTickets)} tagged bug or incident`) },
  { key: 'nps', label: 'NPS', unit: 'score', better: 'up', drill: 'nps', value: (r) => r.nps, context: (r) => (r.npsResponses ? `n = ${formatCount(r.npsResponses)}${r.npsInterval ? `, 90%: ${formatScore(r.npsInterval[0])} to ${formatScore(r.npsInterval[1])}` : ''}` : r.team ? 'Org-wide only' : 'No responses') },
];

export function buildHeadlines(rows: readonly MetricsRow[], specs: readonly MetricHeadlineSpec[]): MetricHeadline[] {
  const idx = latestCompleteIndex(rows);
  const current = idx >= 0 ? rows[idx]! : null;
  const previous = idx > 0 ? rows[idx - 1]! : null;
  return specs.map((spec) => ({
    key: spec.key,
    label: spec.label,
    unit: spec.unit,
    better: spec.better,
    drill: spec.drill,
    digits: spec.digits ?? 1,
    value: current ? spec.value(current) : null,
    previous: previous ? spec.value(previous) : null,
    month: current ? current.period : null,
    context: current && spec.context ? spec.context(current) : null,
  }));
}

export function formatMetricValue(value: number | null, unit: MetricUnit, digits = 1): string {
  switch (unit) {
    case 'share':
      return formatShare(value);
    case 'score':
      return formatScore(value);
    case 'rate':
      return value === null || !Number.isFinite(value) ? '–' : value.toFixed(digits);
    case 'hours':
      return value === null ? '–' : `${formatRate(value)} h`;
    default:
      return formatCount(value);
  }
}

export interface MetricDelta {
  direction: 'up' | 'down' | 'flat';
  sentiment: 'good' | 'bad' | 'neutral';
  /** "+12.5%", "−3.2 pp", "+4 pts", or "" without a comparison. */
  text: string;
  description: string;
}

const MINUS = '\u2212';

/** Change vs the previous month: percentage points for shares, points for scores, percent otherwise. */
export function metricDelta(h: Pick<MetricHeadline, 'value' | 'previous' | 'unit' | 'better' | 'month'>): MetricDelta {
  const previousLabel = h.month ? formatMonth(previousMonth(h.month)) : 'the previous month';
  if (h.value === null || h.previous === null || !Number.isFinite(h.value) || !Number.isFinite(h.previous)) {
    return { direction: 'flat', sentiment: 'neutral', text: '', description: `No comparison with ${previousLabel}.` };
  }
  const diff = h.value - h.previous;
  let rounded: number;
  let body: (abs: number) => string;
  if (h.unit === 'share') {
    rounded = Math.round(diff * 1000) / 10;
    body = (a) => `${a.toFixed(1)} pp`;
  } else if (h.unit === 'score') {
    rounded = Math.round(diff);
    body = (a) => `${a} pts`;
  } else if (h.previous === 0) {
    rounded = Math.round(diff * 10) / 10;
    body = (a) => (h.unit === 'count' ? formatCount(a) : formatRate(a));
  } else {
    rounded = Math.round((diff / h.previous) * 1000) / 10;
    body = (a) => `${a.toFixed(1)}%`;
  }
  const direction = rounded > 0 ? 'up' : rounded < 0 ? 'down' : 'flat';
  const sentiment = direction === 'flat' || h.better === 'none' ? 'neutral' : direction === h.better ? 'good' : 'bad';
  const text = direction === 'flat' ? `±${body(0)}` : `${direction === 'up' ? '+' : MINUS}${body(Math.abs(rounded))}`;
  const verb = direction === 'up' ? 'Up' : direction === 'down' ? 'Down' : 'Unchanged';
  const amount = direction === 'flat' ? '' : ` ${text.slice(1)}`;
  const judgement = sentiment === 'good' ? ' (better)' : sentiment === 'bad' ? ' (worse)' : '';
  return { direction, sentiment, text, description: `${verb}${amount} vs ${previousLabel}${judgement}.` };
}
