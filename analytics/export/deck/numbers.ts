/**
 * Arithmetic and wording for the deck: monthly metric rows pooled over a window of months (rates
 * from summed counts, never averaged rates), and the numbers written the way a slide says them. Pure.
 */
import type { MetricsRow } from '../../../shared/domain';

/** A window of months pooled: counts summed, rates recomputed from the sums (docs/metrics.md). */
export interface Pooled {
  months: string[];
  perMonth: { mergedPrs: number; incidents: number; bugs: number; tickets: number | null };
  aiShare: number | null;
  mergedPrsPerEngineerWeek: number | null;
  qualityWeightedPerEngineerWeek: number | null;
  incidentsPer100Prs: number | null;
  bugsPer100Prs: number | null;
  changeFailureRate: number | null;
  /** Response-weighted: equals the NPS of all the window's responses pooled. */
  nps: number | null;
  npsResponses: number;
  reviewHoursPerReviewer: number | null;
  seniorShareAi: number | null;
  restoreHoursMedian: number | null;
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const ratio = (num: number, den: number, scale = 1) => (den > 0 ? (scale * num) / den : null);

function meanOf(values: readonly (number | null)[]): number | null {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  return xs.length ? sum(xs) / xs.length : null;
}

export function pool(rows: readonly MetricsRow[]): Pooled {
  const n = Math.max(rows.length, 1);
  const merged = sum(rows.map((r) => r.mergedPrs));
  const added = sum(rows.map((r) => r.addedLines));
  const aiLines = sum(rows.map((r) => (r.aiShare ?? 0) * r.addedLines));
  const engineerWeeks = sum(rows.map((r) => ((r.engineers ?? 0) * r.days) / 7));
  const npsRows = rows.filter((r) => r.nps !== null && (r.npsResponses ?? 0) > 0);
  const npsN = sum(npsRows.map((r) => r.npsResponses ?? 0));
  const ticketRows = rows.filter((r) => r.tickets !== null);
  return {
    months: rows.map((r) => r.period),
    perMonth: {
      mergedPrs: merged / n,
      incidents: sum(rows.map((r) => r.incidents)) / n,
      bugs: sum(rows.map((r) => r.bugs)) / n,
      tickets: ticketRows.length ? sum(ticketRows.map((r) => r.tickets ?? 0)) / ticketRows.length : null,
    },
    aiShare: ratio(aiLines, added),
    mergedPrsPerEngineerWeek: ratio(merged, engineerWeeks),
    qualityWeightedPerEngineerWeek: ratio(sum(rows.map((r) => r.qualityWeightedPrs)), engineerWeeks),
    incidentsPer100Prs: ratio(sum(rows.map((r) => r.incidents)), merged, 100),
    bugsPer100Prs: ratio(sum(rows.map((r) => r.bugs)), merged, 100),
    changeFailureRate: ratio(sum(rows.map((r) => r.changeFailures)), sum(rows.map((r) => r.changes))),
    nps: npsN > 0 ? sum(npsRows.map((r) => (r.nps ?? 0) * (r.npsResponses ?? 0))) / npsN : null,
    npsResponses: npsN,
    reviewHoursPerReviewer: ratio(sum(rows.map((r) => r.reviewHours)), sum(rows.map((r) => r.reviewers))),
    seniorShareAi: meanOf(rows.map((r) => r.seniorReviewShare.ai)),
    restoreHoursMedian: meanOf(rows.map((r) => r.restoreHoursMedian)),
  };
}

/** The month `n` months after (before, when negative) `month` (YYYY-MM). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 2026-10 → "Oct 2026". */
export function monthLabel(month: string, long = false): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${(long ? LONG_MONTHS : MONTHS)[m - 1]} ${y}`;
}

/** 2026-10-31 → "31 October 2026". */
export function dayLabel(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return `${d} ${LONG_MONTHS[m - 1]} ${y}`;
}

/** ["2026-08", "2026-09", "2026-10"] → "Aug–Oct 2026" (or "Nov 2025–Jan 2026"). */
export function monthsLabel(months: readonly string[]): string {
  if (months.length === 0) return '–';
  const first = months[0]!;
  const last = months[months.length - 1]!;
  if (first === last) return monthLabel(first);
  if (first.slice(0, 4) === last.slice(0, 4)) return `${MONTHS[Number(first.slice(5)) - 1]}–${monthLabel(last)}`;
  return `${monthLabel(first)}–${monthLabel(last)}`;
}

export const MINUS = '−';

export function count(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '–';
  const r = Math.round(v);
  return `${r < 0 ? MINUS : ''}${Math.abs(r).toLocaleString('en-US')}`;
}

export function decimal(v: number | null, digits = 1): string {
  if (v === null || !Number.isFinite(v)) return '–';
  const text = Math.abs(v).toFixed(digits);
  return `${v < 0 && Number(text) !== 0 ? MINUS : ''}${text}`;
}

/** 0.2345 → "23%" (digits 0) or "23.5%". */
export function percent(v: number | null, digits = 0): string {
  if (v === null || !Number.isFinite(v)) return '–';
  return `${decimal(100 * v, digits)}%`;
}

/** A rate ratio: ×1.24. */
export function times(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '–';
  return `×${v >= 10 ? v.toFixed(0) : v.toFixed(2)}`;
}

export function money(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '–';
  const a = Math.abs(v);
  const text = a >= 1e6 ? `$${(a / 1e6).toFixed(1)}M` : a >= 1e4 ? `$${Math.round(a / 1e3)}k` : `$${Math.round(a).toLocaleString('en-US')}`;
  return `${v < 0 ? MINUS : ''}${text}`;
}

/** Relative change from a to b, or null when a is 0 or missing. */
export function relativeChange(a: number | null, b: number | null): number | null {
  if (a === null || b === null || !Number.isFinite(a) || !Number.isFinite(b) || a === 0) return null;
  return (b - a) / Math.abs(a);
}

/** "rose 12%", "fell 8%", "held steady" (within ±3%). */
export function movedBy(a: number | null, b: number | null): string {
  const change = relativeChange(a, b);
  if (change === null) return 'changed';
  if (Math.abs(change) < 0.03) return 'held steady';
  return `${change > 0 ? 'rose' : 'fell'} ${Math.round(Math.abs(change) * 100)}%`;
}

/** "rose", "fell" or "held steady" between two levels, with a tolerance in the same unit. */
export function direction(a: number | null, b: number | null, tolerance: number): 'rose' | 'fell' | 'held steady' {
  if (a === null || b === null) return 'held steady';
  if (Math.abs(b - a) <= tolerance) return 'held steady';
  return b > a ? 'rose' : 'fell';
}

/** A signed difference: +12, −3.4 pp. */
export function signed(v: number | null, format: (x: number) => string): string {
  if (v === null || !Number.isFinite(v)) return '–';
  const text = format(Math.abs(v));
  if (Number(text.replace(/[^\d.]/g, '')) === 0) return format(0);
  return `${v < 0 ? MINUS : '+'}${text}`;
}
