/**
 * Pure metric definitions on aggregated numbers: rates, DORA 2023 levels and the NPS interval.
 * The counting itself (what is a change, a failure, a team's PR…) lives in facts.sql.
 */
import type { DoraLevel } from '../../shared/domain';

/**
 * DORA 2023 performance levels (Accelerate State of DevOps Report 2023, Google Cloud / DORA,
 * "Software delivery performance" clusters):
 *
 * | level  | deployment frequency          | change lead time        | change failure rate | failed deployment recovery time |
 * |--------|-------------------------------|-------------------------|---------------------|---------------------------------|
 * | elite  | on demand (several a day)     | less than one day       | 5%                  | less than one hour              |
 * | high   | once a day – once a week      | one day – one week      | 10%                 | less than one day               |
 * | medium | once a week – once a month    | one week – one month    | 15%                 | one day – one week              |
 * | low    | once a week – once a month    | one week – one month    | 64%                 | one month – six months          |
 *
 * The report describes clusters, not cut-offs, and its medium and low clusters share the same
 * deployment-frequency and lead-time bands. We turn the clusters into buckets with these
 * boundaries (docs/metrics.md): deployments ≥ 1 a day elite, ≥ 1 a week high, ≥ 1 a month medium,
 * else low; lead time < 1 day, < 1 week, < 1 month (30.44 days), else low; change failure rate
 * ≤ 5%, ≤ 10%, ≤ 15%, else low; time to restore < 1 hour, < 1 day, < 1 week, else low.
 */
export const DORA_2023 = {
  /** Deployments per week at or above which a level applies. */
  deploymentsPerWeek: { elite: 7, high: 1, medium: 7 / 30.44 },
  /** Lead time (hours) below which a level applies. */
  leadTimeHours: { elite: 24, high: 24 * 7, medium: 24 * 30.44 },
  /** Change failure rate at or below which a level applies. */
  changeFailureRate: { elite: 0.05, high: 0.1, medium: 0.15 },
  /** Time to restore (hours) below which a level applies. */
  restoreHours: { elite: 1, high: 24, medium: 24 * 7 },
} as const;

function higherIsBetter(value: number | null, t: { elite: number; high: number; medium: number }): DoraLevel | null {
  if (value === null || !Number.isFinite(value)) return null;
  return value >= t.elite ? 'elite' : value >= t.high ? 'high' : value >= t.medium ? 'medium' : 'low';
}

function lowerIsBetter(value: number | null, t: { elite: number; high: number; medium: number }, inclusive: boolean): DoraLevel | null {
  if (value === null || !Number.isFinite(value)) return null;
  const below = (limit: number) => (inclusive ? value <= limit : value < limit);
  return below(t.elite) ? 'elite' : below(t.high) ? 'high' : below(t.medium) ? 'medium' : 'low';
}

export function doraLevels(m: { deploymentsPerWeek: number | null; leadTimeHours: number | null; changeFailureRate: number | null; restoreHoursMedian: number | null }) {
  return {
    deploymentFrequency: higherIsBetter(m.deploymentsPerWeek, DORA_2023.deploymentsPerWeek),
    leadTime: lowerIsBetter(m.leadTimeHours, DORA_2023.leadTimeHours, false),
    changeFailureRate: lowerIsBetter(m.changeFailureRate, DORA_2023.changeFailureRate, true),
    timeToRestore: lowerIsBetter(m.restoreHoursMedian, DORA_2023.restoreHours, false),
  };
}

/** z for a two-sided 90% interval. */
const Z90 = 1.6448536269514722;

/**
 * NPS = 100 · (promoters − detractors) / n, with a 90% interval from the normal approximation of
 * the multinomial variance of p₊ − p₋: Var = (p₊ + p₋ − (p₊ − p₋)²) / n. Deterministic; clamped to
 * [−100, 100]. With few responses (or all in one category) the interval is too narrow: docs/metrics.md.
 */
export function npsWithInterval(promoters: number, detractors: number, n: number): { nps: number; interval: [number, number] } | null {
  if (n <= 0) return null;
  const pPlus = promoters / n;
  const pMinus = detractors / n;
  const nps = 100 * (pPlus - pMinus);
  const se = 100 * Math.sqrt(Math.max(0, pPlus + pMinus - (pPlus - pMinus) ** 2) / n);
  return { nps, interval: [Math.max(-100, nps - Z90 * se), Math.min(100, nps + Z90 * se)] };
}

/** a / b, or null when b is 0 (no denominator means no rate, not a rate of 0). */
export function ratio(a: number, b: number | null): number | null {
  return b === null || b === 0 ? null : a / b;
}
