/**
 * Poisson regression (log link) by iteratively reweighted least squares, with an exposure offset,
 * frequency weights, an absorbed fixed-effect factor and optional independent normal priors on chosen
 * coefficients (penalised IRLS = the posterior mode). The engine of product.md §7.
 *
 * Model: y_i ~ Poisson(μ_i), log μ_i = offset_i + α_{f(i)} + x_i·β, log-likelihood weighted by w_i.
 * With priors β_k ~ N(m_k, s_k²) the objective is ℓ(α, β) − Σ_k (β_k − m_k)² / (2 s_k²); s = ∞ is
 * no prior (the plain maximum-likelihood fit). For the canonical log link IRLS is Newton's method, so
 * convergence is quadratic; a step that raises the penalised deviance is halved (as R's glm.fit does).
 *
 * Linear algebra: the normal equations are [D B; Bᵀ C] with D diagonal (the absorbed factor: one
 * dummy per level, at most one per row). The solver eliminates D — the Schur complement
 * S = C − Bᵀ D⁻¹ B, solved by Cholesky (ml-matrix) — so the cost is O(levels · q²) + O(q³) for q
 * explicit columns instead of O((levels + q)³). [S⁻¹] is exactly the β block of the inverse
 * information, so standard errors of β come out of the same factorisation.
 *
 * Separation: a factor level or a one-signed column (dummies, shares) whose rows all have y = 0 has
 * no finite MLE (its coefficient runs to −∞ and those rows' μ to 0). Such a term is dropped, its rows
 * get weight 0 — exactly the limit of the likelihood — and it is listed in `dropped`; under team fixed
 * effects a team with no events carries no information about the other coefficients. A term with a
 * prior is never dropped: the prior keeps it finite.
 */
import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { logFactorial } from './random';
import { logGamma } from './distributions';
import type { Design } from './design';

export interface NormalPrior {
  /** Explicit column index. */
  column: number;
  mean: number;
  /** Standard deviation; Infinity = no prior. */
  sd: number;
}

export interface PoissonFitOptions {
  offset?: ArrayLike<number> | undefined;
  /** Frequency weights ≥ 0 (a weight of 2 counts a row twice; 0 leaves it out). */
  weights?: ArrayLike<number> | undefined;
  priors?: readonly NormalPrior[] | undefined;
  /** Starting coefficients of the explicit columns (a warm start; the absorbed levels are profiled). */
  start?: ArrayLike<number> | undefined;
  maxIterations?: number | undefined;
  /**
   * Convergence: the largest Newton step, relative to 1 + |coefficient| (default 1e-8). Newton
   * converges quadratically, so the error after a step of size h is O(h²): 1e-8 leaves ~1e-16, and a
   * bootstrap refit that needs only ~1e-10 can stop at 1e-5.
   */
  tolerance?: number | undefined;
  /** Compute the covariance of the explicit coefficients (default true). */
  covariance?: boolean | undefined;
}

export interface DroppedTerm {
  term: string;
  reason: 'no data' | 'all outcomes zero';
}

export interface PoissonFit {
  columns: readonly string[];
  /** Explicit coefficients; NaN for dropped terms. */
  coefficients: Float64Array;
  /** Model-based standard errors √[S⁻¹]_kk (Poisson variance); NaN for dropped terms; null if not computed. */
  standardErrors: Float64Array | null;
  /** Covariance of the explicit coefficients (inverse penalised information); NaN rows for dropped terms. */
  covariance: Float64Array[] | null;
  absorbed: { name: string; levels: readonly string[]; coefficients: Float64Array } | null;
  dropped: DroppedTerm[];
  /** Fitted means μ_i (0 for rows dropped by separation). */
  fitted: Float64Array;
  /** Weights actually used (separation sets some to 0). */
  weights: Float64Array;
  deviance: number;
  pearsonChi2: number;
  /** Σ w over rows with weight > 0. */
  nObs: number;
  /** Estimated parameters: kept explicit columns + kept absorbed levels. */
  nParameters: number;
  dfResidual: number;
  /** Pearson overdispersion φ = X² / (n − p); 1 for a Poisson process, > 1 when overdispersed. */
  dispersion: number;
  logLikelihood: number;
  /** Σ (β_k − m_k)² / s_k² over the priors (0 without priors). */
  penalty: number;
  iterations: number;
  converged: boolean;
}

