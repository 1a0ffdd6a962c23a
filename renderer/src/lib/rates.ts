/** Rates derived from the Overview's monthly counts. Pure. */
import type { OverviewMonth } from '../../../shared/domain';

/** `count` per 100 of `base`; null when the base is zero (no rate without exposure). */
export function per100(count: number, base: number): number | null {
  return base > 0 ? (count / base) * 100 : null;
}

export interface QualityRateMonth {
  month: string;
  aiShare: number | null;
  mergedPrs: number;
  incidentsPer100Prs: number | null;
  bugsPer100Prs: number | null;
}

/** Incidents and bugs per 100 merged PRs next to AI share, month by month. */
export function qualityRates(months: readonly OverviewMonth[]): QualityRateMonth[] {
  return months.map((m) => ({
    month: m.month,
    aiShare: m.aiShare,
    mergedPrs: m.mergedPrs,
    incidentsPer100Prs: per100(m.incidents, m.mergedPrs),
    bugsPer100Prs: per100(m.bugs, m.mergedPrs),
  }));
}

/**
 * Months after the headline month (the latest complete one) are still in progress: charts shade
 * them so a half-month dip is not read as a trend.
 */
export function inProgressMonths(months: readonly OverviewMonth[], latestComplete: string | null): string[] {
  if (!latestComplete) return [];
  return months.filter((m) => m.month > latestComplete).map((m) => m.month);
}
