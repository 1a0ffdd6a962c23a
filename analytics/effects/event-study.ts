/**
 * Staggered-adoption event study (product.md §7), the check on the main model: each team's adoption
 * month is the first month its AI share exceeds a threshold (default 10%); event-time dummies for
 * −3 … +6 months relative to it (−1 is the reference; ≤ −3 and ≥ +6 are binned into the end points)
 * enter the same Poisson model (log merged PRs exposure, team and month fixed effects). Teams that
 * never adopt have all dummies 0 and anchor the month effects. If adoption is not confounded with a
 * team's own trend, the pre-adoption terms (−3, −2) are ≈ 0 (rate ratio ≈ 1); the post terms trace
 * how the rate moves as the share ramps up (they are per adoption, not per 100% AI share).
 */
import type { EffectOutcome, EventStudy, EventStudyOutcome, EventStudyTerm } from '../../shared/domain';
import { effectOutcomes } from '../../shared/domain';
import { columnIndex } from '../stats/design';
import { clusterRobustCovariance, fitPoisson, GlmError } from '../stats/poisson-glm';
import { fixedEffectsDesign, fixedEffectsSubset, subsetOf } from './fixed-effects';
import { laggedSample, monthLabelOf, monthNumber, OUTCOME_LABEL, type PanelRow } from './panel';
import { jointWaldPValue, robustInterval } from './robust';

export const EVENT_WINDOW = { from: -3, to: 6, reference: -1 } as const;
export const DEFAULT_ADOPTION_THRESHOLD = 0.1;
/** A joint pre-trend test below this p-value raises a warning. */
export const PRE_TREND_ALPHA = 0.05;

const LEVELS: string[] = [];
for (let e = EVENT_WINDOW.from; e <= EVENT_WINDOW.to; e++) LEVELS.push(String(e));
const REFERENCE_LEVEL = EVENT_WINDOW.reference - EVENT_WINDOW.from;

export interface EventStudyOptions {
  threshold?: number;
  /** First outcome month (YYYY-MM). Adoption is still read from the whole panel. */
  firstMonth?: string | null;
  outcomes?: readonly EffectOutcome[];
}

/** First month (month number) each team's AI share exceeds `threshold` in a month with merged PRs. */
export function adoptionMonths(panel: readonly PanelRow[], threshold: number): Map<string, number | null> {
  const adoption = new Map<string, number | null>();
  for (const r of panel) if (!adoption.has(r.team)) adoption.set(r.team, null);
  for (const r of panel) {
    if (!(r.mergedPrs > 0) || !(r.aiShare > threshold)) continue;
    const t = monthNumber(r.month);
    const seen = adoption.get(r.team);
    if (seen === null || seen === undefined || t < seen) adoption.set(r.team, t);
  }
  return adoption;
}

export function eventStudy(panel: readonly PanelRow[], options: EventStudyOptions = {}): EventStudy {
  const threshold = options.threshold ?? DEFAULT_ADOPTION_THRESHOLD;
  const adoption = adoptionMonths(panel, threshold);
  const sample = laggedSample(panel, { maxLag: 0, firstMonth: options.firstMonth ?? null });
  const eventIndex = new Float64Array(sample.n);
  for (let i = 0; i < sample.n; i++) {
    const a = adoption.get(sample.teams[sample.team[i]!]!);
    if (a === null || a === undefined) {
      eventIndex[i] = -1;
      continue;
    }
    const e = monthNumber(sample.months[sample.month[i]!]!) - a;
    eventIndex[i] = Math.min(EVENT_WINDOW.to, Math.max(EVENT_WINDOW.from, e)) - EVENT_WINDOW.from;
  }
  const adopters = [...adoption.values()].filter((a) => a !== null).length;
  const warnings: string[] = [];
  if (adopters === 0) warnings.push(`No team's AI share ever exceeds ${Math.round(100 * threshold)}%: there is no adoption to study.`);
  else if (adopters < 2) warnings.push(`Only one team's AI share exceeds ${Math.round(100 * threshold)}%: the event study rests on one team.`);
  const outcomes = (options.outcomes ?? effectOutcomes).map((outcome) => eventStudyOutcome(sample, outcome, eventIndex, adopters));
  return {
    threshold,
    window: { ...EVENT_WINDOW },
    adoption: [...adoption.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([team, month]) => ({ team, month: month === null ? null : monthLabelOf(month) })),
    method:
      `Poisson regression with log(merged PRs) exposure, team and month fixed effects and dummies for months ${EVENT_WINDOW.from}…+${EVENT_WINDOW.to} ` +
      `relative to adoption (first month with AI share above ${Math.round(100 * threshold)}%; month ${EVENT_WINDOW.reference} is the reference; end points binned). ` +
      'Rate ratios with 90% intervals from team-cluster-robust standard errors (t with teams − 1 df); joint Wald test of the pre-adoption terms.',
    outcomes,
    warnings,
  };
}