export class GlmError extends Error {
  constructor(
    readonly reason: 'singular' | 'no events' | 'no data' | 'not finite',
    message: string,
  ) {
    super(message);
    this.name = 'GlmError';
  }
}

/** Fit the Poisson GLM. Throws GlmError when the design is singular or there is nothing to fit. */
export function fitPoisson(design: Design, y: ArrayLike<number>, options: PoissonFitOptions = {}): PoissonFit {
  const { n } = design;
  const q = design.columns.length;
  if (y.length !== n) throw new Error(`fitPoisson: ${y.length} outcomes for ${n} rows`);
  const offset = options.offset ?? new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const wi = options.weights ? options.weights[i]! : 1;
    const yi = y[i]!;
    if (!(wi >= 0) || !Number.isFinite(wi)) throw new Error(`fitPoisson: weight ${wi} at row ${i}`);
    if (!(yi >= 0) || !Number.isFinite(yi)) throw new Error(`fitPoisson: outcome ${yi} at row ${i} is not a count`);
    if (!Number.isFinite(offset[i]!)) throw new Error(`fitPoisson: offset at row ${i} is not finite`);
    w[i] = wi;
  }
  const maxIterations = options.maxIterations ?? 50;
  const tolerance = options.tolerance ?? 1e-8;

  // Priors as precision and precision·mean per column (finite sd only).
  const precision = new Float64Array(q);
  const precisionMean = new Float64Array(q);
  const priorMean = new Float64Array(q);
  for (const p of options.priors ?? []) {
    if (p.column < 0 || p.column >= q) throw new Error(`fitPoisson: prior on unknown column ${p.column}`);
    if (!(p.sd > 0)) throw new Error(`fitPoisson: prior sd must be > 0 (got ${p.sd})`);
    if (!Number.isFinite(p.sd)) continue;
    precision[p.column] = 1 / (p.sd * p.sd);
    precisionMean[p.column] = p.mean / (p.sd * p.sd);
    priorMean[p.column] = p.mean;
  }

  const absorbed = design.absorbed;
  const L = absorbed ? absorbed.levels.length : 0;
  const level = absorbed ? absorbed.index : null;
  const levelActive = new Uint8Array(L).fill(1);
  const colActive = new Uint8Array(q).fill(1);
  let totalWeight = 0;
  let totalEvents = 0;
  for (let i = 0; i < n; i++) {
    totalWeight += w[i]!;
    totalEvents += w[i]! * y[i]!;
  }
  if (!(totalWeight > 0)) throw new GlmError('no data', 'No rows with positive weight to fit.');
  if (!(totalEvents > 0)) throw new GlmError('no events', 'Every outcome is zero: a rate model has nothing to fit.');
  const dropped = dropSeparated(design, y, w, precision, levelActive, colActive);

  const saturated = saturatedTerm(y, w);
  const active: number[] = [];
  for (let k = 0; k < q; k++) if (colActive[k]) active.push(k);
  const qa = active.length;
  const pos = new Int32Array(q).fill(-1); // column → position among the active columns
  active.forEach((k, p) => (pos[k] = p));

  const beta = new Float64Array(q);
  const alpha = new Float64Array(L);
  const eta = new Float64Array(n);
  const mu = new Float64Array(n);

  // Starting point: a warm start (α profiled in closed form), else R's mustart = y + 0.1.
  let haveCoefficients = false;
  if (options.start) {
    for (let k = 0; k < q; k++) beta[k] = colActive[k] ? options.start[k]! : 0;
    linearPredictor(design, offset, beta, null, eta);
    if (absorbed) profileLevels(level!, L, w, y, eta, levelActive, alpha);
    linearPredictor(design, offset, beta, absorbed ? alpha : null, eta);
    haveCoefficients = true;
  } else {
    for (let i = 0; i < n; i++) {
      mu[i] = y[i]! + 0.1;
      eta[i] = Math.log(mu[i]!);
    }
  }

  // Work arrays for the normal equations.
  const D = new Float64Array(L);
  const rA = new Float64Array(L);
  const B = new Float64Array(L * qa);
  const rB = new Float64Array(qa);
  const C = new Float64Array(qa * qa);
  const newBeta = new Float64Array(q);
  const newAlpha = new Float64Array(L);
  const oldBeta = new Float64Array(q);
  const oldAlpha = new Float64Array(L);

  let objective = haveCoefficients ? penalisedDeviance(y, w, eta, mu, saturated, beta, precision, priorMean) : Infinity;
  let iterations = 0;
  let converged = false;
  for (iterations = 1; iterations <= maxIterations; iterations++) {
    accumulate(design, y, w, offset, eta, mu, level, pos, qa, D, rA, B, rB, C, true);
    for (let p = 0; p < qa; p++) {
      const k = active[p]!;
      C[p * qa + p] = C[p * qa + p]! + precision[k]!;
      rB[p] = rB[p]! + precisionMean[k]!;
    }
    solveBlocks(L, qa, levelActive, D, rA, B, rB, C, active, newAlpha, newBeta);

    oldBeta.set(beta);
    oldAlpha.set(alpha);
    beta.set(newBeta);
    alpha.set(newAlpha);
    linearPredictor(design, offset, beta, absorbed ? alpha : null, eta);
    let next = penalisedDeviance(y, w, eta, mu, saturated, beta, precision, priorMean);
    // Step halving (R's glm.fit): never accept a step that makes the fit worse or non-finite.
    for (let half = 0; haveCoefficients && !(next <= objective * (1 + 1e-12) + 1e-12) && half < 40; half++) {
      for (let k = 0; k < q; k++) beta[k] = 0.5 * (beta[k]! + oldBeta[k]!);
      for (let j = 0; j < L; j++) alpha[j] = 0.5 * (alpha[j]! + oldAlpha[j]!);
      linearPredictor(design, offset, beta, absorbed ? alpha : null, eta);
      next = penalisedDeviance(y, w, eta, mu, saturated, beta, precision, priorMean);
    }
    if (!Number.isFinite(next)) throw new GlmError('not finite', 'The fit diverged (non-finite deviance).');
    let maxChange = 0;
    for (let k = 0; k < q; k++) maxChange = Math.max(maxChange, Math.abs(beta[k]! - oldBeta[k]!) / (1 + Math.abs(beta[k]!)));
    for (let j = 0; j < L; j++) maxChange = Math.max(maxChange, Math.abs(alpha[j]! - oldAlpha[j]!) / (1 + Math.abs(alpha[j]!)));
    objective = next;
    if (haveCoefficients && maxChange < tolerance) {
      converged = true;
      break;
    }
    haveCoefficients = true;
  }
  iterations = Math.min(iterations, maxIterations);

  // Final quantities at the accepted coefficients.
  let deviance = 0;
  let pearson = 0;
  let logLik = 0;
  let nObs = 0;
  for (let i = 0; i < n; i++) {
    const wi = w[i]!;
    const m = Math.exp(eta[i]!);
    mu[i] = wi > 0 ? m : 0;
    if (wi === 0) continue;
    const yi = y[i]!;
    nObs += wi;
    deviance += wi * 2 * ((yi > 0 ? yi * Math.log(yi / m) : 0) - (yi - m));
    pearson += (wi * (yi - m) * (yi - m)) / m;
    logLik += wi * (yi * eta[i]! - m - logFactorialOf(yi));
  }
  let penalty = 0;
  for (let k = 0; k < q; k++) if (precision[k]! > 0) penalty += precision[k]! * (beta[k]! - priorMean[k]!) ** 2;
  let keptLevels = 0;
  for (let j = 0; j < L; j++) keptLevels += levelActive[j]!;
  const nParameters = qa + keptLevels;
  const dfResidual = nObs - nParameters;

  let covariance: Float64Array[] | null = null;
  let standardErrors: Float64Array | null = null;
  if (options.covariance ?? true) {
    accumulate(design, y, w, offset, eta, mu, level, pos, qa, D, rA, B, rB, C, false);
    for (let p = 0; p < qa; p++) C[p * qa + p] = C[p * qa + p]! + precision[active[p]!]!;
    const inv = schurInverse(L, qa, levelActive, D, B, C);
    covariance = [];
    standardErrors = new Float64Array(q).fill(NaN);
    for (let k = 0; k < q; k++) {
      const row = new Float64Array(q).fill(NaN);
      const pk = pos[k]!;
      if (pk >= 0) {
        for (let l = 0; l < q; l++) if (pos[l]! >= 0) row[l] = inv.get(pk, pos[l]!);
        standardErrors[k] = Math.sqrt(inv.get(pk, pk));
      }
      covariance.push(row);
    }
  }

  const coefficients = new Float64Array(q);
  for (let k = 0; k < q; k++) coefficients[k] = colActive[k] ? beta[k]! : NaN;
  const levelCoefficients = new Float64Array(L);
  for (let j = 0; j < L; j++) levelCoefficients[j] = levelActive[j] ? alpha[j]! : NaN;
  return {
    columns: design.columns,
    coefficients,
    standardErrors,
    covariance,
    absorbed: absorbed ? { name: absorbed.name, levels: absorbed.levels, coefficients: levelCoefficients } : null,
    dropped,
    fitted: mu,
    weights: w,
    deviance,
    pearsonChi2: pearson,
    nObs,
    nParameters,
    dfResidual,
    dispersion: dfResidual > 0 ? pearson / dfResidual : NaN,
    logLikelihood: logLik,
    penalty,
    iterations,
    converged,
  };
}

