import { inverse, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { buildDesign, denseRows, type Design } from '../../../analytics/stats/design';
import { clusterRobustCovariance, fitPoisson, GlmError, type PoissonFit } from '../../../analytics/stats/poisson-glm';
import { logFactorial, Rng } from '../../../analytics/stats/random';

/**
 * Reference values: there is no R or statsmodels here, so each check's reference comes from a
 * different route than IRLS — closed forms (one binary covariate with an offset; the independence
 * model of a two-way table) or an independent optimiser (Newton on a finite-difference gradient and
 * Hessian of the log-likelihood) whose output is recorded below.
 */

function logLik(design: Design, y: ArrayLike<number>, offset: ArrayLike<number>, beta: readonly number[]): number {
  const X = denseRows(design);
  let ll = 0;
  for (let i = 0; i < design.n; i++) {
    const eta = offset[i]! + X[i]!.reduce((s, x, k) => s + x * beta[k]!, 0);
    ll += y[i]! * eta - Math.exp(eta) - logFactorial(y[i]!);
  }
  return ll;
}

/** Newton's method on finite differences of the log-likelihood: shares nothing with the IRLS code. */
function numericalMle(design: Design, y: ArrayLike<number>, offset: ArrayLike<number>): { beta: number[]; hessian: number[][] } {
  const p = design.columns.length;
  let beta = new Array<number>(p).fill(0);
  const f = (b: number[]) => logLik(design, y, offset, b);
  const h = 1e-5;
  const gradient = (b: number[]) =>
    b.map((_, k) => {
      const up = b.slice();
      const down = b.slice();
      up[k]! += h;
      down[k]! -= h;
      return (f(up) - f(down)) / (2 * h);
    });
  const hessian = (b: number[]) =>
    b.map((_, k) => {
      const up = b.slice();
      const down = b.slice();
      up[k]! += 1e-4;
      down[k]! -= 1e-4;
      const gu = gradient(up);
      const gd = gradient(down);
      return gu.map((g, l) => (g - gd[l]!) / 2e-4);
    });
  for (let it = 0; it < 50; it++) {
    const g = gradient(beta);
    const H = hessian(beta);
    const step = inverse(new Matrix(H)).mmul(Matrix.columnVector(g)).to1DArray();
    beta = beta.map((b, k) => b - step[k]!);
    if (Math.max(...step.map(Math.abs)) < 1e-10) break;
  }
  return { beta, hessian: hessian(beta) };
}

/** X'W(y − μ) for every explicit column and every absorbed level. */
function scores(design: Design, y: ArrayLike<number>, fit: PoissonFit): { columns: number[]; levels: number[] } {
  const columns = new Array<number>(design.columns.length).fill(0);
  const levels = new Array<number>(design.absorbed?.levels.length ?? 0).fill(0);
  for (let i = 0; i < design.n; i++) {
    const r = fit.weights[i]! * (y[i]! - fit.fitted[i]!);
    if (design.absorbed) levels[design.absorbed.index[i]!]! += r;
    for (let e = design.rowStart[i]!; e < design.rowStart[i + 1]!; e++) columns[design.col[e]!]! += r * design.value[e]!;
  }
  return { columns, levels };
}

function simulatedPanel(seed: string, teams: number, months: number) {
  const rng = Rng.seeded(seed);
  const n = teams * months;
  const team = new Int32Array(n);
  const month = new Int32Array(n);
  const x = new Float64Array(n);
  const offset = new Float64Array(n);
  const y = new Float64Array(n);
  const teamEffect = Array.from({ length: teams }, () => rng.normal(0, 0.4));
  for (let t = 0; t < teams; t++) {
    for (let m = 0; m < months; m++) {
      const i = t * months + m;
      team[i] = t;
      month[i] = m;
      x[i] = m > months / 3 && t % 2 === 0 ? rng.between(0, 0.8) : 0;
      const exposure = rng.int(10, 60);
      offset[i] = Math.log(exposure);
      y[i] = rng.poisson(exposure * 0.08 * Math.exp(teamEffect[t]! - 0.01 * m + 0.3 * x[i]!));
    }
  }
  const teamLevels = Array.from({ length: teams }, (_, t) => `t${t}`);
  const monthLevels = Array.from({ length: months }, (_, m) => `m${m}`);
  return { n, team, month, x, offset, y, teamLevels, monthLevels };
}

describe('fitPoisson: closed forms', () => {
  // Group A (x = 0): 10 events in 35 units of exposure; group B (x = 1): 26 in 57.
  const y = [3, 5, 2, 7, 4, 9, 6];
  const exposure = [10, 20, 5, 15, 10, 20, 12];
  const x = [0, 0, 0, 1, 1, 1, 1];
  const design = buildDesign({ n: 7, intercept: true, dense: [{ name: 'x', values: x }] });
  const offset = exposure.map(Math.log);

  it('one binary covariate with an offset: the MLE rate ratio is the ratio of the group rates', () => {
    const fit = fitPoisson(design, y, { offset });
    expect(fit.converged).toBe(true);
    // ln(10/35) and ln((26/57) / (10/35)), exactly.
    expect(fit.coefficients[0]).toBeCloseTo(-1.252762968495368, 12);
    expect(fit.coefficients[1]).toBeCloseTo(0.4678082386822999, 12);
    // Standard errors: √(1/10) for the log rate of A, √(1/10 + 1/26) for the log ratio.
    expect(fit.standardErrors![0]).toBeCloseTo(0.31622776601683794, 10);
    expect(fit.standardErrors![1]).toBeCloseTo(0.3721042037676254, 10);
    // Deviance of the two-rate model, Σ 2[y ln(y/μ) − (y − μ)] with μ = exposure × group rate.
    expect(fit.deviance).toBeCloseTo(0.4297706732467292, 10);
    expect(fit.nObs).toBe(7);
    expect(fit.nParameters).toBe(2);
    expect(fit.dispersion).toBeCloseTo(fit.pearsonChi2 / 5, 12);
  });

  it('a saturated model reproduces the data (deviance 0)', () => {
    const saturated = buildDesign({ n: 7, factors: [{ name: 'row', levels: y.map((_, i) => String(i)), index: y.map((_, i) => i), reference: null }] });
    const fit = fitPoisson(saturated, y, { offset });
    for (let i = 0; i < 7; i++) expect(fit.fitted[i]).toBeCloseTo(y[i]!, 9);
    expect(fit.deviance).toBeLessThan(1e-12);
    for (let i = 0; i < 7; i++) expect(fit.coefficients[i]).toBeCloseTo(Math.log(y[i]! / exposure[i]!), 9);
  });

  it('team and month fixed effects on a two-way table give the independence fit μ = row total × column total / total', () => {
    const table = [
      [12, 7, 3, 9],
      [4, 8, 6, 2],
      [15, 11, 9, 14],
    ];
    const team: number[] = [];
    const month: number[] = [];
    const counts: number[] = [];
    table.forEach((row, t) => row.forEach((v, m) => (team.push(t), month.push(m), counts.push(v))));
    const rowTotal = table.map((r) => r.reduce((a, b) => a + b, 0));
    const colTotal = table[0]!.map((_, m) => table.reduce((a, r) => a + r[m]!, 0));
    const total = rowTotal.reduce((a, b) => a + b, 0);
    const expected = counts.map((_, i) => (rowTotal[team[i]!]! * colTotal[month[i]!]!) / total);
    expect(expected[0]).toBeCloseTo(9.61, 12); // row 0 total 31 × column 0 total 31 / 100
    const absorbed = buildDesign({
      n: 12,
      absorbed: { name: 'team', levels: ['a', 'b', 'c'], index: Int32Array.from(team) },
      factors: [{ name: 'month', levels: ['1', '2', '3', '4'], index: month, reference: 0 }],
    });
    const explicit = buildDesign({
      n: 12,
      intercept: true,
      factors: [
        { name: 'team', levels: ['a', 'b', 'c'], index: team, reference: 0 },
        { name: 'month', levels: ['1', '2', '3', '4'], index: month, reference: 0 },
      ],
    });
    for (const d of [absorbed, explicit]) {
      const fit = fitPoisson(d, counts);
      for (let i = 0; i < 12; i++) expect(fit.fitted[i]).toBeCloseTo(expected[i]!, 9);
    }
  });
});

describe('fitPoisson: against an independent optimiser', () => {
  const rng = Rng.seeded('glm-reference');
  const n = 40;
  const x1 = Array.from({ length: n }, () => rng.normal(0, 1));
  const x2 = Array.from({ length: n }, () => rng.between(0, 1));
  const offset = Array.from({ length: n }, () => Math.log(rng.int(5, 50)));
  const y = x1.map((v, i) => rng.poisson(Math.exp(offset[i]! - 2 + 0.4 * v - 0.7 * x2[i]!)));
  const design = buildDesign({ n, intercept: true, dense: [{ name: 'x1', values: x1 }, { name: 'x2', values: x2 }] });
  const fit = fitPoisson(design, y, { offset });

  it('matches Newton on the finite-difference log-likelihood (coefficients to 1e-6, SEs to 1e-4)', () => {
    const reference = numericalMle(design, y, offset);
    // What the independent optimiser found for this seeded data set (recorded):
    expect(reference.beta[0]).toBeCloseTo(-1.9697742, 6);
    expect(reference.beta[1]).toBeCloseTo(0.4249699, 6);
    expect(reference.beta[2]).toBeCloseTo(-0.8962282, 6);
    for (let k = 0; k < 3; k++) expect(fit.coefficients[k]).toBeCloseTo(reference.beta[k]!, 6);
    const covariance = inverse(new Matrix(reference.hessian).mul(-1));
    for (let k = 0; k < 3; k++) expect(Math.abs(fit.standardErrors![k]! / Math.sqrt(covariance.get(k, k)) - 1)).toBeLessThan(1e-4);
    expect(fit.logLikelihood).toBeCloseTo(logLik(design, y, offset, Array.from(fit.coefficients)), 9);
  });

  it('solves the score equations X′(y − μ) = 0 to 1e-8', () => {
    const s = scores(design, y, fit);
    for (const v of s.columns) expect(Math.abs(v)).toBeLessThan(1e-8);
  });
});

describe('fitPoisson: absorbed fixed effects', () => {
  const p = simulatedPanel('absorbed', 12, 18);
  const absorbed = buildDesign({
    n: p.n,
    absorbed: { name: 'team', levels: p.teamLevels, index: p.team },
    factors: [{ name: 'month', levels: p.monthLevels, index: p.month, reference: 0 }],
    dense: [{ name: 'x', values: p.x }],
  });
  const explicit = buildDesign({
    n: p.n,
    intercept: true,
    factors: [
      { name: 'team', levels: p.teamLevels, index: p.team, reference: 0 },
      { name: 'month', levels: p.monthLevels, index: p.month, reference: 0 },
    ],
    dense: [{ name: 'x', values: p.x }],
  });

  it('equal the intercept + teams−1 dummies parametrisation: same coefficients, SEs and deviance', () => {
    const a = fitPoisson(absorbed, p.y, { offset: p.offset });
    const e = fitPoisson(explicit, p.y, { offset: p.offset });
    expect(a.deviance).toBeCloseTo(e.deviance, 8);
    const shift = 1 + p.teamLevels.length - 1; // intercept + team dummies come first in the explicit design
    for (let k = 0; k < a.columns.length; k++) {
      expect(a.columns[k]).toBe(e.columns[k + shift]);
      expect(a.coefficients[k]).toBeCloseTo(e.coefficients[k + shift]!, 9);
      expect(a.standardErrors![k]).toBeCloseTo(e.standardErrors![k + shift]!, 9);
    }
    // Team effects: α_team = intercept + that team's dummy.
    expect(a.absorbed!.coefficients[0]).toBeCloseTo(e.coefficients[0]!, 9);
    expect(a.absorbed!.coefficients[3]).toBeCloseTo(e.coefficients[0]! + e.coefficients[3]!, 9);
    expect(a.nParameters).toBe(e.nParameters);
    expect(a.dispersion).toBeCloseTo(e.dispersion, 9);
    // Every team's score is zero at the MLE, as are the explicit columns'.
    const s = scores(absorbed, p.y, a);
    for (const v of [...s.columns, ...s.levels]) expect(Math.abs(v)).toBeLessThan(1e-7);
  });

  it('a warm start converges to the same fit', () => {
    const cold = fitPoisson(absorbed, p.y, { offset: p.offset });
    const warm = fitPoisson(absorbed, p.y, { offset: p.offset, start: Array.from(cold.coefficients, (c) => c + 0.05) });
    for (let k = 0; k < cold.coefficients.length; k++) expect(warm.coefficients[k]).toBeCloseTo(cold.coefficients[k]!, 9);
  });

  it('cluster-robust covariance equals the brute-force sandwich with every dummy explicit', () => {
    const a = fitPoisson(absorbed, p.y, { offset: p.offset });
    const robust = clusterRobustCovariance(absorbed, p.y, a, p.team);
    // Brute force: full information, full per-team scores, explicit design.
    const e = fitPoisson(explicit, p.y, { offset: p.offset });
    const X = denseRows(explicit);
    const q = explicit.columns.length;
    const info = Array.from({ length: q }, () => new Array<number>(q).fill(0));
    const teamScores = p.teamLevels.map(() => new Array<number>(q).fill(0));
    for (let i = 0; i < p.n; i++) {
      const mu = e.fitted[i]!;
      for (let k = 0; k < q; k++) {
        teamScores[p.team[i]!]![k]! += (p.y[i]! - mu) * X[i]![k]!;
        for (let l = 0; l < q; l++) info[k]![l]! += mu * X[i]![k]! * X[i]![l]!;
      }
    }
    const bread = inverse(new Matrix(info));
    const meat = new Matrix(q, q);
    for (const s of teamScores) meat.add(Matrix.columnVector(s).mmul(Matrix.rowVector(s)));
    const G = p.teamLevels.length;
    const V = bread.mmul(meat).mmul(bread).mul(G / (G - 1));
    const shift = p.teamLevels.length;
    for (let k = 0; k < absorbed.columns.length; k++) {
      expect(robust[k]![k]).toBeCloseTo(V.get(k + shift, k + shift), 9);
      expect(robust[k]![absorbed.columns.length - 1]).toBeCloseTo(V.get(k + shift, q - 1), 9);
    }
  });
});

describe('fitPoisson: priors (penalised IRLS)', () => {
  const p = simulatedPanel('priors', 6, 12);
  const design = buildDesign({
    n: p.n,
    absorbed: { name: 'team', levels: p.teamLevels, index: p.team },
    factors: [{ name: 'month', levels: p.monthLevels, index: p.month, reference: 0 }],
    dense: [{ name: 'x', values: p.x }],
  });
  const xColumn = design.columns.length - 1;
  const plain = fitPoisson(design, p.y, { offset: p.offset });

  it('an infinitely wide prior is the plain fit', () => {
    const wide = fitPoisson(design, p.y, { offset: p.offset, priors: [{ column: xColumn, mean: 3, sd: Infinity }] });
    expect(Array.from(wide.coefficients)).toEqual(Array.from(plain.coefficients));
    expect(Array.from(wide.standardErrors!)).toEqual(Array.from(plain.standardErrors!));
    expect(wide.penalty).toBe(0);
  });

  it('a very tight prior pins the coefficient to the prior mean', () => {
    const tight = fitPoisson(design, p.y, { offset: p.offset, priors: [{ column: xColumn, mean: 0.9, sd: 1e-6 }] });
    expect(tight.coefficients[xColumn]).toBeCloseTo(0.9, 5);
    expect(tight.standardErrors![xColumn]).toBeLessThan(1.01e-6);
  });

  it('a moderate prior gives the posterior mode: between MLE and prior mean, penalised score equation = 0', () => {
    const prior = { column: xColumn, mean: -1, sd: 0.2 };
    const post = fitPoisson(design, p.y, { offset: p.offset, priors: [prior] });
    const b = post.coefficients[xColumn]!;
    expect(b).toBeLessThan(plain.coefficients[xColumn]!);
    expect(b).toBeGreaterThan(-1);
    const s = scores(design, p.y, post);
    expect(Math.abs(s.columns[xColumn]! - (b - prior.mean) / prior.sd ** 2)).toBeLessThan(1e-7);
    // Posterior precision = data information + prior precision: the SE shrinks.
    expect(post.standardErrors![xColumn]).toBeLessThan(plain.standardErrors![xColumn]!);
  });
});

describe('fitPoisson: separation, weights, dispersion, errors', () => {
  it('drops a team whose outcomes are all zero and fits the others as if it were absent', () => {
    const p = simulatedPanel('separation', 8, 10);
    const y = Float64Array.from(p.y);
    for (let i = 0; i < p.n; i++) if (p.team[i] === 2) y[i] = 0;
    const spec = (keep: (i: number) => boolean) => {
      const rows = Array.from({ length: p.n }, (_, i) => i).filter(keep);
      return {
        design: buildDesign({
          n: rows.length,
          absorbed: { name: 'team', levels: p.teamLevels, index: Int32Array.from(rows, (i) => p.team[i]!) },
          factors: [{ name: 'month', levels: p.monthLevels, index: rows.map((i) => p.month[i]!), reference: 0 }],
          dense: [{ name: 'x', values: rows.map((i) => p.x[i]!) }],
        }),
        y: rows.map((i) => y[i]!),
        offset: rows.map((i) => p.offset[i]!),
      };
    };
    const all = spec(() => true);
    const fit = fitPoisson(all.design, all.y, { offset: all.offset });
    expect(fit.dropped).toEqual([{ term: 'team[t2]', reason: 'all outcomes zero' }]);
    expect(Number.isNaN(fit.absorbed!.coefficients[2]!)).toBe(true);
    const without = spec((i) => p.team[i] !== 2);
    const ref = fitPoisson(without.design, without.y, { offset: without.offset });
    for (let k = 0; k < fit.coefficients.length; k++) expect(fit.coefficients[k]).toBeCloseTo(ref.coefficients[k]!, 9);
    expect(fit.nObs).toBe(p.n - 10);
  });

  it('drops a dummy whose rows all have zero outcomes', () => {
    const y = [0, 0, 3, 5, 2, 4];
    const g = [1, 1, 0, 0, 0, 0];
    const fit = fitPoisson(buildDesign({ n: 6, intercept: true, dense: [{ name: 'g', values: g }] }), y);
    expect(fit.dropped).toEqual([{ term: 'g', reason: 'all outcomes zero' }]);
    expect(fit.coefficients[0]).toBeCloseTo(Math.log(14 / 4), 10);
  });

  it('frequency weights equal duplicated rows', () => {
    const y = [2, 5, 1, 7, 3];
    const x = [0.1, 0.5, 0.2, 0.9, 0.4];
    const weighted = fitPoisson(buildDesign({ n: 5, intercept: true, dense: [{ name: 'x', values: x }] }), y, { weights: [1, 2, 0, 3, 1] });
    const rows = [0, 1, 1, 3, 3, 3, 4];
    const duplicated = fitPoisson(buildDesign({ n: rows.length, intercept: true, dense: [{ name: 'x', values: rows.map((i) => x[i]!) }] }), rows.map((i) => y[i]!));
    for (let k = 0; k < 2; k++) expect(weighted.coefficients[k]).toBeCloseTo(duplicated.coefficients[k]!, 10);
    expect(weighted.deviance).toBeCloseTo(duplicated.deviance, 10);
    expect(weighted.nObs).toBe(7);
  });

  it('reports φ ≈ 1 for Poisson counts and ≈ 1 + μ/k for negative-binomial ones', () => {
    const rng = Rng.seeded('dispersion');
    const n = 3000;
    const x = Array.from({ length: n }, () => rng.between(0, 1));
    const design = buildDesign({ n, intercept: true, dense: [{ name: 'x', values: x }] });
    const poisson = fitPoisson(design, x.map((v) => rng.poisson(5 * Math.exp(0.3 * v))));
    expect(poisson.dispersion).toBeGreaterThan(0.9);
    expect(poisson.dispersion).toBeLessThan(1.1);
    const nb = fitPoisson(design, x.map((v) => rng.negativeBinomial(5 * Math.exp(0.3 * v), 2)));
    // Var/mean = 1 + μ/k ≈ 1 + 5.8/2 ≈ 3.9 at the average mean.
    expect(nb.dispersion).toBeGreaterThan(3.3);
    expect(nb.dispersion).toBeLessThan(4.5);
  });

  it('refuses a singular design with a GlmError', () => {
    const x = [1, 2, 3, 4];
    const design = buildDesign({ n: 4, intercept: true, dense: [{ name: 'a', values: x }, { name: 'b', values: x.map((v) => 2 * v) }] });
    expect(() => fitPoisson(design, [1, 2, 3, 4])).toThrow(GlmError);
    expect(() => fitPoisson(buildDesign({ n: 2, intercept: true }), [0, 0])).toThrow(/Every outcome is zero/);
  });
});
