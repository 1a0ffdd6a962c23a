/** Helpers for `metrics:series` rows (docs/metrics.md): complete periods, headline months. Pure. */
import type { MetricsRow } from '../../../shared/domain';

/** Days in the calendar month "YYYY-MM". */
export function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** A month row is complete when the range (and the data) cover every one of its days. */
export function isCompleteMonth(row: Pick<MetricsRow, 'period' | 'days'>): boolean {
  return /^\d{4}-\d{2}$/.test(row.period) && row.days >= daysInMonth(row.period);
}

/** Months cut short by the range or the end of the data: charts shade them. */
export function partialMonths(rows: readonly Pick<MetricsRow, 'period' | 'days'>[]): string[] {
  return rows.filter((r) => !isCompleteMonth(r)).map((r) => r.period);
}

/** Index of the latest complete month (the headline month), or −1. */
export function latestCompleteIndex(rows: readonly Pick<MetricsRow, 'period' | 'days'>[]): number {
  for (let i = rows.length - 1; i >= 0; i--) if (isCompleteMonth(rows[i]!)) return i;
  return -1;
}

/** The sum of the values, nulls left out. */
export function sum(values: readonly (number | null)[]): number {
  return values.reduce<number>((a, v) => a + (v ?? 0), 0);
}