function logFactorialOf(y: number): number {
  return Number.isInteger(y) ? logFactorial(y) : logGamma(y + 1);
}

/**
 * Drop separated terms (see the module comment), zeroing their rows' weights, until nothing changes.
 * Mutates `w`, `levelActive` and `colActive`.
 */
function dropSeparated(
  design: Design,
  y: ArrayLike<number>,
  w: Float64Array,
  precision: Float64Array,
  levelActive: Uint8Array,
  colActive: Uint8Array,
): DroppedTerm[] {
  const { n, rowStart, col, value } = design;
  const q = design.columns.length;
  const absorbed = design.absorbed;
  const L = absorbed ? absorbed.levels.length : 0;
  const dropped: DroppedTerm[] = [];
  const levelWeight = new Float64Array(L);
  const levelEvents = new Float64Array(L);
  const colWeight = new Float64Array(q);
  const colEvents = new Float64Array(q);
  const colPositive = new Uint8Array(q);
  const colNegative = new Uint8Array(q);
  for (let round = 0; round < 1000; round++) {
    levelWeight.fill(0);
    levelEvents.fill(0);
    colWeight.fill(0);
    colEvents.fill(0);
    colPositive.fill(0);
    colNegative.fill(0);
    for (let i = 0; i < n; i++) {
      const wi = w[i]!;
      if (wi === 0) continue;
      const yi = y[i]!;
      if (absorbed) {
        const j = absorbed.index[i]!;
        levelWeight[j] = levelWeight[j]! + wi;
        levelEvents[j] = levelEvents[j]! + wi * yi;
      }
      for (let e = rowStart[i]!; e < rowStart[i + 1]!; e++) {
        const k = col[e]!;
        const v = value[e]!;
        colWeight[k] = colWeight[k]! + wi * Math.abs(v);
        colEvents[k] = colEvents[k]! + wi * Math.abs(v) * yi;
        if (v > 0) colPositive[k] = 1;
        else colNegative[k] = 1;
      }
    }
    const dropRowsOfLevel = new Uint8Array(L);
    const dropRowsOfColumn = new Uint8Array(q);
    let changed = false;
    for (let j = 0; j < L; j++) {
      if (!levelActive[j]) continue;
      if (levelWeight[j] === 0) {
        levelActive[j] = 0;
        dropped.push({ term: `${absorbed!.name}[${absorbed!.levels[j]}]`, reason: 'no data' });
      } else if (levelEvents[j] === 0) {
        levelActive[j] = 0;
        dropRowsOfLevel[j] = 1;
        changed = true;
        dropped.push({ term: `${absorbed!.name}[${absorbed!.levels[j]}]`, reason: 'all outcomes zero' });
      }
    }
    for (let k = 0; k < q; k++) {
      if (!colActive[k]) continue;
      if (colWeight[k] === 0) {
        colActive[k] = 0;
        dropped.push({ term: design.columns[k]!, reason: 'no data' });
      } else if (colEvents[k] === 0 && precision[k] === 0 && !(colPositive[k] && colNegative[k])) {
        colActive[k] = 0;
        dropRowsOfColumn[k] = 1;
        changed = true;
        dropped.push({ term: design.columns[k]!, reason: 'all outcomes zero' });
      }
    }
    if (!changed) return dropped;
    for (let i = 0; i < n; i++) {
      if (w[i] === 0) continue;
      if (absorbed && dropRowsOfLevel[absorbed.index[i]!]) {
        w[i] = 0;
        continue;
      }
      for (let e = rowStart[i]!; e < rowStart[i + 1]!; e++) {
        if (dropRowsOfColumn[col[e]!]) {
          w[i] = 0;
          break;
        }
      }
    }
  }
  return dropped;
}

