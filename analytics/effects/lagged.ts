/**
 * Lagged association (product.md §7 "alongside"): how a team's AI share in month t goes with its
 * outcome rates in months t, t+1, t+2 and t+3. One Poisson model per lag k:
 *   count_{i,t+k} ~ log(merged PRs_{i,t+k}) offset + team + month + γ_k · share_{i,t}
 * reported as the rate ratio exp(γ_k) at 100% vs 0% AI share with a 90% interval from
 * team-cluster-robust standard errors (t with teams − 1 df). Every lag uses the same team-months
 * (those with shares known three months back), so the lags are comparable.
 */
import type { EffectOutcome, LaggedReport, LaggedTerm } from '../../shared/domain';
import { effectOutcomes } from '../../shared/domain';
import { columnIndex } from '../stats/design';
import { clusterRobustCovariance, fitPoisson, GlmError } from '../stats/poisson-glm';
import { fixedEffectsDesign, fixedEffectsSubset, subsetOf } from './fixed-effects';
import { laggedSample, type LaggedSample, type PanelRow } from './panel';
import { robustInterval } from './robust';

export const LAGGED_MAX_LAG = 3;

export function laggedAssociation(panel: readonly PanelRow[], options: { firstMonth?: string | null; outcomes?: readonly EffectOutcome[] } = {}): Omit<LaggedReport, 'range'> {
  const sample = laggedSample(panel, { maxLag: LAGGED_MAX_LAG, firstMonth: options.firstMonth ?? null });
  const warnings: string[] = [];
  if (sample.teams.length < 4) warnings.push(`Only ${sample.teams.length} teams: cluster-robust intervals need more teams to be trusted.`);
  const outcomes = (options.outcomes ?? effectOutcomes).map((outcome) => ({
    outcome,
    lags: Array.from({ length: LAGGED_MAX_LAG + 1 }, (_, lag) => laggedTerm(sample, outcome, lag)),
  }));
  return {
    method:
      'For each lag k = 0…3: Poisson regression of the outcome in month t + k with log(merged PRs) exposure, team and month fixed effects and the AI share of month t; ' +
      'rate ratio at 100% vs 0% AI share with a 90% interval from team-cluster-robust standard errors (t with teams − 1 df).',
    outcomes,
    warnings,
  };
}

function laggedTerm(sample: LaggedSample, outcome: EffectOutcome, lag: number): LaggedTerm {
  const y = sample.counts[outcome];
  const subset = fixedEffectsSubset(sample.team, sample.month, sample.teams.length, sample.months.length, y, null);
  if (subset.rows.length === 0) return { lag, rateRatio: null, ci90: null, n: 0 };
  const design = fixedEffectsDesign(subset, sample.teams, sample.months, { dense: [{ name: 'ai_share', values: subsetOf(sample.shares[lag]!, subset.rows) }] });
  const yk = subsetOf(y, subset.rows);
  try {
    const fit = fitPoisson(design, yk, { offset: subsetOf(sample.logExposure, subset.rows) });
    const robust = clusterRobustCovariance(design, yk, fit, subset.team);
    const c = columnIndex(design, 'ai_share');
    const b = fit.coefficients[c]!;
    return {
      lag,
      rateRatio: Number.isFinite(b) ? Math.exp(b) : null,
      ci90: robustInterval(b, Math.sqrt(robust[c]![c]!), subset.teams.length),
      n: subset.rows.length,
    };
  } catch (err) {
    if (err instanceof GlmError) return { lag, rateRatio: null, ci90: null, n: subset.rows.length };
    throw err;
  }
}
