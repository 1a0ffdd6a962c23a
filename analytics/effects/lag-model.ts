/**
 * The main effect model of product.md §7 for one outcome:
 *
 *   count_it ~ Poisson(μ_it),  log μ_it = log(mergedPRs_it) + team_i + month_t + Σ_{l=0..2} β_l · share_{i,t−l}
 *
 * and the estimand θ = Σ_l β_l, the log rate ratio at 100% vs 0% AI share sustained over the lags.
 * The lags enter reparametrised as [s₀, s₁ − s₀, s₂ − s₀] so that the coefficient of the first column
 * is θ itself (β₀s₀ + β₁s₁ + β₂s₂ = θ·s₀ + β₁(s₁ − s₀) + β₂(s₂ − s₀)): its standard error comes straight
 * from the covariance, and a normal prior on θ is an independent prior on one coefficient, which is
 * what penalised IRLS supports.
 */
import type { EffectOutcome } from '../../shared/domain';
import { columnIndex, type DenseSpec, type Design } from '../stats/design';
import { fitPoisson, type PoissonFit } from '../stats/poisson-glm';
import { fixedEffectsDesign, fixedEffectsSubset, subsetOf, type FixedEffectsSubset } from './fixed-effects';
import type { LaggedSample } from './panel';

export const THETA_COLUMN = 'ai_share_sum_of_lags';

export function lagColumnNames(maxLag: number): string[] {
  const names = [THETA_COLUMN];
  for (let l = 1; l <= maxLag; l++) names.push(`ai_share_lag${l}_minus_lag0`);
  return names;
}

export interface LagModelOptions {
  /** Per-team frequency weights (cluster-bootstrap multiplicities), indexed like sample.teams. */
  teamWeights?: ArrayLike<number> | null;
  /** Normal prior on θ (log rate ratio at 100% AI share). */
  prior?: { mean: number; sd: number } | null;
  /** Multiply the likelihood by this (≤ 1: a tempered likelihood; see estimate.ts). */
  likelihoodScale?: number;
  /** Warm start: a previous fit's month effects (by month label) and lag coefficients. */
  start?: LagModelStart | null;
  covariance?: boolean;
  /** Convergence tolerance of the IRLS (see fitPoisson). */
  tolerance?: number;
}

export interface LagModelStart {
  monthEffects: ReadonlyMap<string, number>;
  lagColumns: readonly number[];
}

export interface LagModelFit {
  /** Σ_l β_l: log rate ratio at 100% vs 0% AI share (NaN when AI share had no data). */
  theta: number;
  /** Model-based (Poisson) standard error of θ; NaN without covariance. */
  thetaSe: number;
  /** β_0..β_maxLag. */
  lagCoefficients: number[];
  fit: PoissonFit;
  design: Design;
  subset: FixedEffectsSubset;
  /** Kept rows' outcome total (weighted). */
  events: number;
  /** Warm start for refits on resampled data. */
  start: LagModelStart;
}