/** η = offset + α_f + x·β (dropped columns have β = 0, dropped levels α = 0 — their rows weigh 0). */
function linearPredictor(design: Design, offset: ArrayLike<number>, beta: Float64Array, alpha: Float64Array | null, eta: Float64Array): void {
  const { n, rowStart, col, value } = design;
  const level = design.absorbed?.index;
  for (let i = 0; i < n; i++) {
    let s = offset[i]!;
    if (alpha && level) s += alpha[level[i]!]!;
    for (let e = rowStart[i]!; e < rowStart[i + 1]!; e++) s += value[e]! * beta[col[e]!]!;
    eta[i] = s;
  }
}

/** α_j = log(Σ w y / Σ w exp(η_i)) over level j: the exact MLE of α given β (Poisson FE profile). */
function profileLevels(level: Int32Array, L: number, w: Float64Array, y: ArrayLike<number>, eta: Float64Array, levelActive: Uint8Array, alpha: Float64Array): void {
  const num = new Float64Array(L);
  const den = new Float64Array(L);
  for (let i = 0; i < level.length; i++) {
    const wi = w[i]!;
    if (wi === 0) continue;
    const j = level[i]!;
    num[j] = num[j]! + wi * y[i]!;
    den[j] = den[j]! + wi * Math.exp(eta[i]!);
  }
  for (let j = 0; j < L; j++) alpha[j] = levelActive[j] && num[j]! > 0 && den[j]! > 0 ? Math.log(num[j]! / den[j]!) : 0;
}

