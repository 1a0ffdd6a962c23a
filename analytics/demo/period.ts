/**
 * The demo's fixed calendar: 24 months from 2024-11-01 to 2026-10-31, all instants as epoch
 * milliseconds in UTC. Formatting helpers live here so every export writes times the same way.
 */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export const PERIOD_MONTHS = 24;
/** First instant of the period (inclusive). */
export const PERIOD_START_MS = Date.UTC(2024, 10, 1);
/** First instant after the period (exclusive): the exports are "as of" this moment. */
export const PERIOD_END_MS = Date.UTC(2026, 10, 1);

/** First instant of month index `m` (0 = 2024-11). Works for m outside 0..23 too. */
export function monthStartMs(m: number): number {
  return Date.UTC(2024, 10 + m, 1);
}

/** Month index of an instant (0 = 2024-11; negative before the period). */
export function monthIndexOf(ms: number): number {
  const d = new Date(ms);
  return (d.getUTCFullYear() - 2024) * 12 + d.getUTCMonth() - 10;
}

/** Calendar month (1..12) of month index `m`. */
export function calendarMonth(m: number): number {
  return new Date(monthStartMs(m)).getUTCMonth() + 1;
}

/** 'YYYY-MM' of month index `m`. */
export function monthLabel(m: number): string {
  return new Date(monthStartMs(m)).toISOString().slice(0, 7);
}

/** ISO 8601 UTC to the second, as GitHub and PagerDuty write it: 2025-03-14T10:22:05Z. */
export function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** 'YYYY-MM-DD' (UTC). */
export function dayString(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Midnight UTC of the day containing `ms`. */
export function dayStartMs(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** Whole seconds: exports carry second precision, so the canonical rows do too. */
export function toSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

export function isWeekend(ms: number): boolean {
  const day = new Date(ms).getUTCDay();
  return day === 0 || day === 6;
}

/** Midnights (UTC) of the weekdays of month `m`. */
export function weekdaysOfMonth(m: number): number[] {
  const days: number[] = [];
  for (let t = monthStartMs(m); t < monthStartMs(m + 1); t += DAY_MS) if (!isWeekend(t)) days.push(t);
  return days;
}

/** Sunday of the last week of `month0` (0-based) in `year`, at 01:00 UTC. */
function lastSundayAt0100Utc(year: number, month0: number): number {
  const lastDay = new Date(Date.UTC(year, month0 + 1, 0));
  return Date.UTC(year, month0, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

/**
 * UTC offset of Europe/Berlin at an instant. The EU rule (Directive 2000/84/EC): summer time
 * (UTC+2) from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC, else
 * UTC+1. Computed rather than taken from Intl so output never depends on the ICU data installed.
 */
export function berlinOffsetMs(ms: number): number {
  const year = new Date(ms).getUTCFullYear();
  const summerStart = lastSundayAt0100Utc(year, 2);
  const summerEnd = lastSundayAt0100Utc(year, 9);
  return ms >= summerStart && ms < summerEnd ? 2 * HOUR_MS : HOUR_MS;
}

const MONTH_ABBREVIATIONS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/**
 * Jira's CSV date format `dd/MMM/yy h:mm a` in the org's zone (Europe/Berlin), with no zone marker —
 * exactly what "Export Excel CSV" writes, e.g. `15/Feb/26 4:37 PM`.
 */
export function jiraDateTime(ms: number): string {
  const local = new Date(ms + berlinOffsetMs(ms));
  const day = String(local.getUTCDate()).padStart(2, '0');
  const month = MONTH_ABBREVIATIONS[local.getUTCMonth()]!;
  const year = String(local.getUTCFullYear() % 100).padStart(2, '0');
  const hours24 = local.getUTCHours();
  const hours12 = hours24 % 12 === 0 ? 12 : hours24 % 12;
  const minutes = String(local.getUTCMinutes()).padStart(2, '0');
  return `${day}/${month}/${year} ${hours12}:${minutes} ${hours24 < 12 ? 'AM' : 'PM'}`;
}