function eventStudyOutcome(sample: ReturnType<typeof laggedSample>, outcome: EffectOutcome, eventIndex: Float64Array, adopters: number): EventStudyOutcome {
  const label = OUTCOME_LABEL[outcome];
  const y = sample.counts[outcome];
  const empty = (warning: string): EventStudyOutcome => ({
    outcome,
    terms: LEVELS.filter((_, i) => i !== REFERENCE_LEVEL).map((l) => ({ eventTime: Number(l), rateRatio: null, ci90: null, n: 0 })),
    preTrendPValue: null,
    n: 0,
    warnings: [warning],
  });
  if (adopters === 0) return empty('No adopting team.');
  const subset = fixedEffectsSubset(sample.team, sample.month, sample.teams.length, sample.months.length, y, null);
  if (subset.rows.length === 0) return empty(`No ${label} at all.`);
  const events = subsetOf(eventIndex, subset.rows);
  const design = fixedEffectsDesign(subset, sample.teams, sample.months, { factors: [{ name: 'event', levels: LEVELS, index: events, reference: REFERENCE_LEVEL }] });
  const yk = subsetOf(y, subset.rows);
  let fit;
  let robust;
  try {
    fit = fitPoisson(design, yk, { offset: subsetOf(sample.logExposure, subset.rows) });
    robust = clusterRobustCovariance(design, yk, fit, subset.team);
  } catch (err) {
    if (err instanceof GlmError) return empty(`The event-study model could not be fitted (${err.message}).`);
    throw err;
  }
  const clusters = subset.teams.length;
  const binCounts = new Array<number>(LEVELS.length).fill(0);
  for (let k = 0; k < events.length; k++) if (events[k]! >= 0) binCounts[events[k]!]!++;
  const terms: EventStudyTerm[] = [];
  const preColumns: number[] = [];
  LEVELS.forEach((level, i) => {
    if (i === REFERENCE_LEVEL) return;
    const c = columnIndex(design, `event[${level}]`);
    const b = fit.coefficients[c]!;
    const se = Math.sqrt(robust[c]![c]!);
    if (Number(level) < EVENT_WINDOW.reference) preColumns.push(c);
    terms.push({
      eventTime: Number(level),
      rateRatio: Number.isFinite(b) ? Math.exp(b) : null,
      ci90: robustInterval(b, se, clusters),
      n: binCounts[i]!,
    });
  });
  const preTrendPValue = jointWaldPValue(fit.coefficients, robust, preColumns);
  const warnings: string[] = [];
  if (preTrendPValue !== null && preTrendPValue < PRE_TREND_ALPHA) {
    warnings.push(
      `Before adoption, ${label} already differed from the month before adoption (joint test of the pre-adoption terms p = ${preTrendPValue.toFixed(3)}): ` +
        'either the adopting teams were on a different path or that reference month was unusual; read the effect estimate with care.',
    );
  }
  for (const t of terms) {
    if (t.eventTime < EVENT_WINDOW.reference && t.ci90 && (t.ci90[0] > 1.5 || t.ci90[1] < 1 / 1.5)) {
      warnings.push(`The ${t.eventTime} month pre-adoption term is far from 1 (rate ratio ${t.rateRatio?.toFixed(2)}).`);
    }
  }
  if (preColumns.every((c) => Number.isNaN(fit.coefficients[c]!))) warnings.push('No team-months before adoption: the pre-trend cannot be checked.');
  return { outcome, terms, preTrendPValue, n: subset.rows.length, warnings };
}