/** Penalised deviance at η (fills μ as a side effect). */
/**
 * Penalised deviance at η (fills μ as a side effect). Uses 2 Σ w [y ln y − y − y η + μ] with the first
 * two terms precomputed (`saturated`), so no logarithm per row: ln μ = η.
 */
function penalisedDeviance(y: ArrayLike<number>, w: Float64Array, eta: Float64Array, mu: Float64Array, saturated: number, beta: Float64Array, precision: Float64Array, priorMean: Float64Array): number {
  let sum = saturated;
  for (let i = 0; i < eta.length; i++) {
    const wi = w[i]!;
    if (wi === 0) continue;
    const m = Math.exp(eta[i]!);
    mu[i] = m;
    sum += wi * (m - y[i]! * eta[i]!);
  }
  let dev = 2 * sum;
  for (let k = 0; k < beta.length; k++) if (precision[k]! > 0) dev += precision[k]! * (beta[k]! - priorMean[k]!) ** 2;
  return dev;
}

/** Σ w (y ln y − y): the part of the deviance that does not depend on the fit. */
function saturatedTerm(y: ArrayLike<number>, w: Float64Array): number {
  let s = 0;
  for (let i = 0; i < w.length; i++) {
    const wi = w[i]!;
    const yi = y[i]!;
    if (wi !== 0 && yi > 0) s += wi * (yi * Math.log(yi) - yi);
  }
  return s;
}

/**
 * Accumulate the IRLS normal equations at η: working weights W = wμ, working response
 * z = η − offset + (y − μ)/μ; D = Σ W per level, B = Σ W x per level, C = Σ W x xᵀ (upper triangle,
 * mirrored), right-hand sides Σ W z (per level) and Σ W z x. Only the non-zeros of x are visited.
 */