/** Fit the lag model for one outcome; returns null when no row is left (every count zero). */
export function fitLagModel(sample: LaggedSample, outcome: EffectOutcome, options: LagModelOptions = {}): LagModelFit | null {
  const y = sample.counts[outcome];
  const maxLag = sample.shares.length - 1;
  let rowWeight: Float64Array | null = null;
  if (options.teamWeights) {
    rowWeight = new Float64Array(sample.n);
    for (let i = 0; i < sample.n; i++) rowWeight[i] = options.teamWeights[sample.team[i]!]!;
  }
  const subset = fixedEffectsSubset(sample.team, sample.month, sample.teams.length, sample.months.length, y, rowWeight);
  if (subset.rows.length === 0) return null;
  const scale = options.likelihoodScale ?? 1;

  // The sample's own design (every row, every team and month) is built once and reused by every
  // outcome and bootstrap refit: left-out rows get weight 0, and the fitter drops teams and months
  // without weighted rows. Only when the first month is left out (it is the reference month, so the
  // remaining month dummies would be collinear with the team effects) is a design built for the subset.
  const reuse = subset.months[0] === 0;
  let design: Design;
  let yFit: ArrayLike<number>;
  let offset: ArrayLike<number>;
  let weights: Float64Array | undefined;
  let monthOfLevel: readonly number[];
  if (reuse) {
    design = sampleDesign(sample);
    yFit = y;
    offset = sample.logExposure;
    weights = new Float64Array(sample.n);
    for (const i of subset.rows) weights[i] = (rowWeight ? rowWeight[i]! : 1) * scale;
    monthOfLevel = sample.months.map((_, m) => m);
  } else {
    design = lagDesign(sample, subset);
    yFit = subsetOf(y, subset.rows);
    offset = subsetOf(sample.logExposure, subset.rows);
    if (rowWeight || scale !== 1) {
      weights = new Float64Array(subset.rows.length);
      subset.rows.forEach((i, k) => (weights![k] = (rowWeight ? rowWeight[i]! : 1) * scale));
    }
    monthOfLevel = subset.months;
  }
  const thetaColumn = columnIndex(design, THETA_COLUMN);
  let start: Float64Array | undefined;
  if (options.start) {
    start = new Float64Array(design.columns.length);
    const effect = (level: number) => options.start!.monthEffects.get(sample.months[monthOfLevel[level]!]!);
    const ref = effect(0) ?? 0;
    for (let level = 1; level < monthOfLevel.length; level++) start[level - 1] = (effect(level) ?? ref) - ref;
    options.start.lagColumns.forEach((v, l) => (start![thetaColumn + l] = v));
    for (let k = 0; k < start.length; k++) if (!Number.isFinite(start[k]!)) start[k] = 0;
  }
  const fit = fitPoisson(design, yFit, {
    offset,
    weights,
    priors: options.prior ? [{ column: thetaColumn, mean: options.prior.mean, sd: options.prior.sd }] : undefined,
    start,
    covariance: options.covariance ?? true,
    tolerance: options.tolerance,
  });
  const theta = fit.coefficients[thetaColumn]!;
  const lagCoefficients = [theta];
  for (let l = 1; l <= maxLag; l++) {
    const b = fit.coefficients[thetaColumn + l]!;
    lagCoefficients.push(Number.isNaN(b) ? 0 : b);
    lagCoefficients[0] = lagCoefficients[0]! - (Number.isNaN(b) ? 0 : b);
  }
  let events = 0;
  for (const i of subset.rows) events += (rowWeight ? rowWeight[i]! : 1) * y[i]!;
  const monthEffects = new Map<string, number>();
  for (const m of subset.months) {
    const level = monthOfLevel.indexOf(m);
    monthEffects.set(sample.months[m]!, level === 0 ? 0 : fit.coefficients[level - 1]!);
  }
  const lagColumns: number[] = [];
  for (let l = 0; l <= maxLag; l++) {
    const v = fit.coefficients[thetaColumn + l]!;
    lagColumns.push(Number.isNaN(v) ? 0 : v);
  }
  return {
    theta,
    thetaSe: fit.standardErrors ? fit.standardErrors[thetaColumn]! : NaN,
    lagCoefficients,
    fit,
    design,
    subset,
    events,
    start: { monthEffects, lagColumns },
  };
}

/** The lag columns [s₀, s₁ − s₀, …] of the given sample rows. */
function lagColumnsOf(sample: LaggedSample, rows: Int32Array | null): DenseSpec[] {
  const pick = (values: Float64Array) => (rows ? subsetOf(values, rows) : Float64Array.from(values));
  const s0 = pick(sample.shares[0]!);
  const dense: DenseSpec[] = [{ name: THETA_COLUMN, values: s0 }];
  for (let l = 1; l < sample.shares.length; l++) {
    const sl = pick(sample.shares[l]!);
    for (let k = 0; k < sl.length; k++) sl[k] = sl[k]! - s0[k]!;
    dense.push({ name: `ai_share_lag${l}_minus_lag0`, values: sl });
  }
  return dense;
}

function lagDesign(sample: LaggedSample, subset: FixedEffectsSubset): Design {
  return fixedEffectsDesign(subset, sample.teams, sample.months, { dense: lagColumnsOf(sample, subset.rows) });
}

const sampleDesigns = new WeakMap<LaggedSample, Design>();

/** The design over every row of the sample (all teams, all months), built once per sample. */
function sampleDesign(sample: LaggedSample): Design {
  let design = sampleDesigns.get(sample);
  if (!design) {
    const all: FixedEffectsSubset = {
      rows: Int32Array.from({ length: sample.n }, (_, i) => i),
      team: sample.team,
      month: sample.month,
      teams: sample.teams.map((_, t) => t),
      months: sample.months.map((_, m) => m),
      droppedTeams: [],
      droppedMonths: [],
    };
    design = fixedEffectsDesign(all, sample.teams, sample.months, { dense: lagColumnsOf(sample, null) });
    sampleDesigns.set(sample, design);
  }
  return design;
}