function accumulate(
  design: Design,
  y: ArrayLike<number>,
  w: Float64Array,
  offset: ArrayLike<number>,
  eta: Float64Array,
  mu: Float64Array,
  level: Int32Array | null,
  pos: Int32Array,
  qa: number,
  D: Float64Array,
  rA: Float64Array,
  B: Float64Array,
  rB: Float64Array,
  C: Float64Array,
  withRhs: boolean,
): void {
  const { n, rowStart, col, value } = design;
  D.fill(0);
  rA.fill(0);
  B.fill(0);
  rB.fill(0);
  C.fill(0);
  for (let i = 0; i < n; i++) {
    const wi = w[i]!;
    if (wi === 0) continue;
    const m = mu[i]!;
    const W = wi * m;
    const z = withRhs ? eta[i]! - offset[i]! + (y[i]! - m) / m : 0;
    const Wz = W * z;
    const start = rowStart[i]!;
    const end = rowStart[i + 1]!;
    if (level) {
      const j = level[i]!;
      D[j] = D[j]! + W;
      rA[j] = rA[j]! + Wz;
      const base = j * qa;
      for (let e = start; e < end; e++) {
        const p = pos[col[e]!]!;
        if (p >= 0) B[base + p] = B[base + p]! + W * value[e]!;
      }
    }
    for (let e = start; e < end; e++) {
      const p = pos[col[e]!]!;
      if (p < 0) continue;
      const Wv = W * value[e]!;
      rB[p] = rB[p]! + Wz * value[e]!;
      for (let f = start; f < end; f++) {
        const r = pos[col[f]!]!;
        if (r >= p) C[p * qa + r] = C[p * qa + r]! + Wv * value[f]!;
      }
    }
  }
  for (let p = 0; p < qa; p++) for (let r = p + 1; r < qa; r++) C[r * qa + p] = C[p * qa + r]!;
}

/** S = C − Bᵀ D⁻¹ B over the active levels, as an exactly symmetric ml-matrix Matrix. */
function schurComplement(L: number, qa: number, levelActive: Uint8Array, D: Float64Array, B: Float64Array, C: Float64Array): Matrix {
  const S = new Float64Array(C);
  for (let j = 0; j < L; j++) {
    if (!levelActive[j] || !(D[j]! > 0)) continue;
    const inv = 1 / D[j]!;
    const base = j * qa;
    for (let p = 0; p < qa; p++) {
      const bp = B[base + p]!;
      if (bp === 0) continue;
      const f = bp * inv;
      for (let r = p; r < qa; r++) S[p * qa + r] = S[p * qa + r]! - (f * B[base + r]!);
    }
  }
  const M = new Matrix(qa, qa);
  for (let p = 0; p < qa; p++) {
    for (let r = p; r < qa; r++) {
      M.set(p, r, S[p * qa + r]!);
      M.set(r, p, S[p * qa + r]!);
    }
  }
  return M;
}

function cholesky(S: Matrix): CholeskyDecomposition {
  const chol = new CholeskyDecomposition(S);
  if (!chol.isPositiveDefinite()) {
    throw new GlmError('singular', 'The design is singular: some columns are collinear (or carry no information) in the rows being fitted.');
  }
  return chol;
}

/**
 * Solve [D B; Bᵀ C] [α; β] = [rA; rB] by eliminating the diagonal block D (Schur complement on β),
 * then back-substituting α = D⁻¹ (rA − B β).
 */
function solveBlocks(
  L: number,
  qa: number,
  levelActive: Uint8Array,
  D: Float64Array,
  rA: Float64Array,
  B: Float64Array,
  rB: Float64Array,
  C: Float64Array,
  active: readonly number[],
  alphaOut: Float64Array,
  betaOut: Float64Array,
): void {
  const rhs = new Float64Array(rB);
  for (let j = 0; j < L; j++) {
    if (!levelActive[j] || !(D[j]! > 0)) continue;
    const f = rA[j]! / D[j]!;
    const base = j * qa;
    for (let p = 0; p < qa; p++) rhs[p] = rhs[p]! - (B[base + p]! * f);
  }
  betaOut.fill(0);
  if (qa > 0) {
    const chol = cholesky(schurComplement(L, qa, levelActive, D, B, C));
    const solution = chol.solve(Matrix.columnVector(Array.from(rhs)));
    for (let p = 0; p < qa; p++) betaOut[active[p]!] = solution.get(p, 0);
  }
  for (let j = 0; j < L; j++) {
    if (!levelActive[j] || !(D[j]! > 0)) {
      alphaOut[j] = 0;
      continue;
    }
    let s = rA[j]!;
    const base = j * qa;
    for (let p = 0; p < qa; p++) s -= B[base + p]! * betaOut[active[p]!]!;
    alphaOut[j] = s / D[j]!;
  }
}

/** [S⁻¹]: the explicit-coefficient block of the inverse (penalised) information. */
function schurInverse(L: number, qa: number, levelActive: Uint8Array, D: Float64Array, B: Float64Array, C: Float64Array): Matrix {
  if (qa === 0) return new Matrix(0, 0);
  const chol = cholesky(schurComplement(L, qa, levelActive, D, B, C));
  return chol.solve(Matrix.eye(qa));
}

/** Estimate and standard error of a linear combination aᵀβ of the explicit coefficients. */
export function linearCombination(coefficients: ArrayLike<number>, covariance: readonly ArrayLike<number>[] | null, a: ArrayLike<number>): { estimate: number; se: number } {
  let estimate = 0;
  for (let k = 0; k < a.length; k++) if (a[k] !== 0) estimate += a[k]! * coefficients[k]!;
  let variance = 0;
  if (covariance) {
    for (let k = 0; k < a.length; k++) {
      if (a[k] === 0) continue;
      for (let l = 0; l < a.length; l++) if (a[l] !== 0) variance += a[k]! * a[l]! * covariance[k]![l]!;
    }
  }
  return { estimate, se: covariance ? Math.sqrt(variance) : NaN };
}

/**
 * Cluster-robust (sandwich) covariance of the explicit coefficients, clusters given per row:
 * V = S⁻¹ (Σ_g s_g s_gᵀ) S⁻¹ · G/(G−1), s_g = Σ_{i∈g} w_i (y_i − μ_i) x_i (Liang & Zeger 1986, with
 * the usual small-sample factor). Valid with an absorbed factor nested in the clusters (team effects,
 * team clusters): each level's score is zero at the MLE, so the absorbed block adds nothing. Use on an
 * unpenalised fit.
 */
export function clusterRobustCovariance(design: Design, y: ArrayLike<number>, fit: PoissonFit, cluster: ArrayLike<number>): Float64Array[] {
  const q = design.columns.length;
  if (!fit.covariance) throw new Error('clusterRobustCovariance needs a fit with its covariance');
  if (design.absorbed) {
    const owner = new Map<number, number>();
    for (let i = 0; i < design.n; i++) {
      if (fit.weights[i] === 0) continue;
      const j = design.absorbed.index[i]!;
      const g = cluster[i]!;
      const seen = owner.get(j);
      if (seen === undefined) owner.set(j, g);
      else if (seen !== g) throw new Error('clusterRobustCovariance: the absorbed factor must be nested in the clusters');
    }
  }
  const scores = new Map<number, Float64Array>();
  for (let i = 0; i < design.n; i++) {
    const wi = fit.weights[i]!;
    if (wi === 0) continue;
    const g = cluster[i]!;
    let s = scores.get(g);
    if (!s) {
      s = new Float64Array(q);
      scores.set(g, s);
    }
    const r = wi * (y[i]! - fit.fitted[i]!);
    for (let e = design.rowStart[i]!; e < design.rowStart[i + 1]!; e++) s[design.col[e]!] = s[design.col[e]!]! + r * design.value[e]!;
  }
  const G = scores.size;
  const meat = Array.from({ length: q }, () => new Float64Array(q));
  for (const s of scores.values()) {
    for (let k = 0; k < q; k++) {
      if (s[k] === 0) continue;
      const row = meat[k]!;
      for (let l = 0; l < q; l++) row[l] = row[l]! + s[k]! * s[l]!;
    }
  }
  const keep: number[] = [];
  for (let k = 0; k < q; k++) if (!Number.isNaN(fit.coefficients[k]!)) keep.push(k);
  const bread = new Matrix(keep.map((k) => keep.map((l) => fit.covariance![k]![l]!)));
  const M = new Matrix(keep.map((k) => keep.map((l) => meat[k]![l]!)));
  const V = bread.mmul(M).mmul(bread).mul(G > 1 ? G / (G - 1) : NaN);
  const out = Array.from({ length: q }, () => new Float64Array(q).fill(NaN));
  keep.forEach((k, a) => keep.forEach((l, b) => (out[k]![l] = V.get(a, b))));
  return out;
}
